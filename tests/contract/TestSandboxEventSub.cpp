// Black-box conformance of the sandbox's EventSub WebSocket side (specs/twitch.md §3.4, §4):
// a real WSS socket trusting only the pinned certificate, subscriptions through Helix over HTTPS.
#include "EventSubFixture.h"
#include "TestMain.h"

#include <memory>
#include <QJsonArray>
#include <QRegularExpression>

using namespace roomwarden::sandbox;
using namespace roomwarden::sandbox::test;

namespace {
const QRegularExpression
    kNanoTimestamp(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z$"));
const QRegularExpression
    kUuid(QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));

} // namespace

class TestSandboxEventSub : public QObject
{
    Q_OBJECT

private:
    EventSubFixture m_fx;

private Q_SLOTS:
    void init()
    {
        QString error;
        QVERIFY2(m_fx.start(&error), qPrintable(error));
    }

    void cleanup() { m_fx.stop(); }

    void welcomeHasTheExactShape()
    {
        auto probe = m_fx.connectProbe(QStringLiteral("keepalive_timeout_seconds=30"));
        QVERIFY(probe->waitWelcome());
        const QJsonObject welcome = probe->messages.first();
        const QJsonObject meta = welcome.value(QStringLiteral("metadata")).toObject();
        QCOMPARE(meta.keys().size(), 3);
        QCOMPARE(meta.value(QStringLiteral("message_type")).toString(),
                 QStringLiteral("session_welcome"));
        QVERIFY(kUuid.match(meta.value(QStringLiteral("message_id")).toString()).hasMatch());
        QVERIFY(kNanoTimestamp.match(meta.value(QStringLiteral("message_timestamp")).toString())
                    .hasMatch());
        const QJsonObject session = welcome.value(QStringLiteral("payload"))
                                        .toObject()
                                        .value(QStringLiteral("session"))
                                        .toObject();
        QVERIFY(!session.value(QStringLiteral("id")).toString().isEmpty());
        QCOMPARE(session.value(QStringLiteral("status")).toString(), QStringLiteral("connected"));
        QCOMPARE(session.value(QStringLiteral("keepalive_timeout_seconds")).toInt(), 30);
        QVERIFY(session.value(QStringLiteral("reconnect_url")).isNull());
        QVERIFY(kNanoTimestamp.match(session.value(QStringLiteral("connected_at")).toString())
                    .hasMatch());
    }

    void keepaliveIsClamped_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<int>("expected");
        QTest::newRow("default") << QString() << 10;
        QTest::newRow("below") << QStringLiteral("keepalive_timeout_seconds=3") << 10;
        QTest::newRow("above") << QStringLiteral("keepalive_timeout_seconds=9000") << 600;
        QTest::newRow("inside") << QStringLiteral("keepalive_timeout_seconds=45") << 45;
    }

    void keepaliveIsClamped()
    {
        QFETCH(QString, query);
        QFETCH(int, expected);
        auto probe = m_fx.connectProbe(query);
        QVERIFY(probe->waitWelcome());
        const QJsonObject session = probe->messages.first()
                                        .value(QStringLiteral("payload"))
                                        .toObject()
                                        .value(QStringLiteral("session"))
                                        .toObject();
        QCOMPARE(session.value(QStringLiteral("keepalive_timeout_seconds")).toInt(), expected);
    }

    void keepaliveArrivesWhenIdle()
    {
        auto probe = m_fx.connectProbe();
        QVERIFY(probe->waitWelcome());
        QTRY_VERIFY_WITH_TIMEOUT(!probe->ofType(QStringLiteral("session_keepalive")).isEmpty(),
                                 5000);
        const QJsonObject keepalive = probe->ofType(QStringLiteral("session_keepalive")).first();
        QCOMPARE(keepalive.value(QStringLiteral("payload")).toObject(), QJsonObject());
        QVERIFY(!keepalive.value(QStringLiteral("metadata"))
                     .toObject()
                     .contains(QStringLiteral("subscription_type")));
    }

    void inboundTextClosesWith4001()
    {
        auto probe = m_fx.connectProbe();
        QVERIFY(probe->waitWelcome());
        probe->socket().sendTextMessage(QStringLiteral("{\"hello\":1}"));
        QVERIFY(probe->waitDisconnected());
        QCOMPARE(probe->closeCode, 4001);
    }

    void noSubscriptionClosesWith4003()
    {
        m_fx.es()->setRequireSubscription(true);
        auto probe = m_fx.connectProbe();
        QVERIFY(probe->waitWelcome());
        QVERIFY(probe->waitDisconnected());
        QCOMPARE(probe->closeCode, 4003);
    }

    void subscribeThenReceiveNotification()
    {
        m_fx.es()->setRequireSubscription(true);
        auto probe = m_fx.connectProbe(QStringLiteral("keepalive_timeout_seconds=120"));
        QVERIFY(probe->waitWelcome());
        const QString mod = m_fx.mod();
        const Reply r = m_fx.subscribe(m_fx.token({QStringLiteral("user:read:chat")}),
                                       QStringLiteral("channel.chat.message"), QStringLiteral("1"),
                                       m_fx.chatCondition(mod), probe->sessionId);
        QCOMPARE(r.status, 202);
        const QJsonObject body = r.object();
        QCOMPARE(body.value(QStringLiteral("total")).toInt(), 1);
        QCOMPARE(body.value(QStringLiteral("total_cost")).toInt(), 0);
        QCOMPARE(body.value(QStringLiteral("max_total_cost")).toInt(), 10);
        const QJsonObject sub = body.value(QStringLiteral("data")).toArray().first().toObject();
        QCOMPARE(sub.value(QStringLiteral("status")).toString(), QStringLiteral("enabled"));
        QCOMPARE(sub.value(QStringLiteral("cost")).toInt(), 0);
        QCOMPARE(sub.value(QStringLiteral("transport"))
                     .toObject()
                     .value(QStringLiteral("session_id"))
                     .toString(),
                 probe->sessionId);
        QVERIFY(sub.value(QStringLiteral("transport"))
                    .toObject()
                    .contains(QStringLiteral("connected_at")));

        const QString viewer = m_fx.viewer();
        const QString text = QStringLiteral("Hi chat Kappa <b>bold</b> مرحبا 🎉");
        const QString messageId = m_fx.world()->recordChatMessage(m_fx.bid(), viewer, text);
        QTRY_COMPARE_WITH_TIMEOUT(probe->notifications().size(), 1, 5000);
        const QJsonObject n = probe->notifications().first();
        const QJsonObject meta = n.value(QStringLiteral("metadata")).toObject();
        QCOMPARE(meta.value(QStringLiteral("subscription_type")).toString(),
                 QStringLiteral("channel.chat.message"));
        QCOMPARE(meta.value(QStringLiteral("subscription_version")).toString(),
                 QStringLiteral("1"));
        QVERIFY(kNanoTimestamp.match(meta.value(QStringLiteral("message_timestamp")).toString())
                    .hasMatch());
        const QJsonObject payloadSub = n.value(QStringLiteral("payload"))
                                           .toObject()
                                           .value(QStringLiteral("subscription"))
                                           .toObject();
        QCOMPARE(payloadSub.value(QStringLiteral("id")).toString(),
                 sub.value(QStringLiteral("id")).toString());
        QCOMPARE(payloadSub.value(QStringLiteral("condition")).toObject(), m_fx.chatCondition(mod));
        QCOMPARE(payloadSub.value(QStringLiteral("transport")).toObject(),
                 (QJsonObject{{QStringLiteral("method"), QStringLiteral("websocket")},
                              {QStringLiteral("session_id"), probe->sessionId}}));
        const QJsonObject e = EventSubProbe::event(n);
        QCOMPARE(e.value(QStringLiteral("message_id")).toString(), messageId);
        QCOMPARE(e.value(QStringLiteral("chatter_user_id")).toString(), viewer);
        QCOMPARE(e.value(QStringLiteral("chatter_user_login")).toString(),
                 m_fx.world()->user(viewer)->login);
        QCOMPARE(e.value(QStringLiteral("broadcaster_user_id")).toString(), m_fx.bid());
        QCOMPARE(
            e.value(QStringLiteral("message")).toObject().value(QStringLiteral("text")).toString(),
            text);
        const QJsonArray fragments = e.value(QStringLiteral("message"))
                                         .toObject()
                                         .value(QStringLiteral("fragments"))
                                         .toArray();
        QCOMPARE(fragments.size(), 3); // "Hi chat ", Kappa, " <b>bold</b> مرحبا 🎉"
        QCOMPARE(fragments.at(1).toObject().value(QStringLiteral("type")).toString(),
                 QStringLiteral("emote"));
        QVERIFY(e.value(QStringLiteral("reply")).isNull());
        QCOMPARE(e.value(QStringLiteral("message_type")).toString(), QStringLiteral("text"));
        // A subscription made in time keeps the socket open past the 4003 window.
        QTRY_VERIFY_WITH_TIMEOUT(!probe->ofType(QStringLiteral("session_keepalive")).isEmpty() ||
                                     probe->disconnected,
                                 10000);
        QVERIFY(!probe->disconnected);
    }

    void onlyMatchingConditionsAreNotified()
    {
        auto probe = m_fx.connectProbe();
        QVERIFY(probe->waitWelcome());
        const QString mod = m_fx.mod();
        QCOMPARE(m_fx.subscribe(m_fx.token({QStringLiteral("user:read:chat")}),
                                QStringLiteral("channel.chat.message"), QStringLiteral("1"),
                                m_fx.chatCondition(mod), probe->sessionId)
                     .status,
                 202);
        const QString other = m_fx.world()->addUser(QStringLiteral("other_streamer")).id;
        m_fx.world()->ensureChannel(other);
        m_fx.world()->recordChatMessage(other, m_fx.viewer(), QStringLiteral("elsewhere"));
        m_fx.world()->recordChatMessage(m_fx.bid(), m_fx.viewer(), QStringLiteral("here"));
        QTRY_COMPARE_WITH_TIMEOUT(probe->notifications().size(), 1, 5000);
        QCOMPARE(EventSubProbe::event(probe->notifications().first())
                     .value(QStringLiteral("message"))
                     .toObject()
                     .value(QStringLiteral("text"))
                     .toString(),
                 QStringLiteral("here"));
    }
};

ROOMWARDEN_TEST_MAIN_CORE(TestSandboxEventSub)
#include "TestSandboxEventSub.moc"
