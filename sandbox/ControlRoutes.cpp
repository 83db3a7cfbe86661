#include "sandbox/ControlRoutes.h"

#include "sandbox/Faults.h"
#include "sandbox/HelixSupport.h"
#include "sandbox/Sandbox.h"
#include "sandbox/World.h"

#include <QJsonArray>

namespace roomwarden::sandbox {

namespace {

QStringList stringList(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &s : v.toArray())
        out << s.toString();
    return out;
}

HttpResult okJson(const QJsonObject &o)
{
    return helix::ok(o);
}

// Constant-time comparison: the admin token is a secret like any other.
bool sameSecret(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return diff == 0;
}

} // namespace

ControlRoutes::ControlRoutes(Sandbox *sandbox, World *world, Faults *faults, QString adminToken)
    : m_sandbox(sandbox), m_world(world), m_faults(faults), m_adminToken(std::move(adminToken)),
      m_eventSub(sandbox)
{}

std::optional<HttpResult> ControlRoutes::handle(const ApiRequest &request)
{
    if (!request.path.startsWith(QLatin1String("/sandbox/")))
        return std::nullopt;
    const QByteArray expected = "Bearer " + m_adminToken.toLatin1();
    if (!sameSecret(request.header("Authorization").trimmed(), expected))
        return HttpResult::helixError(401, QStringLiteral("admin token required"));
    QJsonObject body;
    if (!request.body.isEmpty()) {
        QJsonParseError err{};
        const QJsonDocument doc = QJsonDocument::fromJson(request.body, &err);
        if (err.error != QJsonParseError::NoError || !doc.isObject())
            return HttpResult::helixError(400,
                                          QStringLiteral("The request body is not valid JSON"));
        body = doc.object();
    }
    return route(request.method, request.path.mid(8), body);
}

HttpResult ControlRoutes::route(const QString &method, const QString &path, const QJsonObject &body)
{
    const bool get = method == QLatin1String("GET");
    const bool post = method == QLatin1String("POST");
    if (get && path == QLatin1String("/info"))
        return okJson({{QStringLiteral("client_id"), m_sandbox->clientId()},
                       {QStringLiteral("broadcaster_id"), m_world->broadcasterId()},
                       {QStringLiteral("demo_user_id"), m_world->demoUserId()},
                       {QStringLiteral("viewer_id"), m_world->viewerId()},
                       {QStringLiteral("id_base_url"), m_sandbox->idBaseUrl().toString()},
                       {QStringLiteral("helix_base_url"), m_sandbox->helixBaseUrl().toString()},
                       {QStringLiteral("eventsub_url"), m_sandbox->eventSubUrl().toString()}});
    if (post && path == QLatin1String("/device/approve"))
        return approve(body);
    if (post && path == QLatin1String("/device/deny")) {
        if (!m_world->denyDeviceCode(body.value(QStringLiteral("user_code")).toString()))
            return HttpResult::helixError(404, QStringLiteral("no pending device code"));
        return okJson({});
    }
    if (post && path == QLatin1String("/tokens/revoke"))
        return revoke(body);
    if (post && path == QLatin1String("/tokens/issue"))
        return issue(body);
    if (path == QLatin1String("/faults")) {
        if (method == QLatin1String("DELETE"))
            m_faults->clear();
        QString error;
        if (post && !m_faults->apply(body, &error))
            return HttpResult::helixError(400, error);
        return okJson(m_faults->toJson());
    }
    if (post && path == QLatin1String("/actions"))
        return inject(body);
    if (post && path == QLatin1String("/clock")) {
        m_world->advanceClock(body.value(QStringLiteral("advance_ms")).toInteger());
        return okJson({{QStringLiteral("now"), helix::timestamp(m_world->now())}});
    }
    if (path.startsWith(QLatin1String("/eventsub/")))
        return m_eventSub.route(method, path.mid(9), body);
    if (get && (path == QLatin1String("/requests") || path == QLatin1String("/actions") ||
                path == QLatin1String("/tokens")))
        return groundTruth(path.mid(1));
    return HttpResult::helixError(404, QStringLiteral("Not Found"));
}

HttpResult ControlRoutes::approve(const QJsonObject &body)
{
    const QString userCode = body.value(QStringLiteral("user_code")).toString();
    const QString userId = body.contains(QStringLiteral("user_id"))
                               ? body.value(QStringLiteral("user_id")).toString()
                               : m_world->demoUserId();
    std::optional<QStringList> scopes;
    if (body.value(QStringLiteral("scopes")).isArray())
        scopes = stringList(body.value(QStringLiteral("scopes")));
    if (!m_world->approveDeviceCode(userCode, userId, scopes))
        return HttpResult::helixError(404, QStringLiteral("no pending device code for that "
                                                          "user_code, or unknown user"));
    return okJson({});
}

HttpResult ControlRoutes::revoke(const QJsonObject &body)
{
    int n = 0;
    if (body.contains(QStringLiteral("access_token")))
        n = m_world->revokeAccessToken(body.value(QStringLiteral("access_token")).toString()) ? 1
                                                                                              : 0;
    else if (body.contains(QStringLiteral("user_id")))
        n = m_world->revokeUserTokens(body.value(QStringLiteral("user_id")).toString());
    else
        return HttpResult::helixError(400, QStringLiteral("access_token or user_id required"));
    return okJson({{QStringLiteral("revoked"), n}});
}

HttpResult ControlRoutes::issue(const QJsonObject &body)
{
    const QString userId = body.value(QStringLiteral("user_id")).toString();
    if (!m_world->user(userId))
        return HttpResult::helixError(400, QStringLiteral("unknown user_id"));
    const QString clientId = body.contains(QStringLiteral("client_id"))
                                 ? body.value(QStringLiteral("client_id")).toString()
                                 : m_sandbox->clientId();
    const IssuedTokens t =
        m_world->issueTokens(clientId, userId, stringList(body.value(QStringLiteral("scopes"))));
    return okJson({{QStringLiteral("access_token"), t.accessToken},
                   {QStringLiteral("refresh_token"), t.refreshToken},
                   {QStringLiteral("expires_in"), t.expiresIn},
                   {QStringLiteral("scope"), QJsonArray::fromStringList(t.scopes)}});
}

HttpResult ControlRoutes::inject(const QJsonObject &body)
{
    AppliedAction a;
    a.kind = body.value(QStringLiteral("kind")).toString();
    a.broadcasterId = body.contains(QStringLiteral("broadcaster_id"))
                          ? body.value(QStringLiteral("broadcaster_id")).toString()
                          : m_world->broadcasterId();
    a.moderatorId = body.value(QStringLiteral("moderator_id")).toString();
    a.targetUserId = body.value(QStringLiteral("target_user_id")).toString();
    a.details = body.value(QStringLiteral("details")).toObject();
    if (a.kind.isEmpty())
        return HttpResult::helixError(400, QStringLiteral("kind required"));
    const bool known = m_world->applyAction(a);
    return okJson({{QStringLiteral("applied"), known}});
}

HttpResult ControlRoutes::groundTruth(const QString &what)
{
    QJsonArray data;
    if (what == QLatin1String("requests")) {
        for (const RequestRecord &r : m_world->requests())
            data.append(QJsonObject{{QStringLiteral("method"), r.method},
                                    {QStringLiteral("path"), r.path},
                                    {QStringLiteral("query"), r.query},
                                    {QStringLiteral("at"), helix::timestamp(r.at)},
                                    {QStringLiteral("status"), r.status},
                                    {QStringLiteral("client_id"), r.clientId}});
    } else if (what == QLatin1String("actions")) {
        for (const AppliedAction &a : m_world->actions())
            data.append(QJsonObject{{QStringLiteral("kind"), a.kind},
                                    {QStringLiteral("broadcaster_id"), a.broadcasterId},
                                    {QStringLiteral("moderator_id"), a.moderatorId},
                                    {QStringLiteral("target_user_id"), a.targetUserId},
                                    {QStringLiteral("details"), a.details},
                                    {QStringLiteral("at"), helix::timestamp(a.at)}});
    } else {
        for (const IssuedTokenRecord &t : m_world->issuedTokens())
            data.append(QJsonObject{{QStringLiteral("kind"), t.kind},
                                    {QStringLiteral("token"), t.token},
                                    {QStringLiteral("client_id"), t.clientId},
                                    {QStringLiteral("user_id"), t.userId},
                                    {QStringLiteral("issued_at"), helix::timestamp(t.issuedAt)}});
    }
    return okJson({{QStringLiteral("data"), data}});
}

} // namespace roomwarden::sandbox
