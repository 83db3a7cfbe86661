#include "sandbox/Types.h"

namespace roomwarden::sandbox {

QString HttpResult::reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return QStringLiteral("OK");
    case 202:
        return QStringLiteral("Accepted");
    case 204:
        return QStringLiteral("No Content");
    case 400:
        return QStringLiteral("Bad Request");
    case 401:
        return QStringLiteral("Unauthorized");
    case 403:
        return QStringLiteral("Forbidden");
    case 404:
        return QStringLiteral("Not Found");
    case 405:
        return QStringLiteral("Method Not Allowed");
    case 409:
        return QStringLiteral("Conflict");
    case 410:
        return QStringLiteral("Gone");
    case 413:
        return QStringLiteral("Payload Too Large");
    case 422:
        return QStringLiteral("Unprocessable Entity");
    case 429:
        return QStringLiteral("Too Many Requests");
    case 500:
        return QStringLiteral("Internal Server Error");
    case 503:
        return QStringLiteral("Service Unavailable");
    default:
        return QStringLiteral("Error");
    }
}

HttpResult HttpResult::helixError(int status, const QString &message)
{
    HttpResult r;
    r.status = status;
    r.body = QJsonDocument(QJsonObject{{QStringLiteral("error"), reasonPhrase(status)},
                                       {QStringLiteral("status"), status},
                                       {QStringLiteral("message"), message}});
    return r;
}

HttpResult HttpResult::idError(int status, const QString &message)
{
    HttpResult r;
    r.status = status;
    r.body = QJsonDocument(
        QJsonObject{{QStringLiteral("status"), status}, {QStringLiteral("message"), message}});
    return r;
}

} // namespace roomwarden::sandbox
