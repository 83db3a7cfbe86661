#include "core/auth/TokenSetCodec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace roomwarden::auth {

namespace {
constexpr int kFormatVersion = 1;
}

QByteArray TokenSetCodec::encode(const TokenSet &t)
{
    QJsonObject o{
        {QStringLiteral("v"), kFormatVersion},
        {QStringLiteral("access_token"), t.accessToken},
        {QStringLiteral("refresh_token"), t.refreshToken},
        {QStringLiteral("token_type"), t.tokenType},
        {QStringLiteral("scope"), QJsonArray::fromStringList(model::scopeNames(t.reportedScopes))},
    };
    if (t.expiresAt.isValid())
        o.insert(QStringLiteral("expires_at"), t.expiresAt.toUTC().toString(Qt::ISODate));
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

std::optional<TokenSet> TokenSetCodec::decode(QByteArrayView bytes)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    const QJsonObject o = doc.object();
    if (o.value(u"v").toInt() != kFormatVersion)
        return std::nullopt;
    TokenSet t;
    t.accessToken = o.value(u"access_token").toString();
    if (t.accessToken.isEmpty())
        return std::nullopt;
    t.refreshToken = o.value(u"refresh_token").toString();
    t.tokenType = o.value(u"token_type").toString();
    t.reportedScopes = TokenSet::scopesFromJson(o.value(u"scope"));
    const QString expires = o.value(u"expires_at").toString();
    if (!expires.isEmpty())
        t.expiresAt = QDateTime::fromString(expires, Qt::ISODate).toUTC();
    return t;
}

void TokenSetCodec::wipe(QByteArray &bytes)
{
    bytes.fill('\0');
    bytes.clear();
}

void TokenSetCodec::wipe(QString &text)
{
    text.fill(QChar(u'\0'));
    text.clear();
}

} // namespace roomwarden::auth
