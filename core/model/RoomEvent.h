#pragma once
#include "core/model/Role.h"

#include <optional>
#include <QDateTime>
#include <QString>
#include <QStringView>

namespace roomwarden::model {

// What happened in a room, normalised. Providers parse platform payloads into these; generic
// code (live/, moderation/, analytics/) never sees platform JSON.
enum class RoomEventKind
{
    ChatMessage,
    MessageDeleted,
    ChatCleared,
    UserBanned,
    UserTimedOut,
    UserUnbanned,
    UserWarned,
    Follow,
    Subscription,
    RaidIncoming,
    RaidOutgoing,
    StreamOnline,
    StreamOffline,
    AutoModHeld,
    AutoModResolved,
    ChatSettingsChanged,
    ShieldModeChanged,
    UnbanRequestCreated,
    UnbanRequestResolved,
    ParticipantJoined,
    ParticipantLeft,
    SpeakerInvited, // Discord Stage
    HandRaised,     // Discord Stage
    ViewerCountSample,
    Gap, // the connection dropped: events between `occurredAt` and `gapEnd` may be missing
};

QString eventKindId(RoomEventKind kind); // "chat_message", ...: stable, used in storage
std::optional<RoomEventKind> eventKindFromId(QStringView id);
// Kinds that record a moderator's action (for the audit log and per-moderator metrics).
bool isModerationEvent(RoomEventKind kind);

struct RoomEvent
{
    RoomEventKind kind = RoomEventKind::ChatMessage;
    QString eventId; // the platform's delivery id, for de-duplication
    QString roomKey;
    QDateTime occurredAt;

    QString actorId; // who did it (the chatter, the moderator, the raider)
    QString actorName;
    Roles actorRoles; // the actor's standing in the room when the platform says (chat badges)
    QString targetId; // whom it concerned (the banned user, ...)
    QString targetName;
    QString messageId;           // the chat message concerned
    QString text;                // message body, reason, new title: user-supplied, plain text only
    std::optional<qint64> count; // raid viewers, viewer-count sample, ...
    std::optional<qint64> durationSeconds; // timeout length, slow-mode wait, ...
    std::optional<QDateTime> gapEnd;       // Gap only

    friend bool operator==(const RoomEvent &, const RoomEvent &) = default;
};

} // namespace roomwarden::model
