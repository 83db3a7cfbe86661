#pragma once
// The sandbox's EventSub WebSocket server (specs/twitch.md §4): sessions, the subscription
// registry behind Helix /eventsub/subscriptions (§3.4), publishing with condition matching,
// World-driven events (channel.moderate v2, channel.ban, chat.*, ...) and fault hooks for tests.
#include "sandbox/EventSubRegistry.h"
#include "sandbox/SandboxConfig.h"
#include "sandbox/Types.h"

#include <memory>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QUrl>
#include <QUrlQuery>

class QSslConfiguration;
class QWebSocketServer;

namespace roomwarden::sandbox {

class World;
class EventSubSession;
class ActionEventMapper;
struct HeldMessage;
struct UnbanRequest;
struct Follower;
struct StreamState;
struct ChatMessage;

// One open EventSub socket as the control API reports it.
struct EventSubSessionInfo
{
    QString id;
    QDateTime connectedAt;
    int keepaliveSecs = 10;
    bool reconnecting = false; // session_reconnect sent, waiting for the client
};

class EventSubServer : public QObject
{
    Q_OBJECT
public:
    EventSubServer(World *world, const Config &config, QObject *parent = nullptr);
    ~EventSubServer() override;

    // tls == nullptr: plain ws:// (debug only). Listens on 127.0.0.1 only.
    bool listen(const QSslConfiguration *tls, quint16 port, QString *error);
    QUrl url() const; // wss://127.0.0.1:PORT/ws
    void close();

    // Helix /eventsub/subscriptions, after authentication and rate limiting (§3.4).
    HttpResult createSubscription(const TokenGrant &caller, const QJsonObject &body);
    HttpResult listSubscriptions(const TokenGrant &caller, const QUrlQuery &query);
    HttpResult deleteSubscription(const TokenGrant &caller, const QUrlQuery &query);

    // --- timing (tests) -------------------------------------------------------------------
    // Multiplies every real timer (keepalive, subscribe window, reconnect grace, ping); the
    // protocol keeps announcing the real seconds. Applies to sessions opened afterwards.
    void setTimeScale(double scale) { m_timeScale = scale; }
    double timeScale() const { return m_timeScale; }
    // §4.2: close with 4003 when nothing is subscribed within the window (on by default).
    void setRequireSubscription(bool on) { m_requireSubscription = on; }

    // --- faults (tests and the control API) -----------------------------------------------
    // session_reconnect to one session (empty id = every open session); returns how many.
    int sendReconnect(const QString &sessionId = {});
    bool dropSocket(const QString &sessionId);
    bool closeWith(const QString &sessionId, int code);
    // Sends a revocation message (§4.2) and disables the subscription.
    bool revoke(const QString &subscriptionId, const QString &status);
    void setKeepaliveEnabled(bool enabled);
    // At-least-once delivery taken literally: every notification is sent twice with the same
    // message_id (§4.2).
    void setDuplicateDelivery(bool on) { m_duplicateDelivery = on; }
    bool keepaliveEnabled() const { return m_keepaliveEnabled; }
    bool duplicateDelivery() const { return m_duplicateDelivery; }

    // --- publishing -----------------------------------------------------------------------
    // Delivers `event` to every enabled subscription of type+version whose condition agrees
    // with `match` on the channel fields (reader fields such as user_id never filter).
    // Returns the number of subscriptions it went to.
    int publish(const QString &type, const QString &version, const QJsonObject &event,
                const QJsonObject &match);
    // The same with the event already serialised (hot path).
    int publishJson(const QString &type, const QString &version, const QString &eventJson,
                    const QJsonObject &match);
    bool hasSubscribers(const QString &type) const;

    // --- introspection --------------------------------------------------------------------
    QStringList sessionIds() const;
    // Open sessions, oldest first (ties by id).
    QList<EventSubSessionInfo> sessions() const;
    QList<EventSubSubscription> subscriptions() const;
    quint64 notificationsSent() const { return m_notificationsSent; }
    World *world() const { return m_world; }

Q_SIGNALS:
    void sessionWelcomed(const QString &sessionId);
    void sessionClosed(const QString &sessionId, int code);

private:
    struct PendingReconnect
    {
        QString oldSessionId;
        int keepaliveSecs = 10;
    };

    void onNewConnection();
    void onSessionClosed(const QString &sessionId, int code);
    void onReconnectGraceExpired(const QString &token);
    void onActionApplied(const AppliedAction &action);
    void onTokenRevoked(const QString &accessToken, const QString &userId);
    void onChatMessage(const QString &broadcasterId, const ChatMessage &message);
    void onAutoModHeld(const QString &broadcasterId, const HeldMessage &message);
    void onUnbanRequest(const QString &broadcasterId, const UnbanRequest &request);
    void onFollower(const QString &broadcasterId, const Follower &follower);
    void onStreamChanged(const QString &broadcasterId, const StreamState &state);
    bool sessionUsable(const QString &sessionId, QDateTime *connectedAt) const;
    int scaledMs(double secs) const;

    World *m_world;
    Config m_config;
    EventSubRegistry m_registry;
    std::unique_ptr<ActionEventMapper> m_mapper;
    QWebSocketServer *m_server = nullptr;
    bool m_secure = true;
    QHash<QString, EventSubSession *> m_sessions;
    QHash<QString, PendingReconnect> m_pendingReconnects; // by reconnect_id
    QHash<QString, bool> m_lastLive;                      // per broadcaster: stream.online/offline
    double m_timeScale = 1.0;
    bool m_requireSubscription = true;
    bool m_keepaliveEnabled = true;
    bool m_duplicateDelivery = false;
    quint64 m_notificationsSent = 0;
};

} // namespace roomwarden::sandbox
