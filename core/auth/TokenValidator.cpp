#include "core/auth/TokenValidator.h"

#include "core/auth/TokenSet.h"
#include "core/net/ApiClient.h"
#include "core/util/Logging.h"

namespace roomwarden::auth {

TokenValidation TokenValidation::fromJson(const QJsonObject &json)
{
    TokenValidation v;
    v.userId = json.value(QStringLiteral("user_id")).toString();
    v.login = json.value(QStringLiteral("login")).toString();
    v.clientId = json.value(QStringLiteral("client_id")).toString();
    // §2.6: plural `scopes`, null when the token has none.
    v.scopes = TokenSet::scopesFromJson(json.value(QStringLiteral("scopes")));
    const QJsonValue expires = json.value(QStringLiteral("expires_in"));
    // Range-checked before the cast: 1e300 would be undefined behaviour (tests/fuzz).
    v.expiresIn = expires.isDouble() && qAbs(expires.toDouble()) < 9007199254740992.0
                      ? qint64(expires.toDouble())
                      : 0;
    if (v.clientId.isEmpty()) {
        v.status = TokenValidation::Status::Failed;
        v.error = net::ApiError{net::ApiError::Kind::Parse,
                                200,
                                QStringLiteral("validate response has no client_id"),
                                {}};
    } else {
        v.status = TokenValidation::Status::Valid;
    }
    return v;
}

TokenValidator::TokenValidator(net::ApiClient *api, QUrl idBase, QObject *parent)
    : QObject(parent), m_api(api), m_idBase(std::move(idBase))
{}

void TokenValidator::validate(const QString &accessToken)
{
    QUrl url = m_idBase;
    url.setPath(url.path() + QStringLiteral("/oauth2/validate"));
    net::ApiRequest request = net::ApiRequest::get(url);
    request.auth = net::AuthScheme::OAuth; // §2.6 documents "OAuth <token>"
    request.accessToken = accessToken;
    m_api->send(request, this, [this](const net::ApiResponse &r) {
        TokenValidation v;
        if (r.ok()) {
            v = TokenValidation::fromJson(r.object());
        } else {
            v.error = r.error;
            v.status = r.error->kind == net::ApiError::Kind::Http && r.error->httpStatus == 401
                           ? TokenValidation::Status::Invalid
                           : TokenValidation::Status::Failed;
        }
        qCInfo(lcAuth) << "token validation:"
                       << (v.isValid() ? QStringLiteral("valid") : QStringLiteral("not valid"))
                       << v.userId;
        Q_EMIT finished(v);
    });
}

} // namespace roomwarden::auth
