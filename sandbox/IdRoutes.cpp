#include "sandbox/IdRoutes.h"

#include "sandbox/Faults.h"
#include "sandbox/FormFields.h"
#include "sandbox/World.h"

#include <QJsonArray>

namespace roomwarden::sandbox {

namespace {

const QString kDeviceGrant = QStringLiteral("urn:ietf:params:oauth:grant-type:device_code");

QStringList splitScopes(const QString &s)
{
    return s.split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

HttpResult rfcError(const QString &error)
{
    HttpResult r;
    r.status = 400;
    r.body = QJsonDocument(QJsonObject{{QStringLiteral("error"), error}});
    return r;
}

} // namespace

IdRoutes::IdRoutes(World *world, Faults *faults) : m_world(world), m_faults(faults) {}

std::optional<HttpResult> IdRoutes::handle(const ApiRequest &request)
{
    if (!request.path.startsWith(QLatin1String("/oauth2/")))
        return std::nullopt;
    const QString route = request.path.mid(8);
    if (route == QLatin1String("validate") && request.method == QLatin1String("GET"))
        return validate(request);
    const bool post = request.method == QLatin1String("POST");
    if (!post || (route != QLatin1String("device") && route != QLatin1String("token") &&
                  route != QLatin1String("revoke")))
        return HttpResult::idError(404, QStringLiteral("page not found"));
    FormFields form;
    QString error;
    if (!form.parse(request, &error))
        return HttpResult::idError(400, error);
    if (route == QLatin1String("device"))
        return device(form);
    if (route == QLatin1String("token"))
        return token(form);
    return revoke(form);
}

HttpResult IdRoutes::device(const FormFields &form)
{
    const QString clientId = form.value(QStringLiteral("client_id"));
    if (clientId.isEmpty())
        return HttpResult::idError(400, QStringLiteral("missing client id"));
    if (!m_world->isKnownClient(clientId))
        return HttpResult::idError(400, QStringLiteral("invalid client"));
    // §2.4: docs say `scopes`; some samples send `scope`. Accept both.
    const QString scopes = form.contains(QStringLiteral("scopes"))
                               ? form.value(QStringLiteral("scopes"))
                               : form.value(QStringLiteral("scope"));
    const DeviceCode d = m_world->startDeviceFlow(clientId, splitScopes(scopes));
    QUrl activate = m_activationBase;
    activate.setPath(QStringLiteral("/activate"));
    activate.setQuery(QStringLiteral("device-code=") + d.userCode);
    HttpResult r;
    r.body = QJsonDocument(
        QJsonObject{{QStringLiteral("device_code"), d.deviceCode},
                    {QStringLiteral("expires_in"), m_world->config().deviceCodeLifetimeSecs},
                    {QStringLiteral("interval"), m_world->config().deviceIntervalSecs},
                    {QStringLiteral("user_code"), d.userCode},
                    {QStringLiteral("verification_uri"), activate.toString()}});
    return r;
}

HttpResult IdRoutes::token(const FormFields &form)
{
    const QString grant = form.value(QStringLiteral("grant_type"));
    if (grant == kDeviceGrant)
        return deviceGrant(form);
    if (grant == QLatin1String("refresh_token"))
        return refreshGrant(form);
    if (grant.isEmpty())
        return HttpResult::idError(400, QStringLiteral("missing grant type"));
    if (grant == QLatin1String("authorization_code") ||
        grant == QLatin1String("client_credentials"))
        // §2.3: a Public client cannot use the confidential grants.
        return HttpResult::idError(400, QStringLiteral("missing client secret"));
    return HttpResult::idError(400, QStringLiteral("unsupported grant type"));
}

HttpResult IdRoutes::deviceGrant(const FormFields &form)
{
    const QString clientId = form.value(QStringLiteral("client_id"));
    if (clientId.isEmpty())
        return HttpResult::idError(400, QStringLiteral("missing client id"));
    if (m_faults->deviceFault != Faults::DeviceFault::None)
        return rfcError(Faults::deviceFaultName(m_faults->deviceFault));

    const QString invalid = QStringLiteral("invalid device code");
    DeviceCode *d = m_world->deviceCodeByDevice(form.value(QStringLiteral("device_code")));
    const QDateTime now = m_world->now();
    if (!d || d->clientId != clientId || d->expiresAt <= now ||
        d->state == DeviceCode::State::Used || d->state == DeviceCode::State::Denied)
        return HttpResult::idError(400, invalid);

    const QDateTime last = d->lastPollAt;
    d->lastPollAt = now;
    if (m_faults->enforcePollInterval && last.isValid() &&
        last.msecsTo(now) < qint64(m_world->config().deviceIntervalSecs) * 1000)
        return rfcError(QStringLiteral("slow_down"));
    if (d->state == DeviceCode::State::Pending)
        return HttpResult::idError(400, QStringLiteral("authorization_pending"));

    d->state = DeviceCode::State::Used;
    const IssuedTokens t = m_world->issueTokens(clientId, d->userId, d->grantedScopes);
    return tokenResponse(t.accessToken, t.refreshToken, t.expiresIn, t.scopes);
}

HttpResult IdRoutes::refreshGrant(const FormFields &form)
{
    const auto t = m_world->refresh(form.value(QStringLiteral("client_id")),
                                    form.value(QStringLiteral("refresh_token")));
    if (!t)
        return HttpResult::idError(400, QStringLiteral("Invalid refresh token"));
    return tokenResponse(t->accessToken, t->refreshToken, t->expiresIn, t->scopes);
}

HttpResult IdRoutes::tokenResponse(const QString &access, const QString &refresh, int expiresIn,
                                   const QStringList &scopes)
{
    // §2.2: `scope` is an array, and omitted entirely when there are no scopes.
    QJsonObject o{{QStringLiteral("access_token"), access},
                  {QStringLiteral("expires_in"), expiresIn},
                  {QStringLiteral("refresh_token"), refresh},
                  {QStringLiteral("token_type"), QStringLiteral("bearer")}};
    if (!scopes.isEmpty())
        o.insert(QStringLiteral("scope"), QJsonArray::fromStringList(scopes));
    HttpResult r;
    r.body = QJsonDocument(o);
    return r;
}

HttpResult IdRoutes::validate(const ApiRequest &request)
{
    const QByteArray auth = request.header("Authorization").trimmed();
    if (auth.isEmpty())
        return HttpResult::idError(401, QStringLiteral("missing authorization token"));
    // §2.6: `OAuth <token>` per the docs; `Bearer <token>` is accepted too.
    QByteArray token;
    const qsizetype space = auth.indexOf(' ');
    const QByteArray scheme = auth.left(space).toLower();
    if (space > 0 && (scheme == "oauth" || scheme == "bearer"))
        token = auth.mid(space + 1).trimmed();
    const auto grant = m_world->grantFor(QString::fromLatin1(token));
    if (!grant)
        return HttpResult::idError(401, QStringLiteral("invalid access token"));
    const qint64 left = qMax<qint64>(0, m_world->now().secsTo(grant->expiresAt));
    HttpResult r;
    r.body = QJsonDocument(QJsonObject{
        {QStringLiteral("client_id"), grant->clientId},
        {QStringLiteral("login"), grant->login},
        // §2.6: plural, and null (not []) when the token has no scopes.
        {QStringLiteral("scopes"), grant->scopes.isEmpty()
                                       ? QJsonValue(QJsonValue::Null)
                                       : QJsonValue(QJsonArray::fromStringList(grant->scopes))},
        {QStringLiteral("user_id"), grant->userId},
        {QStringLiteral("expires_in"), left}});
    return r;
}

HttpResult IdRoutes::revoke(const FormFields &form)
{
    const QString clientId = form.value(QStringLiteral("client_id"));
    if (!m_world->isKnownClient(clientId))
        return HttpResult::idError(404, QStringLiteral("client does not exist"));
    const QString token = form.value(QStringLiteral("token"));
    const auto grant = m_world->grantFor(token);
    if (!grant || grant->clientId != clientId || !m_world->revokeAccessToken(token))
        return HttpResult::idError(400, QStringLiteral("Invalid token"));
    HttpResult r; // §2.7: 200 with no body
    return r;
}

} // namespace roomwarden::sandbox
