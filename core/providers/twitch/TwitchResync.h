#pragma once
#include "core/providers/twitch/RoomSnapshot.h"

#include <QObject>

#include <functional>

namespace roomwarden::twitch {

class HelixClient;

// Reads what REST can tell about a Twitch room after a gap in EventSub: chat settings, shield
// mode, chatters and (for the broadcaster) banned users. Each read is made only when ScopeGuard
// allows it for the signed-in account; a refused one is logged and listed in the snapshot's
// `notResynced`, and nothing is sent for it.
class TwitchResync
{
public:
    struct Target
    {
        QString roomKey;
        QString broadcasterId;
        QString userId; // the signed-in account, sent as moderator_id
    };
    using Done = std::function<void(const RoomSnapshot &snapshot)>;

    // The reads, in the order they are listed in a snapshot.
    static QList<auth::ApiOperation> operations();

    // All reads go out at once; `done` runs once, after the last answer (always asynchronously,
    // and not at all once `context` is gone).
    static void run(HelixClient *helix, const Target &target, const QDateTime &takenAt,
                    QObject *context, Done done);
};

} // namespace roomwarden::twitch
