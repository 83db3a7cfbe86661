#include "core/moderation/RaidDetector.h"

#include "TestMain.h"

#include <QSignalSpy>

using roomwarden::model::RoomEvent;
using roomwarden::model::RoomEventKind;
using roomwarden::moderation::RaidDetector;

Q_DECLARE_METATYPE(roomwarden::moderation::RaidDetector::Alert)

namespace {
const QDateTime kStart(QDate(2026, 6, 1), QTime(20, 0), Qt::UTC);

RoomEvent chat(const QString &user, qint64 atMs)
{
    RoomEvent e;
    e.kind = RoomEventKind::ChatMessage;
    e.roomKey = QStringLiteral("twitch:1");
    e.actorId = user;
    e.text = QStringLiteral("hi");
    e.occurredAt = kStart.addMSecs(atMs);
    return e;
}
} // namespace

class TestRaidDetector : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void calmRoomWithRegularsNeverAlerts();
    void floodOfNewcomersAlertsOnce();
    void slowTrickleOfNewcomersDoesNotAlert();
    void newcomersDrownedByRegularsDoNotAlert();
    void alertsAgainAfterCooldown();
    void knownChattersAreNotNew();
    void ignoresNonChatEvents();
    void learnsDuringWarmup();
    void floodWithoutAnIncomingRaidIsHostile();
    void floodAfterAnIncomingRaidIsFriendly();
    void brigadeOfOneDisguisedMessageIsHostile();
    void joinsCountAsArrivals();
    void newcomersWhoLeftTheWindowNoLongerCount();
    void aRaidCrowdsHypeLineIsNotABrigadeByItself();
    void accountAgesDecide_data();
    void accountAgesDecide();
};

void TestRaidDetector::calmRoomWithRegularsNeverAlerts()
{
    RaidDetector d;
    QSignalSpy spy(&d, &RaidDetector::raidSuspected);
    // 20 regulars chatting every few seconds for an hour.
    for (int t = 0; t < 3600; ++t)
        d.observe(chat(QStringLiteral("regular%1").arg(t % 20), t * 1000));
    QCOMPARE(spy.count(), 0);
    QCOMPARE(d.knownChatters(), 20);
}

void TestRaidDetector::floodOfNewcomersAlertsOnce()
{
    RaidDetector d; // default thresholds: judged after a 2-minute warm-up
    QSignalSpy spy(&d, &RaidDetector::raidSuspected);
    for (int i = 0; i < 10; ++i)
        d.observe(chat(QStringLiteral("regular%1").arg(i), i * 1000));
    // 200 fresh accounts, 3 messages each, within 20 s.
    for (int i = 0; i < 600; ++i)
        d.observe(chat(QStringLiteral("raider%1").arg(i % 200), 180'000 + i * 33));
    QCOMPARE(spy.count(), 1);
    const auto alert = spy.first().at(0).value<RaidDetector::Alert>();
    QCOMPARE(alert.roomKey, QStringLiteral("twitch:1"));
    QVERIFY(alert.newChatters >= 25);
    QVERIFY(alert.detectedAt >= alert.startedAt);
    QVERIFY(!alert.sampleUserIds.isEmpty() && alert.sampleUserIds.size() <= 10);
    QVERIFY(alert.sampleUserIds.first().startsWith(QStringLiteral("raider")));
}

void TestRaidDetector::slowTrickleOfNewcomersDoesNotAlert()
{
    RaidDetector d;
    QSignalSpy spy(&d, &RaidDetector::raidSuspected);
    // One new person every 5 s for an hour: a growing room, not a raid.
    for (int i = 0; i < 720; ++i)
        d.observe(chat(QStringLiteral("newbie%1").arg(i), i * 5000));
    QCOMPARE(spy.count(), 0);
}

void TestRaidDetector::newcomersDrownedByRegularsDoNotAlert()
{
    RaidDetector::Thresholds t;
    t.minNewChatters = 25;
    t.minNewShare = 0.5;
    t.warmupMs = 0; // judge from the first message: the share rule alone must hold it back
    RaidDetector d(t);
    QSignalSpy spy(&d, &RaidDetector::raidSuspected);
    QStringList regulars;
    for (int i = 0; i < 50; ++i)
        regulars << QStringLiteral("regular%1").arg(i);
    d.addKnownChatters(regulars); // 50 unknown people at once would itself look like a raid
    // In the next 20 s: 30 newcomers (one message each) and 200 regular messages.
    for (int i = 0; i < 230; ++i) {
        const bool isNew = i % 8 == 0 && i / 8 < 30;
        d.observe(
            chat(isNew ? QStringLiteral("new%1").arg(i) : QStringLiteral("regular%1").arg(i % 50),
                 i * 80));
    }
    QCOMPARE(spy.count(), 0);
}

void TestRaidDetector::alertsAgainAfterCooldown()
{
    RaidDetector::Thresholds t;
    t.cooldownMs = 60'000;
    t.warmupMs = 0;
    RaidDetector d(t);
    QSignalSpy spy(&d, &RaidDetector::raidSuspected);
    for (int i = 0; i < 100; ++i)
        d.observe(chat(QStringLiteral("a%1").arg(i), i * 100));
    QCOMPARE(spy.count(), 1);
    for (int i = 0; i < 100; ++i) // a second wave, within the cooldown
        d.observe(chat(QStringLiteral("b%1").arg(i), 20'000 + i * 100));
    QCOMPARE(spy.count(), 1);
    for (int i = 0; i < 100; ++i) // a third wave after it
        d.observe(chat(QStringLiteral("c%1").arg(i), 200'000 + i * 100));
    QCOMPARE(spy.count(), 2);
}

void TestRaidDetector::knownChattersAreNotNew()
{
    RaidDetector::Thresholds t;
    t.warmupMs = 0; // only the known list may hold the alert back
    RaidDetector d(t);
    QSignalSpy spy(&d, &RaidDetector::raidSuspected);
    QStringList regulars;
    for (int i = 0; i < 100; ++i)
        regulars << QStringLiteral("r%1").arg(i);
    d.addKnownChatters(regulars);
    for (int i = 0; i < 100; ++i) // everyone arrives at once: a busy start, not a raid
        d.observe(chat(regulars.at(i), i * 50));
    QCOMPARE(spy.count(), 0);
}

void TestRaidDetector::ignoresNonChatEvents()
{
    RaidDetector d;
    QSignalSpy spy(&d, &RaidDetector::raidSuspected);
    for (int i = 0; i < 200; ++i) {
        RoomEvent e = chat(QStringLiteral("f%1").arg(i), i * 10);
        e.kind = RoomEventKind::Follow;
        d.observe(e);
    }
    QCOMPARE(spy.count(), 0);
    QCOMPARE(d.knownChatters(), 0);
}

void TestRaidDetector::learnsDuringWarmup()
{
    RaidDetector::Thresholds t;
    t.warmupMs = 120'000;
    RaidDetector d(t);
    QSignalSpy spy(&d, &RaidDetector::raidSuspected);
    // The stream opens: 100 people say hello within a minute. Everyone is new, nobody raids.
    for (int i = 0; i < 100; ++i)
        d.observe(chat(QStringLiteral("early%1").arg(i), i * 600));
    QCOMPARE(spy.count(), 0);
    // They keep chatting after the warm-up: still no alert (they are known now).
    for (int i = 0; i < 300; ++i)
        d.observe(chat(QStringLiteral("early%1").arg(i % 100), 130'000 + i * 100));
    QCOMPARE(spy.count(), 0);
    // A real flood after the warm-up is caught.
    for (int i = 0; i < 200; ++i)
        d.observe(chat(QStringLiteral("raider%1").arg(i), 200'000 + i * 50));
    QCOMPARE(spy.count(), 1);
}

namespace {
// Regulars chat for the warm-up, so that the room is being judged.
void warmUp(RaidDetector &d)
{
    for (int i = 0; i < 130; ++i)
        d.observe(chat(QStringLiteral("regular%1").arg(i % 10), i * 1000));
}

RoomEvent said(const QString &user, qint64 atMs, const QString &text)
{
    RoomEvent e = chat(user, atMs);
    e.text = text;
    return e;
}
} // namespace

void TestRaidDetector::floodWithoutAnIncomingRaidIsHostile()
{
    RaidDetector d;
    QSignalSpy spy(&d, &RaidDetector::raidSuspected);
    warmUp(d);
    for (int i = 0; i < 60; ++i)
        d.observe(said(QStringLiteral("new%1").arg(i), 140'000 + i * 100,
                       QStringLiteral("hello number %1 from me").arg(QChar(u'a' + i % 26))));
    QCOMPARE(spy.count(), 1);
    const auto alert = spy.first().first().value<RaidDetector::Alert>();
    QCOMPARE(alert.kind, RaidDetector::Alert::Kind::Flood);
    QVERIFY(alert.hostile);
    QVERIFY(alert.raidFrom.isEmpty());
    QCOMPARE(alert.userIds.size(), alert.newChatters);
    QCOMPARE(alert.newChatters, 25);
}

void TestRaidDetector::floodAfterAnIncomingRaidIsFriendly()
{
    RaidDetector d;
    QSignalSpy spy(&d, &RaidDetector::raidSuspected);
    warmUp(d);
    RoomEvent raid;
    raid.kind = RoomEventKind::RaidIncoming;
    raid.roomKey = QStringLiteral("twitch:1");
    raid.actorName = QStringLiteral("FriendlyStreamer");
    raid.count = 240;
    raid.occurredAt = kStart.addMSecs(135'000);
    d.observe(raid);
    const QStringList greetings{QStringLiteral("hype from the raid"), QStringLiteral("hi all"),
                                QStringLiteral("what game is this"),
                                QStringLiteral("love the overlay"), QStringLiteral("raid raid")};
    for (int i = 0; i < 60; ++i)
        d.observe(said(QStringLiteral("guest%1").arg(i), 140'000 + i * 100,
                       greetings.at(i % greetings.size()) + QString(i % 3, u'!')));
    QCOMPARE(spy.count(), 1);
    const auto alert = spy.first().first().value<RaidDetector::Alert>();
    QCOMPARE(alert.kind, RaidDetector::Alert::Kind::Flood);
    QVERIFY(!alert.hostile);
    QCOMPARE(alert.raidFrom, QStringLiteral("FriendlyStreamer"));
    QCOMPARE(alert.raidViewers, std::optional<qint64>(240));
}

void TestRaidDetector::brigadeOfOneDisguisedMessageIsHostile()
{
    RaidDetector d;
    QSignalSpy spy(&d, &RaidDetector::raidSuspected);
    warmUp(d);
    // Eight people, one message in eight disguises (case, digits, Cyrillic, zero-width).
    const QStringList disguises{
        QStringLiteral("Follow my channel now"),    QStringLiteral("follow my channel now 2"),
        QStringLiteral("FOLLOW MY CHANNEL NOW!"),   QStringLiteral("fоllow my channel now"),
        QStringLiteral("follow my ch​annel now"), QStringLiteral("follow  my channel now 77"),
        QStringLiteral("Follow My Channel Now..."), QStringLiteral("ｆollow my channel now")};
    for (int i = 0; i < disguises.size(); ++i) {
        // Regulars keep most of the chat: this is no flood, only a brigade.
        d.observe(
            said(QStringLiteral("regular%1").arg(i), 140'000 + i * 500, QStringLiteral("hm")));
        d.observe(said(QStringLiteral("shill%1").arg(i), 140'100 + i * 500, disguises.at(i)));
    }
    QCOMPARE(spy.count(), 1);
    const auto alert = spy.first().first().value<RaidDetector::Alert>();
    QCOMPARE(alert.kind, RaidDetector::Alert::Kind::Brigade);
    QVERIFY(alert.hostile);
    QCOMPARE(alert.userIds.size(), 8);
    QVERIFY(alert.userIds.contains(QStringLiteral("shill0")));
    QCOMPARE(alert.repeatedText, QStringLiteral("Follow my channel now"));
}

void TestRaidDetector::joinsCountAsArrivals()
{
    RaidDetector d;
    QSignalSpy spy(&d, &RaidDetector::raidSuspected);
    warmUp(d);
    for (int i = 0; i < 30; ++i) {
        RoomEvent join = chat(QStringLiteral("bot%1").arg(i), 140'000 + i * 50);
        join.kind = RoomEventKind::ParticipantJoined;
        d.observe(join);
    }
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.first().first().value<RaidDetector::Alert>().newChatters, 25);
}

void TestRaidDetector::newcomersWhoLeftTheWindowNoLongerCount()
{
    RaidDetector::Thresholds t;
    t.cooldownMs = 1000;
    RaidDetector d(t);
    QSignalSpy spy(&d, &RaidDetector::raidSuspected);
    warmUp(d);
    // 20 newcomers (below 25), then, after the window has passed, 20 more: never 25 at once.
    for (int i = 0; i < 20; ++i)
        d.observe(said(QStringLiteral("a%1").arg(i), 140'000 + i * 100, QStringLiteral("yo")));
    for (int i = 0; i < 20; ++i)
        d.observe(said(QStringLiteral("b%1").arg(i), 180'000 + i * 100, QStringLiteral("yo")));
    QCOMPARE(spy.count(), 0);
    // The a-group's later messages do not make them new again.
    for (int i = 0; i < 20; ++i)
        d.observe(said(QStringLiteral("a%1").arg(i), 183'000 + i * 100, QStringLiteral("yo")));
    QCOMPARE(spy.count(), 0);
    QVERIFY(d.windowSize() <= 60);
}

void TestRaidDetector::aRaidCrowdsHypeLineIsNotABrigadeByItself()
{
    RaidDetector d;
    QSignalSpy spy(&d, &RaidDetector::raidSuspected);
    warmUp(d);
    RoomEvent raid;
    raid.kind = RoomEventKind::RaidIncoming;
    raid.actorId = QStringLiteral("555");
    raid.actorName = QStringLiteral("Friend");
    raid.occurredAt = kStart.addMSecs(135'000);
    d.observe(raid);
    for (int i = 0; i < 10; ++i)
        d.observe(said(QStringLiteral("guest%1").arg(i), 140'000 + i * 100,
                       QStringLiteral("RAID HYPE RAID HYPE")));
    QCOMPARE(spy.count(), 1);
    const auto alert = spy.first().first().value<RaidDetector::Alert>();
    QCOMPARE(alert.kind, RaidDetector::Alert::Kind::Brigade);
    QVERIFY(!alert.hostile); // until the accounts say otherwise
    QCOMPARE(alert.raidFromId, QStringLiteral("555"));
}

void TestRaidDetector::accountAgesDecide_data()
{
    QTest::addColumn<int>("youngAccounts"); // of 10 known
    QTest::addColumn<bool>("youngChannel");
    QTest::addColumn<bool>("hostile");
    QTest::newRow("all old, old channel") << 0 << false << false;
    QTest::newRow("few young") << 3 << false << false;
    QTest::newRow("half young") << 5 << false << true;
    QTest::newRow("all young") << 10 << false << true;
    QTest::newRow("old crowd, channel made today") << 0 << true << true;
}

void TestRaidDetector::accountAgesDecide()
{
    QFETCH(int, youngAccounts);
    QFETCH(bool, youngChannel);
    QFETCH(bool, hostile);
    const QDateTime now = kStart.addDays(400);
    RaidDetector::Alert alert;
    alert.hostile = !hostile; // the detector's guess is overruled
    alert.raidFromId = QStringLiteral("555");
    alert.accountCreatedAt.insert(QStringLiteral("555"),
                                  youngChannel ? now.addSecs(-3600) : now.addDays(-900));
    for (int i = 0; i < 12; ++i) {
        const QString id = QStringLiteral("u%1").arg(i);
        alert.userIds << id;
        if (i < 10) // two accounts unknown: they do not count either way
            alert.accountCreatedAt.insert(id, i < youngAccounts ? now.addSecs(-600)
                                                                : now.addDays(-200));
    }
    RaidDetector::judgeAccounts(alert, now);
    QCOMPARE(alert.hostile, hostile);
    QVERIFY(!alert.verdict.isEmpty());

    RaidDetector::Alert unknown; // nothing known: the guess stands
    unknown.hostile = true;
    unknown.userIds = {QStringLiteral("x")};
    RaidDetector::judgeAccounts(unknown, now);
    QVERIFY(unknown.hostile);
    QVERIFY(unknown.verdict.isEmpty());
}

ROOMWARDEN_TEST_MAIN_CORE(TestRaidDetector)
#include "TestRaidDetector.moc"
