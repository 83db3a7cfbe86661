#pragma once
#include "core/auth/TokenSet.h"

#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>
#include <QUrl>
#include <QVariantMap>

class QOAuth2AuthorizationCodeFlow;
class QOAuthHttpServerReplyHandler;

namespace roomwarden::net {
class ApiClient;
struct ApiResponse;
} // namespace roomwarden::net
namespace roomwarden::util {
class Clock;
}

namespace roomwarden::auth {

// Authorization code grant for a public native client (RFC 6749 §4.1) with PKCE S256
// (RFC 7636) and a loopback redirect (RFC 8252 §7.3): http://127.0.0.1:<random port>/callback.
//
// Qt NetworkAuth 6.4 does the parts that fit: QOAuthHttpServerReplyHandler is the loopback
// listener and QOAuth2AuthorizationCodeFlow::buildAuthenticateUrl() builds the authorization
// request, with PKCE added through setModifyParametersFunction (6.4 has none built in). The rest
// is ours, because in 6.4:
//  - state: a mismatch or an `error` callback is only logged by _q_handleCallback, and its
//    state generator is not OpenSSL's; we draw state from RAND_bytes and check it ourselves;
//  - token request: requestAccessToken() posts through its own QNetworkAccessManager (bypassing
//    the EgressPolicy/TlsPolicy of ApiClient), and an HTTP error from the token endpoint only
//    reaches a qWarning (nothing is emitted, the flow hangs). The exchange goes over ApiClient.
//
// Callbacks (decided): the first callback whose `state` matches is the only one acted on. The
// listener is closed right then, so later callbacks are refused at the socket, and any that
// were already accepted are ignored. A callback with a missing or wrong `state` (or a wrong
// RFC 9207 `iss`) is rejected (callbackRejected) and the flow keeps waiting: a stale tab or a
// local process probing the port must not be able to end the user's real sign-in. The flow
// ends by success, by failure after a matching callback, by cancel(), or by the timeout.
class AuthorizationCodeFlow : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QUrl authorizationEndpoint;
        QUrl tokenEndpoint;
        QString clientId; // public client: token_endpoint_auth_method "none"
        QStringList scopes;
        // RFC 9207: when set and the callback carries `iss`, it must be this issuer.
        QString expectedIssuer;
        QString callbackPath = QStringLiteral("/callback");
        int timeoutMs = 10 * 60 * 1000; // the user has this long to finish in the browser
        const util::Clock *clock = nullptr;
    };

    enum class Error
    {
        None,
        Cancelled,
        Denied,   // access_denied from the authorization server
        Timeout,  // no matching callback in time
        Listen,   // the loopback listener could not start
        Random,   // the CSPRNG failed: no verifier or state
        Network,  // the token request did not get an answer
        Rejected, // the token endpoint refused the code (invalid_grant, PKCE mismatch)
        Protocol, // any other error callback or reply shape
    };

    AuthorizationCodeFlow(net::ApiClient *api, Options options, QObject *parent = nullptr);
    ~AuthorizationCodeFlow() override;

    // Opens the listener and emits authorizeUrlReady. The UI opens that URL in the browser and,
    // when no browser opens, shows it as a link to copy (the flow waits either way).
    void start();
    void cancel();

    bool isActive() const { return m_active; }
    bool isListening() const;
    QUrl authorizeUrl() const { return m_authorizeUrl; }
    QUrl redirectUri() const { return m_redirectUri; }
    Error lastError() const { return m_lastError; }
    int rejectedCallbacks() const { return m_rejectedCallbacks; }

Q_SIGNALS:
    void authorizeUrlReady(const QUrl &url);
    void callbackRejected(const QString &reason);
    void succeeded(const roomwarden::auth::TokenSet &tokens);
    void failed(const QString &reason);

private:
    void onCallback(const QVariantMap &data);
    void exchange(const QString &code);
    void onTokenReply(const net::ApiResponse &response);
    void fail(Error error, const QString &reason);
    void closeListener();
    void releaseListener();
    void reject(const QString &reason);

    net::ApiClient *m_api;
    Options m_options;
    QPointer<QOAuthHttpServerReplyHandler> m_listener;
    QPointer<QOAuth2AuthorizationCodeFlow> m_qtFlow;
    QTimer m_timeout;
    QString m_verifier; // credentials for this attempt only: never logged
    QString m_state;
    QUrl m_authorizeUrl;
    QUrl m_redirectUri;
    quint64 m_generation = 0;
    int m_rejectedCallbacks = 0;
    bool m_active = false;
    bool m_callbackAccepted = false;
    Error m_lastError = Error::None;
};

} // namespace roomwarden::auth
