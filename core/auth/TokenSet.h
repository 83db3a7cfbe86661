#pragma once
#include "core/model/Scope.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

class QDebug;

namespace roomwarden::auth {

// An OAuth token pair as the token endpoint returned it. Lives in memory and in the keychain
// only (SecretStore); there is deliberately no QDebug operator, and streaming one into a log is
// a compile error (see below).
struct TokenSet
{
    QString accessToken;
    QString refreshToken;
    QDateTime expiresAt; // invalid when the server did not say (§2.2: refresh may omit it)
    // What the token endpoint *claims*; the granted scopes are the ones /oauth2/validate reports
    // (promise 2), so nothing decides on these.
    model::ScopeSet reportedScopes;
    QString tokenType;

    bool isValid() const { return !accessToken.isEmpty(); }
    bool isExpiredAt(const QDateTime &now) const { return expiresAt.isValid() && now >= expiresAt; }

    // Parses a token response (specs/twitch.md §2.2): `scope` may be an array, a
    // space-delimited string, or absent. Returns nullopt (and `error`) without access_token.
    static std::optional<TokenSet> fromTokenResponse(const QJsonObject &json, const QDateTime &now,
                                                     QString *error = nullptr);
    // The `scope`/`scopes` value in any shape Twitch uses (array, string, null, absent).
    static model::ScopeSet scopesFromJson(const QJsonValue &value);

    friend bool operator==(const TokenSet &, const TokenSet &) = default;
};

// Never print a token set, not even in a debug build.
QDebug operator<<(QDebug, const TokenSet &) = delete;

} // namespace roomwarden::auth
