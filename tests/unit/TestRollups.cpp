// The incremental rollups and participant aggregates, written batch by batch, agree with the
// same figures recomputed from the raw events that were committed with them.
#include "core/analytics/AnalyticsSchema.h"
#include "core/analytics/EventStore.h"

#include "TestMain.h"

#include <QRandomGenerator>
#include <QTemporaryDir>

#include <map>
#include <set>

using namespace roomwarden;
using analytics::EventStore;
using analytics::kindCode;
using K = model::RoomEventKind;

namespace {
const QByteArray kKey(32, '\x33');

// Rows of a query as strings, for a readable QCOMPARE of two tables.
QStringList rows(storage::Database &db, const QString &sql)
{
    QStringList out;
    auto st = db.prepare(sql);
    if (!st)
        return {QStringLiteral("error: ") + st.error->message};
    for (;;) {
        auto row = st->step();
        if (!row || !*row)
            break;
        QStringList cells;
        for (int c = 0; c < st->columnCount(); ++c)
            cells << (st->isNull(c) ? QStringLiteral("NULL") : st->text(c));
        out << cells.join(QLatin1Char('|'));
    }
    return out;
}
} // namespace

class TestRollups : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rollupsMatchTheRawEvents_data();
    void rollupsMatchTheRawEvents();
};

void TestRollups::rollupsMatchTheRawEvents_data()
{
    QTest::addColumn<int>("batchEvents");
    QTest::addColumn<quint32>("seed");
    QTest::newRow("batches of 1") << 1 << 1u;
    QTest::newRow("batches of 37") << 37 << 2u;
    QTest::newRow("batches of 5000") << 5000 << 3u;
}

void TestRollups::rollupsMatchTheRawEvents()
{
    QFETCH(int, batchEvents);
    QFETCH(quint32, seed);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("a.sqlite"));
    QRandomGenerator rng(seed);
    const QString room = QStringLiteral("twitch:9");
    QDateTime at(QDate(2026, 5, 1), QTime(12, 0), Qt::UTC);
    const K kinds[] = {K::ChatMessage,       K::ChatMessage,       K::ChatMessage,
                       K::ParticipantJoined, K::ParticipantLeft,   K::Follow,
                       K::UserBanned,        K::UserTimedOut,      K::MessageDeleted,
                       K::AutoModHeld,       K::ViewerCountSample, K::Subscription};
    {
        EventStore::Options options;
        options.batchEvents = batchEvents;
        auto store = EventStore::open(path, storage::FieldCipher(kKey), options);
        QVERIFY(store.ok());
        for (int i = 0; i < 3000; ++i) {
            if (i == 1500) { // a second session, so rollups must not mix sessions
                model::RoomEvent online;
                online.kind = K::StreamOnline;
                online.roomKey = room;
                online.occurredAt = at;
                (*store)->append(online);
            }
            model::RoomEvent e;
            e.kind = kinds[rng.bounded(int(std::size(kinds)))];
            e.roomKey = room;
            e.eventId = QStringLiteral("e%1").arg(i % 2900); // some redeliveries
            at = at.addMSecs(rng.bounded(20000));
            e.occurredAt = at;
            e.actorId = QStringLiteral("p%1").arg(rng.bounded(40));
            e.actorName = QStringLiteral("Person ") + e.actorId;
            if (e.kind == K::ViewerCountSample)
                e.count = rng.bounded(1000);
            if (e.kind == K::ChatMessage)
                e.text = QStringLiteral("text %1").arg(i);
            (*store)->append(e);
            if (i % 500 == 0)
                QVERIFY((*store)->flushAndWait());
        }
        QVERIFY((*store)->flushAndWait());
    }

    auto db = storage::Database::open(path, analytics::analyticsSchema());
    QVERIFY(db.ok());
    const QString minute = QStringLiteral("(occurred_at_ms / 60000) * 60000");
    auto count = [](K kind) { return QStringLiteral("SUM(kind = %1)").arg(kindCode(kind)); };
    const QString fromEvents =
        QStringLiteral("SELECT session_id, %1 AS m, COUNT(*), %2, COUNT(DISTINCT CASE WHEN kind = "
                       "%3 THEN actor_id END), %4, %5, %6, %7, %8, %9, %10, "
                       "COALESCE(MAX(CASE WHEN kind = %11 THEN count END), 0), "
                       "COALESCE(SUM(CASE WHEN kind = %11 THEN count END), 0), %12 "
                       "FROM events GROUP BY session_id, m ORDER BY session_id, m")
            .arg(minute, count(K::ChatMessage))
            .arg(kindCode(K::ChatMessage))
            .arg(count(K::ParticipantJoined), count(K::ParticipantLeft), count(K::Follow),
                 count(K::UserBanned), count(K::UserTimedOut), count(K::MessageDeleted),
                 count(K::AutoModHeld))
            .arg(kindCode(K::ViewerCountSample))
            .arg(count(K::ViewerCountSample));
    const QString fromRollups = QStringLiteral(
        "SELECT session_id, minute_ms, events, messages, chatters, joins, leaves, follows, bans, "
        "timeouts, deletions, automod_held, viewers_max, viewers_sum, viewers_samples FROM "
        "minutes ORDER BY session_id, minute_ms");
    const QStringList expected = rows(**db, fromEvents);
    QVERIFY(expected.size() > 100);
    QCOMPARE(rows(**db, fromRollups), expected);

    const QString people = QStringLiteral("(%1, %2, %3, %4, %5, %6)")
                               .arg(kindCode(K::ChatMessage))
                               .arg(kindCode(K::ParticipantJoined))
                               .arg(kindCode(K::ParticipantLeft))
                               .arg(kindCode(K::Follow))
                               .arg(kindCode(K::Subscription))
                               .arg(kindCode(K::HandRaised));
    QCOMPARE(rows(**db, QStringLiteral("SELECT session_id, user_id, first_seen_ms, last_seen_ms, "
                                       "messages, joins FROM participants ORDER BY session_id, "
                                       "user_id")),
             rows(**db, QStringLiteral("SELECT session_id, actor_id, MIN(occurred_at_ms), "
                                       "MAX(occurred_at_ms), %1, %2 FROM events WHERE kind IN "
                                       "%3 GROUP BY session_id, actor_id ORDER BY session_id, "
                                       "actor_id")
                            .arg(count(K::ChatMessage), count(K::ParticipantJoined), people)));

    // Presence replayed from the raw joins and leaves, closed at each session's end.
    QStringList replayed;
    std::map<std::pair<qint64, QString>, std::pair<qint64, qint64>> state;
    std::set<std::pair<qint64, QString>> joined;
    auto ends = rows(**db, QStringLiteral("SELECT id, ended_at_ms FROM sessions"));
    std::map<qint64, qint64> endOf;
    for (const QString &r : std::as_const(ends))
        endOf[r.section(QLatin1Char('|'), 0, 0).toLongLong()] =
            r.section(QLatin1Char('|'), 1, 1).toLongLong();
    const QStringList moves =
        rows(**db, QStringLiteral("SELECT session_id, actor_id, kind, occurred_at_ms FROM events "
                                  "WHERE kind IN (%1, %2) ORDER BY session_id, seq")
                       .arg(kindCode(K::ParticipantJoined))
                       .arg(kindCode(K::ParticipantLeft)));
    for (const QString &m : moves) {
        const QStringList c = m.split(QLatin1Char('|'));
        auto &[since, total] =
            state.try_emplace({c[0].toLongLong(), c[1]}, std::pair<qint64, qint64>{-1, 0})
                .first->second;
        const qint64 t = c[3].toLongLong();
        if (c[2].toInt() == kindCode(K::ParticipantJoined))
            joined.insert({c[0].toLongLong(), c[1]});
        if (c[2].toInt() == kindCode(K::ParticipantJoined) && since < 0)
            since = t;
        else if (c[2].toInt() == kindCode(K::ParticipantLeft) && since >= 0) {
            total += t - since;
            since = -1;
        }
    }
    for (auto &[key, value] : state) {
        if (!joined.count(key))
            continue; // only left: never present as far as the events tell
        if (value.first >= 0)
            value.second += endOf[key.first] - value.first;
        replayed << QStringLiteral("%1|%2|%3").arg(key.first).arg(key.second).arg(value.second);
    }
    QCOMPARE(rows(**db, QStringLiteral("SELECT session_id, user_id, present_ms FROM participants "
                                       "WHERE joins > 0 ORDER BY session_id, "
                                       "user_id")),
             replayed);
}

ROOMWARDEN_TEST_MAIN_CORE(TestRollups)
#include "TestRollups.moc"
