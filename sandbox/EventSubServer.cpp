#include "sandbox/EventSubServer.h"

#include "sandbox/ActionEventMapper.h"
#include "sandbox/ChatFragmenter.h"
#include "sandbox/EventFactory.h"
#include "sandbox/EventSubCatalog.h"
#include "sandbox/EventSubSession.h"
#include "sandbox/World.h"

#include <algorithm>
#include <cmath>
#include <QJsonArray>
#include <QSslConfiguration>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>

namespace roomwarden::sandbox {

namespace {

const QString kWsPath = QStringLiteral("/ws");
const QString kBroadcasterField = QStringLiteral("broadcaster_user_id");

// A subscription hears an event when every channel field of its condition that the event names
// agrees, and at least one does; reader fields (user_id, moderator_user_id) never filter (§4.5).
bool conditionMatches(const QJsonObject &condition, const QJsonObject &match)
{
    int compared = 0;
    for (auto it = condition.begin(); it != condition.end(); ++it) {
        if (EventSubCatalog::isReaderField(it.key()))
            continue;
        const auto m = match.constFind(it.key());
        if (m == match.constEnd())
            continue;
        if (m.value().toString() != it.value().toString())
            return false;
        ++compared;
    }
    return compared > 0;
}

} // namespace

EventSubServer::EventSubServer(World *world, const Config &config, QObject *parent)
    : QObject(parent), m_world(world), m_config(config), m_registry(world, config),
      m_mapper(std::make_unique<ActionEventMapper>(world))
{
    connect(world, &World::actionApplied, this, &EventSubServer::onActionApplied);
    connect(world, &World::tokenRevoked, this, &EventSubServer::onTokenRevoked);
    connect(world, &World::chatMessageRecorded, this, &EventSubServer::onChatMessage);
    connect(world, &World::autoModMessageHeld, this, &EventSubServer::onAutoModHeld);
    connect(world, &World::unbanRequestCreated, this, &EventSubServer::onUnbanRequest);
    connect(world, &World::followerAdded, this, &EventSubServer::onFollower);
    connect(world, &World::streamChanged, this, &EventSubServer::onStreamChanged);
}

EventSubServer::~EventSubServer()
{
    // World may already be gone (a sibling in the same parent): no callbacks from here on.
    for (EventSubSession *s : std::as_const(m_sessions))
        s->disconnect(this);
    if (m_server)
        m_server->close();
}

bool EventSubServer::listen(const QSslConfiguration *tls, quint16 port, QString *error)
{
    m_secure = tls != nullptr;
    m_server = new QWebSocketServer(
        QStringLiteral("roomwarden-sandbox-eventsub"),
        m_secure ? QWebSocketServer::SecureMode : QWebSocketServer::NonSecureMode, this);
    if (tls)
        m_server->setSslConfiguration(*tls);
    if (!m_server->listen(QHostAddress(QHostAddress::LocalHost), port)) {
        if (error)
            *error = m_server->errorString();
        return false;
    }
    connect(m_server, &QWebSocketServer::newConnection, this, &EventSubServer::onNewConnection);
    return true;
}

QUrl EventSubServer::url() const
{
    QUrl u;
    u.setScheme(m_secure ? QStringLiteral("wss") : QStringLiteral("ws"));
    u.setHost(QStringLiteral("127.0.0.1"));
    u.setPort(m_server ? m_server->serverPort() : 0);
    u.setPath(kWsPath);
    return u;
}

void EventSubServer::close()
{
    if (m_server)
        m_server->close();
    const auto sessions = m_sessions;
    for (EventSubSession *s : sessions)
        s->closeWith(1001, QStringLiteral("server shutting down"));
}

int EventSubServer::scaledMs(double secs) const
{
    return qMax(1, int(std::lround(secs * 1000.0 * m_timeScale)));
}

bool EventSubServer::sessionUsable(const QString &sessionId, QDateTime *connectedAt) const
{
    EventSubSession *s = m_sessions.value(sessionId);
    if (!s || !s->isOpen() || s->isReconnecting())
        return false;
    if (connectedAt)
        *connectedAt = s->connectedAt();
    return true;
}

HttpResult EventSubServer::createSubscription(const TokenGrant &caller, const QJsonObject &body)
{
    HttpResult r = m_registry.create(
        caller, body, [this](const QString &id, QDateTime *at) { return sessionUsable(id, at); });
    if (r.status == 202) {
        const QString sessionId = body.value(QStringLiteral("transport"))
                                      .toObject()
                                      .value(QStringLiteral("session_id"))
                                      .toString();
        if (EventSubSession *s = m_sessions.value(sessionId))
            s->markSubscribed();
    }
    return r;
}

HttpResult EventSubServer::listSubscriptions(const TokenGrant &caller, const QUrlQuery &query)
{
    return m_registry.list(caller, query);
}

HttpResult EventSubServer::deleteSubscription(const TokenGrant &caller, const QUrlQuery &query)
{
    return m_registry.remove(caller, query);
}

void EventSubServer::onNewConnection()
{
    while (QWebSocket *socket = m_server->nextPendingConnection()) {
        const QUrl requested = socket->requestUrl();
        const QUrlQuery query(requested);
        if (requested.path() != kWsPath) {
            connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
            socket->close(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("not found"));
            continue;
        }
        int keepalive = m_config.keepaliveSecs;
        const QString reconnectId = query.queryItemValue(QStringLiteral("reconnect_id"));
        QString previous;
        if (query.hasQueryItem(QStringLiteral("reconnect_id"))) {
            const auto it = m_pendingReconnects.constFind(reconnectId);
            if (it == m_pendingReconnects.constEnd()) {
                // §4.3: 4007 "invalid reconnect attempt".
                connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
                socket->close(static_cast<QWebSocketProtocol::CloseCode>(4007),
                              QStringLiteral("invalid reconnect attempt"));
                continue;
            }
            previous = it->oldSessionId;
            keepalive = it->keepaliveSecs;
            m_pendingReconnects.remove(reconnectId);
        }
        if (query.hasQueryItem(QStringLiteral("keepalive_timeout_seconds"))) {
            // §4.1: an out-of-range number is clamped to 10–600.
            bool ok = false;
            const qlonglong v =
                query.queryItemValue(QStringLiteral("keepalive_timeout_seconds")).toLongLong(&ok);
            if (ok)
                keepalive = int(qBound(10LL, v, 600LL));
        }
        const QString id = EventFactory::newSessionId();
        auto *session = new EventSubSession(socket, id, keepalive, m_timeScale, this);
        session->setConnectedAt(m_world->now());
        connect(session, &EventSubSession::closed, this, &EventSubServer::onSessionClosed);
        connect(session, &EventSubSession::keepaliveDue, this,
                [this](EventSubSession *s) { s->send(EventFactory::keepalive(m_world->now())); });
        session->setKeepaliveEnabled(m_keepaliveEnabled);
        m_sessions.insert(id, session);
        // §4.2: the subscriptions move to the new session at its welcome; events published
        // before this point went to the old socket, after it to this one — none twice.
        bool carried = false;
        if (!previous.isEmpty()) {
            for (EventSubSubscription *sub : m_registry.enabledOnSession(previous)) {
                m_registry.rebind(sub, id, session->connectedAt());
                carried = true;
            }
        }
        if (carried)
            session->markSubscribed();
        session->start(EventFactory::welcome(id, session->connectedAt(), keepalive, m_world->now()),
                       m_requireSubscription);
        Q_EMIT sessionWelcomed(id);
    }
}

void EventSubServer::onSessionClosed(const QString &sessionId, int code)
{
    EventSubSession *session = m_sessions.take(sessionId);
    if (!session)
        return;
    bool awaitingReconnect = false;
    for (const PendingReconnect &p : std::as_const(m_pendingReconnects))
        awaitingReconnect = awaitingReconnect || p.oldSessionId == sessionId;
    // A session waiting for its client to reconnect keeps its subscriptions until the grace
    // period decides (§4.2); otherwise the close code sets their status (§4.3).
    const QString status = EventSubSession::statusForClose(code);
    if (!awaitingReconnect && !status.isEmpty()) {
        for (EventSubSubscription *sub : m_registry.enabledOnSession(sessionId))
            m_registry.disable(sub, status, true);
    }
    session->deleteLater();
    Q_EMIT sessionClosed(sessionId, code);
}

int EventSubServer::sendReconnect(const QString &sessionId)
{
    int count = 0;
    const auto sessions = m_sessions;
    for (EventSubSession *s : sessions) {
        if ((!sessionId.isEmpty() && s->id() != sessionId) || !s->isOpen() || s->isReconnecting())
            continue;
        const QString token = EventFactory::newSessionId();
        m_pendingReconnects.insert(token, {s->id(), s->keepaliveSecs()});
        s->setReconnecting(true);
        QUrl reconnectUrl = url();
        reconnectUrl.setQuery(QStringLiteral("reconnect_id=") + token);
        s->send(EventFactory::reconnect(s->id(), s->connectedAt(),
                                        reconnectUrl.toString(QUrl::FullyEncoded), m_world->now()));
        QTimer::singleShot(
            scaledMs(m_config.reconnectGraceSecs), this, [this, token, old = s->id()] {
                m_pendingReconnects.remove(token);
                // Never reconnected: the subscriptions are lost (§3.4 statuses).
                for (EventSubSubscription *sub : m_registry.enabledOnSession(old)) {
                    m_registry.disable(sub, QStringLiteral("websocket_failed_to_reconnect"), true);
                }
                // §4.2: "closed with 4004 if you have not reconnected within 30 s".
                if (EventSubSession *stale = m_sessions.value(old))
                    stale->closeWith(4004, QStringLiteral("client reconnect grace time expired"));
            });
        ++count;
    }
    return count;
}

bool EventSubServer::dropSocket(const QString &sessionId)
{
    EventSubSession *s = m_sessions.value(sessionId);
    if (!s)
        return false;
    s->drop();
    return true;
}

bool EventSubServer::closeWith(const QString &sessionId, int code)
{
    EventSubSession *s = m_sessions.value(sessionId);
    if (!s)
        return false;
    static const QHash<int, QString> kReasons = {
        {4000, QStringLiteral("internal server error")},
        {4001, QStringLiteral("sent inbound traffic")},
        {4002, QStringLiteral("failed ping pong")},
        {4003, QStringLiteral("connection unused")},
        {4004, QStringLiteral("client reconnect grace time expired")},
        {4005, QStringLiteral("network timeout")},
        {4006, QStringLiteral("network error")},
        {4007, QStringLiteral("invalid reconnect attempt")}};
    s->closeWith(code, kReasons.value(code, QStringLiteral("closed")));
    return true;
}

bool EventSubServer::revoke(const QString &subscriptionId, const QString &status)
{
    EventSubSubscription *sub = m_registry.find(subscriptionId);
    if (!sub || !sub->isEnabled())
        return false;
    m_registry.disable(sub, status, false);
    if (EventSubSession *s = m_sessions.value(sub->sessionId))
        s->send(EventFactory::revocation(*sub, m_world->now()));
    return true;
}

void EventSubServer::setKeepaliveEnabled(bool enabled)
{
    m_keepaliveEnabled = enabled;
    for (EventSubSession *s : std::as_const(m_sessions))
        s->setKeepaliveEnabled(enabled);
}

bool EventSubServer::hasSubscribers(const QString &type) const
{
    return !m_registry.enabledOfType(type).isEmpty();
}

int EventSubServer::publish(const QString &type, const QString &version, const QJsonObject &event,
                            const QJsonObject &match)
{
    if (!hasSubscribers(type))
        return 0;
    return publishJson(type, version, EventFactory::toJsonText(event), match);
}

int EventSubServer::publishJson(const QString &type, const QString &version,
                                const QString &eventJson, const QJsonObject &match)
{
    const QList<EventSubSubscription *> &subs = m_registry.enabledOfType(type);
    if (subs.isEmpty())
        return 0;
    const QString ts = EventFactory::timestamp(m_world->now());
    int delivered = 0;
    for (EventSubSubscription *sub : subs) {
        if (sub->version != version || !conditionMatches(sub->condition, match))
            continue;
        EventSubSession *s = m_sessions.value(sub->sessionId);
        if (!s || !s->isOpen())
            continue;
        const QString text = EventFactory::notification(EventFactory::newUuid(), ts, type, version,
                                                        sub->wireJson, eventJson);
        s->send(text);
        if (m_duplicateDelivery)
            s->send(text); // same message_id: clients must de-duplicate (§4.2)
        ++m_notificationsSent;
        ++delivered;
    }
    return delivered;
}

QStringList EventSubServer::sessionIds() const
{
    return m_sessions.keys();
}

QList<EventSubSessionInfo> EventSubServer::sessions() const
{
    QList<EventSubSessionInfo> out;
    for (const EventSubSession *s : std::as_const(m_sessions)) {
        if (s->isOpen())
            out.append({s->id(), s->connectedAt(), s->keepaliveSecs(), s->isReconnecting()});
    }
    std::sort(
        out.begin(), out.end(), [](const EventSubSessionInfo &a, const EventSubSessionInfo &b) {
            return a.connectedAt != b.connectedAt ? a.connectedAt < b.connectedAt : a.id < b.id;
        });
    return out;
}

QList<EventSubSubscription> EventSubServer::subscriptions() const
{
    QList<EventSubSubscription> out;
    for (const EventSubSubscription *s : m_registry.all())
        out.append(*s);
    return out;
}

void EventSubServer::onActionApplied(const AppliedAction &action)
{
    for (const OutgoingEvent &e : m_mapper->map(action))
        publish(e.type, e.version, e.event, e.match);
    // Losing the role that authorised a subscription revokes it (§3.4 statuses).
    if (action.kind == QLatin1String("unmod") || action.kind == QLatin1String("ban")) {
        const bool unmod = action.kind == QLatin1String("unmod");
        const QString field =
            unmod ? QStringLiteral("moderator_user_id") : QStringLiteral("user_id");
        for (EventSubSubscription *sub : m_registry.all()) {
            if (sub->isEnabled() &&
                sub->condition.value(kBroadcasterField).toString() == action.broadcasterId &&
                sub->condition.value(field).toString() == action.targetUserId) {
                revoke(sub->id, unmod ? QStringLiteral("moderator_removed")
                                      : QStringLiteral("chat_user_banned"));
            }
        }
    }
}

void EventSubServer::onTokenRevoked(const QString &accessToken, const QString &userId)
{
    Q_UNUSED(accessToken)
    // The user withdrew the app's authorisation: every subscription it authorised ends (§4.2).
    for (EventSubSubscription *sub : m_registry.all()) {
        if (sub->isEnabled() && sub->userId == userId)
            revoke(sub->id, QStringLiteral("authorization_revoked"));
    }
}

void EventSubServer::onChatMessage(const QString &broadcasterId, const ChatMessage &message)
{
    static const QString kType = QStringLiteral("channel.chat.message");
    if (!hasSubscribers(kType))
        return;
    ChatEventSpec spec;
    spec.broadcaster = m_mapper->user(broadcasterId);
    spec.chatter = m_mapper->user(message.senderId);
    spec.messageId = message.id;
    spec.text = message.text;
    spec.fragments = ChatFragmenter::split(message.text, [this](const QString &login) {
        const User *u = m_world->userByLogin(login);
        return u ? std::optional<UserRef>(UserRef{u->id, u->login, u->displayName}) : std::nullopt;
    });
    spec.badges = ChatFragmenter::badgesFor(*m_world, broadcasterId, message.senderId);
    spec.color = ChatFragmenter::colorFor(message.senderId);
    publishJson(kType, QStringLiteral("1"), EventFactory::chatMessageEventJson(spec),
                QJsonObject{{kBroadcasterField, broadcasterId}});
}

void EventSubServer::onAutoModHeld(const QString &broadcasterId, const HeldMessage &m)
{
    static const QString kType = QStringLiteral("automod.message.hold");
    if (!hasSubscribers(kType))
        return;
    QJsonObject e;
    m_mapper->putUser(e, QStringLiteral("broadcaster"), broadcasterId);
    m_mapper->putUser(e, QString(), m.userId);
    e.insert(QStringLiteral("message_id"), m.id);
    e.insert(
        QStringLiteral("message"),
        QJsonObject{{QStringLiteral("text"), m.text},
                    {QStringLiteral("fragments"),
                     QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                            {QStringLiteral("text"), m.text},
                                            {QStringLiteral("emote"), QJsonValue::Null},
                                            {QStringLiteral("cheermote"), QJsonValue::Null}}}}});
    e.insert(QStringLiteral("held_at"), EventFactory::timestamp(m.heldAt));
    const bool blocked = m.category == QLatin1String("blocked_term");
    e.insert(QStringLiteral("reason"),
             blocked ? QStringLiteral("blocked_term") : QStringLiteral("automod"));
    e.insert(QStringLiteral("automod"),
             blocked ? QJsonValue(QJsonValue::Null)
                     : QJsonValue(QJsonObject{
                           {QStringLiteral("category"), m.category},
                           {QStringLiteral("level"), m.level},
                           {QStringLiteral("boundaries"),
                            QJsonArray{QJsonObject{
                                {QStringLiteral("start_pos"), 0},
                                {QStringLiteral("end_pos"), qMax(0, int(m.text.size()) - 1)}}}}}));
    e.insert(QStringLiteral("blocked_term"),
             blocked ? QJsonValue(QJsonObject{{QStringLiteral("terms_found"), QJsonArray()}})
                     : QJsonValue(QJsonValue::Null));
    publish(kType, QStringLiteral("2"), e, QJsonObject{{kBroadcasterField, broadcasterId}});
}

void EventSubServer::onUnbanRequest(const QString &broadcasterId, const UnbanRequest &r)
{
    QJsonObject e;
    e.insert(QStringLiteral("id"), r.id);
    m_mapper->putUser(e, QStringLiteral("broadcaster"), broadcasterId);
    m_mapper->putUser(e, QString(), r.userId);
    e.insert(QStringLiteral("text"), r.text);
    e.insert(QStringLiteral("created_at"), EventFactory::timestamp(r.createdAt));
    publish(QStringLiteral("channel.unban_request.create"), QStringLiteral("1"), e,
            QJsonObject{{kBroadcasterField, broadcasterId}});
}

void EventSubServer::onFollower(const QString &broadcasterId, const Follower &f)
{
    QJsonObject e;
    m_mapper->putUser(e, QString(), f.userId);
    m_mapper->putUser(e, QStringLiteral("broadcaster"), broadcasterId);
    e.insert(QStringLiteral("followed_at"), EventFactory::timestamp(f.followedAt));
    publish(QStringLiteral("channel.follow"), QStringLiteral("2"), e,
            QJsonObject{{kBroadcasterField, broadcasterId}});
}

void EventSubServer::onStreamChanged(const QString &broadcasterId, const StreamState &state)
{
    const bool was = m_lastLive.value(broadcasterId, false);
    m_lastLive.insert(broadcasterId, state.live);
    if (was == state.live)
        return; // a viewer-count update
    QJsonObject e;
    m_mapper->putUser(e, QStringLiteral("broadcaster"), broadcasterId);
    if (state.live) {
        e.insert(QStringLiteral("id"), state.streamId);
        e.insert(QStringLiteral("type"), QStringLiteral("live"));
        e.insert(QStringLiteral("started_at"), EventFactory::timestamp(state.startedAt));
    }
    publish(state.live ? QStringLiteral("stream.online") : QStringLiteral("stream.offline"),
            QStringLiteral("1"), e, QJsonObject{{kBroadcasterField, broadcasterId}});
}

} // namespace roomwarden::sandbox
