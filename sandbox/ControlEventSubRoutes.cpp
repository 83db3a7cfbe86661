#include "sandbox/ControlEventSubRoutes.h"

#include "sandbox/EventFactory.h"
#include "sandbox/EventSubCatalog.h"
#include "sandbox/EventSubServer.h"
#include "sandbox/HelixSupport.h"
#include "sandbox/Sandbox.h"

#include <QJsonArray>

#include <optional>

namespace roomwarden::sandbox {

namespace {

// §3.4: the statuses a subscription can be revoked with (the websocket_* ones come from closes).
const QStringList kRevocationStatuses = {
    QStringLiteral("authorization_revoked"), QStringLiteral("moderator_removed"),
    QStringLiteral("user_removed"),          QStringLiteral("chat_user_banned"),
    QStringLiteral("version_removed"),       QStringLiteral("beta_maintenance")};

HttpResult badRequest(const QString &message)
{
    return HttpResult::helixError(400, message);
}

HttpResult required(const char *field)
{
    return badRequest(QStringLiteral("The parameter \"%1\" is required").arg(QLatin1String(field)));
}

HttpResult mustBe(const char *field, const char *what)
{
    return badRequest(QStringLiteral("The parameter \"%1\" must be %2")
                          .arg(QLatin1String(field), QLatin1String(what)));
}

// A required, non-empty string field. False when it is absent, empty or not a string.
bool stringField(const QJsonObject &body, const char *field, QString *out)
{
    const QJsonValue v = body.value(QLatin1String(field));
    if (!v.isString() || v.toString().isEmpty())
        return false;
    *out = v.toString();
    return true;
}

// {"enabled": bool} → the value, or a 400.
std::optional<HttpResult> enabledField(const QJsonObject &body, bool *enabled)
{
    const QJsonValue v = body.value(QStringLiteral("enabled"));
    if (v.isUndefined())
        return required("enabled");
    if (!v.isBool())
        return mustBe("enabled", "a boolean");
    *enabled = v.toBool();
    return std::nullopt;
}

HttpResult sessionNotFound()
{
    return HttpResult::helixError(404, QStringLiteral("no open EventSub session with that id"));
}

bool hasSession(const EventSubServer *server, const QString &id)
{
    for (const EventSubSessionInfo &s : server->sessions()) {
        if (s.id == id)
            return true;
    }
    return false;
}

} // namespace

HttpResult ControlEventSubRoutes::route(const QString &method, const QString &path,
                                        const QJsonObject &body)
{
    EventSubServer *server = m_sandbox->eventSub();
    if (!server)
        return HttpResult::helixError(404, QStringLiteral("EventSub is not available"));
    if (method == QLatin1String("GET") && path == QLatin1String("/sessions"))
        return sessions(server);
    if (method != QLatin1String("POST"))
        return HttpResult::helixError(404, QStringLiteral("Not Found"));
    if (path == QLatin1String("/reconnect"))
        return reconnect(server, body);
    if (path == QLatin1String("/drop"))
        return drop(server, body);
    if (path == QLatin1String("/close"))
        return close(server, body);
    if (path == QLatin1String("/revoke"))
        return revoke(server, body);
    if (path == QLatin1String("/publish"))
        return publish(server, body);
    if (path == QLatin1String("/keepalive") || path == QLatin1String("/duplicates")) {
        bool enabled = false;
        if (auto error = enabledField(body, &enabled))
            return *error;
        if (path == QLatin1String("/keepalive"))
            server->setKeepaliveEnabled(enabled);
        else
            server->setDuplicateDelivery(enabled);
        return helix::ok({{QStringLiteral("enabled"), enabled}});
    }
    return HttpResult::helixError(404, QStringLiteral("Not Found"));
}

HttpResult ControlEventSubRoutes::sessions(EventSubServer *server) const
{
    const QList<EventSubSubscription> subs = server->subscriptions();
    QJsonArray data;
    for (const EventSubSessionInfo &s : server->sessions()) {
        QJsonArray bound;
        int enabled = 0;
        for (const EventSubSubscription &sub : subs) {
            if (sub.sessionId != s.id)
                continue;
            enabled += sub.isEnabled() ? 1 : 0;
            bound.append(QJsonObject{
                {QStringLiteral("id"), sub.id},
                {QStringLiteral("type"), sub.type},
                {QStringLiteral("version"), sub.version},
                {QStringLiteral("status"), sub.status},
                {QStringLiteral("condition"), sub.condition},
                {QStringLiteral("cost"), sub.cost},
                {QStringLiteral("created_at"), EventFactory::timestamp(sub.createdAt)}});
        }
        data.append(
            QJsonObject{{QStringLiteral("id"), s.id},
                        {QStringLiteral("status"), s.reconnecting ? QStringLiteral("reconnecting")
                                                                  : QStringLiteral("connected")},
                        {QStringLiteral("connected_at"), EventFactory::timestamp(s.connectedAt)},
                        {QStringLiteral("keepalive_timeout_seconds"), s.keepaliveSecs},
                        {QStringLiteral("subscription_count"), bound.size()},
                        {QStringLiteral("enabled_subscription_count"), enabled},
                        {QStringLiteral("subscriptions"), bound}});
    }
    return helix::ok({{QStringLiteral("data"), data},
                      {QStringLiteral("total"), data.size()},
                      {QStringLiteral("keepalive_enabled"), server->keepaliveEnabled()},
                      {QStringLiteral("duplicate_delivery"), server->duplicateDelivery()}});
}

HttpResult ControlEventSubRoutes::reconnect(EventSubServer *server, const QJsonObject &body)
{
    QString sessionId;
    if (body.contains(QStringLiteral("session_id"))) {
        if (!stringField(body, "session_id", &sessionId))
            return mustBe("session_id", "a non-empty string");
        if (!hasSession(server, sessionId))
            return sessionNotFound();
    }
    // A session already waiting for its client to reconnect is not asked twice (count 0).
    return helix::ok({{QStringLiteral("sent"), server->sendReconnect(sessionId)}});
}

HttpResult ControlEventSubRoutes::drop(EventSubServer *server, const QJsonObject &body)
{
    QString sessionId;
    if (!stringField(body, "session_id", &sessionId))
        return required("session_id");
    if (!hasSession(server, sessionId) || !server->dropSocket(sessionId))
        return sessionNotFound();
    return helix::ok({{QStringLiteral("dropped"), sessionId}});
}

HttpResult ControlEventSubRoutes::close(EventSubServer *server, const QJsonObject &body)
{
    QString sessionId;
    if (!stringField(body, "session_id", &sessionId))
        return required("session_id");
    const QJsonValue codeValue = body.value(QStringLiteral("code"));
    if (codeValue.isUndefined())
        return required("code");
    const double raw = codeValue.toDouble(-1);
    const int code = codeValue.isDouble() && raw >= 4000 && raw <= 4007 ? int(raw) : -1;
    if (code < 0 || double(code) != raw)
        return mustBe("code", "an EventSub close code from 4000 to 4007");
    if (!hasSession(server, sessionId) || !server->closeWith(sessionId, code))
        return sessionNotFound();
    return helix::ok({{QStringLiteral("closed"), sessionId}, {QStringLiteral("code"), code}});
}

HttpResult ControlEventSubRoutes::revoke(EventSubServer *server, const QJsonObject &body)
{
    QString subscriptionId;
    if (!stringField(body, "subscription_id", &subscriptionId))
        return required("subscription_id");
    QString status = QStringLiteral("authorization_revoked");
    if (body.contains(QStringLiteral("status"))) {
        if (!stringField(body, "status", &status) || !kRevocationStatuses.contains(status))
            return mustBe("status", "one of authorization_revoked, moderator_removed, "
                                    "user_removed, chat_user_banned, version_removed, "
                                    "beta_maintenance");
    }
    bool found = false;
    for (const EventSubSubscription &sub : server->subscriptions()) {
        if (sub.id != subscriptionId)
            continue;
        found = true;
        if (!sub.isEnabled())
            return HttpResult::helixError(409, QStringLiteral("subscription is not enabled"));
    }
    if (!found || !server->revoke(subscriptionId, status))
        return HttpResult::helixError(404, QStringLiteral("subscription not found"));
    return helix::ok(
        {{QStringLiteral("revoked"), subscriptionId}, {QStringLiteral("status"), status}});
}

HttpResult ControlEventSubRoutes::publish(EventSubServer *server, const QJsonObject &body)
{
    QString type;
    QString version;
    if (!stringField(body, "type", &type))
        return required("type");
    if (!stringField(body, "version", &version))
        return required("version");
    const QJsonValue eventValue = body.value(QStringLiteral("event"));
    if (eventValue.isUndefined())
        return required("event");
    if (!eventValue.isObject())
        return mustBe("event", "an object");
    if (!EventSubCatalog::find(type, version)) {
        return badRequest(QStringLiteral(
            "The combination of values in the type and version fields is not valid"));
    }
    const QJsonObject event = eventValue.toObject();
    // Which subscriptions hear it: their condition's channel fields (broadcaster_user_id,
    // from_/to_broadcaster_user_id) against `match`, by default the event's own string fields.
    QJsonObject match;
    const QJsonValue matchValue = body.value(QStringLiteral("match"));
    if (!matchValue.isUndefined()) {
        if (!matchValue.isObject())
            return mustBe("match", "an object of strings");
        match = matchValue.toObject();
        for (auto it = match.begin(); it != match.end(); ++it) {
            if (!it.value().isString())
                return mustBe("match", "an object of strings");
        }
    } else {
        for (auto it = event.begin(); it != event.end(); ++it) {
            if (it.value().isString())
                match.insert(it.key(), it.value());
        }
    }
    return helix::ok({{QStringLiteral("delivered"), server->publish(type, version, event, match)}});
}

} // namespace roomwarden::sandbox
