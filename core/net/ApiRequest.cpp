#include "core/net/ApiRequest.h"

namespace roomwarden::net {

ApiRequest ApiRequest::json(const QByteArray &verb, const QUrl &url, const QJsonObject &body)
{
    ApiRequest r;
    r.verb = verb;
    r.url = url;
    r.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    r.contentType = "application/json";
    return r;
}

ApiRequest ApiRequest::form(const QUrl &url, const QUrlQuery &fields)
{
    ApiRequest r;
    r.verb = "POST";
    r.url = url;
    // Encoded by hand: QUrlQuery leaves '+' as is, which a form decoder reads as a space.
    QByteArray body;
    const auto items = fields.queryItems(QUrl::FullyDecoded);
    for (const auto &[key, value] : items) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
    }
    r.body = body;
    r.contentType = "application/x-www-form-urlencoded";
    return r;
}

} // namespace roomwarden::net
