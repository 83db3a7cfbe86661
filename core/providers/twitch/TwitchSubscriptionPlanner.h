#pragma once
#include "core/model/Scope.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace roomwarden::twitch {

struct PlannedSubscription
{
    QString type;
    QString version;
    QJsonObject condition;

    friend bool operator==(const PlannedSubscription &, const PlannedSubscription &) = default;
};

struct SkippedSubscription
{
    QString type;
    QString reason; // "missing scope: …", "broadcaster only", "covered by channel.moderate"
};

struct SubscriptionPlan
{
    QList<PlannedSubscription> subscriptions;
    QList<SkippedSubscription> skipped; // for the UI: what the user would gain with more scopes

    bool contains(const QString &type) const;
};

// Which EventSub subscriptions to create for one room (specs/twitch.md §1.4, §4.5), decided
// from the scopes the platform *granted* (promise 2). The table in the .cpp is the only place
// that names EventSub scopes.
//  - moderator-scoped types first; channel.moderate v2 only with every scope it requires;
//  - what channel.moderate already reports (bans, deletes, clears, warnings, mode changes,
//    resolved unban requests, outgoing raids) is not subscribed twice through older types;
//  - broadcaster-only types only when the user is the broadcaster.
class TwitchSubscriptionPlanner
{
public:
    struct Input
    {
        model::ScopeSet grantedScopes;
        QString userId;
        QString broadcasterId;
        bool isBroadcaster = false;
    };

    static SubscriptionPlan plan(const Input &input);
    // The scopes a type needs, as "a|b" alternatives per requirement (for diagnostics).
    static QStringList requirementsOf(const QString &type);
};

} // namespace roomwarden::twitch
