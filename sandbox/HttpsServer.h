#pragma once
// The sandbox's HTTP(S) transport: a QAbstractHttpServer that hands every request, whatever its
// path, to one handler and writes back exactly what it returns (status, headers, body), possibly
// later (slow-reply faults) or truncated (malformed-JSON faults). Routing lives in RequestRouter.
#include "sandbox/Types.h"

#include <QAbstractHttpServer>
#include <QByteArray>
#include <QDateTime>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

#include <functional>

namespace roomwarden::sandbox {

struct ApiRequest
{
    QString method; // upper case: GET, POST, ...
    QString path;   // decoded, no query
    QUrlQuery query;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(const QByteArray &name) const; // case-insensitive, first match
};

struct ServerReply
{
    HttpResult result;
    int delayMs = 0;       // answer after this many milliseconds
    bool truncate = false; // send only the first half of the body (malformed JSON)
};

class HttpsServer : public QAbstractHttpServer
{
    Q_OBJECT
public:
    using Handler = std::function<ServerReply(const ApiRequest &)>;
    explicit HttpsServer(Handler handler, QObject *parent = nullptr);

    // Listens on 127.0.0.1 only. Returns the port, 0 on failure.
    quint16 listenLoopback(quint16 port);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    Handler m_handler;
};

} // namespace roomwarden::sandbox
