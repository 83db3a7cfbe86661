#include "core/providers/twitch/TwitchResync.h"

#include "core/providers/twitch/HelixClient.h"
#include "core/util/Logging.h"

#include <QCoreApplication>
#include <QMetaObject>

#include <algorithm>
#include <memory>

namespace roomwarden::twitch {

namespace {

using Op = auth::ApiOperation;

// One resync in flight: the snapshot being filled and the answers still awaited.
struct Run
{
    RoomSnapshot snapshot;
    int pending = 0;
    TwitchResync::Done done;

    template <typename T>
    bool failed(Op operation, const HelixResult<T> &r)
    {
        if (r.ok())
            return false;
        const QString why = r.refusal ? r.refusal->reason
                                      : (r.error ? r.error->message : QStringLiteral("no answer"));
        qCWarning(lcLive) << "resync:" << auth::ScopeGuard::operationId(operation)
                          << "failed:" << why;
        snapshot.notResynced.append({operation, why, r.refusal.has_value()});
        return true;
    }

    void finishOne()
    {
        if (--pending > 0)
            return;
        finish();
    }

    void finish()
    {
        const QList<Op> order = TwitchResync::operations();
        std::stable_sort(snapshot.notResynced.begin(), snapshot.notResynced.end(),
                         [&order](const ResyncMiss &a, const ResyncMiss &b) {
                             return order.indexOf(a.operation) < order.indexOf(b.operation);
                         });
        done(snapshot);
    }
};

} // namespace

QList<auth::ApiOperation> TwitchResync::operations()
{
    return {Op::GetChatSettings, Op::GetShieldMode, Op::GetChatters, Op::GetBannedUsers};
}

void TwitchResync::run(HelixClient *helix, const Target &target, const QDateTime &takenAt,
                       QObject *context, Done done)
{
    Q_ASSERT(context);
    auto run = std::make_shared<Run>();
    run->snapshot.roomKey = target.roomKey;
    run->snapshot.takenAt = takenAt;
    run->done = std::move(done);

    QList<Op> allowed;
    for (Op op : operations()) {
        if (auto refusal = helix->check(op, target.broadcasterId)) {
            // Expected for a moderator (banned users are the broadcaster's) or a narrow grant.
            qCInfo(lcLive) << "resync: skipping" << auth::ScopeGuard::operationId(op) << "-"
                           << refusal->reason;
            run->snapshot.notResynced.append({op, refusal->reason, true});
        } else {
            allowed << op;
        }
    }
    run->pending = int(allowed.size());
    if (allowed.isEmpty()) {
        QMetaObject::invokeMethod(
            context, [run] { run->finish(); }, Qt::QueuedConnection);
        return;
    }

    const QString &bid = target.broadcasterId;
    const QString &me = target.userId;
    for (Op op : allowed) {
        switch (op) {
        case Op::GetChatSettings:
            helix->getChatSettings(bid, me, context, [run, op](const HelixResult<ChatSettings> &r) {
                if (!run->failed(op, r)) {
                    run->snapshot.chatModes = toChatModes(*r.value);
                    // §3.3: without moderator:read:chat_settings the delay fields are left out;
                    // the modes then say "no delay" without knowing it.
                    if (!r.value->nonModeratorChatDelayKnown)
                        run->snapshot.notResynced.append(
                            {op,
                             QCoreApplication::translate(
                                 "roomwarden::twitch::TwitchResync",
                                 "Twitch did not say whether non-moderators' messages are "
                                 "delayed."),
                             false});
                }
                run->finishOne();
            });
            break;
        case Op::GetShieldMode:
            helix->getShieldMode(bid, me, context,
                                 [run, op](const HelixResult<ShieldModeStatus> &r) {
                                     if (!run->failed(op, r))
                                         run->snapshot.shieldModeActive = r.value->active;
                                     run->finishOne();
                                 });
            break;
        case Op::GetChatters:
            helix->getChatters(bid, me, context, [run, op](const HelixResult<ChatterList> &r) {
                if (!run->failed(op, r))
                    run->snapshot.chatters = *r.value;
                run->finishOne();
            });
            break;
        case Op::GetBannedUsers:
            helix->getBannedUsers(bid, context, [run, op](const HelixResult<QList<BannedUser>> &r) {
                if (!run->failed(op, r))
                    run->snapshot.bannedUsers = *r.value;
                run->finishOne();
            });
            break;
        default:
            run->finishOne();
            break;
        }
    }
}

} // namespace roomwarden::twitch
