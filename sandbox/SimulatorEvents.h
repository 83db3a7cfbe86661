#pragma once
// EventSub events that have no World state behind them (specs/twitch.md §4.5): raids, and what
// chat shows for subs and raids (channel.chat.notification), plus the broadcaster-only
// channel.subscribe. The simulator publishes these straight to the EventSub server.
#include "sandbox/EventFactory.h"

#include <QJsonObject>

namespace roomwarden::sandbox {

class SimulatorEvents
{
public:
    static QJsonObject raid(const UserRef &from, const UserRef &to, int viewers);
    // notice_type "sub" / "resub" / "raid"; `detail` is the object named like the notice type.
    static QJsonObject chatNotification(const UserRef &broadcaster, const UserRef &chatter,
                                        const QString &messageId, const QString &noticeType,
                                        const QString &systemMessage, const QString &text,
                                        const QJsonObject &detail);
    // A Tier 1 sub (months == 1) or resub as channel.chat.notification shows it.
    static QJsonObject subNotice(const UserRef &broadcaster, const UserRef &user,
                                 const QString &messageId, bool resub, int months,
                                 const QString &text);
    // What the raided channel's chat shows (notice_type "raid").
    static QJsonObject raidNotice(const UserRef &broadcaster, const UserRef &raider,
                                  const QString &messageId, int viewers);
    static QJsonObject subscribe(const UserRef &broadcaster, const UserRef &user,
                                 const QString &tier, bool isGift);
};

} // namespace roomwarden::sandbox
