#pragma once
#include "core/auth/TokenSet.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QUrl>

#include <functional>

namespace roomwarden::net {
class ApiClient;
struct ApiResponse;
struct ApiError;
} // namespace roomwarden::net
namespace roomwarden::util {
class Clock;
}

namespace roomwarden::auth {

// Refresh with rotation (RFC 6749 §6; rotation per RFC 9700 §4.14.2), for standards servers
// and Twitch alike (specs/twitch.md §2.5: same form, {status,message} errors).
//
// Two rules make rotation safe:
//  - single flight per account: while a refresh for an account is in flight (network call *or*
//    persisting its result), further refresh() calls for that account join it instead of
//    sending the old refresh token again, which a rotating server treats as token reuse and
//    answers by revoking the whole grant;
//  - persist first: the new token set (above all the rotated refresh token) is handed to
//    `persist` and the new access token is released to callers only after persist reported
//    success. A crash between the two then costs at most a refresh, never the account.
class TokenRefresher : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QUrl tokenEndpoint; // RFC 8414 token_endpoint; Twitch: https://id.twitch.tv/oauth2/token
        QString clientId;   // a public client: no secret (RFC 6749 §2.1, §6)
        QStringList scopes; // optional narrowing (§6); empty = not sent, the grant's scopes
        const util::Clock *clock = nullptr; // for expiresAt; nullptr = system time
    };

    enum class Status
    {
        Refreshed,     // persisted, then released
        Rejected,      // the refresh token is dead (invalid_grant, Twitch "Invalid refresh
                       // token", bad client): sign in again
        Failed,        // could not tell (network, 5xx, 429, garbled reply): retry later
        PersistFailed, // the server rotated but storing failed; `tokens` holds the only copy
    };

    struct Result
    {
        Status status = Status::Failed;
        TokenSet tokens; // set for Refreshed and PersistFailed only
        QString error;   // for the user and the log: never contains a token
        bool ok() const { return status == Status::Refreshed; }
    };

    using Callback = std::function<void(const Result &)>;
    using PersistDone = std::function<void(bool stored, const QString &error)>;
    // Stores `tokens` for `accountKey` (SecretStore in the app) and calls `done` exactly once,
    // now or later. Nothing reaches refresh() callers before `done(true, …)`.
    using Persist =
        std::function<void(const QString &accountKey, const TokenSet &tokens, PersistDone done)>;

    TokenRefresher(net::ApiClient *api, Options options, Persist persist,
                   QObject *parent = nullptr);
    ~TokenRefresher() override;

    // `done` runs later (never synchronously) unless `context` is gone by then. A call for an
    // account that is already refreshing joins that flight; its `refreshToken` is not sent.
    void refresh(const QString &accountKey, const QString &refreshToken, QObject *context,
                 Callback done);

    bool isRefreshing(const QString &accountKey) const { return m_flights.contains(accountKey); }
    int requestsSent() const { return m_requestsSent; }

    // The refresh token is dead for any of these answers (both shapes, RFC 6749 §5.2 and
    // Twitch's {"status":400,"message":"Invalid refresh token"}).
    static bool isRejection(const net::ApiError &error);

Q_SIGNALS:
    void refreshed(const QString &accountKey);
    void rejected(const QString &accountKey, const QString &reason);

private:
    struct Waiter
    {
        QPointer<QObject> context;
        Callback done;
    };
    struct Flight
    {
        QString refreshToken; // the one sent; kept when the server issues no new one (§6)
        QList<Waiter> waiters;
    };

    void onReply(const QString &accountKey, const net::ApiResponse &response);
    void onPersisted(const QString &accountKey, const TokenSet &tokens, bool stored,
                     const QString &error);
    void finish(const QString &accountKey, const Result &result);

    net::ApiClient *m_api;
    Options m_options;
    Persist m_persist;
    QHash<QString, Flight> m_flights;
    int m_requestsSent = 0;
};

} // namespace roomwarden::auth
