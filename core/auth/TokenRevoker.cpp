#include "core/auth/TokenRevoker.h"

#include "core/net/ApiClient.h"
#include "core/util/Logging.h"

#include <QPointer>
#include <QUrlQuery>

namespace roomwarden::auth {

TokenRevoker::Options TokenRevoker::Options::twitch(const QUrl &idBase, const QString &clientId)
{
    Options o;
    o.revocationEndpoint = idBase;
    o.revocationEndpoint.setPath(QString(idBase.path() + u"/oauth2/revoke"));
    o.clientId = clientId;
    o.sendTypeHint = false;
    return o;
}

TokenRevoker::TokenRevoker(net::ApiClient *api, Options options, QObject *parent)
    : QObject(parent), m_api(api), m_options(std::move(options))
{}

TokenRevoker::Result TokenRevoker::resultFor(const net::ApiResponse &r)
{
    if (r.ok())
        return {Status::Revoked, {}};
    const net::ApiError &e = *r.error;
    if (e.kind == net::ApiError::Kind::Http && e.httpStatus == 400 &&
        e.message.compare(u"Invalid token", Qt::CaseInsensitive) == 0) {
        return {Status::AlreadyInvalid, {}};
    }
    return {
        Status::Failed,
        QStringLiteral("revocation failed (%1): %2").arg(net::apiErrorKindName(e.kind), e.message)};
}

void TokenRevoker::revoke(const QString &token, TokenType type, QObject *context, Callback done)
{
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("client_id"), m_options.clientId);
    form.addQueryItem(QStringLiteral("token"), token);
    if (m_options.sendTypeHint) {
        form.addQueryItem(QStringLiteral("token_type_hint"), type == TokenType::RefreshToken
                                                                 ? QStringLiteral("refresh_token")
                                                                 : QStringLiteral("access_token"));
    }
    net::ApiRequest request = net::ApiRequest::form(m_options.revocationEndpoint, form);
    request.bodyCarriesCredentials = true;
    QPointer<QObject> guard(context ? context : this);
    m_api->send(request, this, [guard, done = std::move(done)](const net::ApiResponse &r) {
        const Result result = resultFor(r);
        if (result.status == Status::Failed)
            qCWarning(lcAuth) << result.error;
        if (guard && done)
            done(result);
    });
}

} // namespace roomwarden::auth
