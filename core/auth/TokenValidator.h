#pragma once
#include "core/model/Scope.h"
#include "core/net/ApiError.h"

#include <QJsonObject>
#include <QObject>
#include <QUrl>

#include <optional>

namespace roomwarden::net {
class ApiClient;
}

namespace roomwarden::auth {

// What GET /oauth2/validate says about a token (specs/twitch.md §2.6). This is the only source
// of *granted* scopes (promise 2): the token endpoint's `scope` is never trusted for that.
struct TokenValidation
{
    enum class Status
    {
        Valid,
        Invalid, // 401: the token is dead; end sessions and ask for sign-in again
        Failed,  // could not tell (network, 5xx, parse): try again later, keep the session
    };
    Status status = Status::Failed;
    QString userId;
    QString login;
    QString clientId;
    model::ScopeSet scopes; // `scopes` may be null: then empty
    qint64 expiresIn = 0;   // seconds; 0 = does not expire (legacy tokens)
    std::optional<net::ApiError> error;

    bool isValid() const { return status == Status::Valid; }
    static TokenValidation fromJson(const QJsonObject &json);
};

class TokenValidator : public QObject
{
    Q_OBJECT
public:
    TokenValidator(net::ApiClient *api, QUrl idBase, QObject *parent = nullptr);

    // One validation; the result arrives through finished().
    void validate(const QString &accessToken);

Q_SIGNALS:
    void finished(const roomwarden::auth::TokenValidation &result);

private:
    net::ApiClient *m_api;
    QUrl m_idBase;
};

} // namespace roomwarden::auth
