#include "core/net/ApiError.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace roomwarden::net {

ApiError ApiError::fromHttp(int status, const QByteArray &body)
{
    ApiError e;
    e.kind = status == 429 ? Kind::RateLimited : Kind::Http;
    e.httpStatus = status;
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error == QJsonParseError::NoError && doc.isObject()) {
        const QJsonObject o = doc.object();
        e.message = o.value(QStringLiteral("message")).toString();
        if (e.message.isEmpty())
            e.message = o.value(QStringLiteral("error_description")).toString();
        e.code = o.value(QStringLiteral("error")).toString();
        if (e.message.isEmpty())
            e.message = e.code;
    }
    if (e.message.isEmpty())
        e.message = QStringLiteral("HTTP %1").arg(status);
    return e;
}

bool ApiError::mentions(const QString &word) const
{
    return message.compare(word, Qt::CaseInsensitive) == 0 ||
           code.compare(word, Qt::CaseInsensitive) == 0;
}

QString apiErrorKindName(ApiError::Kind kind)
{
    switch (kind) {
    case ApiError::Kind::Network:
        return QStringLiteral("network");
    case ApiError::Kind::Tls:
        return QStringLiteral("tls");
    case ApiError::Kind::Http:
        return QStringLiteral("http");
    case ApiError::Kind::RateLimited:
        return QStringLiteral("rate_limited");
    case ApiError::Kind::Parse:
        return QStringLiteral("parse");
    case ApiError::Kind::Refused:
        return QStringLiteral("refused");
    }
    return QStringLiteral("unknown");
}

} // namespace roomwarden::net
