#include "core/model/Account.h"

namespace roomwarden::model {

QString Account::secretKey() const
{
    return providerId(provider) + u':' + accountId;
}

bool Account::hasScope(const QString &name) const
{
    return containsScope(grantedScopes, Scope{provider, name});
}

} // namespace roomwarden::model
