#include "core/auth/TokenSet.h"

#include <QJsonArray>

namespace roomwarden::auth {

model::ScopeSet TokenSet::scopesFromJson(const QJsonValue &value)
{
    if (value.isArray()) {
        QStringList words;
        const QJsonArray array = value.toArray();
        for (const QJsonValue &v : array) {
            if (v.isString())
                words << v.toString();
        }
        return model::scopesFromWords(model::Provider::Twitch, words);
    }
    if (value.isString())
        return model::scopesFromSpaceDelimited(model::Provider::Twitch, value.toString());
    return {};
}

std::optional<TokenSet> TokenSet::fromTokenResponse(const QJsonObject &json, const QDateTime &now,
                                                    QString *error)
{
    TokenSet t;
    t.accessToken = json.value(QStringLiteral("access_token")).toString();
    if (t.accessToken.isEmpty()) {
        if (error)
            *error = QStringLiteral("token response has no access_token");
        return std::nullopt;
    }
    t.refreshToken = json.value(QStringLiteral("refresh_token")).toString();
    const QJsonValue expires = json.value(QStringLiteral("expires_in"));
    // At most a century: a larger (or 1e300) lifetime would overflow the cast and the date
    // arithmetic (regression input: tests/fuzz/corpus/oauth); the expiry then counts as unknown.
    if (expires.isDouble() && expires.toDouble() > 0 && expires.toDouble() < 3.2e9)
        t.expiresAt = now.addSecs(qint64(expires.toDouble()));
    t.reportedScopes = scopesFromJson(json.value(QStringLiteral("scope")));
    t.tokenType = json.value(QStringLiteral("token_type")).toString();
    return t;
}

} // namespace roomwarden::auth
