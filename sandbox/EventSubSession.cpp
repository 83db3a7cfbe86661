#include "sandbox/EventSubSession.h"

#include <cmath>
#include <QWebSocket>

namespace roomwarden::sandbox {

namespace {
// §4.1: the twitch-cli mock pings every 5 s; a client that misses two pongs in a row is dead.
constexpr double kPingSecs = 5.0;
constexpr int kMissedPongs = 2;
constexpr qint64 kMinPongWaitMs = 5000;
} // namespace

EventSubSession::EventSubSession(QWebSocket *socket, const QString &id, int keepaliveSecs,
                                 double timeScale, QObject *parent)
    : QObject(parent), m_socket(socket), m_id(id), m_keepaliveSecs(keepaliveSecs),
      m_timeScale(timeScale)
{
    m_socket->setParent(this);
    m_keepaliveTimer.setSingleShot(true);
    m_windowTimer.setSingleShot(true);
    connect(&m_keepaliveTimer, &QTimer::timeout, this, &EventSubSession::onKeepaliveTimer);
    connect(&m_pingTimer, &QTimer::timeout, this, &EventSubSession::onPingTimer);
    connect(&m_windowTimer, &QTimer::timeout, this, [this] {
        // §4.2: "subscribe within keepalive_timeout_seconds of the welcome, or 4003".
        if (!m_hadSubscription)
            closeWith(4003, QStringLiteral("connection unused"));
    });
    // §4.1: server → client only. Any data frame from the client is a protocol violation.
    connect(m_socket, &QWebSocket::textMessageReceived, this,
            [this] { closeWith(4001, QStringLiteral("sent inbound traffic")); });
    connect(m_socket, &QWebSocket::binaryMessageReceived, this,
            [this] { closeWith(4001, QStringLiteral("sent inbound traffic")); });
    connect(m_socket, &QWebSocket::pong, this, [this] { m_sincePong.restart(); });
    connect(m_socket, &QWebSocket::disconnected, this, &EventSubSession::onDisconnected);
}

EventSubSession::~EventSubSession()
{
    // The socket is a child and outlives this object's own members; it must not call back.
    m_socket->disconnect(this);
}

int EventSubSession::scaledMs(double secs) const
{
    return qMax(1, int(std::lround(secs * 1000.0 * m_timeScale)));
}

void EventSubSession::start(const QString &welcomeText, bool requireSubscription)
{
    m_sincePong.start();
    send(welcomeText);
    m_keepaliveTimer.start(scaledMs(m_keepaliveSecs));
    m_pingTimer.start(scaledMs(kPingSecs));
    if (requireSubscription)
        m_windowTimer.start(scaledMs(m_keepaliveSecs));
}

void EventSubSession::send(const QString &text)
{
    if (!m_open)
        return;
    m_socket->sendTextMessage(text);
    m_sinceSend.start();
    ++m_sent;
}

void EventSubSession::closeWith(int code, const QString &reason)
{
    if (!m_open || m_closeCode != 0)
        return;
    m_closeCode = code;
    m_keepaliveTimer.stop();
    m_pingTimer.stop();
    m_windowTimer.stop();
    m_socket->close(static_cast<QWebSocketProtocol::CloseCode>(code), reason);
}

void EventSubSession::drop()
{
    if (!m_open)
        return;
    m_closeCode = 4006;
    m_socket->abort();
}

void EventSubSession::onKeepaliveTimer()
{
    if (!m_open)
        return;
    // Notifications reset the keepalive period (§4.2), so only send when truly idle.
    const qint64 period = scaledMs(m_keepaliveSecs);
    const qint64 idle = m_sinceSend.isValid() ? m_sinceSend.elapsed() : period;
    if (idle + 1 >= period) {
        if (m_keepaliveEnabled && !m_reconnecting)
            Q_EMIT keepaliveDue(this);
        m_keepaliveTimer.start(int(period));
    } else {
        m_keepaliveTimer.start(int(period - idle));
    }
}

void EventSubSession::onPingTimer()
{
    if (!m_open)
        return;
    // Even with scaled timers a loaded test machine gets a few real seconds to answer.
    const qint64 deadline =
        qMax<qint64>(kMinPongWaitMs, qint64(kMissedPongs) * scaledMs(kPingSecs));
    if (m_sincePong.elapsed() > deadline) {
        closeWith(4002, QStringLiteral("failed ping pong"));
        return;
    }
    m_socket->ping();
}

void EventSubSession::onDisconnected()
{
    if (!m_open)
        return;
    m_open = false;
    m_keepaliveTimer.stop();
    m_pingTimer.stop();
    m_windowTimer.stop();
    int code = m_closeCode;
    if (code == 0) {
        // The client hung up: cleanly (a close frame) or by the network breaking.
        const auto peer = m_socket->closeCode();
        code = peer == QWebSocketProtocol::CloseCodeAbnormalDisconnection ? 4006 : 1000;
    }
    Q_EMIT closed(m_id, code);
}

QString EventSubSession::statusForClose(int code)
{
    switch (code) {
    case 1000:
        return QStringLiteral("websocket_disconnected");
    case 4000:
        return QStringLiteral("websocket_internal_error");
    case 4001:
        return QStringLiteral("websocket_received_inbound_traffic");
    case 4002:
        return QStringLiteral("websocket_failed_ping_pong");
    case 4003:
        return QStringLiteral("websocket_connection_unused");
    case 4005:
        return QStringLiteral("websocket_network_timeout");
    case 4006:
        return QStringLiteral("websocket_network_error");
    default:
        return QString(); // 4004: the subscriptions moved to the new session
    }
}

} // namespace roomwarden::sandbox
