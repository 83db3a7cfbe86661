#include "core/providers/twitch/EventSubClient.h"

#include "core/providers/twitch/EventSubEventMapper.h"
#include "core/util/Clock.h"
#include "core/util/Logging.h"

#include <QRandomGenerator>
#include <QUrlQuery>
#include <QWebSocket>

namespace roomwarden::twitch {

namespace {
// §4.1: keepalive_timeout_seconds must be 10–600.
constexpr int kMinKeepalive = 10;
constexpr int kMaxKeepalive = 600;
} // namespace

EventSubClient::EventSubClient(Options options, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_seen(m_options.dedupeCapacity)
{
    if (m_options.clock) {
        m_clock = m_options.clock;
    } else {
        m_ownClock = std::make_unique<util::SystemClock>();
        m_clock = m_ownClock.get();
    }
    m_keepaliveSeconds = std::clamp(m_options.keepaliveSeconds, kMinKeepalive, kMaxKeepalive);
    m_watchdog.setSingleShot(true);
    m_backoffTimer.setSingleShot(true);
    connect(&m_watchdog, &QTimer::timeout, this, &EventSubClient::onWatchdog);
    connect(&m_backoffTimer, &QTimer::timeout, this, &EventSubClient::connectFresh);
}

EventSubClient::~EventSubClient()
{
    stop();
}

QDateTime EventSubClient::now() const
{
    return m_clock->now();
}

QUrl EventSubClient::freshUrl() const
{
    QUrl url = m_options.url;
    QUrlQuery query(url);
    query.removeAllQueryItems(QStringLiteral("keepalive_timeout_seconds"));
    query.addQueryItem(
        QStringLiteral("keepalive_timeout_seconds"),
        QString::number(std::clamp(m_options.keepaliveSeconds, kMinKeepalive, kMaxKeepalive)));
    url.setQuery(query);
    return url;
}

void EventSubClient::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void EventSubClient::start()
{
    if (m_state != State::Idle)
        return;
    m_attempt = 0;
    connectFresh();
}

void EventSubClient::stop()
{
    m_watchdog.stop();
    m_backoffTimer.stop();
    discard(m_pending);
    discard(m_socket);
    m_pending = nullptr;
    m_socket = nullptr;
    m_sessionId.clear();
    setState(State::Idle);
}

void EventSubClient::discard(QWebSocket *socket)
{
    if (!socket)
        return;
    socket->disconnect(this);
    socket->close(QWebSocketProtocol::CloseCodeNormal);
    socket->deleteLater();
}

QWebSocket *EventSubClient::openSocket(const QUrl &url)
{
    if (!m_options.egress.maySendCredentials(url)) {
        // The socket carries no token, but it carries the session our subscriptions hang on:
        // it may only lead to the provider's own hosts.
        qCWarning(lcLive) << "EventSub: refusing to connect to" << url.host();
        return nullptr;
    }
    auto *socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    if (url.scheme() == u"wss")
        socket->setSslConfiguration(m_options.tls.configurationFor(url));
    connect(socket, &QWebSocket::textMessageReceived, this,
            [this, socket](const QString &frame) { onFrame(socket, frame); });
    connect(socket, &QWebSocket::disconnected, this, [this, socket] { onSocketClosed(socket); });
    connect(socket, &QWebSocket::sslErrors, this, [url](const QList<QSslError> &errors) {
        // Never ignored: a certificate the policy does not trust ends the connection.
        qCWarning(lcLive) << "EventSub TLS errors for" << url.host() << errors.size();
    });
    qCInfo(lcLive) << "EventSub: connecting to" << url.host() << url.port();
    socket->open(url);
    return socket;
}

void EventSubClient::connectFresh()
{
    discard(m_pending);
    discard(m_socket);
    m_pending = nullptr;
    m_sessionId.clear();
    m_socket = openSocket(freshUrl());
    if (!m_socket) {
        setState(State::Idle);
        Q_EMIT connectionLost(0, QStringLiteral("the EventSub URL is not an allowed host"));
        return;
    }
    setState(State::Connecting);
    armWatchdog();
}

void EventSubClient::armWatchdog()
{
    m_watchdog.start(m_keepaliveSeconds * m_options.msPerSecond + m_options.graceMs);
}

void EventSubClient::onFrame(QWebSocket *socket, const QString &frame)
{
    if (socket != m_socket && socket != m_pending)
        return;
    m_lastFrameAt = now();
    armWatchdog();
    QString error;
    const std::optional<EventSubEnvelope> env = EventSubParser::parse(frame, &error);
    if (!env) {
        ++m_parseErrors;
        qCWarning(lcLive) << "EventSub: unreadable frame:" << error;
        return;
    }
    switch (env->type) {
    case EventSubMessageType::Welcome:
        onWelcome(socket, *env);
        return;
    case EventSubMessageType::Keepalive:
    case EventSubMessageType::Unknown:
        return;
    case EventSubMessageType::Reconnect:
        if (socket == m_socket)
            onReconnectRequested(*env);
        return;
    case EventSubMessageType::Notification:
    case EventSubMessageType::Revocation:
        break;
    }
    ++m_received;
    if (!m_seen.insert(env->messageId)) {
        ++m_duplicates;
        return;
    }
    if (env->type == EventSubMessageType::Revocation) {
        qCInfo(lcLive) << "EventSub: subscription revoked" << env->subscriptionType
                       << env->subscriptionStatus();
        Q_EMIT subscriptionRevoked(env->subscriptionType, env->subscriptionStatus());
        return;
    }
    Q_EMIT notificationReceived(*env);
    if (const auto event = EventSubEventMapper::toRoomEvent(*env))
        Q_EMIT eventReceived(*event);
}

void EventSubClient::onWelcome(QWebSocket *socket, const EventSubEnvelope &env)
{
    if (env.session->keepaliveTimeoutSeconds)
        m_keepaliveSeconds = *env.session->keepaliveTimeoutSeconds;
    armWatchdog();
    m_sessionId = env.session->id;
    setState(State::Connected);
    if (socket == m_pending) {
        // §4.2 handover: the new socket is live; only now may the old one go.
        QWebSocket *old = m_socket;
        m_socket = m_pending;
        m_pending = nullptr;
        discard(old);
        qCInfo(lcLive) << "EventSub: session migrated";
        Q_EMIT sessionMigrated(m_sessionId);
        return;
    }
    m_attempt = 0;
    if (m_gapStart.isValid()) {
        const QDateTime end = now();
        const QStringList rooms = m_roomKeys.isEmpty() ? QStringList{QString()} : m_roomKeys;
        for (const QString &room : rooms) {
            model::RoomEvent gap;
            gap.kind = model::RoomEventKind::Gap;
            gap.eventId = QStringLiteral("gap:%1").arg(m_gapStart.toMSecsSinceEpoch());
            gap.roomKey = room;
            gap.occurredAt = m_gapStart;
            gap.gapEnd = end;
            Q_EMIT eventReceived(gap);
        }
        m_gapStart = QDateTime();
    }
    Q_EMIT welcomed(m_sessionId);
}

void EventSubClient::onReconnectRequested(const EventSubEnvelope &env)
{
    const QUrl target = env.session->reconnectUrl;
    discard(m_pending);
    m_pending = openSocket(target);
    if (!m_pending) {
        // Not a provider host: ignore it. The old socket keeps working until the server
        // closes it (4004), and then a fresh connection is made.
        qCWarning(lcLive) << "EventSub: ignoring reconnect_url to a foreign host";
    }
}

void EventSubClient::onSocketClosed(QWebSocket *socket)
{
    if (socket == m_pending) {
        qCWarning(lcLive) << "EventSub: reconnect socket closed before its welcome"
                          << socket->closeCode();
        m_pending = nullptr;
        socket->disconnect(this);
        socket->deleteLater();
        return;
    }
    if (socket != m_socket)
        return;
    const int code = int(socket->closeCode());
    const QString reason = socket->closeReason();
    // §4.3: 4001 and 4003 mean the client misbehaved (inbound traffic, no subscription in
    // time); they are logged as such but recovered from like the others.
    qCWarning(lcLive) << "EventSub: connection lost, close code" << code;
    Q_EMIT connectionLost(code, reason);
    unplannedDrop();
}

void EventSubClient::onWatchdog()
{
    qCWarning(lcLive) << "EventSub: no frame for" << m_keepaliveSeconds
                      << "s + grace; reconnecting";
    Q_EMIT connectionLost(0, QStringLiteral("keepalive timeout"));
    unplannedDrop();
}

void EventSubClient::unplannedDrop()
{
    m_watchdog.stop();
    if (!m_gapStart.isValid())
        m_gapStart = m_lastFrameAt.isValid() ? m_lastFrameAt : now();
    discard(m_pending);
    discard(m_socket);
    m_pending = nullptr;
    m_socket = nullptr;
    m_sessionId.clear();
    ++m_reconnects;
    // §4.1: the subscriptions of a lost session are disabled; the next session needs them anew.
    Q_EMIT needsResubscribe();
    const int exponent = std::min(m_attempt, 16);
    const qint64 raw = qint64(m_options.backoffInitialMs) << exponent;
    const double base = double(std::min<qint64>(raw, m_options.backoffMaxMs));
    const double spread = base * m_options.jitter;
    const double jittered = base + (QRandomGenerator::global()->generateDouble() * 2 - 1) * spread;
    m_lastBackoffMs = std::max(0, int(jittered));
    ++m_attempt;
    setState(State::BackingOff);
    m_backoffTimer.start(m_lastBackoffMs);
}

} // namespace roomwarden::twitch
