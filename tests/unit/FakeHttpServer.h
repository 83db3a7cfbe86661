#pragma once
// A tiny HTTP/1.1 server on 127.0.0.1 for unit tests of the net/auth layer: canned replies,
// every request recorded. Plain http only (the egress policy allows it for the sandbox's debug
// profile); TLS is exercised by the contract tests against the sandbox.
#include <QHash>
#include <QList>
#include <QTcpServer>
#include <QTcpSocket>

#include <functional>

namespace roomwarden::test {

struct FakeRequest
{
    QByteArray method;
    QByteArray target;                     // path + query
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;
};

struct FakeResponse
{
    int status = 200;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    bool hang = false; // never answer (timeouts)
};

class FakeHttpServer : public QObject
{
public:
    using Handler = std::function<FakeResponse(const FakeRequest &)>;

    explicit FakeHttpServer(Handler handler) : m_handler(std::move(handler))
    {
        m_server.listen(QHostAddress(QHostAddress::LocalHost), 0);
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                s->setParent(this);
                QObject::connect(s, &QTcpSocket::readyRead, this, [this, s] { onData(s); });
            }
        });
    }

    QUrl url(const QString &path = {}) const
    {
        QUrl u(QStringLiteral("http://127.0.0.1"));
        u.setPort(m_server.serverPort());
        u.setPath(path);
        return u;
    }
    quint16 port() const { return m_server.serverPort(); }
    const QList<FakeRequest> &requests() const { return m_requests; }
    void setHandler(Handler h) { m_handler = std::move(h); }

    static FakeResponse json(int status, const QByteArray &body)
    {
        return {status, body, {{"Content-Type", "application/json"}}, false};
    }

private:
    void onData(QTcpSocket *s)
    {
        QByteArray &buf = m_buffers[s];
        buf += s->readAll();
        const qsizetype end = buf.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        FakeRequest req;
        const QList<QByteArray> lines = buf.left(end).split('\n');
        const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
        req.method = first.value(0);
        req.target = first.value(1);
        qsizetype length = 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon < 0)
                continue;
            const QByteArray name = lines[i].left(colon).trimmed().toLower();
            const QByteArray value = lines[i].mid(colon + 1).trimmed();
            req.headers.insert(name, value);
            if (name == "content-length")
                length = value.toLongLong();
        }
        if (buf.size() < end + 4 + length)
            return;
        req.body = buf.mid(end + 4, length);
        m_buffers.remove(s);
        m_requests.append(req);
        const FakeResponse r = m_handler(req);
        if (r.hang)
            return;
        QByteArray out = "HTTP/1.1 " + QByteArray::number(r.status) + " X\r\n";
        for (const auto &[k, v] : r.headers)
            out += k + ": " + v + "\r\n";
        out += "Content-Length: " + QByteArray::number(r.body.size()) +
               "\r\nConnection: close\r\n\r\n" + r.body;
        s->write(out);
        s->disconnectFromHost();
    }

    QTcpServer m_server;
    Handler m_handler;
    QList<FakeRequest> m_requests;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

} // namespace roomwarden::test
