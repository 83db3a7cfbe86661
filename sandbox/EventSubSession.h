#pragma once
// One EventSub WebSocket connection, server side (specs/twitch.md §4.1–4.3): keepalive when idle,
// Ping frames with a Pong watchdog (4002), 4001 on any inbound data frame, 4003 when nothing was
// subscribed within the window after the welcome. Subscriptions live in EventSubServer; a session
// only knows whether it ever had one.
#include <QDateTime>
#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>

class QWebSocket;

namespace roomwarden::sandbox {

class EventSubSession : public QObject
{
    Q_OBJECT
public:
    // Takes ownership of the socket. timeScale shrinks every timer (tests: 0.01 → 10 s = 100 ms)
    // while the protocol still says the real number of seconds.
    EventSubSession(QWebSocket *socket, const QString &id, int keepaliveSecs, double timeScale,
                    QObject *parent = nullptr);
    ~EventSubSession() override;

    const QString &id() const { return m_id; }
    int keepaliveSecs() const { return m_keepaliveSecs; }
    QDateTime connectedAt() const { return m_connectedAt; }
    void setConnectedAt(const QDateTime &t) { m_connectedAt = t; }
    bool isOpen() const { return m_open; }

    // Sends the welcome and starts the keepalive, ping and subscribe-window timers.
    void start(const QString &welcomeText, bool requireSubscription);
    void send(const QString &text);
    void closeWith(int code, const QString &reason);
    // A network failure: no close frame at all.
    void drop();
    void markSubscribed() { m_hadSubscription = true; }
    void setKeepaliveEnabled(bool enabled) { m_keepaliveEnabled = enabled; }
    void setReconnecting(bool r) { m_reconnecting = r; }
    bool isReconnecting() const { return m_reconnecting; }
    quint64 sentCount() const { return m_sent; }

    // Close code → subscription status after the socket is gone (§4.3). Empty = unchanged.
    static QString statusForClose(int code);

Q_SIGNALS:
    // The socket is gone; `code` is what the server closed with, 1000 when the client closed it
    // cleanly, 4006 when the connection just broke.
    void closed(const QString &sessionId, int code);
    // Fired when an idle keepalive is due; the server builds the text (it owns the clock).
    void keepaliveDue(roomwarden::sandbox::EventSubSession *session);

private:
    void onKeepaliveTimer();
    void onPingTimer();
    void onDisconnected();
    int scaledMs(double secs) const;

    QWebSocket *m_socket;
    QString m_id;
    int m_keepaliveSecs;
    double m_timeScale;
    QDateTime m_connectedAt;
    QElapsedTimer m_sinceSend;
    QElapsedTimer m_sincePong;
    QTimer m_keepaliveTimer;
    QTimer m_pingTimer;
    QTimer m_windowTimer;
    bool m_open = true;
    bool m_hadSubscription = false;
    bool m_keepaliveEnabled = true;
    bool m_reconnecting = false;
    int m_closeCode = 0;
    quint64 m_sent = 0;
};

} // namespace roomwarden::sandbox
