#pragma once
#include "core/model/RoomEvent.h"
#include "core/providers/twitch/EventSubParser.h"

#include <QJsonArray>

#include <optional>

namespace roomwarden::twitch {

// Notification → model::RoomEvent (specs/twitch.md §4.5–4.6). Pure; unknown types, unknown
// channel.moderate actions and events with no matching RoomEventKind give nullopt. Missing or
// mistyped fields leave the corresponding RoomEvent field empty; nothing here can crash.
//
// Conventions:
//  - roomKey "twitch:<broadcaster_user_id>" (model::Room::key());
//  - eventId = metadata.message_id (the de-duplication key, §4.2);
//  - occurredAt = the event's own time when it has one (banned_at, followed_at, started_at,
//    held_at, created_at), else the message timestamp;
//  - actor = whoever acted (chatter, moderator, raider), target = whom it concerned.
class EventSubEventMapper
{
public:
    static std::optional<model::RoomEvent> toRoomEvent(const EventSubEnvelope &envelope);
    static model::Roles rolesFromBadges(const QJsonArray &badges);

    // Timeout length from an end time and a start time, in whole seconds (≥ 1).
    static std::optional<qint64> secondsBetween(const QDateTime &from, const QDateTime &to);
};

} // namespace roomwarden::twitch
