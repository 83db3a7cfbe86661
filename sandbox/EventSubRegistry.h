#pragma once
// The platform's EventSub subscriptions and the Helix side of them (specs/twitch.md §3.4): create
// with scope/condition/role checks and the §4.4 limits, list with one filter, delete. Sockets are
// EventSubServer's business; this class only asks it whether a session id is usable.
#include "sandbox/EventSubSubscription.h"
#include "sandbox/SandboxConfig.h"
#include "sandbox/Types.h"

#include <functional>
#include <memory>
#include <QHash>
#include <QList>
#include <QUrlQuery>

namespace roomwarden::sandbox {

class World;

class EventSubRegistry
{
public:
    // Whether a session id names an open, non-reconnecting session; fills its connected_at.
    using SessionCheck = std::function<bool(const QString &sessionId, QDateTime *connectedAt)>;

    EventSubRegistry(World *world, const Config &config);

    HttpResult create(const TokenGrant &caller, const QJsonObject &body,
                      const SessionCheck &sessionOk);
    HttpResult list(const TokenGrant &caller, const QUrlQuery &query);
    HttpResult remove(const TokenGrant &caller, const QUrlQuery &query);

    EventSubSubscription *find(const QString &id);
    // Enabled subscriptions of a type, oldest first (the publisher's hot path).
    const QList<EventSubSubscription *> &enabledOfType(const QString &type) const;
    QList<EventSubSubscription *> enabledOnSession(const QString &sessionId) const;
    QList<EventSubSubscription *> all() const;
    // Disables a subscription (any status but enabled); it stays listed for about an hour.
    void disable(EventSubSubscription *sub, const QString &status, bool disconnected);
    void rebind(EventSubSubscription *sub, const QString &sessionId, const QDateTime &connectedAt);

private:
    void indexEnabled(EventSubSubscription *sub);
    void unindex(EventSubSubscription *sub);
    void pruneOld();
    QList<EventSubSubscription *> ownedBy(const TokenGrant &caller) const;
    QJsonObject totals(const TokenGrant &caller) const;

    World *m_world;
    Config m_config;
    QHash<QString, std::shared_ptr<EventSubSubscription>> m_subs;
    QStringList m_order; // creation order: Helix lists oldest first (§3.4)
    QHash<QString, QList<EventSubSubscription *>> m_enabledByType;
};

} // namespace roomwarden::sandbox
