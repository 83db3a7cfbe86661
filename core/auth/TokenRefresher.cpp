#include "core/auth/TokenRefresher.h"

#include "core/net/ApiClient.h"
#include "core/util/Clock.h"
#include "core/util/Logging.h"

#include <QUrlQuery>

#include <memory>

namespace roomwarden::auth {

TokenRefresher::TokenRefresher(net::ApiClient *api, Options options, Persist persist,
                               QObject *parent)
    : QObject(parent), m_api(api), m_options(std::move(options)), m_persist(std::move(persist))
{}

TokenRefresher::~TokenRefresher() = default;

bool TokenRefresher::isRejection(const net::ApiError &e)
{
    if (e.kind != net::ApiError::Kind::Http)
        return false;
    // RFC 6749 §5.2 error codes: only these three say the grant or the client is dead; the
    // others (invalid_request, invalid_scope, unsupported_grant_type) are our bugs, and signing
    // in again would not help.
    static const QStringList kDead = {QStringLiteral("invalid_grant"),
                                      QStringLiteral("invalid_client"),
                                      QStringLiteral("unauthorized_client")};
    static const QStringList kOther = {QStringLiteral("invalid_request"),
                                       QStringLiteral("invalid_scope"),
                                       QStringLiteral("unsupported_grant_type")};
    if (kDead.contains(e.code))
        return true;
    if (kOther.contains(e.code))
        return false;
    // Twitch's id service (specs/twitch.md §2.5): {"status":400,"message":"Invalid refresh
    // token"}, possibly with "error":"Bad Request"; 401 for an unknown client.
    return e.httpStatus == 400 || e.httpStatus == 401;
}

void TokenRefresher::refresh(const QString &accountKey, const QString &refreshToken,
                             QObject *context, Callback done)
{
    const bool inFlight = m_flights.contains(accountKey);
    Flight &flight = m_flights[accountKey];
    flight.waiters.append(Waiter{QPointer<QObject>(context ? context : this), std::move(done)});
    if (inFlight) {
        qCDebug(lcAuth) << "refresh joins the flight in progress for one account";
        return;
    }
    if (refreshToken.isEmpty()) {
        QMetaObject::invokeMethod(
            this,
            [this, accountKey] {
                finish(accountKey, {Status::Rejected, {}, QStringLiteral("no refresh token")});
            },
            Qt::QueuedConnection);
        return;
    }
    flight.refreshToken = refreshToken;
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("refresh_token"));
    form.addQueryItem(QStringLiteral("refresh_token"), refreshToken);
    form.addQueryItem(QStringLiteral("client_id"), m_options.clientId);
    if (!m_options.scopes.isEmpty())
        form.addQueryItem(QStringLiteral("scope"), m_options.scopes.join(u' '));
    net::ApiRequest request = net::ApiRequest::form(m_options.tokenEndpoint, form);
    request.bodyCarriesCredentials = true;
    ++m_requestsSent;
    m_api->send(request, this,
                [this, accountKey](const net::ApiResponse &r) { onReply(accountKey, r); });
}

void TokenRefresher::onReply(const QString &accountKey, const net::ApiResponse &r)
{
    if (!m_flights.contains(accountKey))
        return;
    if (!r.ok()) {
        const net::ApiError &e = *r.error;
        if (isRejection(e)) {
            finish(accountKey,
                   {Status::Rejected, {}, QStringLiteral("refresh refused: %1").arg(e.message)});
        } else {
            finish(accountKey, {Status::Failed,
                                {},
                                QStringLiteral("refresh failed (%1): %2")
                                    .arg(net::apiErrorKindName(e.kind), e.message)});
        }
        return;
    }
    const QDateTime now =
        m_options.clock ? m_options.clock->now() : QDateTime::currentDateTimeUtc();
    QString error;
    auto tokens = TokenSet::fromTokenResponse(r.object(), now, &error);
    if (!tokens) {
        finish(accountKey, {Status::Failed, {}, error});
        return;
    }
    // §6: the server MAY issue a new refresh token; when it does not, the old one stays valid.
    if (tokens->refreshToken.isEmpty())
        tokens->refreshToken = m_flights.value(accountKey).refreshToken;

    // persist may answer synchronously or never twice; the guard keeps both cases safe, and
    // `self` keeps a late answer from touching a destroyed refresher.
    auto called = std::make_shared<bool>(false);
    QPointer<TokenRefresher> self(this);
    const TokenSet copy = *tokens;
    m_persist(accountKey, copy,
              [self, called, accountKey, copy](bool stored, const QString &persistError) {
                  if (*called || !self)
                      return;
                  *called = true;
                  self->onPersisted(accountKey, copy, stored, persistError);
              });
}

void TokenRefresher::onPersisted(const QString &accountKey, const TokenSet &tokens, bool stored,
                                 const QString &error)
{
    if (!stored) {
        qCWarning(lcAuth) << "refreshed tokens could not be stored:" << error;
        finish(accountKey, {Status::PersistFailed, tokens,
                            QStringLiteral("could not store the new tokens: %1").arg(error)});
        return;
    }
    finish(accountKey, {Status::Refreshed, tokens, {}});
}

void TokenRefresher::finish(const QString &accountKey, const Result &result)
{
    // Taken out first: a callback may start the next refresh for the same account.
    const Flight flight = m_flights.take(accountKey);
    if (result.status == Status::Refreshed)
        Q_EMIT refreshed(accountKey);
    else if (result.status == Status::Rejected)
        Q_EMIT rejected(accountKey, result.error);
    for (const Waiter &w : flight.waiters) {
        if (w.context && w.done)
            w.done(result);
    }
}

} // namespace roomwarden::auth
