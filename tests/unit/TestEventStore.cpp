// The analytics event store in real SQLite files: append never waits for the writer,
// duplicates are stored once, personal text never reaches the disk in clear, another key reads
// "(unreadable)" and not garbage, a full disk stops writing cleanly, and open refuses what it
// must.
#include "core/analytics/AnalyticsSchema.h"
#include "core/analytics/EventStore.h"
#include "core/analytics/SessionMetrics.h"

#include "DiskScan.h"
#include "TestMain.h"

#include <QSignalSpy>
#include <QTemporaryDir>

using namespace roomwarden;
using analytics::EventStore;
using analytics::SessionMetrics;
using K = model::RoomEventKind;

namespace {

const QByteArray kKey(32, '\x42');
const QString kRoom = QStringLiteral("twitch:5150");
const QDateTime kStart(QDate(2026, 4, 2), QTime(18, 0), Qt::UTC);

model::RoomEvent chat(int i, const QString &text = QStringLiteral("hello there"))
{
    model::RoomEvent e;
    e.kind = K::ChatMessage;
    e.eventId = QStringLiteral("msg-%1").arg(i);
    e.messageId = e.eventId;
    e.roomKey = kRoom;
    e.occurredAt = kStart.addMSecs(qint64(i) * 10);
    e.actorId = QStringLiteral("u%1").arg(i % 50);
    e.actorName = QStringLiteral("Chatter%1").arg(i % 50);
    e.text = text;
    return e;
}

qint64 countRows(const QString &path, const QString &sql)
{
    auto db = storage::Database::open(path, analytics::analyticsSchema());
    if (!db)
        return -1;
    auto st = (*db)->prepare(sql);
    if (!st || !st->step().ok())
        return -1;
    return st->int64(0);
}

} // namespace

class TestEventStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void appendReturnsWhileTheWriterIsHeld();
    void duplicatesAreStoredOnce();
    void personalTextIsNotInTheFile();
    void anotherKeyReadsUnreadableNotGarbage();
    void sealedBlobsAreBoundToTheirRow();
    void aFullDiskStopsWritingCleanly();
    void openRefusesWithoutAKeyAndNewerFiles();
};

void TestEventStore::appendReturnsWhileTheWriterIsHeld()
{
    QTemporaryDir dir;
    auto store =
        EventStore::open(dir.filePath(QStringLiteral("a.sqlite")), storage::FieldCipher(kKey));
    QVERIFY(store.ok());
    QSignalSpy committed(store->get(), &EventStore::committed);
    (*store)->setWriterPaused(true);
    // If append wrote (or waited for the writer), the held writer would have committed
    // something or this loop would never end.
    for (int i = 0; i < 100000; ++i)
        (*store)->append(chat(i));
    QCOMPARE((*store)->pendingEvents(), qint64(100000));
    QCOMPARE((*store)->committedEvents(), qint64(0));
    QCOMPARE(committed.count(), 0);

    (*store)->setWriterPaused(false);
    QVERIFY((*store)->flushAndWait());
    QCOMPARE((*store)->committedEvents(), qint64(100000));
    QCOMPARE((*store)->pendingEvents(), qint64(0));
    // Batches of at most kBatchEvents: the writer reported several commits.
    QTRY_VERIFY_WITH_TIMEOUT(
        !committed.isEmpty() && committed.last().first().toLongLong() == 100000, 10000);
    QVERIFY(committed.count() >= 100000 / EventStore::kBatchEvents);
}

void TestEventStore::duplicatesAreStoredOnce()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("a.sqlite"));
    {
        auto store = EventStore::open(path, storage::FieldCipher(kKey));
        QVERIFY(store.ok());
        // The same delivery twice in one batch, and once more in a later batch.
        (*store)->append(QList<model::RoomEvent>{chat(1), chat(2), chat(1), chat(3)});
        QVERIFY((*store)->flushAndWait());
        (*store)->append(QList<model::RoomEvent>{chat(2), chat(4)});
        model::RoomEvent noId = chat(5);
        noId.eventId.clear(); // no delivery id: never de-duplicated
        (*store)->append(QList<model::RoomEvent>{noId, noId});
        QVERIFY((*store)->flushAndWait());
        QCOMPARE((*store)->committedEvents(), qint64(6));
        QCOMPARE((*store)->duplicateEvents(), qint64(2));
    }
    QCOMPARE(countRows(path, QStringLiteral("SELECT COUNT(*) FROM events")), qint64(6));
    auto metrics = SessionMetrics::open(path, storage::FieldCipher(kKey));
    QVERIFY(metrics.ok());
    auto sessions = (*metrics)->listSessions();
    QVERIFY(sessions.ok() && sessions->size() == 1);
    auto report = (*metrics)->compute(sessions->first().id);
    QVERIFY(report.ok());
    QCOMPARE(report->chatMessages.value, 6.0); // the rollups counted each delivery once
}

void TestEventStore::personalTextIsNotInTheFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("a.sqlite"));
    const QByteArray text = "SecretBodyText-7f3a";
    const QByteArray name = "SecretDisplayName-91c2";
    const QByteArray target = "SecretTargetName-55e0";
    const QByteArray actorId = "plainActorId-3344";
    {
        auto store = EventStore::open(path, storage::FieldCipher(kKey));
        QVERIFY(store.ok());
        model::RoomEvent e = chat(1, QString::fromLatin1(text));
        e.actorId = QString::fromLatin1(actorId);
        e.actorName = QString::fromLatin1(name);
        model::RoomEvent ban = chat(2);
        ban.kind = K::UserBanned;
        ban.actorName = QString::fromLatin1(name);
        ban.targetId = QStringLiteral("t1");
        ban.targetName = QString::fromLatin1(target);
        ban.text = QString::fromLatin1(text);
        (*store)->append(QList<model::RoomEvent>{e, ban});
        QVERIFY((*store)->flushAndWait());
        // While the store is open the WAL holds the rows: scan then, and after closing.
        QCOMPARE(test::filesContaining(dir.path(), {text, name, target}), QStringList());
        QCOMPARE(test::filesContaining(dir.path(), {text.toBase64(), name.toBase64()}),
                 QStringList());
        // The scan works: the id, which is not personal text, is there in clear.
        QVERIFY(!test::filesContaining(dir.path(), {actorId}).isEmpty());
    }
    QCOMPARE(test::filesContaining(dir.path(), {text, name, target}), QStringList());
    auto metrics = SessionMetrics::open(path, storage::FieldCipher(kKey));
    QVERIFY(metrics.ok());
    auto report = (*metrics)->compute((*metrics)->listSessions()->first().id);
    QVERIFY(report.ok());
    QCOMPARE(report->topChatters.first().name, QString::fromLatin1(name));
    QCOMPARE(report->byModerator.first().name, QString::fromLatin1(name));
}

void TestEventStore::anotherKeyReadsUnreadableNotGarbage()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("a.sqlite"));
    {
        auto store = EventStore::open(path, storage::FieldCipher(kKey));
        QVERIFY(store.ok());
        model::RoomEvent ban = chat(2);
        ban.kind = K::UserTimedOut;
        ban.targetId = QStringLiteral("t1");
        (*store)->append(QList<model::RoomEvent>{chat(1), chat(51), ban});
        QVERIFY((*store)->flushAndWait());
    }
    auto metrics = SessionMetrics::open(path, storage::FieldCipher(QByteArray(32, '\x43')));
    QVERIFY(metrics.ok());
    auto report = (*metrics)->compute((*metrics)->listSessions()->first().id);
    QVERIFY(report.ok());
    QCOMPARE(report->topChatters.size(), 1);
    QCOMPARE(report->topChatters.first().userId, QStringLiteral("u1"));
    QCOMPARE(report->topChatters.first().messages, qint64(2)); // numbers stay usable
    QCOMPARE(report->topChatters.first().name, QStringLiteral("(unreadable)"));
    QCOMPARE(report->byModerator.first().name, QStringLiteral("(unreadable)"));
    QCOMPARE(report->timeouts.value, 1.0);
}

void TestEventStore::sealedBlobsAreBoundToTheirRow()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("a.sqlite"));
    {
        auto store = EventStore::open(path, storage::FieldCipher(kKey));
        QVERIFY(store.ok());
        (*store)->append(QList<model::RoomEvent>{chat(1, QStringLiteral("first")),
                                                 chat(2, QStringLiteral("second"))});
        QVERIFY((*store)->flushAndWait());
    }
    auto db = storage::Database::open(path, analytics::analyticsSchema());
    QVERIFY(db.ok());
    auto st = (*db)->prepare(
        QStringLiteral("SELECT session_id, seq, text FROM events WHERE kind = ? ORDER BY seq"));
    QVERIFY(st.ok());
    st->bind(1, analytics::kindCode(K::ChatMessage));
    QVERIFY(*st->step());
    const storage::FieldCipher cipher(kKey);
    const QByteArray session = QByteArray::number(st->int64(0));
    const QByteArray blob = st->blob(2);
    auto ad = [&](const char *column, qint64 seq) -> QByteArray {
        return QByteArray(column) + ':' + session + ':' + QByteArray::number(seq);
    };
    auto right = cipher.open(blob, ad("events.text", st->int64(1)));
    QVERIFY(right.ok());
    QCOMPARE(*right, QStringLiteral("first"));
    // The same blob read as if it belonged to the next row, or to another column, fails.
    QVERIFY(!cipher.open(blob, ad("events.text", st->int64(1) + 1)).ok());
    QVERIFY(!cipher.open(blob, ad("events.actor_name", st->int64(1))).ok());
}

void TestEventStore::aFullDiskStopsWritingCleanly()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("a.sqlite"));
    const QByteArray marker = "FullDiskBody-c0ffee";
    qint64 stored = 0;
    {
        EventStore::Options options;
        options.maxPageCount = 200; // 800 KiB with 4 KiB pages
        options.batchEvents = 500;  // so that some batches fit before the disk is full
        auto store = EventStore::open(path, storage::FieldCipher(kKey), options);
        QVERIFY2(store.ok(), qPrintable(store.ok() ? QString() : store.error->message));
        QSignalSpy failed(store->get(), &EventStore::storageFailed);
        const QString body = QString::fromLatin1(marker) + QString(150, QLatin1Char('x'));
        QList<model::RoomEvent> events;
        for (int i = 0; i < 20000; ++i)
            events << chat(i, body);
        (*store)->append(events);
        QVERIFY(!(*store)->flushAndWait()); // false: the store failed
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
        const QString message = failed.first().first().toString();
        QVERIFY2(message.contains(QLatin1String("disk is full")), qPrintable(message));
        QVERIFY((*store)->hasFailed());
        stored = (*store)->committedEvents();
        QVERIFY(stored > 0 && stored < 20000);
        // Later events are dropped, not queued forever and not written.
        (*store)->append(chat(99999, body));
        QCOMPARE((*store)->pendingEvents(), qint64(0));
        QCOMPARE((*store)->committedEvents(), stored);
    }
    auto db = storage::Database::open(path, analytics::analyticsSchema());
    QVERIFY(db.ok());
    QCOMPARE(storage::describe((*db)->integrityCheck()), QString());
    db->reset();
    // Exactly the committed batches are there, with their rollups; nothing in clear.
    QCOMPARE(countRows(path, QStringLiteral("SELECT COUNT(*) FROM events")), stored);
    QCOMPARE(countRows(path, QStringLiteral("SELECT SUM(messages) FROM minutes")), stored);
    QCOMPARE(test::filesContaining(dir.path(), {marker}), QStringList());
}

void TestEventStore::openRefusesWithoutAKeyAndNewerFiles()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("a.sqlite"));
    auto noKey = EventStore::open(path, storage::FieldCipher(QByteArray()));
    QVERIFY(!noKey.ok());
    QCOMPARE(noKey.error->code, storage::StorageError::Code::KeyUnavailable);
    QVERIFY(!QFileInfo::exists(path)); // nothing created without a key

    {
        auto db = storage::Database::open(path, analytics::analyticsSchema());
        QVERIFY(db.ok());
        QVERIFY(!(*db)->exec(QStringLiteral("PRAGMA user_version = 7")));
    }
    auto newer = EventStore::open(path, storage::FieldCipher(kKey));
    QVERIFY(!newer.ok());
    QCOMPARE(newer.error->code, storage::StorageError::Code::TooNew);
    auto reader = SessionMetrics::open(path, storage::FieldCipher(kKey));
    QVERIFY(!reader.ok());
    QCOMPARE(reader.error->code, storage::StorageError::Code::TooNew);
}

ROOMWARDEN_TEST_MAIN_CORE(TestEventStore)
#include "TestEventStore.moc"
