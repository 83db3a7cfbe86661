#include "core/providers/twitch/EventSubClient.h"
#include "core/util/Clock.h"

#include "TestMain.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QUrlQuery>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace roomwarden;
using namespace roomwarden::twitch;

namespace {
// A minimal EventSub server double: it accepts sockets; the test writes the frames.
class FakeEventSub : public QObject
{
public:
    FakeEventSub() : m_server(QStringLiteral("fake-eventsub"), QWebSocketServer::NonSecureMode)
    {
        m_server.listen(QHostAddress(QHostAddress::LocalHost), 0);
        connect(&m_server, &QWebSocketServer::newConnection, this, [this] {
            while (QWebSocket *s = m_server.nextPendingConnection()) {
                s->setParent(this);
                m_sockets.append(s);
            }
        });
    }
    QUrl url() const
    {
        QUrl u(QStringLiteral("ws://127.0.0.1/ws"));
        u.setPort(m_server.serverPort());
        return u;
    }
    QList<QWebSocket *> m_sockets;

private:
    QWebSocketServer m_server;
};

QString frame(const QString &type, const QJsonObject &payload, const QString &id,
              const QString &subType = {})
{
    QJsonObject meta{{"message_id", id},
                     {"message_type", type},
                     {"message_timestamp", "2026-01-01T12:00:00.000000001Z"}};
    if (!subType.isEmpty()) {
        meta.insert("subscription_type", subType);
        meta.insert("subscription_version", "1");
    }
    return QString::fromUtf8(
        QJsonDocument(QJsonObject{{"metadata", meta}, {"payload", payload}}).toJson());
}

QString welcome(const QString &sessionId, int keepalive = 10)
{
    return frame("session_welcome",
                 {{"session", QJsonObject{{"id", sessionId},
                                          {"status", "connected"},
                                          {"keepalive_timeout_seconds", keepalive},
                                          {"reconnect_url", QJsonValue::Null}}}},
                 QString("w-" + sessionId));
}

QString chat(const QString &id, const QString &text)
{
    const QJsonObject event{{"broadcaster_user_id", "100"},
                            {"chatter_user_id", "300"},
                            {"message_id", QString("msg-" + id)},
                            {"message", QJsonObject{{"text", text}}}};
    return frame(
        "notification",
        {{"subscription", QJsonObject{{"type", "channel.chat.message"}}}, {"event", event}}, id,
        "channel.chat.message");
}

QString reconnect(const QUrl &to)
{
    return frame("session_reconnect",
                 {{"session", QJsonObject{{"id", "old"},
                                          {"status", "reconnecting"},
                                          {"keepalive_timeout_seconds", QJsonValue::Null},
                                          {"reconnect_url", to.toString()}}}},
                 "r-1");
}
} // namespace

class TestEventSubClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void welcomesAndDeduplicates();
    void plannedReconnectLosesAndDuplicatesNothing();
    void watchdogReconnectsAndReportsGap();
    void closeCodeBacksOffAndResubscribes();
    void backoffGrowsAndIsCapped();
    void revocationIsReported();
    void foreignReconnectUrlIsIgnored();

private:
    EventSubClient::Options options() const;
    std::unique_ptr<FakeEventSub> m_server;
    std::unique_ptr<util::ManualClock> m_clock;
};

void TestEventSubClient::init()
{
    m_server = std::make_unique<FakeEventSub>();
    m_clock = std::make_unique<util::ManualClock>();
}

void TestEventSubClient::cleanup()
{
    m_server.reset();
}

EventSubClient::Options TestEventSubClient::options() const
{
    EventSubClient::Options o;
    o.url = m_server->url();
    o.keepaliveSeconds = 10;
    o.msPerSecond = 20; // keepalive 10 s → 200 ms
    o.graceMs = 100;
    o.backoffInitialMs = 10;
    o.backoffMaxMs = 80;
    o.jitter = 0.0;
    o.egress = net::EgressPolicy::sandbox({m_server->url()}, true);
    o.clock = m_clock.get();
    return o;
}

void TestEventSubClient::welcomesAndDeduplicates()
{
    EventSubClient client(options());
    QSignalSpy welcomed(&client, &EventSubClient::welcomed);
    QSignalSpy events(&client, &EventSubClient::eventReceived);
    client.start();
    QTRY_COMPARE_WITH_TIMEOUT(m_server->m_sockets.size(), 1, 5000);
    QWebSocket *s = m_server->m_sockets[0];
    QCOMPARE(QUrlQuery(s->requestUrl()).queryItemValue("keepalive_timeout_seconds"),
             QStringLiteral("10"));
    s->sendTextMessage(welcome("S1"));
    QVERIFY(welcomed.wait(5000));
    QCOMPARE(welcomed.at(0).at(0).toString(), QStringLiteral("S1"));
    QCOMPARE(client.sessionId(), QStringLiteral("S1"));
    s->sendTextMessage(chat("n1", "hello"));
    s->sendTextMessage(chat("n1", "hello")); // at-least-once redelivery (§4.2)
    s->sendTextMessage(QStringLiteral("{garbage"));
    s->sendTextMessage(chat("n2", "again"));
    QTRY_COMPARE_WITH_TIMEOUT(events.size(), 2, 5000);
    QCOMPARE(events.at(0).at(0).value<model::RoomEvent>().text, QStringLiteral("hello"));
    QCOMPARE(events.at(1).at(0).value<model::RoomEvent>().text, QStringLiteral("again"));
    QCOMPARE(client.receivedCount(), 3u);
    QCOMPARE(client.duplicatesDropped(), 1u);
    QCOMPARE(client.parseErrors(), 1u);
}

void TestEventSubClient::plannedReconnectLosesAndDuplicatesNothing()
{
    EventSubClient client(options());
    QSignalSpy welcomed(&client, &EventSubClient::welcomed);
    QSignalSpy migrated(&client, &EventSubClient::sessionMigrated);
    QSignalSpy resubscribe(&client, &EventSubClient::needsResubscribe);
    QSignalSpy events(&client, &EventSubClient::eventReceived);
    client.start();
    QTRY_COMPARE_WITH_TIMEOUT(m_server->m_sockets.size(), 1, 5000);
    QWebSocket *old = m_server->m_sockets[0];
    old->sendTextMessage(welcome("S1"));
    QVERIFY(welcomed.wait(5000));

    QUrl target = m_server->url();
    target.setQuery(QStringLiteral("reconnect_id=abc"));
    old->sendTextMessage(reconnect(target));
    QTRY_COMPARE_WITH_TIMEOUT(m_server->m_sockets.size(), 2, 5000);
    QWebSocket *fresh = m_server->m_sockets[1];
    QCOMPARE(fresh->requestUrl().query(), QStringLiteral("reconnect_id=abc")); // as-is (§4.2)
    QSignalSpy oldClosed(old, &QWebSocket::disconnected);
    // The old socket still delivers until the new welcome; the overlap is delivered twice.
    old->sendTextMessage(chat("a", "before handover"));
    old->sendTextMessage(chat("b", "overlap"));
    fresh->sendTextMessage(chat("b", "overlap"));
    QTRY_COMPARE_WITH_TIMEOUT(events.size(), 2, 5000);
    fresh->sendTextMessage(welcome("S2"));
    QVERIFY(migrated.wait(5000));
    QCOMPARE(client.sessionId(), QStringLiteral("S2"));
    QVERIFY(oldClosed.wait(5000)); // closed by the client after the new welcome
    fresh->sendTextMessage(chat("c", "after"));
    QTRY_COMPARE_WITH_TIMEOUT(events.size(), 3, 5000);
    QCOMPARE(welcomed.size(), 1); // no resubscription on a planned reconnect
    QCOMPARE(resubscribe.size(), 0);
    QCOMPARE(client.reconnectCount(), 0u);
    QCOMPARE(client.duplicatesDropped(), 1u);
    QStringList texts;
    for (const auto &args : events)
        texts << args.at(0).value<model::RoomEvent>().text;
    QCOMPARE(texts, QStringList({"before handover", "overlap", "after"}));
}

void TestEventSubClient::watchdogReconnectsAndReportsGap()
{
    EventSubClient client(options());
    client.setRoomKeys({QStringLiteral("twitch:100")});
    QSignalSpy welcomed(&client, &EventSubClient::welcomed);
    QSignalSpy resubscribe(&client, &EventSubClient::needsResubscribe);
    QSignalSpy events(&client, &EventSubClient::eventReceived);
    QSignalSpy lost(&client, &EventSubClient::connectionLost);
    client.start();
    QTRY_COMPARE_WITH_TIMEOUT(m_server->m_sockets.size(), 1, 5000);
    m_server->m_sockets[0]->sendTextMessage(welcome("S1"));
    QVERIFY(welcomed.wait(5000));
    const QDateTime lastFrame = m_clock->now();
    m_clock->advanceSeconds(40);
    // Silence: no keepalive within 10 s + grace → the socket is treated as dead.
    QVERIFY(resubscribe.wait(5000));
    QCOMPARE(lost.at(0).at(1).toString(), QStringLiteral("keepalive timeout"));
    QTRY_COMPARE_WITH_TIMEOUT(m_server->m_sockets.size(), 2, 5000);
    m_clock->advanceSeconds(5);
    m_server->m_sockets[1]->sendTextMessage(welcome("S2"));
    QTRY_COMPARE_WITH_TIMEOUT(welcomed.size(), 2, 5000);
    QCOMPARE(client.reconnectCount(), 1u);
    QCOMPARE(events.size(), 1);
    const auto gap = events.at(0).at(0).value<model::RoomEvent>();
    QCOMPARE(gap.kind, model::RoomEventKind::Gap);
    QCOMPARE(gap.roomKey, QStringLiteral("twitch:100"));
    QCOMPARE(gap.occurredAt, lastFrame);
    QCOMPARE(gap.gapEnd, std::optional<QDateTime>(lastFrame.addSecs(45)));
}

void TestEventSubClient::closeCodeBacksOffAndResubscribes()
{
    EventSubClient client(options());
    QSignalSpy welcomed(&client, &EventSubClient::welcomed);
    QSignalSpy lost(&client, &EventSubClient::connectionLost);
    QSignalSpy resubscribe(&client, &EventSubClient::needsResubscribe);
    client.start();
    QTRY_COMPARE_WITH_TIMEOUT(m_server->m_sockets.size(), 1, 5000);
    m_server->m_sockets[0]->sendTextMessage(welcome("S1"));
    QVERIFY(welcomed.wait(5000));
    m_server->m_sockets[0]->close(QWebSocketProtocol::CloseCode(4000), "internal server error");
    QVERIFY(lost.wait(5000));
    QCOMPARE(lost.at(0).at(0).toInt(), 4000);
    QCOMPARE(resubscribe.size(), 1);
    QCOMPARE(client.lastBackoffMs(), 10);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->m_sockets.size(), 2, 5000);
    m_server->m_sockets[1]->sendTextMessage(welcome("S2"));
    QTRY_COMPARE_WITH_TIMEOUT(welcomed.size(), 2, 5000);
    QCOMPARE(client.state(), EventSubClient::State::Connected);
}

void TestEventSubClient::backoffGrowsAndIsCapped()
{
    EventSubClient client(options());
    QSignalSpy lost(&client, &EventSubClient::connectionLost);
    client.start();
    QList<int> delays;
    for (int i = 0; i < 5; ++i) {
        QTRY_COMPARE_WITH_TIMEOUT(m_server->m_sockets.size(), i + 1, 5000);
        m_server->m_sockets[i]->close(QWebSocketProtocol::CloseCode(4006), "network error");
        QTRY_COMPARE_WITH_TIMEOUT(lost.size(), i + 1, 5000);
        delays << client.lastBackoffMs();
    }
    QCOMPARE(delays, QList<int>({10, 20, 40, 80, 80}));
}

void TestEventSubClient::revocationIsReported()
{
    EventSubClient client(options());
    QSignalSpy welcomed(&client, &EventSubClient::welcomed);
    QSignalSpy revoked(&client, &EventSubClient::subscriptionRevoked);
    client.start();
    QTRY_COMPARE_WITH_TIMEOUT(m_server->m_sockets.size(), 1, 5000);
    m_server->m_sockets[0]->sendTextMessage(welcome("S1"));
    QVERIFY(welcomed.wait(5000));
    const QString rev = frame(
        "revocation",
        {{"subscription", QJsonObject{{"type", "channel.follow"}, {"status", "user_removed"}}}},
        "rev-1", "channel.follow");
    m_server->m_sockets[0]->sendTextMessage(rev);
    m_server->m_sockets[0]->sendTextMessage(rev);
    QVERIFY(revoked.wait(5000));
    QCOMPARE(revoked.at(0).at(0).toString(), QStringLiteral("channel.follow"));
    QCOMPARE(revoked.at(0).at(1).toString(), QStringLiteral("user_removed"));
    QTRY_COMPARE_WITH_TIMEOUT(client.duplicatesDropped(), 1u, 5000);
    QCOMPARE(revoked.size(), 1);
}

void TestEventSubClient::foreignReconnectUrlIsIgnored()
{
    EventSubClient client(options());
    QSignalSpy welcomed(&client, &EventSubClient::welcomed);
    QSignalSpy events(&client, &EventSubClient::eventReceived);
    client.start();
    QTRY_COMPARE_WITH_TIMEOUT(m_server->m_sockets.size(), 1, 5000);
    QWebSocket *s = m_server->m_sockets[0];
    s->sendTextMessage(welcome("S1"));
    QVERIFY(welcomed.wait(5000));
    s->sendTextMessage(reconnect(QUrl("wss://evil.example/ws")));
    s->sendTextMessage(chat("x", "still here"));
    QVERIFY(events.wait(5000));
    QCOMPARE(m_server->m_sockets.size(), 1);
    QCOMPARE(client.sessionId(), QStringLiteral("S1"));
}

ROOMWARDEN_TEST_MAIN_CORE(TestEventSubClient)
#include "TestEventSubClient.moc"
