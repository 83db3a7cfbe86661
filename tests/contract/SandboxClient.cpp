#include "SandboxClient.h"

#include <QBuffer>
#include <QEventLoop>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QTimer>

namespace roomwarden::sandbox::test {

QByteArray Reply::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

SandboxClient::SandboxClient(const QSslCertificate &pinned, int timeoutMs)
    : m_nam(std::make_unique<QNetworkAccessManager>()), m_pinned(pinned), m_timeoutMs(timeoutMs)
{
    // Each request gets a fresh connection, so a fault on one reply can't leak into the next.
    m_nam->setAutoDeleteReplies(false);
}

SandboxClient::~SandboxClient() = default;

Reply SandboxClient::get(const QUrl &url, const Headers &headers)
{
    return send("GET", url, headers, {});
}
Reply SandboxClient::post(const QUrl &url, const Headers &headers, const QByteArray &body)
{
    return send("POST", url, headers, body);
}
Reply SandboxClient::patch(const QUrl &url, const Headers &headers, const QByteArray &body)
{
    return send("PATCH", url, headers, body);
}
Reply SandboxClient::put(const QUrl &url, const Headers &headers, const QByteArray &body)
{
    return send("PUT", url, headers, body);
}
Reply SandboxClient::del(const QUrl &url, const Headers &headers)
{
    return send("DELETE", url, headers, {});
}

Reply SandboxClient::send(const QByteArray &verb, const QUrl &url, const Headers &headers,
                          const QByteArray &body)
{
    QNetworkRequest req(url);
    // Trust exactly the sandbox certificate: no system CAs (§ ARCHITECTURE "sandbox").
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates(m_pinned.isNull() ? QList<QSslCertificate>{}
                                            : QList<QSslCertificate>{m_pinned});
    req.setSslConfiguration(tls);
    req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    req.setTransferTimeout(m_timeoutMs);
    for (const auto &h : headers)
        req.setRawHeader(h.first, h.second);

    QBuffer *buffer = nullptr;
    if (!body.isEmpty() || verb == "POST" || verb == "PATCH" || verb == "PUT") {
        buffer = new QBuffer;
        buffer->setData(body);
        buffer->open(QIODevice::ReadOnly);
    }
    std::unique_ptr<QNetworkReply> reply(m_nam->sendCustomRequest(req, verb, buffer));
    if (buffer)
        buffer->setParent(reply.get());

    Reply out;
    if (!reply->isFinished()) {
        QEventLoop loop;
        QTimer timer;
        timer.setSingleShot(true);
        QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
        timer.start(m_timeoutMs + 1000);
        loop.exec();
        if (!reply->isFinished()) {
            out.timedOut = true;
            reply->abort();
        }
    }
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.error = reply->error();
    out.errorString = reply->errorString();
    out.headers = reply->rawHeaderPairs();
    if (reply->isOpen())
        out.body = reply->readAll();
    out.json = QJsonDocument::fromJson(out.body);
    return out;
}

QByteArray SandboxClient::form(const QUrlQuery &fields)
{
    return fields.toString(QUrl::FullyEncoded).toUtf8();
}

QByteArray SandboxClient::json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

Headers SandboxClient::formHeaders()
{
    return {{"Content-Type", "application/x-www-form-urlencoded"}};
}

Headers SandboxClient::authHeaders(const QString &clientId, const QString &accessToken)
{
    return {{"Client-Id", clientId.toUtf8()}, {"Authorization", "Bearer " + accessToken.toUtf8()}};
}

Headers SandboxClient::jsonHeaders(const QString &clientId, const QString &accessToken)
{
    Headers h = authHeaders(clientId, accessToken);
    h.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    return h;
}

QUrl SandboxClient::url(const QUrl &base, const QString &path, const QUrlQuery &query)
{
    QUrl u = base;
    u.setPath(base.path() + path);
    if (!query.isEmpty())
        u.setQuery(query);
    return u;
}

} // namespace roomwarden::sandbox::test
