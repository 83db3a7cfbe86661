#include "sandbox/EventSubRegistry.h"

#include "sandbox/EventFactory.h"
#include "sandbox/EventSubCatalog.h"
#include "sandbox/World.h"

#include <QJsonArray>
#include <QSet>

namespace roomwarden::sandbox {

namespace {
const QString kData = QStringLiteral("data");
// Helix returns EventSub lists in pages; Twitch does not document a `first` for this endpoint.
constexpr int kPageSize = 100;
// §3.4: disabled WebSocket subscriptions stay listed for about an hour.
constexpr qint64 kDisabledListedSecs = 3600;

HttpResult accepted(int status, const QJsonObject &body)
{
    HttpResult r;
    r.status = status;
    r.body = QJsonDocument(body);
    return r;
}
} // namespace

EventSubRegistry::EventSubRegistry(World *world, const Config &config)
    : m_world(world), m_config(config)
{}

HttpResult EventSubRegistry::create(const TokenGrant &caller, const QJsonObject &body,
                                    const SessionCheck &sessionOk)
{
    pruneOld();
    const QString type = body.value(QStringLiteral("type")).toString();
    const QString version = body.value(QStringLiteral("version")).toString();
    const QJsonObject condition = body.value(QStringLiteral("condition")).toObject();
    const QJsonObject transport = body.value(QStringLiteral("transport")).toObject();
    if (type.isEmpty() || version.isEmpty())
        return HttpResult::helixError(
            400, QStringLiteral("The parameter \"type\" and \"version\" are required"));
    if (!body.value(QStringLiteral("condition")).isObject())
        return HttpResult::helixError(400,
                                      QStringLiteral("The parameter \"condition\" is required"));
    const QString method = transport.value(QStringLiteral("method")).toString();
    if (method != QLatin1String("websocket")) {
        // §1.5: a user token only works with the WebSocket transport.
        return HttpResult::helixError(
            400, QStringLiteral("The value specified in the 'method' field is not valid"));
    }
    const QString sessionId = transport.value(QStringLiteral("session_id")).toString();
    if (sessionId.isEmpty()) {
        return HttpResult::helixError(
            400, QStringLiteral("The parameter \"transport.session_id\" is required"));
    }
    if (EventSubCatalog::isRemoved(type, version)) // §4.5: channel.follow v1 → 410 (CLI)
        return HttpResult::helixError(410,
                                      QStringLiteral("This subscription type is not available."));
    const std::optional<EventSubTypeInfo> info = EventSubCatalog::find(type, version);
    if (!info) {
        return HttpResult::helixError(
            400, QStringLiteral(
                     "The combination of values in the type and version fields is not valid"));
    }

    // Condition: every field a non-empty string; channel.raid takes exactly one of its two.
    int present = 0;
    for (const QString &field : info->conditionFields) {
        const QJsonValue v = condition.value(field);
        if (v.isString() && !v.toString().isEmpty())
            ++present;
        else if (!info->exactlyOneCondition)
            return HttpResult::helixError(
                400, QStringLiteral("The condition field \"%1\" is required").arg(field));
    }
    if (info->exactlyOneCondition && present != 1) {
        return HttpResult::helixError(
            400, QStringLiteral("Exactly one of the condition fields %1 is required")
                     .arg(info->conditionFields.join(QStringLiteral(", "))));
    }
    for (auto it = condition.begin(); it != condition.end(); ++it) {
        if (!info->conditionFields.contains(it.key()))
            return HttpResult::helixError(
                400, QStringLiteral("Unknown condition field \"%1\"").arg(it.key()));
    }

    // Authorisation (§4.5): the condition's authorising user is the token's user, the token
    // carries the scopes, and for moderator types that user moderates the channel.
    const QString broadcaster = condition.value(QStringLiteral("broadcaster_user_id")).toString();
    if (!info->authField.isEmpty()) {
        if (condition.value(info->authField).toString() != caller.userId)
            return HttpResult::helixError(
                403, QStringLiteral("subscription missing proper authorization"));
        for (const QStringList &anyOf : info->scopes) {
            bool ok = false;
            for (const QString &s : anyOf)
                ok = ok || caller.hasScope(s);
            if (!ok) {
                return HttpResult::helixError(
                    403,
                    QStringLiteral("subscription missing proper authorization: missing scope %1")
                        .arg(anyOf.join(QStringLiteral(" or "))));
            }
        }
        if (info->needsModerator && !m_world->hasModRights(broadcaster, caller.userId))
            return HttpResult::helixError(
                403, QStringLiteral("subscription missing proper authorization"));
    }

    QDateTime connectedAt;
    if (!sessionOk(sessionId, &connectedAt)) {
        return HttpResult::helixError(
            400, QStringLiteral("The value specified in the 'session_id' field is not valid"));
    }
    const QList<EventSubSubscription *> onSession = enabledOnSession(sessionId);
    for (const EventSubSubscription *s : onSession) {
        if (s->clientId != caller.clientId) {
            return HttpResult::helixError(
                400, QStringLiteral("The value specified in the 'session_id' field is not valid"));
        }
    }

    const QList<EventSubSubscription *> mine = ownedBy(caller);
    int totalCost = 0;
    QSet<QString> sessions;
    for (const EventSubSubscription *s : mine) {
        if (!s->isEnabled())
            continue;
        if (s->type == type && s->version == version && s->condition == condition) {
            return HttpResult::helixError(409, QStringLiteral("subscription already exists"));
        }
        totalCost += s->cost;
        sessions.insert(s->sessionId);
    }
    // §4.4: free when the token's user is in the condition, else 1.
    int cost = 1;
    for (auto it = condition.begin(); it != condition.end(); ++it)
        cost = it.value().toString() == caller.userId ? 0 : cost;
    if (onSession.size() >= m_config.maxSubscriptionsPerConnection)
        return HttpResult::helixError(
            429, QStringLiteral("too many subscriptions on this WebSocket connection"));
    if (!sessions.contains(sessionId) && sessions.size() >= m_config.maxConnections)
        return HttpResult::helixError(
            429, QStringLiteral("too many WebSocket connections with enabled subscriptions"));
    if (totalCost + cost > m_config.maxTotalCost)
        return HttpResult::helixError(429,
                                      QStringLiteral("subscription cost exceeds max_total_cost"));

    auto sub = std::make_shared<EventSubSubscription>();
    sub->id = EventFactory::newUuid();
    sub->type = type;
    sub->version = version;
    sub->condition = condition;
    sub->cost = cost;
    sub->sessionId = sessionId;
    sub->createdAt = m_world->now();
    sub->connectedAt = connectedAt;
    sub->clientId = caller.clientId;
    sub->userId = caller.userId;
    sub->accessToken = caller.accessToken;
    sub->refreshWire();
    m_subs.insert(sub->id, sub);
    m_order.append(sub->id);
    indexEnabled(sub.get());

    QJsonObject out = totals(caller);
    out.insert(kData, QJsonArray{sub->toJson(true)});
    return accepted(202, out);
}

HttpResult EventSubRegistry::list(const TokenGrant &caller, const QUrlQuery &query)
{
    pruneOld();
    static const QStringList kFilters = {QStringLiteral("status"), QStringLiteral("type"),
                                         QStringLiteral("user_id"),
                                         QStringLiteral("subscription_id")};
    QString filter;
    for (const QString &f : kFilters) {
        if (!query.hasQueryItem(f))
            continue;
        if (!filter.isEmpty()) {
            return HttpResult::helixError(
                400, QStringLiteral(
                         "Only one of status, type, user_id or subscription_id may be specified"));
        }
        filter = f;
    }
    const QString value = filter.isEmpty() ? QString() : query.queryItemValue(filter);
    QList<EventSubSubscription *> rows;
    for (EventSubSubscription *s : ownedBy(caller)) {
        bool keep = true;
        if (filter == QLatin1String("status"))
            keep = s->status == value;
        else if (filter == QLatin1String("type"))
            keep = s->type == value;
        else if (filter == QLatin1String("subscription_id"))
            keep = s->id == value;
        else if (filter == QLatin1String("user_id")) {
            keep = false;
            for (auto it = s->condition.begin(); it != s->condition.end(); ++it)
                keep = keep || it.value().toString() == value;
        }
        if (keep)
            rows.append(s);
    }
    int offset = 0;
    const QString after = query.queryItemValue(QStringLiteral("after"));
    if (!after.isEmpty()) {
        bool ok = false;
        offset = QString::fromLatin1(
                     QByteArray::fromBase64(after.toLatin1(), QByteArray::Base64UrlEncoding))
                     .toInt(&ok);
        if (!ok || offset < 0)
            return HttpResult::helixError(400, QStringLiteral("Invalid cursor"));
    }
    QJsonArray data;
    for (int i = offset; i < rows.size() && i < offset + kPageSize; ++i)
        data.append(rows.at(i)->toJson(true));
    QJsonObject pagination;
    if (offset + kPageSize < rows.size()) {
        pagination.insert(
            QStringLiteral("cursor"),
            QString::fromLatin1(
                QByteArray::number(offset + kPageSize).toBase64(QByteArray::Base64UrlEncoding)));
    }
    QJsonObject out = totals(caller);
    out.insert(QStringLiteral("total"), rows.size());
    out.insert(kData, data);
    out.insert(QStringLiteral("pagination"), pagination);
    return accepted(200, out);
}

HttpResult EventSubRegistry::remove(const TokenGrant &caller, const QUrlQuery &query)
{
    const QString id = query.queryItemValue(QStringLiteral("id"));
    if (id.isEmpty())
        return HttpResult::helixError(400, QStringLiteral("Missing required parameter \"id\""));
    EventSubSubscription *s = find(id);
    if (!s || s->clientId != caller.clientId || s->userId != caller.userId)
        return HttpResult::helixError(404, QStringLiteral("subscription not found"));
    unindex(s);
    m_order.removeAll(id);
    m_subs.remove(id);
    HttpResult r;
    r.status = 204;
    return r;
}

EventSubSubscription *EventSubRegistry::find(const QString &id)
{
    auto it = m_subs.constFind(id);
    return it == m_subs.constEnd() ? nullptr : it.value().get();
}

const QList<EventSubSubscription *> &EventSubRegistry::enabledOfType(const QString &type) const
{
    static const QList<EventSubSubscription *> kNone;
    auto it = m_enabledByType.constFind(type);
    return it == m_enabledByType.constEnd() ? kNone : it.value();
}

QList<EventSubSubscription *> EventSubRegistry::enabledOnSession(const QString &sessionId) const
{
    QList<EventSubSubscription *> out;
    for (const QString &id : m_order) {
        EventSubSubscription *s = m_subs.value(id).get();
        if (s && s->isEnabled() && s->sessionId == sessionId)
            out.append(s);
    }
    return out;
}

QList<EventSubSubscription *> EventSubRegistry::all() const
{
    QList<EventSubSubscription *> out;
    for (const QString &id : m_order)
        out.append(m_subs.value(id).get());
    return out;
}

void EventSubRegistry::disable(EventSubSubscription *sub, const QString &status, bool disconnected)
{
    if (!sub->isEnabled())
        return;
    unindex(sub);
    sub->status = status;
    sub->disabledAt = m_world->now();
    if (disconnected)
        sub->disconnectedAt = sub->disabledAt;
    sub->refreshWire();
}

void EventSubRegistry::rebind(EventSubSubscription *sub, const QString &sessionId,
                              const QDateTime &connectedAt)
{
    sub->sessionId = sessionId;
    sub->connectedAt = connectedAt;
    sub->refreshWire();
}

void EventSubRegistry::indexEnabled(EventSubSubscription *sub)
{
    m_enabledByType[sub->type].append(sub);
}

void EventSubRegistry::unindex(EventSubSubscription *sub)
{
    auto it = m_enabledByType.find(sub->type);
    if (it != m_enabledByType.end())
        it->removeAll(sub);
}

void EventSubRegistry::pruneOld()
{
    const QDateTime cutoff = m_world->now().addSecs(-kDisabledListedSecs);
    for (auto it = m_order.begin(); it != m_order.end();) {
        const auto sub = m_subs.value(*it);
        if (sub && !sub->isEnabled() && sub->disabledAt < cutoff) {
            m_subs.remove(*it);
            it = m_order.erase(it);
        } else {
            ++it;
        }
    }
}

QList<EventSubSubscription *> EventSubRegistry::ownedBy(const TokenGrant &caller) const
{
    QList<EventSubSubscription *> out;
    for (EventSubSubscription *s : all()) {
        if (s->clientId == caller.clientId && s->userId == caller.userId)
            out.append(s);
    }
    return out;
}

QJsonObject EventSubRegistry::totals(const TokenGrant &caller) const
{
    int total = 0;
    int cost = 0;
    for (const EventSubSubscription *s : ownedBy(caller)) {
        if (s->isEnabled()) {
            ++total;
            cost += s->cost;
        }
    }
    return QJsonObject{{QStringLiteral("total"), total},
                       {QStringLiteral("total_cost"), cost},
                       {QStringLiteral("max_total_cost"), m_config.maxTotalCost}};
}

} // namespace roomwarden::sandbox
