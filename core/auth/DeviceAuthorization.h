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
class DeviceAuthorization : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QUrl idBase;
        QString clientId;
        QStringList scopes;
        // Milliseconds per platform second for every wait (interval, slow_down, expiry):
        // 1000 in the app; tests shrink it so a 5 s interval takes a few milliseconds.
        int msPerSecond = 1000;
        int minimumIntervalSecs = 1; // a server-sent interval below this is raised to it
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
    int m_intervalSecs = 5;
    int m_polls = 0;
    quint64 m_generation = 0; // replies of a cancelled run are ignored
    bool m_active = false;
    bool m_expired = false;
    Error m_lastError = Error::None;
};

} // namespace roomwarden::auth
