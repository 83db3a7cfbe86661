// Roomwarden's EventSub side (core/providers/twitch) against the sandbox over real WSS/HTTPS:
// welcome → subscriptions planned from granted scopes and created through HelixClient →
// notifications parsed into RoomEvents; a planned reconnect loses and duplicates nothing.
#include "core/net/ApiClient.h"
#include "core/providers/twitch/EventSubClient.h"
#include "core/providers/twitch/HelixClient.h"
#include "core/providers/twitch/TwitchEndpoints.h"
#include "core/providers/twitch/TwitchSubscriptionPlanner.h"
#include "sandbox/EventSubServer.h"
#include "sandbox/Sandbox.h"
#include "sandbox/World.h"

#include "TestMain.h"

#include <QSignalSpy>

using namespace roomwarden;
using namespace roomwarden::twitch;

class TestClientEventSub : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void subscribesAndReceivesChat();
    void plannedReconnectLosesAndDuplicatesNothing();
    void duplicateDeliveryIsDropped();

private:
    // Connects, waits for the welcome and creates every planned subscription.
    bool connectAndSubscribe();
    QStringList chatTexts() const;

    std::unique_ptr<sandbox::Sandbox> m_sandbox;
    std::unique_ptr<net::ApiClient> m_api;
    std::unique_ptr<HelixClient> m_helix;
    std::unique_ptr<EventSubClient> m_events;
    std::unique_ptr<QSignalSpy> m_received;
    QString m_userId;
    QString m_broadcasterId;
    model::ScopeSet m_granted;
    int m_created = 0;
    int m_createFailures = 0;
};

void TestClientEventSub::init()
{
    m_sandbox = std::make_unique<sandbox::Sandbox>();
    QString error;
    QVERIFY2(m_sandbox->start(&error), qPrintable(error));
    const auto ep = TwitchEndpoints::sandboxProfile(
        m_sandbox->idBaseUrl(), m_sandbox->helixBaseUrl(), m_sandbox->eventSubUrl(),
        m_sandbox->certificate(), m_sandbox->clientId());
    auto *world = m_sandbox->world();
    m_userId = world->demoUserId();
    m_broadcasterId = world->broadcasterId();
    const QStringList scopes{"user:read:chat", "moderator:read:followers"};
    const sandbox::IssuedTokens tokens =
        world->issueTokens(m_sandbox->clientId(), m_userId, scopes);
    m_granted = model::scopesFromWords(model::Provider::Twitch, tokens.scopes);
    m_api = std::make_unique<net::ApiClient>(ep.egress, ep.tls);
    m_helix = std::make_unique<HelixClient>(m_api.get(), ep.helixBase, ep.clientId);
    m_helix->setAccessToken(tokens.accessToken);
    EventSubClient::Options o;
    o.url = ep.eventSubUrl;
    o.tls = ep.tls;
    o.egress = ep.egress;
    o.keepaliveSeconds = 10;
    m_events = std::make_unique<EventSubClient>(o);
    m_received = std::make_unique<QSignalSpy>(m_events.get(), &EventSubClient::eventReceived);
    m_created = 0;
    m_createFailures = 0;
    connect(m_events.get(), &EventSubClient::welcomed, this, [this](const QString &sessionId) {
        const auto plan =
            TwitchSubscriptionPlanner::plan({m_granted, m_userId, m_broadcasterId, false});
        for (const auto &s : plan.subscriptions) {
            m_helix->createEventSubSubscription(s, sessionId, this,
                                                [this](const HelixResult<CreatedSubscription> &r) {
                                                    if (r.ok())
                                                        ++m_created;
                                                    else
                                                        ++m_createFailures;
                                                });
        }
    });
}

void TestClientEventSub::cleanup()
{
    m_received.reset();
    m_events.reset();
    m_helix.reset();
    m_api.reset();
    m_sandbox.reset();
}

bool TestClientEventSub::connectAndSubscribe()
{
    QSignalSpy welcomed(m_events.get(), &EventSubClient::welcomed);
    m_events->start();
    if (!welcomed.wait(10000))
        return false;
    const int expected =
        int(TwitchSubscriptionPlanner::plan({m_granted, m_userId, m_broadcasterId, false})
                .subscriptions.size());
    return QTest::qWaitFor([&] { return m_created + m_createFailures >= expected; }, 10000) &&
           m_createFailures == 0;
}

QStringList TestClientEventSub::chatTexts() const
{
    QStringList out;
    for (const auto &args : *m_received) {
        const auto e = args.at(0).value<model::RoomEvent>();
        if (e.kind == model::RoomEventKind::ChatMessage)
            out << e.text;
    }
    return out;
}

void TestClientEventSub::subscribesAndReceivesChat()
{
    QVERIFY(connectAndSubscribe());
    QVERIFY(m_created >= 3); // chat types + follow + raid/stream
    auto *world = m_sandbox->world();
    const QString id = world->recordChatMessage(m_broadcasterId, world->viewerId(), "hello room");
    QTRY_COMPARE_WITH_TIMEOUT(chatTexts(), QStringList{"hello room"}, 10000);
    const auto e = m_received->last().at(0).value<model::RoomEvent>();
    QCOMPARE(e.roomKey, QString("twitch:" + m_broadcasterId));
    QCOMPARE(e.actorId, world->viewerId());
    QCOMPARE(e.messageId, id);
}

void TestClientEventSub::plannedReconnectLosesAndDuplicatesNothing()
{
    QVERIFY(connectAndSubscribe());
    QSignalSpy migrated(m_events.get(), &EventSubClient::sessionMigrated);
    QSignalSpy resubscribe(m_events.get(), &EventSubClient::needsResubscribe);
    auto *world = m_sandbox->world();
    world->recordChatMessage(m_broadcasterId, world->viewerId(), "one");
    QVERIFY(m_sandbox->eventSub()->sendReconnect() >= 1);
    world->recordChatMessage(m_broadcasterId, world->viewerId(), "two");
    QVERIFY(migrated.wait(10000));
    world->recordChatMessage(m_broadcasterId, world->viewerId(), "three");
    QTRY_COMPARE_WITH_TIMEOUT(chatTexts().size(), 3, 10000);
    QStringList texts = chatTexts();
    texts.sort(); // EventSub does not promise order (§4.2)
    QCOMPARE(texts, QStringList({"one", "three", "two"}));
    QCOMPARE(resubscribe.size(), 0);
    QCOMPARE(m_events->reconnectCount(), 0u);
    QVERIFY(!m_events->sessionId().isEmpty());
}

void TestClientEventSub::duplicateDeliveryIsDropped()
{
    QVERIFY(connectAndSubscribe());
    m_sandbox->eventSub()->setDuplicateDelivery(true);
    auto *world = m_sandbox->world();
    world->recordChatMessage(m_broadcasterId, world->viewerId(), "once");
    world->recordChatMessage(m_broadcasterId, world->viewerId(), "twice?");
    QTRY_VERIFY_WITH_TIMEOUT(m_events->duplicatesDropped() >= 2, 10000);
    QCOMPARE(chatTexts(), QStringList({"once", "twice?"}));
}

ROOMWARDEN_TEST_MAIN_CORE(TestClientEventSub)
#include "TestClientEventSub.moc"
