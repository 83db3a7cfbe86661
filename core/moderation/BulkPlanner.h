#pragma once
#include "core/live/RoomState.h"
#include "core/model/ModerationAction.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace roomwarden::moderation {

class TextFolder;

// Who a bulk action would hit. All criteria that are set must hold (AND).
struct BulkFilter
{
    std::optional<qint64> joinedWithinSeconds;     // first seen in this session
    QString pattern;                               // any recent message contains it, folded
    std::optional<qint64> accountYoungerThanHours; // account created less than N hours ago
    bool firstTimeChattersOnly = false;
    QStringList onlyUserIds; // e.g. the accounts a raid alert named

    bool isEmpty() const
    {
        return !joinedWithinSeconds && pattern.trimmed().isEmpty() && !accountYoungerThanHours &&
               !firstTimeChattersOnly && onlyUserIds.isEmpty();
    }
};

struct BulkTarget
{
    QString userId;
    QString name;
};

// The preview the moderator confirms: exactly whom, and whom the filter left out and why.
struct BulkPlan
{
    QList<BulkTarget> targets;
    int skippedProtected = 0;  // broadcaster, moderators, VIPs, the user themself
    int skippedRestricted = 0; // already banned or timed out
    int skippedUnknownAge = 0; // the account age is asked for but not known
    QString error;             // why no plan could be made (an empty filter, ...)
};

// Plans "ban or time out everyone matching a filter" from the room's live state. It never
// targets the broadcaster, a moderator, a VIP or the moderator themself, and it skips people
// already restricted — so a bulk timeout never shortens anyone's ban.
class BulkPlanner
{
public:
    static constexpr int kMaxTargets = 5000;

    static BulkPlan plan(const live::RoomState &room, const BulkFilter &filter,
                         const QDateTime &now, const QString &selfId, const TextFolder &folder);
    // The actions for a confirmed plan (Ban, or Timeout with `durationSeconds`).
    static QList<model::ModerationAction> actions(const BulkPlan &plan, const QString &roomKey,
                                                  model::ModerationActionKind kind,
                                                  std::optional<qint64> durationSeconds,
                                                  const QString &reason);
};

} // namespace roomwarden::moderation
