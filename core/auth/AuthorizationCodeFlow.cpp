#include "core/auth/AuthorizationCodeFlow.h"

#include "core/auth/Pkce.h"
#include "core/net/ApiClient.h"
#include "core/util/Clock.h"
#include "core/util/Logging.h"

#include <QHostAddress>
#include <QOAuth2AuthorizationCodeFlow>
#include <QOAuthHttpServerReplyHandler>
#include <QUrlQuery>

namespace roomwarden::auth {

namespace {
// buildAuthenticateUrl() is protected in 6.4. The public path, grant(), also wires Qt's own
// callback handling (which would post the code through its own network manager), so the URL
// builder is exposed instead and the callback stays ours.
class UrlBuilder final : public QOAuth2AuthorizationCodeFlow
{
public:
    using QOAuth2AuthorizationCodeFlow::buildAuthenticateUrl;
    using QOAuth2AuthorizationCodeFlow::QOAuth2AuthorizationCodeFlow;
};

// Compares without an early exit, so the time taken says nothing about how much matched.
bool sameSecret(const QString &a, const QString &b)
{
    if (a.size() != b.size() || a.isEmpty())
        return false;
    char16_t diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= char16_t(a.at(i).unicode() ^ b.at(i).unicode());
    return diff == 0;
}
} // namespace

AuthorizationCodeFlow::AuthorizationCodeFlow(net::ApiClient *api, Options options, QObject *parent)
    : QObject(parent), m_api(api), m_options(std::move(options))
{
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        fail(Error::Timeout, QStringLiteral("sign-in was not completed in the browser in time"));
    });
}

AuthorizationCodeFlow::~AuthorizationCodeFlow()
{
    closeListener();
}

bool AuthorizationCodeFlow::isListening() const
{
    return m_listener && m_listener->isListening();
}

void AuthorizationCodeFlow::closeListener()
{
    // close() stops listening at once, so further callbacks are refused at the socket. The
    // handler object itself stays until the next start() or our destruction: it owns the
    // socket that is still sending the browser its "you can close this tab" page, and
    // deleting it now would cut that reply off (the browser then retries the request).
    if (m_listener) {
        m_listener->close();
        m_listener->disconnect(this);
    }
}

void AuthorizationCodeFlow::releaseListener()
{
    closeListener();
    if (m_listener)
        m_listener->deleteLater();
    if (m_qtFlow)
        m_qtFlow->deleteLater();
    m_listener = nullptr;
    m_qtFlow = nullptr;
}

void AuthorizationCodeFlow::start()
{
    cancel();
    releaseListener();
    m_lastError = Error::None;
    m_rejectedCallbacks = 0;
    m_callbackAccepted = false;
    m_authorizeUrl.clear();
    m_redirectUri.clear();
    m_active = true;
    ++m_generation;

    m_verifier = Pkce::generateVerifier();
    m_state = Pkce::generateState();
    const QString challenge = Pkce::challengeS256(m_verifier);
    if (m_verifier.isEmpty() || m_state.isEmpty() || challenge.isEmpty()) {
        fail(Error::Random, QStringLiteral("the system's random generator failed"));
        return;
    }

    // QHostAddress(...) is required: QOAuthHttpServerReplyHandler(QHostAddress::LocalHost, 0)
    // picks the (quint16 port, QObject *parent) overload and listens on port 2, all interfaces.
    m_listener = new QOAuthHttpServerReplyHandler(QHostAddress(QHostAddress::LocalHost), 0, this);
    if (!m_listener->isListening()) {
        fail(Error::Listen, QStringLiteral("could not listen on 127.0.0.1 for the sign-in reply"));
        return;
    }
    m_listener->setCallbackPath(m_options.callbackPath);
    m_listener->setCallbackText(
        QStringLiteral("Sign-in received. You can close this tab and return to Roomwarden."));
    // RFC 8252 §7.3 / §8.3: the loopback IP literal, not "localhost".
    m_redirectUri = QUrl(m_listener->callback());
    connect(m_listener, &QOAuthHttpServerReplyHandler::callbackReceived, this,
            &AuthorizationCodeFlow::onCallback);

    auto *builder = new UrlBuilder(this);
    m_qtFlow = builder;
    m_qtFlow->setAuthorizationUrl(m_options.authorizationEndpoint);
    m_qtFlow->setClientIdentifier(m_options.clientId);
    m_qtFlow->setScope(m_options.scopes.join(u' '));
    m_qtFlow->setState(m_state);
    m_qtFlow->setReplyHandler(m_listener);
    m_qtFlow->setModifyParametersFunction(
        [challenge](QAbstractOAuth::Stage stage, QMultiMap<QString, QVariant> *parameters) {
            if (stage != QAbstractOAuth::Stage::RequestingAuthorization)
                return;
            // RFC 7636 §4.3.
            parameters->insert(QStringLiteral("code_challenge"), challenge);
            parameters->insert(QStringLiteral("code_challenge_method"), Pkce::kMethod.toString());
        });
    m_authorizeUrl = builder->buildAuthenticateUrl();

    m_timeout.start(m_options.timeoutMs);
    qCInfo(lcAuth) << "authorization code flow waiting for the browser on port"
                   << m_listener->port();
    Q_EMIT authorizeUrlReady(m_authorizeUrl);
}

void AuthorizationCodeFlow::cancel()
{
    if (m_active)
        m_lastError = Error::Cancelled;
    m_active = false;
    ++m_generation;
    m_timeout.stop();
    closeListener();
    m_verifier.clear();
    m_state.clear();
}

void AuthorizationCodeFlow::fail(Error error, const QString &reason)
{
    if (!m_active)
        return;
    cancel();
    m_lastError = error;
    qCWarning(lcAuth) << "authorization code flow failed:" << reason;
    Q_EMIT failed(reason);
}

void AuthorizationCodeFlow::reject(const QString &reason)
{
    ++m_rejectedCallbacks;
    qCWarning(lcAuth) << "sign-in callback rejected:" << reason;
    Q_EMIT callbackRejected(reason);
}

void AuthorizationCodeFlow::onCallback(const QVariantMap &encoded)
{
    // 6.4's handler hands over query values as QUrlQuery's PrettyDecoded form, in which
    // reserved characters stay percent-encoded (an RFC 9207 `iss` arrives as http%3A%2F%2F…).
    QVariantMap data;
    for (auto it = encoded.cbegin(); it != encoded.cend(); ++it)
        data.insert(it.key(), QUrl::fromPercentEncoding(it.value().toString().toUtf8()));

    if (!m_active || m_callbackAccepted) {
        // Already answered: RFC 8252 §8.6 wants one authorization response per request.
        ++m_rejectedCallbacks;
        return;
    }
    if (!sameSecret(data.value(QStringLiteral("state")).toString(), m_state)) {
        reject(QStringLiteral("the reply's state does not match this sign-in (RFC 6749 §10.12)"));
        return;
    }
    const QString issuer = data.value(QStringLiteral("iss")).toString();
    if (!m_options.expectedIssuer.isEmpty() && !issuer.isEmpty() &&
        issuer != m_options.expectedIssuer) {
        reject(QStringLiteral("the reply comes from another issuer (RFC 9207)"));
        return;
    }
    m_callbackAccepted = true;
    closeListener();
    m_state.clear();

    const QString error = data.value(QStringLiteral("error")).toString();
    if (!error.isEmpty()) {
        if (error == u"access_denied")
            fail(Error::Denied, QStringLiteral("sign-in was declined"));
        else
            fail(Error::Protocol,
                 QStringLiteral("the authorization server answered %1").arg(error));
        return;
    }
    const QString code = data.value(QStringLiteral("code")).toString();
    if (code.isEmpty()) {
        fail(Error::Protocol, QStringLiteral("the sign-in reply carries no code"));
        return;
    }
    exchange(code);
}

void AuthorizationCodeFlow::exchange(const QString &code)
{
    // RFC 6749 §4.1.3 + RFC 7636 §4.5; redirect_uri exactly as in the authorization request.
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("authorization_code"));
    form.addQueryItem(QStringLiteral("code"), code);
    form.addQueryItem(QStringLiteral("redirect_uri"), m_redirectUri.toString());
    form.addQueryItem(QStringLiteral("client_id"), m_options.clientId);
    form.addQueryItem(QStringLiteral("code_verifier"), m_verifier);
    net::ApiRequest request = net::ApiRequest::form(m_options.tokenEndpoint, form);
    request.bodyCarriesCredentials = true;
    const quint64 generation = m_generation;
    m_api->send(request, this, [this, generation](const net::ApiResponse &r) {
        if (generation == m_generation && m_active)
            onTokenReply(r);
    });
}

void AuthorizationCodeFlow::onTokenReply(const net::ApiResponse &r)
{
    if (!r.ok()) {
        const net::ApiError &e = *r.error;
        if (e.kind == net::ApiError::Kind::Http && e.code == u"invalid_grant")
            fail(Error::Rejected,
                 QStringLiteral("the sign-in code was refused: %1").arg(e.message));
        else if (e.kind == net::ApiError::Kind::Network || e.kind == net::ApiError::Kind::Tls)
            fail(Error::Network, QStringLiteral("could not finish sign-in: %1").arg(e.message));
        else
            fail(Error::Protocol, QStringLiteral("sign-in failed: %1").arg(e.message));
        return;
    }
    const QDateTime now =
        m_options.clock ? m_options.clock->now() : QDateTime::currentDateTimeUtc();
    QString error;
    const auto tokens = TokenSet::fromTokenResponse(r.object(), now, &error);
    if (!tokens) {
        fail(Error::Protocol, error);
        return;
    }
    cancel();
    m_lastError = Error::None;
    qCInfo(lcAuth) << "authorization code flow succeeded";
    Q_EMIT succeeded(*tokens);
}

} // namespace roomwarden::auth
