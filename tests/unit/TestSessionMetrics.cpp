// The metrics of one scripted session, whose right answers are worked out by hand below, and
// stickiness for single participants (data-driven). Real SQLite files, real encryption.
#include "core/analytics/EventStore.h"
#include "core/analytics/SessionMetrics.h"

#include "TestMain.h"

#include <QTemporaryDir>

using namespace roomwarden;
using analytics::EventStore;
using analytics::SessionMetrics;
using K = model::RoomEventKind;

namespace {

const QByteArray kKey(32, '\x21');
const QString kRoom = QStringLiteral("twitch:4242");
const QDateTime kStart(QDate(2026, 3, 1), QTime(20, 0), Qt::UTC);

int g_ids = 0;

// `at` is seconds after kStart.
model::RoomEvent ev(K kind, int at, const QString &actor = {}, const QString &actorName = {})
{
    model::RoomEvent e;
    e.kind = kind;
    e.eventId = QStringLiteral("ev-%1").arg(++g_ids);
    e.roomKey = kRoom;
    e.occurredAt = kStart.addSecs(at);
    e.actorId = actor;
    e.actorName = actorName;
    return e;
}

model::RoomEvent withCount(model::RoomEvent e, qint64 count)
{
    e.count = count;
    return e;
}

model::RoomEvent withTarget(model::RoomEvent e, const QString &target)
{
    e.targetId = target;
    e.targetName = QStringLiteral("Target ") + target;
    return e;
}

constexpr int kMin = 60;

} // namespace

class TestSessionMetrics : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aScriptedStreamGivesTheHandComputedFigures();
    void stickinessOfOneParticipant_data();
    void stickinessOfOneParticipant();
    void listSessionsByRoomNewestFirst();
};

void TestSessionMetrics::aScriptedStreamGivesTheHandComputedFigures()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("analytics.sqlite"));
    {
        auto store = EventStore::open(path, storage::FieldCipher(kKey));
        QVERIFY2(store.ok(), qPrintable(store.ok() ? QString() : store.error->message));
        QList<model::RoomEvent> script{
            ev(K::StreamOnline, 0),
            withCount(ev(K::ViewerCountSample, 10), 10),
            ev(K::ParticipantJoined, 0, QStringLiteral("u-a"), QStringLiteral("Ann")),
            ev(K::ChatMessage, 1 * kMin, QStringLiteral("u-a"), QStringLiteral("Ann")),
            ev(K::ChatMessage, 2 * kMin, QStringLiteral("u-a"), QStringLiteral("Ann")),
            ev(K::ChatMessage, 2 * kMin + 30, QStringLiteral("u-a"), QStringLiteral("Ann")),
            ev(K::ChatMessage, 5 * kMin, QStringLiteral("u-d"), QStringLiteral("Dee")),
            ev(K::ParticipantJoined, 10 * kMin, QStringLiteral("u-b"), QStringLiteral("Bob")),
            ev(K::ChatMessage, 12 * kMin, QStringLiteral("u-b"), QStringLiteral("Bob")),
            ev(K::ChatMessage, 15 * kMin, QStringLiteral("u-b"), QStringLiteral("Bob")),
            ev(K::ParticipantJoined, 20 * kMin, QStringLiteral("u-c"), QStringLiteral("Cy")),
            ev(K::ChatMessage, 21 * kMin, QStringLiteral("u-c"), QStringLiteral("Cy")),
            ev(K::ChatMessage, 25 * kMin, QStringLiteral("u-d"), QStringLiteral("Dee")),
            ev(K::ParticipantLeft, 30 * kMin, QStringLiteral("u-a")),
            withCount(ev(K::ViewerCountSample, 30 * kMin + 5), 40),
            ev(K::Follow, 33 * kMin, QStringLiteral("u-e"), QStringLiteral("Eve")),
            ev(K::Follow, 35 * kMin, QStringLiteral("u-b"), QStringLiteral("Bob")),
            withTarget(ev(K::UserBanned, 36 * kMin, QStringLiteral("m1"), QStringLiteral("ModMia")),
                       QStringLiteral("x")),
            withTarget(
                ev(K::UserTimedOut, 37 * kMin, QStringLiteral("m1"), QStringLiteral("ModMia")),
                QStringLiteral("y")),
            withTarget(
                ev(K::UserTimedOut, 38 * kMin, QStringLiteral("m2"), QStringLiteral("NedMod")),
                QStringLiteral("z")),
            ev(K::MessageDeleted, 39 * kMin, QStringLiteral("m2"), QStringLiteral("NedMod")),
            ev(K::ParticipantLeft, 40 * kMin, QStringLiteral("u-c")),
            ev(K::AutoModHeld, 41 * kMin, QStringLiteral("u-x")),
            withCount(ev(K::RaidIncoming, 45 * kMin, QStringLiteral("raider")), 50),
            ev(K::ChatMessage, 46 * kMin, QStringLiteral("u-b"), QStringLiteral("Bob")),
            withCount(ev(K::ViewerCountSample, 47 * kMin), 90),
            ev(K::ParticipantJoined, 50 * kMin, QStringLiteral("u-c"), QStringLiteral("Cy")),
            ev(K::StreamOffline, 60 * kMin),
        };
        (*store)->append(script);
        QVERIFY((*store)->flushAndWait());
        QCOMPARE((*store)->committedEvents(), qint64(script.size()));
    }

    auto metrics = SessionMetrics::open(path, storage::FieldCipher(kKey));
    QVERIFY(metrics.ok());
    auto sessions = (*metrics)->listSessions(kRoom);
    QVERIFY(sessions.ok());
    QCOMPARE(sessions->size(), 1);
    QCOMPARE(sessions->first().source, QStringLiteral("stream"));
    QCOMPARE(sessions->first().endReason, QStringLiteral("offline"));
    auto report = (*metrics)->compute(sessions->first().id);
    QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error->message));
    const analytics::SessionReport &r = *report;

    QVERIFY(!r.open);
    QCOMPARE(r.durationSeconds.value, 3600.0);
    QVERIFY(!r.durationSeconds.estimate);

    // Viewers: 10 from minute 0 to 30, 40 from 30 to 47, 90 from 47 to 60.
    QCOMPARE(r.peakViewers.value, 90.0);
    QVERIFY(r.peakViewers.estimate);
    QCOMPARE(r.viewerMinutes.value, 10.0 * 30 + 40.0 * 17 + 90.0 * 13);
    QCOMPARE(r.averageViewers.value, (10.0 * 30 + 40.0 * 17 + 90.0 * 13) / 60);
    QVERIFY(r.averageViewers.estimate && !r.averageViewers.method.isEmpty());

    // Chat: Ann 3, Bob 3, Dee 2, Cy 1.
    QCOMPARE(r.chatMessages.value, 9.0);
    QVERIFY(!r.chatMessages.estimate);
    QCOMPARE(r.messagesPerMinute.value, 9.0 / 60);
    QCOMPARE(r.uniqueChatters.value, 4.0);
    QCOMPARE(r.totalSpeakers.value, 4.0);
    QCOMPARE(r.newFollowers.value, 2.0);
    QCOMPARE(r.topChatters.size(), 4);
    QCOMPARE(r.topChatters[0].userId, QStringLiteral("u-a"));
    QCOMPARE(r.topChatters[0].name, QStringLiteral("Ann"));
    QCOMPARE(r.topChatters[0].messages, qint64(3));
    QCOMPARE(r.topChatters[1].name, QStringLiteral("Bob"));
    QCOMPARE(r.topChatters[2].name, QStringLiteral("Dee"));
    QCOMPARE(r.topChatters[2].messages, qint64(2));
    QCOMPARE(r.topChatters[3].name, QStringLiteral("Cy"));

    // Presence: Ann 0-30, Bob 10-60, Cy 20-40 and 50-60, Dee by activity 5-25, Eve a moment.
    QCOMPARE(r.totalUnique.value, 5.0);
    QVERIFY(r.totalUnique.estimate);
    QCOMPARE(r.totalTimeSeconds.value, (30.0 + 50 + 30 + 20 + 0) * 60);
    QCOMPARE(r.averageTimeSeconds.value, (30.0 + 50 + 30 + 20 + 0) * 60 / 5);
    QVERIFY(r.totalTimeSeconds.estimate); // Dee and Eve never joined: inferred
    QVERIFY(r.totalTimeSeconds.method.contains(QLatin1String("2")));
    const double stickiness = (30.0 / 60 + 50.0 / 50 + 30.0 / 40 + 20.0 / 55 + 0.0 / 27) / 5;
    QVERIFY2(qAbs(r.averageStickiness.value - stickiness) < 1e-9,
             qPrintable(QString::number(r.averageStickiness.value)));
    QCOMPARE(r.peakPresent.value, 3.0);

    // Retention: stays of 0, 20, 30, 30 and 50 minutes.
    QCOMPARE(r.retention.size(), 61);
    QCOMPARE(r.retention[0].share, 1.0);
    QCOMPARE(r.retention[20].share, 4.0 / 5);
    QCOMPARE(r.retention[21].share, 3.0 / 5);
    QCOMPARE(r.retention[31].share, 1.0 / 5);
    QCOMPARE(r.retention[51].share, 0.0);

    // Moderation.
    QCOMPARE(r.bans.value, 1.0);
    QCOMPARE(r.timeouts.value, 2.0);
    QCOMPARE(r.deletions.value, 1.0);
    QCOMPARE(r.moderationActions.value, 4.0);
    QCOMPARE(r.automodHeld.value, 1.0);
    QCOMPARE(r.actionsByKind.value(QStringLiteral("user_timed_out")), qint64(2));
    QCOMPARE(r.byModerator.size(), 2);
    QCOMPARE(r.byModerator[0].moderatorId, QStringLiteral("m1"));
    QCOMPARE(r.byModerator[0].name, QStringLiteral("ModMia"));
    QCOMPARE(r.byModerator[0].byKind.value(QStringLiteral("user_banned")), qint64(1));
    QCOMPARE(r.byModerator[1].name, QStringLiteral("NedMod"));
    QCOMPARE(r.byModerator[1].byKind.value(QStringLiteral("message_deleted")), qint64(1));
    QCOMPARE(r.gaps.value, 0.0);

    // The raid at minute 45: 40 viewers before, 90 in the five minutes after; Bob's message.
    QCOMPARE(r.raids.size(), 1);
    QVERIFY(r.raids[0].incoming);
    QCOMPARE(r.raids[0].raidViewers, qint64(50));
    QCOMPARE(r.raids[0].viewersBefore, std::optional<double>(40));
    QCOMPARE(r.raids[0].viewersAfter, std::optional<double>(90));
    QCOMPARE(r.raids[0].messagesPerMinuteBefore, 0.0);
    QCOMPARE(r.raids[0].messagesPerMinuteAfter, 1.0 / 5);

    // Timeline: the minute of minute 2 has Ann's two messages from one chatter.
    const auto minute2 = std::find_if(r.timeline.cbegin(), r.timeline.cend(), [](const auto &p) {
        return p.minute == kStart.addSecs(2 * kMin);
    });
    QVERIFY(minute2 != r.timeline.cend());
    QCOMPARE(minute2->messages, qint64(2));
    QCOMPARE(minute2->chatters, qint64(1));
    QCOMPARE(r.timeline.last().present, qint64(2)); // Bob and Cy at the end
}

void TestSessionMetrics::stickinessOfOneParticipant_data()
{
    // A script of "j<minute>" (join), "l<minute>" (leave) and "c<minute>" (chat) in a stream
    // of 60 minutes; the expected share of the time after arrival that the person stayed.
    QTest::addColumn<QString>("script");
    QTest::addColumn<double>("stickiness");
    QTest::addColumn<bool>("estimate");
    QTest::newRow("whole stream") << QStringLiteral("j0") << 1.0 << false;
    QTest::newRow("first half") << QStringLiteral("j0 l30") << 0.5 << false;
    QTest::newRow("late, to the end") << QStringLiteral("j30") << 1.0 << false;
    QTest::newRow("left and came back") << QStringLiteral("j20 l40 j50") << 0.75 << false;
    QTest::newRow("chat only") << QStringLiteral("c10 c40") << 0.6 << true;
    QTest::newRow("a leave without a join") << QStringLiteral("j0 l6 l30") << 0.1 << false;
}

void TestSessionMetrics::stickinessOfOneParticipant()
{
    QFETCH(QString, script);
    QFETCH(double, stickiness);
    QFETCH(bool, estimate);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("a.sqlite"));
    {
        auto store = EventStore::open(path, storage::FieldCipher(kKey));
        QVERIFY(store.ok());
        QList<model::RoomEvent> events{ev(K::StreamOnline, 0)};
        const QStringList steps = script.split(QLatin1Char(' '));
        for (const QString &step : steps) {
            const int minute = step.mid(1).toInt();
            const K kind = step.startsWith(QLatin1Char('j'))   ? K::ParticipantJoined
                           : step.startsWith(QLatin1Char('l')) ? K::ParticipantLeft
                                                               : K::ChatMessage;
            events << ev(kind, minute * kMin, QStringLiteral("p"), QStringLiteral("Pat"));
        }
        events << ev(K::StreamOffline, 60 * kMin);
        (*store)->append(events);
        QVERIFY((*store)->flushAndWait());
    }
    auto metrics = SessionMetrics::open(path, storage::FieldCipher(kKey));
    QVERIFY(metrics.ok());
    auto sessions = (*metrics)->listSessions();
    QVERIFY(sessions.ok() && sessions->size() == 1);
    auto r = (*metrics)->compute(sessions->first().id);
    QVERIFY(r.ok());
    QCOMPARE(r->totalUnique.value, 1.0);
    QVERIFY2(qAbs(r->averageStickiness.value - stickiness) < 1e-9,
             qPrintable(QString::number(r->averageStickiness.value)));
    QCOMPARE(r->averageStickiness.estimate, estimate);
}

void TestSessionMetrics::listSessionsByRoomNewestFirst()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("a.sqlite"));
    const QString other = QStringLiteral("twitch:7");
    {
        auto store = EventStore::open(path, storage::FieldCipher(kKey));
        QVERIFY(store.ok());
        // No stream state: a "connected" session; then a stream supersedes it.
        (*store)->append(ev(K::ChatMessage, 0, QStringLiteral("u"), QStringLiteral("U")));
        (*store)->append(ev(K::StreamOnline, 10 * kMin));
        (*store)->append(ev(K::ChatMessage, 11 * kMin, QStringLiteral("u"), QStringLiteral("U")));
        (*store)->append(ev(K::StreamOffline, 20 * kMin));
        auto elsewhere = ev(K::ChatMessage, 5 * kMin, QStringLiteral("v"), QStringLiteral("V"));
        elsewhere.roomKey = other;
        (*store)->append(elsewhere);
        (*store)->beginSession(kRoom, kStart.addSecs(30 * kMin), QStringLiteral("FourTwo"));
        (*store)->endSession(kRoom, kStart.addSecs(40 * kMin));
        QVERIFY((*store)->flushAndWait());
    }
    auto metrics = SessionMetrics::open(path, storage::FieldCipher(kKey));
    QVERIFY(metrics.ok());
    auto sessions = (*metrics)->listSessions(kRoom);
    QVERIFY(sessions.ok());
    QCOMPARE(sessions->size(), 3);
    QCOMPARE(sessions->at(0).source, QStringLiteral("explicit"));
    QCOMPARE(sessions->at(0).endReason, QStringLiteral("ended"));
    QCOMPARE(sessions->at(0).endedAt, std::optional(kStart.addSecs(40 * kMin)));
    QCOMPARE(sessions->at(1).source, QStringLiteral("stream"));
    QCOMPARE(sessions->at(1).events, qint64(3));
    QCOMPARE(sessions->at(1).endedAt, std::optional(kStart.addSecs(20 * kMin)));
    QCOMPARE(sessions->at(2).source, QStringLiteral("connected"));
    QCOMPARE(sessions->at(2).endReason, QStringLiteral("superseded"));
    QCOMPARE(sessions->at(2).endedAt, std::optional(kStart.addSecs(10 * kMin)));
    auto all = (*metrics)->listSessions();
    QVERIFY(all.ok());
    QCOMPARE(all->size(), 4);
    // The other room's connected span ended when the store closed, at its last event.
    auto mine = (*metrics)->listSessions(other);
    QVERIFY(mine.ok() && mine->size() == 1);
    QCOMPARE(mine->first().endReason, QStringLiteral("shutdown"));
    QCOMPARE(mine->first().endedAt, std::optional(kStart.addSecs(5 * kMin)));
}

ROOMWARDEN_TEST_MAIN_CORE(TestSessionMetrics)
#include "TestSessionMetrics.moc"
