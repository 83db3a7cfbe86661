#pragma once
#include <QObject>
#include <QUrl>

#include <functional>

namespace roomwarden::net {
class ApiClient;
struct ApiResponse;
} // namespace roomwarden::net

namespace roomwarden::auth {

// Token revocation on sign-out (promise 3):
//  - RFC 7009 §2.1: POST revocation_endpoint, form token + token_type_hint, client_id for a
//    public client. §2.2: 200 also for a token that was already invalid.
//  - Twitch (specs/twitch.md §2.7): POST https://id.twitch.tv/oauth2/revoke, form client_id +
//    token, no hint; an already dead token answers 400 {"status":400,"message":"Invalid token"}.
// Revoking the refresh token is the one that matters: servers that follow RFC 7009 §2.1's
// advice (oidc-provider does) then revoke the access tokens of the same grant as well.
class TokenRevoker : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QUrl revocationEndpoint;
        QString clientId;
        bool sendTypeHint = true; // RFC 7009 token_type_hint; Twitch documents none

        static Options twitch(const QUrl &idBase, const QString &clientId);
    };

    enum class TokenType
    {
        AccessToken,
        RefreshToken,
    };

    enum class Status
    {
        Revoked,        // the server confirmed
        AlreadyInvalid, // Twitch said "Invalid token": nothing left to revoke
        Failed,         // network, 5xx (RFC 7009 §2.2.1 503: retry later), other refusals
    };

    struct Result
    {
        Status status = Status::Failed;
        QString error; // never contains the token
        bool ok() const { return status != Status::Failed; }
    };
    using Callback = std::function<void(const Result &)>;

    TokenRevoker(net::ApiClient *api, Options options, QObject *parent = nullptr);

    // `done` runs later unless `context` is gone by then.
    void revoke(const QString &token, TokenType type, QObject *context, Callback done);

    static Result resultFor(const net::ApiResponse &response);

private:
    net::ApiClient *m_api;
    Options m_options;
};

} // namespace roomwarden::auth
