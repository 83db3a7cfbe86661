#pragma once
#include "core/auth/TokenSet.h"
#include "core/net/ApiError.h"

#include <QObject>
#include <QStringList>
#include <QTimer>
#include <QUrl>

namespace roomwarden::net {
class ApiClient;
struct ApiResponse;
} // namespace roomwarden::net
namespace roomwarden::util {
class Clock;
}

namespace roomwarden::auth {

// RFC 8628 device authorization grant, in Twitch's variant (specs/twitch.md §2.4):
//   POST {idBase}/oauth2/device  client_id, scopes (plural, space-delimited)
//   POST {idBase}/oauth2/token   client_id, device_code, grant_type=…device_code  every
//                                `interval` s until `expires_in` s have passed.
// Twitch reports "authorization_pending" in `message`, RFC servers in `error`: both are read.
// One poll is in flight at a time; the next is scheduled when the previous reply arrived.
//
// Standards servers (RFC 8628 §3.1/§3.4, e.g. oidc-provider) differ only in wire details, which
// Options carries: explicit endpoints (from RFC 8414 metadata), the singular `scope`
// parameter, and no scope on the token request. Options::rfc8628() sets all three.
class DeviceAuthorization : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QUrl idBase; // Twitch: endpoints are {idBase}/oauth2/device and {idBase}/oauth2/token
        QString clientId;
        QStringList scopes;
        // When set, used instead of the Twitch paths under idBase.
        QUrl deviceAuthorizationEndpoint;
        QUrl tokenEndpoint;
        // RFC 8628 §3.1 says `scope`; Twitch's id service wants `scopes`.
        QString scopeParameter = QStringLiteral("scopes");
        // Twitch (§2.4) accepts the scopes again on every poll; RFC 8628 §3.4 defines no such
        // parameter, so standards servers get none.
        bool scopeOnPoll = true;
        // Milliseconds per platform second for every wait (interval, slow_down, expiry):
        // 1000 in the app; tests shrink it so a 5 s interval takes a few milliseconds.
        int msPerSecond = 1000;
        int minimumIntervalSecs = 1; // a server-sent interval below this is raised to it

        // A standards server: explicit endpoints, `scope`, nothing extra on polls.
        static Options rfc8628(QUrl deviceAuthorizationEndpoint, QUrl tokenEndpoint,
                               QString clientId, QStringList scopes);
    };

    enum class Error
    {
        None,
        Cancelled,
        Denied,   // access_denied
        Expired,  // expired_token, or expires_in passed
        Network,  // the start request failed
        Protocol, // unexpected reply shape or an unknown fatal error
    };

    DeviceAuthorization(net::ApiClient *api, Options options, QObject *parent = nullptr);
    ~DeviceAuthorization() override;

    void start();
    void cancel(); // stops polling; no further signals for this run
    bool isActive() const { return m_active; }

    int currentIntervalSecs() const { return m_intervalSecs; }
    int pollCount() const { return m_polls; }
    Error lastError() const { return m_lastError; }
    QString userCode() const { return m_userCode; }
    // RFC 8628 §3.3.1: the verification URI with the user code in it (for a QR code or a
    // one-click link); empty when the server did not send one. Set before userCodeReady.
    QUrl verificationUriComplete() const { return m_verificationUriComplete; }

Q_SIGNALS:
    void userCodeReady(const QString &userCode, const QUrl &verificationUri, int expiresIn);
    void succeeded(const roomwarden::auth::TokenSet &tokens);
    void failed(const QString &reason);

private:
    void onStarted(const net::ApiResponse &response);
    void poll();
    void onPolled(const net::ApiResponse &response);
    void scheduleNextPoll();
    void fail(Error error, const QString &reason);
    QUrl endpoint(const QString &path) const;

    net::ApiClient *m_api;
    Options m_options;
    QTimer m_pollTimer;
    QTimer m_expiryTimer;
    QString m_deviceCode; // a credential: never logged
    QString m_userCode;
    QUrl m_verificationUriComplete;
    int m_intervalSecs = 5;
    int m_polls = 0;
    quint64 m_generation = 0; // replies of a cancelled run are ignored
    bool m_active = false;
    bool m_expired = false;
    Error m_lastError = Error::None;
};

} // namespace roomwarden::auth
