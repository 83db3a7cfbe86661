#include "core/moderation/BulkPlanner.h"

#include "core/moderation/TextFold.h"

#include <QCoreApplication>
#include <QSet>

#include <algorithm>

namespace roomwarden::moderation {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("roomwarden::moderation::BulkPlanner", text);
}
} // namespace

BulkPlan BulkPlanner::plan(const live::RoomState &room, const BulkFilter &filter,
                           const QDateTime &now, const QString &selfId, const TextFolder &folder)
{
    BulkPlan plan;
    if (filter.isEmpty()) {
        plan.error = tr("Choose at least one condition: a bulk action needs a filter.");
        return plan;
    }
    const QString pattern = folder.fold(filter.pattern);
    if (!filter.pattern.trimmed().isEmpty() && pattern.isEmpty()) {
        plan.error = tr("The pattern has no letters or digits left to match.");
        return plan;
    }
    const QSet<QString> only(filter.onlyUserIds.cbegin(), filter.onlyUserIds.cend());
    QList<const live::ParticipantState *> hits;
    for (const live::ParticipantState &p : room.participants()) {
        if (!only.isEmpty() && !only.contains(p.userId))
            continue;
        if (filter.joinedWithinSeconds &&
            (!p.firstSeenAt.isValid() || p.firstSeenAt.secsTo(now) > *filter.joinedWithinSeconds))
            continue;
        if (filter.firstTimeChattersOnly && !p.roles.testFlag(model::Role::FirstTimeChatter))
            continue;
        if (!pattern.isEmpty() &&
            std::none_of(p.recentMessages.cbegin(), p.recentMessages.cend(),
                         [&](const QString &m) { return folder.matches(m, pattern); }))
            continue;
        if (filter.accountYoungerThanHours) {
            if (!p.accountCreatedAt) {
                ++plan.skippedUnknownAge;
                continue;
            }
            if (p.accountCreatedAt->secsTo(now) > *filter.accountYoungerThanHours * 3600)
                continue;
        }
        if (p.isProtected() || p.userId == selfId) {
            ++plan.skippedProtected;
            continue;
        }
        if (p.isRestricted(now)) {
            ++plan.skippedRestricted;
            continue;
        }
        hits << &p;
    }
    // Earliest arrivals first: the order the raid came in, and stable for the preview.
    std::sort(hits.begin(), hits.end(), [](const auto *a, const auto *b) {
        return a->firstSeenAt != b->firstSeenAt ? a->firstSeenAt < b->firstSeenAt
                                                : a->userId < b->userId;
    });
    if (hits.size() > kMaxTargets) {
        plan.error = tr("The filter matches %1 people; narrow it to at most %2.")
                         .arg(hits.size())
                         .arg(kMaxTargets);
        return plan;
    }
    for (const auto *p : hits)
        plan.targets << BulkTarget{p->userId, p->name};
    return plan;
}

QList<model::ModerationAction> BulkPlanner::actions(const BulkPlan &plan, const QString &roomKey,
                                                    model::ModerationActionKind kind,
                                                    std::optional<qint64> durationSeconds,
                                                    const QString &reason)
{
    QList<model::ModerationAction> out;
    if (kind != model::ModerationActionKind::Ban && kind != model::ModerationActionKind::Timeout)
        return out;
    for (const BulkTarget &t : plan.targets) {
        model::ModerationAction a;
        a.kind = kind;
        a.roomKey = roomKey;
        a.targetUserId = t.userId;
        a.targetName = t.name;
        a.reason = reason;
        if (kind == model::ModerationActionKind::Timeout)
            a.durationSeconds = durationSeconds;
        out << a;
    }
    return out;
}

} // namespace roomwarden::moderation
