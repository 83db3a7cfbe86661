// Forgetting a session, a room, a person, everything, and the raw-content cache purge, on real
// store files: what must go is gone, what must stay stays (and the figures with it).
#include "core/analytics/EventStore.h"
#include "core/analytics/Retention.h"
#include "core/analytics/SessionMetrics.h"

#include "TestMain.h"

#include <QTemporaryDir>

using namespace roomwarden;
using analytics::Retention;
using analytics::SessionMetrics;
using K = model::RoomEventKind;

namespace {

const QByteArray kKey(32, '\x33');
const QString kRoomA = QStringLiteral("twitch:100");
const QString kRoomB = QStringLiteral("twitch:200");
const QDateTime kStart(QDate(2026, 8, 1), QTime(10, 0), Qt::UTC);
int g_ids = 0;

model::RoomEvent ev(const QString &room, K kind, int at, const QString &actor = {},
                    const QString &target = {})
{
    model::RoomEvent e;
    e.kind = kind;
    e.eventId = QStringLiteral("r-%1").arg(++g_ids);
    e.roomKey = room;
    e.occurredAt = kStart.addSecs(at);
    e.actorId = actor;
    e.actorName = actor.isEmpty() ? QString() : QStringLiteral("Name of ") + actor;
    e.targetId = target;
    e.targetName = target.isEmpty() ? QString() : QStringLiteral("Name of ") + target;
    e.text = kind == K::ChatMessage ? QStringLiteral("hello from ") + actor : QString();
    return e;
}

// Room A: a stream at 10:00 (30 min) and one at 12:00; room B: one at 11:00. In each, "u-x"
// chats and is banned by moderator "m-1"; "u-y" chats.
QString record(QTemporaryDir &dir)
{
    const QString path = dir.filePath(QStringLiteral("analytics.sqlite"));
    auto store = analytics::EventStore::open(path, storage::FieldCipher(kKey));
    if (!store)
        qFatal("store: %s", qPrintable(store.error->message));
    for (const auto &[room, offset] :
         {std::pair{kRoomA, 0}, std::pair{kRoomB, 3600}, std::pair{kRoomA, 7200}}) {
        QList<model::RoomEvent> s{ev(room, K::StreamOnline, offset)};
        model::RoomEvent sample = ev(room, K::ViewerCountSample, offset + 5);
        sample.count = 20;
        s << sample;
        for (int i = 0; i < 10; ++i)
            s << ev(room, K::ChatMessage, offset + 60 + i * 100, QStringLiteral("u-x"))
              << ev(room, K::ChatMessage, offset + 90 + i * 100, QStringLiteral("u-y"));
        s << ev(room, K::UserBanned, offset + 1200, QStringLiteral("m-1"), QStringLiteral("u-x"));
        s << ev(room, K::StreamOffline, offset + 1800);
        (*store)->append(s);
    }
    if (!(*store)->flushAndWait())
        qFatal("flush");
    return path;
}

qint64 count(storage::Database &db, const QString &sql)
{
    auto st = db.prepare(sql);
    if (!st || !st->step().ok())
        return -1;
    return st->int64(0);
}

} // namespace

class TestRetention : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void forgetsASession();
    void forgetsARoom();
    void forgetsAPerson();
    void forgetsEverything();
    void purgesRawEventsButKeepsTheFigures_data();
    void purgesRawEventsButKeepsTheFigures();
};

void TestRetention::forgetsASession()
{
    QTemporaryDir dir;
    const QString path = record(dir);
    auto metrics = SessionMetrics::open(path, storage::FieldCipher(kKey));
    QVERIFY(metrics.ok());
    const auto before = (*metrics)->listSessions();
    QCOMPARE(before->size(), 3);
    const qint64 gone = before->at(1).id; // room B
    auto retention = Retention::open(path);
    QVERIFY(retention.ok());
    auto removed = (*retention)->forgetSession(gone);
    QVERIFY2(removed.ok(), qPrintable(removed.ok() ? QString() : removed.error->message));
    QCOMPARE(removed->sessions, 1);
    QCOMPARE(removed->events, 24);      // online, sample, 20 messages, ban, offline
    QCOMPARE(removed->participants, 2); // u-x and u-y (a moderator's ban makes no participant)
    QCOMPARE(removed->moderators, 1);

    auto &db = (*retention)->database();
    for (const char *table : {"events", "participants", "moderation_counts", "minutes"})
        QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM %1 WHERE session_id = %2")
                               .arg(QString::fromLatin1(table))
                               .arg(gone)),
                 0);
    const auto after = (*metrics)->listSessions();
    QCOMPARE(after->size(), 2);
    QVERIFY(!(*metrics)->listSessions(kRoomB)->size());
    QCOMPARE((*metrics)->compute(before->at(0).id)->chatMessages.value, 20.0);
}

void TestRetention::forgetsARoom()
{
    QTemporaryDir dir;
    const QString path = record(dir);
    auto retention = Retention::open(path);
    QVERIFY(retention.ok());
    auto removed = (*retention)->forgetRoom(kRoomA);
    QVERIFY(removed.ok());
    QCOMPARE(removed->sessions, 2);
    QCOMPARE(removed->events, 48);
    auto &db = (*retention)->database();
    QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM rooms")), 1);
    QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM events")), 24);
    QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM minutes WHERE session_id NOT IN "
                                      "(SELECT id FROM sessions)")),
             0);
    auto metrics = SessionMetrics::open(path, storage::FieldCipher(kKey));
    QVERIFY((*metrics)->listSessions(kRoomA)->isEmpty());
    QCOMPARE((*metrics)->listSessions(kRoomB)->size(), 1);
    // Forgetting a room that is not there removes nothing and is no error.
    QCOMPARE(*(*retention)->forgetRoom(QStringLiteral("twitch:none")), Retention::Removed{});
}

void TestRetention::forgetsAPerson()
{
    QTemporaryDir dir;
    const QString path = record(dir);
    auto retention = Retention::open(path);
    QVERIFY(retention.ok());
    auto &db = (*retention)->database();
    const qint64 eventsBefore = count(db, QStringLiteral("SELECT count(*) FROM events"));
    auto removed = (*retention)->forgetPerson(QStringLiteral("u-x"));
    QVERIFY(removed.ok());
    QCOMPARE(removed->events, 3 * 11); // 10 messages and the ban of them, per session
    QCOMPARE(removed->participants, 3);
    QCOMPARE(removed->moderators, 0);
    QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM events")), eventsBefore - 33);
    QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM events WHERE actor_id = 'u-x' OR "
                                      "target_id = 'u-x'")),
             0);
    QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM participants WHERE user_id = 'u-x'")),
             0);

    auto metrics = SessionMetrics::open(path, storage::FieldCipher(kKey));
    const auto sessions = (*metrics)->listSessions();
    QCOMPARE(sessions->size(), 3);
    const auto report = (*metrics)->compute(sessions->first().id);
    QVERIFY(report.ok());
    for (const analytics::TopChatter &c : report->topChatters)
        QVERIFY(c.userId != QStringLiteral("u-x"));
    QCOMPARE(report->topChatters.size(), 1);

    // A moderator forgotten: their counts go.
    auto mod = (*retention)->forgetPerson(QStringLiteral("m-1"));
    QVERIFY(mod.ok());
    QCOMPARE(mod->moderators, 3);
    QVERIFY((*metrics)->compute(sessions->first().id)->byModerator.isEmpty());
}

void TestRetention::forgetsEverything()
{
    QTemporaryDir dir;
    const QString path = record(dir);
    auto retention = Retention::open(path);
    QVERIFY(retention.ok());
    auto removed = (*retention)->forgetEverything();
    QVERIFY(removed.ok());
    QCOMPARE(removed->sessions, 3);
    QCOMPARE(removed->events, 72);
    auto &db = (*retention)->database();
    for (const char *table :
         {"rooms", "sessions", "events", "minutes", "participants", "moderation_counts"})
        QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM ") + QString::fromLatin1(table)),
                 0);
    QVERIFY(!db.integrityCheck());
    // The store still works afterwards.
    auto store = analytics::EventStore::open(path, storage::FieldCipher(kKey));
    QVERIFY(store.ok());
    (*store)->append(ev(kRoomA, K::ChatMessage, 99999, QStringLiteral("u-new")));
    QVERIFY((*store)->flushAndWait());
    QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM events")), 1);
}

void TestRetention::purgesRawEventsButKeepsTheFigures_data()
{
    QTest::addColumn<int>("hoursAfterStart"); // "now", in hours after the first stream began
    QTest::addColumn<int>("hours");
    QTest::addColumn<int>("eventsLeft");
    QTest::newRow("all within the cache") << 3 << 24 << 72;
    QTest::newRow("first stream older") << 3 << 2 << 48; // cutoff 11:00: stream B starts then
    QTest::newRow("a day later") << 27 << 24 << 0;
}

void TestRetention::purgesRawEventsButKeepsTheFigures()
{
    QFETCH(int, hoursAfterStart);
    QFETCH(int, hours);
    QFETCH(int, eventsLeft);
    QTemporaryDir dir;
    const QString path = record(dir);
    auto metrics = SessionMetrics::open(path, storage::FieldCipher(kKey));
    const auto sessions = (*metrics)->listSessions();
    QList<analytics::SessionReport> before;
    for (const analytics::SessionSummary &s : *sessions)
        before << *(*metrics)->compute(s.id);

    auto retention = Retention::open(path);
    QVERIFY(retention.ok());
    auto removed = (*retention)->purgeRawOlderThan(hours, kStart.addSecs(hoursAfterStart * 3600));
    QVERIFY(removed.ok());
    QCOMPARE(removed->events, 72 - eventsLeft);
    QCOMPARE(removed->sessions, 0);
    QCOMPARE(count((*retention)->database(), QStringLiteral("SELECT count(*) FROM events")),
             eventsLeft);

    // Every figure comes from the rollups and aggregates, which stay.
    for (qsizetype i = 0; i < sessions->size(); ++i) {
        const auto after = (*metrics)->compute(sessions->at(i).id);
        QVERIFY(after.ok());
        QCOMPARE(after->chatMessages.value, before[i].chatMessages.value);
        QCOMPARE(after->peakViewers.value, before[i].peakViewers.value);
        QCOMPARE(after->bans.value, before[i].bans.value);
        QCOMPARE(after->timeline.size(), before[i].timeline.size());
        QCOMPARE(after->topChatters.size(), before[i].topChatters.size());
        QCOMPARE(after->topChatters.first().name, before[i].topChatters.first().name);
    }
}

ROOMWARDEN_TEST_MAIN_CORE(TestRetention)
#include "TestRetention.moc"
