#pragma once
#include "core/auth/ScopeGuard.h"
#include "core/model/ChatModes.h"
#include "core/providers/twitch/HelixTypes.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace roomwarden::twitch {

// Something a resync could not read, and why.
struct ResyncMiss
{
    auth::ApiOperation operation = auth::ApiOperation::GetChatSettings;
    QString reason;       // plain language (a ScopeGuard refusal or the platform's error)
    bool refused = false; // ScopeGuard said no: nothing was sent

    friend bool operator==(const ResyncMiss &, const ResyncMiss &) = default;
};

// What REST says about a room at one moment (EventSub has no replay, §4.1): read once the
// room's subscriptions are up, and again after every unplanned drop. A field is nullopt when it
// could not be read; `notResynced` then says why.
struct RoomSnapshot
{
    QString roomKey;
    QDateTime takenAt; // when the reads were sent
    std::optional<model::ChatModes> chatModes;
    std::optional<bool> shieldModeActive;
    std::optional<ChatterList> chatters;
    std::optional<QList<BannedUser>> bannedUsers; // B-only on Twitch (§3.2)
    QList<ResyncMiss> notResynced;                // in ApiOperation order

    // The miss for `operation`, if there is one.
    std::optional<ResyncMiss> miss(auth::ApiOperation operation) const
    {
        for (const ResyncMiss &m : notResynced) {
            if (m.operation == operation)
                return m;
        }
        return std::nullopt;
    }
};

} // namespace roomwarden::twitch
