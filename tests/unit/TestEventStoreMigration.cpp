// Golden data for version 1 of the analytics schema: rows written in the version 1 layout
// (by hand here, with bound values, as a version 1 Roomwarden writes them) are read back by
// today's SessionMetrics and EventStore, including a session a crashed run left open.
#include "core/analytics/AnalyticsSchema.h"
#include "core/analytics/EventStore.h"
#include "core/analytics/SessionMetrics.h"

#include "TestMain.h"

#include <QTemporaryDir>

using namespace roomwarden;
using K = model::RoomEventKind;

namespace {
const QByteArray kKey(32, '\x17');
constexpr qint64 kT0 = 1767225600000; // 2026-01-01 00:00 UTC

storage::Status insert(storage::Database &db, const QString &sql, const QVariantList &values)
{
    auto st = db.prepare(sql);
    if (!st)
        return st.error;
    for (int i = 0; i < values.size(); ++i) {
        const QVariant &v = values.at(i);
        if (v.isNull())
            st->bindNull(i + 1);
        else if (v.typeId() == QMetaType::QByteArray)
            st->bind(i + 1, v.toByteArray());
        else if (v.typeId() == QMetaType::QString)
            st->bind(i + 1, v.toString());
        else
            st->bind(i + 1, v.toLongLong());
    }
    return st->run();
}
} // namespace

class TestEventStoreMigration : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void version1RowsAreReadBack();
};

void TestEventStoreMigration::version1RowsAreReadBack()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("analytics.sqlite"));
    const storage::FieldCipher cipher(kKey);
    {
        storage::Schema v1;
        v1.name = QStringLiteral("analytics");
        v1.migrations << analytics::analyticsSchema().migrations.first();
        auto db = storage::Database::open(path, v1);
        QVERIFY(db.ok());
        QCOMPARE((*db)->userVersion(), 1);
        storage::Database &d = **db;
        const QVariant null;
        QVERIFY(!insert(d, QStringLiteral("INSERT INTO rooms VALUES (?, ?, ?)"),
                        {QStringLiteral("twitch:1"), QStringLiteral("twitch"), null}));
        // Session 7: an hour, ended by StreamOffline.
        QVERIFY(!insert(d, QStringLiteral("INSERT INTO sessions VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                        {7, QStringLiteral("twitch:1"), kT0, kT0 + 3600000,
                         QStringLiteral("stream"), QStringLiteral("offline"), 6, kT0 + 120000}));
        QVERIFY(
            !insert(d,
                    QStringLiteral("INSERT INTO events(session_id, seq, kind, occurred_at_ms, "
                                   "actor_id, event_id, actor_name, text) VALUES (?, ?, ?, ?, "
                                   "?, ?, ?, ?)"),
                    {7, 2, analytics::kindCode(K::ChatMessage), kT0 + 60000, QStringLiteral("u1"),
                     QStringLiteral("ev-2"), cipher.seal(u"Uma", "events.actor_name:7:2"),
                     cipher.seal(u"hi all", "events.text:7:2")}));
        QVERIFY(!insert(d,
                        QStringLiteral("INSERT INTO minutes(session_id, minute_ms, events, "
                                       "messages, chatters, joins, viewers_max, viewers_sum, "
                                       "viewers_samples, bans, mod_actions) VALUES (?, ?, ?, ?, "
                                       "?, ?, ?, ?, ?, ?, ?)"),
                        {7, kT0 + 60000, 6, 4, 2, 1, 120, 200, 2, 1, 1}));
        QVERIFY(!insert(d,
                        QStringLiteral("INSERT INTO participants VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                                       "?)"),
                        {7, QStringLiteral("u1"), cipher.seal(u"Uma", "participants.name:7:u1"),
                         kT0 + 60000, kT0 + 120000, 3, 1, 1800000, null}));
        QVERIFY(!insert(d,
                        QStringLiteral("INSERT INTO participants VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                                       "?)"),
                        {7, QStringLiteral("u2"), null, kT0 + 60000, kT0 + 60000, 1, 0, 0, null}));
        QVERIFY(!insert(d, QStringLiteral("INSERT INTO moderation_counts VALUES (?, ?, ?, ?, ?)"),
                        {7, QStringLiteral("m1"), analytics::kindCode(K::UserBanned), 1,
                         cipher.seal(u"Mo", "moderation_counts.moderator_name:7:m1:4")}));
        // Session 8: left open by a run that was killed; u3 was present since minute 1.
        QVERIFY(!insert(d, QStringLiteral("INSERT INTO sessions VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                        {8, QStringLiteral("twitch:1"), kT0 + 7200000, null,
                         QStringLiteral("connected"), null, 2, kT0 + 7200000 + 300000}));
        QVERIFY(!insert(d,
                        QStringLiteral("INSERT INTO participants VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                                       "?)"),
                        {8, QStringLiteral("u3"), null, kT0 + 7200000 + 60000,
                         kT0 + 7200000 + 60000, 0, 1, 0, kT0 + 7200000 + 60000}));
    }

    {
        // The kind codes of version 1, as other tools read them.
        auto db = storage::Database::open(path, analytics::analyticsSchema());
        QVERIFY(db.ok());
        auto st = (*db)->prepare(QStringLiteral("SELECT code, id FROM event_kinds"));
        QVERIFY(st.ok());
        int kinds = 0;
        while (*st->step()) {
            ++kinds;
            const auto kind = analytics::kindFromCode(int(st->int64(0)));
            if (kind)
                QCOMPARE(model::eventKindId(*kind), st->text(1));
            else
                QCOMPARE(st->text(1), QStringLiteral("chatters_count_sample"));
        }
        QCOMPARE(kinds, 26);
    }

    // Opening the store closes session 8 where its last batch ended.
    {
        auto store = analytics::EventStore::open(path, storage::FieldCipher(kKey));
        QVERIFY(store.ok());
    }
    auto metrics = analytics::SessionMetrics::open(path, storage::FieldCipher(kKey));
    QVERIFY(metrics.ok());
    auto sessions = (*metrics)->listSessions(QStringLiteral("twitch:1"));
    QVERIFY(sessions.ok());
    QCOMPARE(sessions->size(), 2);
    QCOMPARE(sessions->at(0).id, qint64(8));
    QCOMPARE(sessions->at(0).endReason, QStringLiteral("interrupted"));
    QCOMPARE(sessions->at(0).endedAt->toMSecsSinceEpoch(), kT0 + 7200000 + 300000);
    auto open = (*metrics)->compute(8);
    QVERIFY(open.ok());
    QCOMPARE(open->totalTimeSeconds.value, 240.0); // minute 1 to minute 5

    auto r = (*metrics)->compute(7);
    QVERIFY(r.ok());
    QCOMPARE(r->durationSeconds.value, 3600.0);
    QCOMPARE(r->chatMessages.value, 4.0);
    QCOMPARE(r->uniqueChatters.value, 2.0);
    QCOMPARE(r->peakViewers.value, 120.0);
    QCOMPARE(r->bans.value, 1.0);
    QCOMPARE(r->topChatters.first().name, QStringLiteral("Uma"));
    QCOMPARE(r->topChatters.first().messages, qint64(3));
    QCOMPARE(r->byModerator.first().name, QStringLiteral("Mo"));
    QCOMPARE(r->totalTimeSeconds.value, 1800.0); // u2 has no joins: 0 from first to last
}

ROOMWARDEN_TEST_MAIN_CORE(TestEventStoreMigration)
#include "TestEventStoreMigration.moc"
