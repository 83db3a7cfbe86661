// Analytics against the platform's ground truth: the demo room (sandbox simulator → EventSub →
// client) is recorded into a real EventStore file, and the session's metrics must agree with
// what the platform itself recorded (the sandbox World's chat messages and follows).
#include "app/DemoSession.h"
#include "core/analytics/EventStore.h"
#include "core/analytics/SessionMetrics.h"
#include "core/providers/twitch/TwitchRoomConnection.h"
#include "core/storage/FieldCipher.h"
#include "core/util/Redactor.h"
#include "sandbox/Sandbox.h"
#include "sandbox/Simulator.h"
#include "sandbox/World.h"

#include "TestMain.h"

#include <QSet>
#include <QTemporaryDir>

using namespace roomwarden;

class TestDemoAnalytics : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void metricsMatchThePlatformsGroundTruth();
};

void TestDemoAnalytics::metricsMatchThePlatformsGroundTruth()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("analytics.sqlite"));
    const QByteArray key = storage::FieldCipher::generateKey();
    auto store = analytics::EventStore::open(path, storage::FieldCipher(key));
    QVERIFY2(store.ok(), store.ok() ? "" : qPrintable(store.error->message));

    util::Redactor redactor;
    app::Options options;
    options.demo = true;
    options.scenario = QStringLiteral("calm");
    options.speed = 20;
    app::DemoSession session(options, redactor);
    session.setEventStore(store->get());
    QString live;
    connect(&session, &app::DemoSession::roomStateChanged, this,
            [&](const QString &, const QString &state) { live = state; });
    // Everything the client receives, from the start (the store records from the start too).
    QSet<QString> delivered;
    QSet<QString> deliveredChatters;
    int deliveredFollows = 0;
    connect(&session, &app::DemoSession::eventReceived, this, [&](const model::RoomEvent &e) {
        if (e.kind == model::RoomEventKind::ChatMessage) {
            delivered.insert(e.messageId);
            deliveredChatters.insert(e.actorId);
        }
        deliveredFollows += e.kind == model::RoomEventKind::Follow;
    });
    QString error;
    QVERIFY2(session.start(&error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(
        live, twitch::TwitchRoomConnection::stateText(twitch::TwitchRoomConnection::State::Live),
        30000);

    // From Live on, the platform's own record of the room.
    auto *world = session.sandbox()->world();
    const QString bid = world->broadcasterId();
    QSet<QString> platformMessages;
    QSet<QString> platformChatters;
    int platformFollows = 0;
    connect(world, &sandbox::World::chatMessageRecorded, this,
            [&](const QString &b, const sandbox::ChatMessage &m) {
                if (b != bid)
                    return;
                platformMessages.insert(m.id);
                platformChatters.insert(m.senderId);
            });
    connect(world, &sandbox::World::followerAdded, this,
            [&](const QString &b, const sandbox::Follower &) { platformFollows += b == bid; });
    QTRY_VERIFY_WITH_TIMEOUT(platformMessages.size() >= 200, 60000);
    session.sandbox()->simulator()->stop(); // the platform goes quiet; the client catches up
    QTRY_VERIFY_WITH_TIMEOUT(delivered.contains(platformMessages), 15000);
    session.stop();
    session.setEventStore(nullptr);
    QVERIFY((*store)->flushAndWait());

    auto metrics = analytics::SessionMetrics::open(path, storage::FieldCipher(key));
    QVERIFY(metrics.ok());
    auto sessions = (*metrics)->listSessions();
    QVERIFY(sessions.ok());
    QCOMPARE(sessions->size(), 1);
    auto report = (*metrics)->compute(sessions->first().id);
    QVERIFY(report.ok());
    // Everything the client received is in the store, once; and it includes everything the
    // platform recorded after the room went live (nothing lost).
    QCOMPARE(qint64(report->chatMessages.value), qint64(delivered.size()));
    QVERIFY(!report->chatMessages.estimate);
    QCOMPARE(qint64(report->uniqueChatters.value), qint64(deliveredChatters.size()));
    QVERIFY(deliveredChatters.contains(platformChatters));
    QCOMPARE(qint64(report->newFollowers.value), qint64(deliveredFollows));
    QVERIFY(deliveredFollows >= platformFollows);
    QCOMPARE(report->gaps.value, 0.0);
}

ROOMWARDEN_TEST_MAIN_GUI(TestDemoAnalytics)
#include "TestDemoAnalytics.moc"
