// Fault behaviour of the sandbox's EventSub side (specs/twitch.md §4.2–4.3): reconnect handover,
// grace expiry (4004), invalid reconnect (4007), revocation, duplicate delivery, close codes and
// the subscription statuses they leave behind.
#include "EventSubFixture.h"
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
    EventSubFixture m_fx;
    QString m_token;

    // Subscribes the demo moderator to channel.chat.message on the probe's session.
    QString subscribeChat(const EventSubProbe &probe)
    {
        const Reply r =
            m_fx.subscribe(m_token, QStringLiteral("channel.chat.message"), QStringLiteral("1"),
                           m_fx.chatCondition(m_fx.mod()), probe.sessionId);
        return r.status == 202 ? EventSubFixture::subscriptionId(r) : QString();
    }
    QJsonObject listed(const QString &subscriptionId)
    {
        QUrlQuery q;
        q.addQueryItem(QStringLiteral("subscription_id"), subscriptionId);
        const Reply r = m_fx.client->get(m_fx.subsUrl(q), m_fx.authHeaders(m_token));
        return r.object().value(QStringLiteral("data")).toArray().first().toObject();
    }
    void say(const QString &text)
    {
        m_fx.world()->recordChatMessage(m_fx.bid(), m_fx.viewer(), text);
    }
    // The status the probe's first revocation message gives its subscription.
    static QString revocationStatus(const EventSubProbe &p)
    {
        return p.ofType(QStringLiteral("revocation"))
            .first()
            .value(QStringLiteral("payload"))
            .toObject()
            .value(QStringLiteral("subscription"))
            .toObject()
            .value(QStringLiteral("status"))
            .toString();
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
        QString error;
        QVERIFY2(m_fx.start(&error), qPrintable(error));
        m_token = m_fx.token({QStringLiteral("user:read:chat")});
    }

    void cleanup() { m_fx.stop(); }

    void reconnectHandsOverWithoutLossOrDuplicates()
    {
        auto oldProbe = m_fx.connectProbe();
        QVERIFY(oldProbe->waitWelcome());
        const QString subId = subscribeChat(*oldProbe);
        QVERIFY(!subId.isEmpty());
        for (int i = 0; i < 20; ++i)
            say(QStringLiteral("before %1").arg(i));
        QCOMPARE(m_fx.es()->sendReconnect(oldProbe->sessionId), 1);
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
        auto newProbe = m_fx.openProbe(reconnectUrl);
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
        auto oldProbe = m_fx.connectProbe();
        QVERIFY(oldProbe->waitWelcome());
        const QString subId = subscribeChat(*oldProbe);
        QVERIFY(!subId.isEmpty());
        m_fx.es()->sendReconnect();
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
        auto newProbe = m_fx.openProbe(reconnectUrl);
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
        auto oldProbe = m_fx.connectProbe();
        QVERIFY(oldProbe->waitWelcome());
        const QString subId = subscribeChat(*oldProbe);
        m_fx.es()->sendReconnect();
        QVERIFY(oldProbe->waitDisconnected());
        QCOMPARE(oldProbe->closeCode, 4004);
        QCOMPARE(listed(subId).value(QStringLiteral("status")).toString(),
                 QStringLiteral("websocket_failed_to_reconnect"));
    }

    void invalidReconnectUrlIs4007()
    {
        auto probe = m_fx.connectProbe(QStringLiteral("reconnect_id=not-a-real-one"));
        QVERIFY(probe->waitDisconnected());
        QCOMPARE(probe->closeCode, 4007);
        QVERIFY(probe->sessionId.isEmpty());
    }

    void revocationThenSilence()
    {
        auto probe = m_fx.connectProbe();
        QVERIFY(probe->waitWelcome());
        const QString subId = subscribeChat(*probe);
        QVERIFY(m_fx.es()->revoke(subId, QStringLiteral("user_removed")));
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
        auto probe = m_fx.connectProbe();
        QVERIFY(probe->waitWelcome());
        QVERIFY(!subscribeChat(*probe).isEmpty());
        QVERIFY(m_fx.world()->revokeAccessToken(m_token));
        QTRY_COMPARE_WITH_TIMEOUT(probe->ofType(QStringLiteral("revocation")).size(), 1, 5000);
        QCOMPARE(revocationStatus(*probe), QStringLiteral("authorization_revoked"));
    }

    void unmodRevokesModeratorSubscriptions()
    {
        auto probe = m_fx.connectProbe();
        QVERIFY(probe->waitWelcome());
        const QString mod = m_fx.mod();
        const QString t = m_fx.token({QStringLiteral("moderator:read:followers")});
        QCOMPARE(m_fx.subscribe(t, QStringLiteral("channel.follow"), QStringLiteral("2"),
                                {{QStringLiteral("broadcaster_user_id"), m_fx.bid()},
                                 {QStringLiteral("moderator_user_id"), mod}},
                                probe->sessionId)
                     .status,
                 202);
        m_fx.world()->removeModerator(m_fx.bid(), mod);
        QTRY_COMPARE_WITH_TIMEOUT(probe->ofType(QStringLiteral("revocation")).size(), 1, 5000);
        QCOMPARE(revocationStatus(*probe), QStringLiteral("moderator_removed"));
    }

    void duplicateDeliveryKeepsMessageId()
    {
        auto probe = m_fx.connectProbe();
        QVERIFY(probe->waitWelcome());
        QVERIFY(!subscribeChat(*probe).isEmpty());
        m_fx.es()->setDuplicateDelivery(true);
        say(QStringLiteral("twice"));
        QTRY_COMPARE_WITH_TIMEOUT(probe->notifications().size(), 2, 5000);
        const QList<QJsonObject> n = probe->notifications();
        QCOMPARE(EventSubProbe::messageId(n.at(0)), EventSubProbe::messageId(n.at(1)));
        QCOMPARE(n.at(0), n.at(1));
        m_fx.es()->setDuplicateDelivery(false);
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
        auto probe = m_fx.connectProbe();
        QVERIFY(probe->waitWelcome());
        const QString subId = subscribeChat(*probe);
        QVERIFY(m_fx.es()->closeWith(probe->sessionId, code));
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
        auto probe = m_fx.connectProbe();
        QVERIFY(probe->waitWelcome());
        const QString subId = subscribeChat(*probe);
        probe->socket().close();
        QTRY_COMPARE_WITH_TIMEOUT(listed(subId).value(QStringLiteral("status")).toString(),
                                  QStringLiteral("websocket_disconnected"), 5000);
    }

    void droppedSocketIsNetworkError()
    {
        auto probe = m_fx.connectProbe();
        QVERIFY(probe->waitWelcome());
        const QString subId = subscribeChat(*probe);
        QVERIFY(m_fx.es()->dropSocket(probe->sessionId));
        QVERIFY(probe->waitDisconnected());
        QTRY_COMPARE_WITH_TIMEOUT(listed(subId).value(QStringLiteral("status")).toString(),
                                  QStringLiteral("websocket_network_error"), 5000);
    }

    void bannedReaderLosesChatSubscription()
    {
        auto probe = m_fx.connectProbe();
        QVERIFY(probe->waitWelcome());
        const QString subId = subscribeChat(*probe);
        m_fx.world()->applyAction(
            {QStringLiteral("ban"), m_fx.bid(), m_fx.bid(), m_fx.mod(), {}, {}});
        QTRY_COMPARE_WITH_TIMEOUT(probe->ofType(QStringLiteral("revocation")).size(), 1, 5000);
        QCOMPARE(listed(subId).value(QStringLiteral("status")).toString(),
                 QStringLiteral("chat_user_banned"));
    }

    void keepaliveCanBeSwitchedOff()
    {
        m_fx.es()->setKeepaliveEnabled(false);
        auto probe = m_fx.connectProbe();
        QVERIFY(probe->waitWelcome());
        // Three keepalive periods (0.5 s each at this time scale) pass in silence...
        QSignalSpy frames(&probe->socket(), &QWebSocket::textMessageReceived);
        QVERIFY(!frames.wait(1500));
        // ...until keepalives are switched back on.
        m_fx.es()->setKeepaliveEnabled(true);
        QVERIFY(frames.wait(5000));
        QCOMPARE(EventSubProbe::type(probe->messages.last()), QStringLiteral("session_keepalive"));
    }
};

ROOMWARDEN_TEST_MAIN_CORE(TestSandboxEventSubFaults)
#include "TestSandboxEventSubFaults.moc"
