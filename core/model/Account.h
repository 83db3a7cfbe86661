#pragma once
#include "core/model/Provider.h"
#include "core/model/Scope.h"

#include <QDateTime>
#include <QString>

namespace roomwarden::model {

// A signed-in identity on one platform. Holds no token: tokens live only in the keychain
// (SecretStore), keyed by `secretKey()`.
struct Account
{
    Provider provider = Provider::Twitch;
    QString accountId; // the platform's user id (a string, even when it looks numeric)
    QString login;
    QString displayName;
    ScopeSet grantedScopes; // as reported by the platform, never as requested
    QDateTime accessExpiresAt;

    // "<provider>:<accountId>": the keychain key and the id used across the app.
    QString secretKey() const;
    bool isValid() const { return !accountId.isEmpty(); }
    bool hasScope(const QString &name) const;

    friend bool operator==(const Account &, const Account &) = default;
};

} // namespace roomwarden::model
