// Fault behaviour of the sandbox's EventSub side (specs/twitch.md §4.2–4.3): reconnect handover,
// grace expiry (4004), invalid reconnect (4007), revocation, duplicate delivery, close codes and
// the subscription statuses they leave behind.
#include "EventSubProbe.h"
#include "sandbox/EventSubServer.h"
#include "sandbox/Sandbox.h"
#include "sandbox/World.h"
#include "SandboxClient.h"
#include "TestMain.h"

#include <memory>
#include <QJsonArray>
#include <QSet>
#include <QSignalSpy>

using namespace roomwarden::sandbox;
using namespace roomwarden::sandbox::test;

class TestSandboxEventSubFaults : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Sandbox> m_sandbox;
    std::unique_ptr<SandboxClient> m_http;
    QString m_token;

    World *world() const { return m_sandbox->world(); }
    EventSubServer *es() const { return m_sandbox->eventSub(); }
    QUrl subsUrl(const QUrlQuery &q = {}) const
    {
        return SandboxClient::url(m_sandbox->helixBaseUrl(),
                                  QStringLiteral("/eventsub/subscriptions"), q);
    }
    // Subscribes the demo moderator to channel.chat.message on the probe's session.
    QString subscribeChat(const EventSubProbe &probe)
    {
        const QString mod = world()->demoUserId();
        const QJsonObject body{
            {QStringLiteral("type"), QStringLiteral("channel.chat.message")},
            {QStringLiteral("version"), QStringLiteral("1")},
            {QStringLiteral("condition"),
             QJsonObject{{QStringLiteral("broadcaster_user_id"), world()->broadcasterId()},
                         {QStringLiteral("user_id"), mod}}},
            {QStringLiteral("transport"),
             QJsonObject{{QStringLiteral("method"), QStringLiteral("websocket")},
                         {QStringLiteral("session_id"), probe.sessionId}}}};
        const Reply r =
            m_http->post(subsUrl(), SandboxClient::jsonHeaders(m_sandbox->clientId(), m_token),
                         SandboxClient::json(body));
        if (r.status != 202)
            return QString();
        return r.object()
            .value(QStringLiteral("data"))
            .toArray()
            .first()
            .toObject()
            .value(QStringLiteral("id"))
            .toString();
    }
    QJsonObject listed(const QString &subscriptionId)
    {
        QUrlQuery q;
        q.addQueryItem(QStringLiteral("subscription_id"), subscriptionId);
        const Reply r =
            m_http->get(subsUrl(q), SandboxClient::authHeaders(m_sandbox->clientId(), m_token));
        return r.object().value(QStringLiteral("data")).toArray().first().toObject();
    }
    void say(const QString &text)
    {
        world()->recordChatMessage(world()->broadcasterId(), world()->viewerId(), text);
    }
    std::unique_ptr<EventSubProbe> connected(const QUrl &url)
    {
        auto probe = std::make_unique<EventSubProbe>(m_sandbox->certificate());
        probe->open(url);
        return probe;
    }
    static QStringList texts(const EventSubProbe &p)
    {
        QStringList out;
        for (const QJsonObject &n : p.notifications()) {
            out << EventSubProbe::event(n)
                       .value(QStringLiteral("message"))
                       .toObject()
                       .value(QStringLiteral("text"))
                       .toString();
        }
        return out;
    }

private Q_SLOTS:
    void init()
    {
        m_sandbox = std::make_unique<Sandbox>(Config{});
        // keepalive 10 s → 0.5 s, reconnect grace 30 s → 1.5 s.
        m_sandbox->eventSub()->setTimeScale(0.05);
        m_sandbox->eventSub()->setRequireSubscription(false);
        QString error;
        QVERIFY2(m_sandbox->start(&error), qPrintable(error));
        m_http = std::make_unique<SandboxClient>(m_sandbox->certificate());
        m_token = world()
                      ->issueTokens(m_sandbox->clientId(), world()->demoUserId(),
                                    {QStringLiteral("user:read:chat")})
                      .accessToken;
    }

    void cleanup()
    {
        m_http.reset();
        m_sandbox.reset();
    }

    void reconnectHandsOverWithoutLossOrDuplicates()
    {
        auto oldProbe = connected(m_sandbox->eventSubUrl());
        QVERIFY(oldProbe->waitWelcome());
        const QString subId = subscribeChat(*oldProbe);
        QVERIFY(!subId.isEmpty());
        for (int i = 0; i < 20; ++i)
            say(QStringLiteral("before %1").arg(i));
        QCOMPARE(es()->sendReconnect(oldProbe->sessionId), 1);
        QTRY_COMPARE_WITH_TIMEOUT(oldProbe->ofType(QStringLiteral("session_reconnect")).size(), 1,
                                  5000);
        const QJsonObject session = oldProbe->ofType(QStringLiteral("session_reconnect"))
                                        .first()
                                        .value(QStringLiteral("payload"))
                                        .toObject()
                                        .value(QStringLiteral("session"))
                                        .toObject();
        QCOMPARE(session.value(QStringLiteral("status")).toString(),
                 QStringLiteral("reconnecting"));
        QVERIFY(session.value(QStringLiteral("keepalive_timeout_seconds")).isNull());
        QCOMPARE(session.value(QStringLiteral("id")).toString(), oldProbe->sessionId);
        const QUrl reconnectUrl(session.value(QStringLiteral("reconnect_url")).toString());
        QCOMPARE(reconnectUrl.scheme(), QStringLiteral("wss"));
        // Events between the reconnect message and the new welcome still use the old socket.
        for (int i = 0; i < 20; ++i)
            say(QStringLiteral("between %1").arg(i));
        auto newProbe = connected(reconnectUrl);
        QVERIFY(newProbe->waitWelcome());
        QVERIFY(newProbe->sessionId != oldProbe->sessionId);
        QTRY_COMPARE_WITH_TIMEOUT(oldProbe->notifications().size(), 40, 5000);
        oldProbe->socket().close();
        for (int i = 0; i < 20; ++i)
            say(QStringLiteral("after %1").arg(i));
        QTRY_COMPARE_WITH_TIMEOUT(newProbe->notifications().size(), 20, 5000);

        // Carried over, not re-created: same id, now on the new session.
        const QJsonObject sub = listed(subId);
        QCOMPARE(sub.value(QStringLiteral("status")).toString(), QStringLiteral("enabled"));
        QCOMPARE(sub.value(QStringLiteral("transport"))
                     .toObject()
                     .value(QStringLiteral("session_id"))
                     .toString(),
                 newProbe->sessionId);
        const QStringList all = texts(*oldProbe) + texts(*newProbe);
        QCOMPARE(all.size(), 60);
        QCOMPARE(QSet<QString>(all.begin(), all.end()).size(), 60);
        QSet<QString> ids;
        for (const QJsonObject &n : oldProbe->notifications() + newProbe->notifications())
            ids.insert(EventSubProbe::messageId(n));
        QCOMPARE(ids.size(), 60);
        QVERIFY(oldProbe->waitDisconnected());
        QCOMPARE(oldProbe->closeCode, 1000);
    }

    void staleSocketIsClosedWith4004()
    {
        auto oldProbe = connected(m_sandbox->eventSubUrl());
        QVERIFY(oldProbe->waitWelcome());
        const QString subId = subscribeChat(*oldProbe);
        QVERIFY(!subId.isEmpty());
        es()->sendReconnect();
        QTRY_COMPARE_WITH_TIMEOUT(oldProbe->ofType(QStringLiteral("session_reconnect")).size(), 1,
                                  5000);
        const QUrl reconnectUrl(oldProbe->ofType(QStringLiteral("session_reconnect"))
                                    .first()
                                    .value(QStringLiteral("payload"))
                                    .toObject()
                                    .value(QStringLiteral("session"))
                                    .toObject()
                                    .value(QStringLiteral("reconnect_url"))
                                    .toString());
        auto newProbe = connected(reconnectUrl);
        QVERIFY(newProbe->waitWelcome());
        // The client never closes the old socket: the server does, after the grace period.
        QVERIFY(oldProbe->waitDisconnected());
        QCOMPARE(oldProbe->closeCode, 4004);
        QCOMPARE(listed(subId).value(QStringLiteral("status")).toString(),
                 QStringLiteral("enabled"));
        say(QStringLiteral("still here"));
        QTRY_COMPARE_WITH_TIMEOUT(newProbe->notifications().size(), 1, 5000);
    }

    void neverReconnectingFailsTheSubscriptions()
    {
        auto oldProbe = connected(m_sandbox->eventSubUrl());
        QVERIFY(oldProbe->waitWelcome());
        const QString subId = subscribeChat(*oldProbe);
        es()->sendReconnect();
        QVERIFY(oldProbe->waitDisconnected());
        QCOMPARE(oldProbe->closeCode, 4004);
        QCOMPARE(listed(subId).value(QStringLiteral("status")).toString(),
                 QStringLiteral("websocket_failed_to_reconnect"));
    }

    void invalidReconnectUrlIs4007()
    {
        QUrl u = m_sandbox->eventSubUrl();
        u.setQuery(QStringLiteral("reconnect_id=not-a-real-one"));
        auto probe = connected(u);
        QVERIFY(probe->waitDisconnected());
        QCOMPARE(probe->closeCode, 4007);
        QVERIFY(probe->sessionId.isEmpty());
    }

    void revocationThenSilence()
    {
        auto probe = connected(m_sandbox->eventSubUrl());
        QVERIFY(probe->waitWelcome());
        const QString subId = subscribeChat(*probe);
        QVERIFY(es()->revoke(subId, QStringLiteral("user_removed")));
        QTRY_COMPARE_WITH_TIMEOUT(probe->ofType(QStringLiteral("revocation")).size(), 1, 5000);
        const QJsonObject rev = probe->ofType(QStringLiteral("revocation")).first();
        const QJsonObject meta = rev.value(QStringLiteral("metadata")).toObject();
        QCOMPARE(meta.value(QStringLiteral("subscription_type")).toString(),
                 QStringLiteral("channel.chat.message"));
        QCOMPARE(meta.value(QStringLiteral("subscription_version")).toString(),
                 QStringLiteral("1"));
        const QJsonObject payload = rev.value(QStringLiteral("payload")).toObject();
        QVERIFY(!payload.contains(QStringLiteral("event")));
        QCOMPARE(payload.value(QStringLiteral("subscription"))
                     .toObject()
                     .value(QStringLiteral("status"))
                     .toString(),
                 QStringLiteral("user_removed"));
        say(QStringLiteral("nobody hears this"));
        // Proof of silence: the next keepalive arrives and no notification came before it.
        const qsizetype seen = probe->messages.size();
        QTRY_VERIFY_WITH_TIMEOUT(probe->messages.size() > seen &&
                                     EventSubProbe::type(probe->messages.last()) ==
                                         QLatin1String("session_keepalive"),
                                 5000);
        QVERIFY(probe->notifications().isEmpty());
        QCOMPARE(listed(subId).value(QStringLiteral("status")).toString(),
                 QStringLiteral("user_removed"));
    }

    void revokedTokenRevokesSubscriptions()
    {
        auto probe = connected(m_sandbox->eventSubUrl());
        QVERIFY(probe->waitWelcome());
        QVERIFY(!subscribeChat(*probe).isEmpty());
        QVERIFY(world()->revokeAccessToken(m_token));
        QTRY_COMPARE_WITH_TIMEOUT(probe->ofType(QStringLiteral("revocation")).size(), 1, 5000);
        QCOMPARE(probe->ofType(QStringLiteral("revocation"))
                     .first()
                     .value(QStringLiteral("payload"))
                     .toObject()
                     .value(QStringLiteral("subscription"))
                     .toObject()
                     .value(QStringLiteral("status"))
                     .toString(),
                 QStringLiteral("authorization_revoked"));
    }

    void unmodRevokesModeratorSubscriptions()
    {
        auto probe = connected(m_sandbox->eventSubUrl());
        QVERIFY(probe->waitWelcome());
        const QString mod = world()->demoUserId();
        const QString t = world()
                              ->issueTokens(m_sandbox->clientId(), mod,
                                            {QStringLiteral("moderator:read:followers")})
                              .accessToken;
        const QJsonObject body{
            {QStringLiteral("type"), QStringLiteral("channel.follow")},
            {QStringLiteral("version"), QStringLiteral("2")},
            {QStringLiteral("condition"),
             QJsonObject{{QStringLiteral("broadcaster_user_id"), world()->broadcasterId()},
                         {QStringLiteral("moderator_user_id"), mod}}},
            {QStringLiteral("transport"),
             QJsonObject{{QStringLiteral("method"), QStringLiteral("websocket")},
                         {QStringLiteral("session_id"), probe->sessionId}}}};
        QCOMPARE(m_http
                     ->post(subsUrl(), SandboxClient::jsonHeaders(m_sandbox->clientId(), t),
                            SandboxClient::json(body))
                     .status,
                 202);
        world()->removeModerator(world()->broadcasterId(), mod);
        QTRY_COMPARE_WITH_TIMEOUT(probe->ofType(QStringLiteral("revocation")).size(), 1, 5000);
        QCOMPARE(probe->ofType(QStringLiteral("revocation"))
                     .first()
                     .value(QStringLiteral("payload"))
                     .toObject()
                     .value(QStringLiteral("subscription"))
                     .toObject()
                     .value(QStringLiteral("status"))
                     .toString(),
                 QStringLiteral("moderator_removed"));
    }

    void duplicateDeliveryKeepsMessageId()
    {
        auto probe = connected(m_sandbox->eventSubUrl());
        QVERIFY(probe->waitWelcome());
        QVERIFY(!subscribeChat(*probe).isEmpty());
        es()->setDuplicateDelivery(true);
        say(QStringLiteral("twice"));
        QTRY_COMPARE_WITH_TIMEOUT(probe->notifications().size(), 2, 5000);
        const QList<QJsonObject> n = probe->notifications();
        QCOMPARE(EventSubProbe::messageId(n.at(0)), EventSubProbe::messageId(n.at(1)));
        QCOMPARE(n.at(0), n.at(1));
        es()->setDuplicateDelivery(false);
        say(QStringLiteral("once"));
        QTRY_COMPARE_WITH_TIMEOUT(probe->notifications().size(), 3, 5000);
        QVERIFY(EventSubProbe::messageId(probe->notifications().at(2)) !=
                EventSubProbe::messageId(n.at(0)));
    }

    void closeCodeSetsStatus_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("status");
        QTest::newRow("4000") << 4000 << "websocket_internal_error";
        QTest::newRow("4001") << 4001 << "websocket_received_inbound_traffic";
        QTest::newRow("4002") << 4002 << "websocket_failed_ping_pong";
        QTest::newRow("4005") << 4005 << "websocket_network_timeout";
        QTest::newRow("4006") << 4006 << "websocket_network_error";
    }

    void closeCodeSetsStatus()
    {
        QFETCH(int, code);
        QFETCH(QString, status);
        auto probe = connected(m_sandbox->eventSubUrl());
        QVERIFY(probe->waitWelcome());
        const QString subId = subscribeChat(*probe);
        QVERIFY(es()->closeWith(probe->sessionId, code));
        QVERIFY(probe->waitDisconnected());
        QCOMPARE(probe->closeCode, code);
        QTRY_COMPARE_WITH_TIMEOUT(listed(subId).value(QStringLiteral("status")).toString(), status,
                                  5000);
        QVERIFY(listed(subId)
                    .value(QStringLiteral("transport"))
                    .toObject()
                    .contains(QStringLiteral("disconnected_at")));
    }

    void clientCloseIsWebsocketDisconnected()
    {
        auto probe = connected(m_sandbox->eventSubUrl());
        QVERIFY(probe->waitWelcome());
        const QString subId = subscribeChat(*probe);
        probe->socket().close();
        QTRY_COMPARE_WITH_TIMEOUT(listed(subId).value(QStringLiteral("status")).toString(),
                                  QStringLiteral("websocket_disconnected"), 5000);
    }

    void droppedSocketIsNetworkError()
    {
        auto probe = connected(m_sandbox->eventSubUrl());
        QVERIFY(probe->waitWelcome());
        const QString subId = subscribeChat(*probe);
        QVERIFY(es()->dropSocket(probe->sessionId));
        QVERIFY(probe->waitDisconnected());
        QTRY_COMPARE_WITH_TIMEOUT(listed(subId).value(QStringLiteral("status")).toString(),
                                  QStringLiteral("websocket_network_error"), 5000);
    }

    void bannedReaderLosesChatSubscription()
    {
        auto probe = connected(m_sandbox->eventSubUrl());
        QVERIFY(probe->waitWelcome());
        const QString subId = subscribeChat(*probe);
        world()->applyAction({QStringLiteral("ban"),
                              world()->broadcasterId(),
                              world()->broadcasterId(),
                              world()->demoUserId(),
                              {},
                              {}});
        QTRY_COMPARE_WITH_TIMEOUT(probe->ofType(QStringLiteral("revocation")).size(), 1, 5000);
        QCOMPARE(listed(subId).value(QStringLiteral("status")).toString(),
                 QStringLiteral("chat_user_banned"));
    }

    void keepaliveCanBeSwitchedOff()
    {
        es()->setKeepaliveEnabled(false);
        auto probe = connected(m_sandbox->eventSubUrl());
        QVERIFY(probe->waitWelcome());
        // Three keepalive periods (0.5 s each at this time scale) pass in silence...
        QSignalSpy frames(&probe->socket(), &QWebSocket::textMessageReceived);
        QVERIFY(!frames.wait(1500));
        // ...until keepalives are switched back on.
        es()->setKeepaliveEnabled(true);
        QVERIFY(frames.wait(5000));
        QCOMPARE(EventSubProbe::type(probe->messages.last()), QStringLiteral("session_keepalive"));
    }
};

ROOMWARDEN_TEST_MAIN_CORE(TestSandboxEventSubFaults)
#include "TestSandboxEventSubFaults.moc"
