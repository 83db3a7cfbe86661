#include "sandbox/HttpsServer.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <memory>

namespace roomwarden::sandbox {

namespace {

QString methodName(QHttpServerRequest::Method m)
{
    switch (m) {
    case QHttpServerRequest::Method::Get:
        return QStringLiteral("GET");
    case QHttpServerRequest::Method::Put:
        return QStringLiteral("PUT");
    case QHttpServerRequest::Method::Delete:
        return QStringLiteral("DELETE");
    case QHttpServerRequest::Method::Post:
        return QStringLiteral("POST");
    case QHttpServerRequest::Method::Head:
        return QStringLiteral("HEAD");
    case QHttpServerRequest::Method::Options:
        return QStringLiteral("OPTIONS");
    case QHttpServerRequest::Method::Patch:
        return QStringLiteral("PATCH");
    case QHttpServerRequest::Method::Connect:
        return QStringLiteral("CONNECT");
    case QHttpServerRequest::Method::Trace:
        return QStringLiteral("TRACE");
    default:
        return QStringLiteral("UNKNOWN");
    }
}

void writeReply(QHttpServerResponder &responder, const ServerReply &reply)
{
    const HttpResult &r = reply.result;
    QByteArray body;
    if (!r.body.isNull())
        body = r.body.toJson(QJsonDocument::Compact);
    if (reply.truncate)
        body.truncate(body.size() / 2);
    responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(r.status));
    bool hasType = false;
    for (const auto &h : r.headers) {
        hasType = hasType || h.first.compare("Content-Type", Qt::CaseInsensitive) == 0;
        responder.writeHeader(h.first, h.second);
    }
    if (!body.isEmpty() && !hasType)
        responder.writeHeader("Content-Type", "application/json; charset=utf-8");
    if (r.status != 204)
        responder.writeHeader("Content-Length", QByteArray::number(body.size()));
    responder.writeBody(body);
}

} // namespace

QByteArray ApiRequest::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

HttpsServer::HttpsServer(Handler handler, QObject *parent)
    : QAbstractHttpServer(parent), m_handler(std::move(handler))
{}

quint16 HttpsServer::listenLoopback(quint16 port)
{
    return listen(QHostAddress(QHostAddress::LocalHost), port);
}

bool HttpsServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    ApiRequest req;
    req.method = methodName(request.method());
    req.path = request.url().path(QUrl::FullyDecoded);
    req.query = request.query();
    req.headers = request.headers();
    req.body = request.body();

    const ServerReply reply = m_handler(req);
    auto responder = std::make_shared<QHttpServerResponder>(makeResponder(request, socket));
    if (reply.delayMs <= 0) {
        writeReply(*responder, reply);
        return true;
    }
    // Slow-reply fault: keep the responder alive and answer later on the same connection. If the
    // client gave up meanwhile, the socket is gone and there is nothing to write to.
    QPointer<QTcpSocket> guard(socket);
    QTimer::singleShot(reply.delayMs, this, [responder, reply, guard] {
        if (guard && guard->state() == QAbstractSocket::ConnectedState)
            writeReply(*responder, reply);
    });
    return true;
}

void HttpsServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // handleRequest accepts everything; this is only reached if Qt itself rejects a request.
    ServerReply reply{HttpResult::helixError(404, QStringLiteral("Not Found")), 0, false};
    auto responder = makeResponder(request, socket);
    writeReply(responder, reply);
}

} // namespace roomwarden::sandbox
