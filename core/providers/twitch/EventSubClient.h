#pragma once
#include "core/model/RoomEvent.h"
#include "core/net/EgressPolicy.h"
#include "core/net/TlsPolicy.h"
#include "core/providers/twitch/EventSubParser.h"
#include "core/providers/twitch/MessageIdCache.h"

#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>
#include <QUrl>

#include <memory>

class QWebSocket;

namespace roomwarden::util {
class Clock;
}

namespace roomwarden::twitch {

// The EventSub WebSocket client (specs/twitch.md §4.1–4.3, state machine §4.7).
//  - connects to `url?keepalive_timeout_seconds=N`; every fresh session_welcome emits
//    welcomed(id): the owner must then create its subscriptions within the keepalive window;
//  - a watchdog, reset by every frame, fires at keepalive + grace: the socket is treated as
//    dead, needsResubscribe() is emitted and a fresh connection is made after a backoff;
//  - session_reconnect: a second socket is opened to reconnect_url (as-is, after an egress
//    check); the old one keeps delivering until the new welcome, then it is closed. The
//    subscriptions move by themselves, so this emits sessionMigrated(), not welcomed();
//  - notifications and revocations are de-duplicated by message_id across both sockets;
//  - unplanned drops back off exponentially with jitter (1 s → 60 s) and, once a new session
//    is up, emit a Gap RoomEvent per room from the last frame seen to the new welcome
//    (§4.1: there is no replay; promise 5: nothing is lost silently).
class EventSubClient : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QUrl url;                  // the base URL, e.g. wss://eventsub.wss.twitch.tv/ws
        int keepaliveSeconds = 30; // §4.1: 10–600
        int graceMs = 5000;        // §4.7: keepalive + 5 s
        int msPerSecond = 1000;    // tests shrink platform seconds
        int backoffInitialMs = 1000;
        int backoffMaxMs = 60'000;
        double jitter = 0.2; // ± fraction of each backoff delay
        qsizetype dedupeCapacity = MessageIdCache::kDefaultCapacity;
        net::TlsPolicy tls = net::TlsPolicy::system();
        net::EgressPolicy egress = net::EgressPolicy::twitch();
        const util::Clock *clock = nullptr; // not owned; a system clock when null
    };

    enum class State
    {
        Idle,
        Connecting,
        Connected,
        BackingOff,
    };
    Q_ENUM(State)

    explicit EventSubClient(Options options, QObject *parent = nullptr);
    ~EventSubClient() override;

    void start();
    void stop();

    State state() const { return m_state; }
    QString sessionId() const { return m_sessionId; }
    // Rooms that receive a Gap event after an unplanned drop.
    void setRoomKeys(const QStringList &roomKeys) { m_roomKeys = roomKeys; }

    quint64 receivedCount() const { return m_received; }
    quint64 duplicatesDropped() const { return m_duplicates; }
    quint64 reconnectCount() const { return m_reconnects; }
    quint64 parseErrors() const { return m_parseErrors; }
    int lastBackoffMs() const { return m_lastBackoffMs; }
    int keepaliveSeconds() const { return m_keepaliveSeconds; }

    // The URL of a fresh connection: base URL + keepalive_timeout_seconds (clamped 10–600).
    QUrl freshUrl() const;

Q_SIGNALS:
    void welcomed(const QString &sessionId);
    void sessionMigrated(const QString &sessionId);
    void needsResubscribe();
    void notificationReceived(const roomwarden::twitch::EventSubEnvelope &envelope);
    void eventReceived(const roomwarden::model::RoomEvent &event);
    void subscriptionRevoked(const QString &type, const QString &status);
    void connectionLost(int closeCode, const QString &reason);
    void stateChanged(roomwarden::twitch::EventSubClient::State state);

private:
    QWebSocket *openSocket(const QUrl &url);
    void discard(QWebSocket *socket);
    void onFrame(QWebSocket *socket, const QString &frame);
    void onWelcome(QWebSocket *socket, const EventSubEnvelope &envelope);
    void onReconnectRequested(const EventSubEnvelope &envelope);
    void onSocketClosed(QWebSocket *socket);
    void onWatchdog();
    void unplannedDrop();
    void connectFresh();
    void armWatchdog();
    void setState(State state);
    QDateTime now() const;

    Options m_options;
    std::unique_ptr<util::Clock> m_ownClock;
    const util::Clock *m_clock = nullptr;
    QPointer<QWebSocket> m_socket;  // the session we use
    QPointer<QWebSocket> m_pending; // the reconnect target, until its welcome
    QTimer m_watchdog;
    QTimer m_backoffTimer;
    MessageIdCache m_seen;
    QString m_sessionId;
    QStringList m_roomKeys;
    State m_state = State::Idle;
    int m_keepaliveSeconds = 30;
    int m_attempt = 0;
    int m_lastBackoffMs = 0;
    QDateTime m_lastFrameAt;
    QDateTime m_gapStart; // valid while a gap is open
    quint64 m_received = 0;
    quint64 m_duplicates = 0;
    quint64 m_reconnects = 0;
    quint64 m_parseErrors = 0;
};

} // namespace roomwarden::twitch
