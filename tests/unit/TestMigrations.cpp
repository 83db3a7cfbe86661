// Numbered, forward-only migrations in PRAGMA user_version (see core/storage/Schema.h), with
// golden rows that must survive an upgrade.
#include "core/storage/Database.h"

#include "TestMain.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

using namespace roomwarden::storage;

namespace {
struct GoldenNote
{
    qint64 id;
    QString body;
};

// Written at version 1, checked after the upgrade to 3.
const QList<GoldenNote> &golden()
{
    static const QList<GoldenNote> rows{
        {1, QStringLiteral("first note")},
        {2, QStringLiteral("'); DROP TABLE note;--")},
        {7, QStringLiteral("caf\u00e9 \U0001F600")},
        {8, QString()},
    };
    return rows;
}

Migration v1()
{
    return Migration::fromSql(
        1, QStringLiteral("notes"),
        QStringLiteral("CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT NOT NULL)"));
}

Migration v2()
{
    return Migration::fromSql(2, QStringLiteral("note times"),
                              QStringLiteral("ALTER TABLE note ADD COLUMN created INTEGER NOT "
                                             "NULL DEFAULT 0;"
                                             "CREATE INDEX note_created ON note (created)"));
}

// A data migration: derives one row per note, through bound parameters.
Migration v3()
{
    return {3, QStringLiteral("note lengths"), [](Database &db) -> Status {
                if (Status s = db.exec(QStringLiteral(
                        "CREATE TABLE note_length (note_id INTEGER PRIMARY KEY REFERENCES "
                        "note (id), chars INTEGER NOT NULL)")))
                    return s;
                auto read = db.prepare(QStringLiteral("SELECT id, body FROM note ORDER BY id"));
                auto write = db.prepare(
                    QStringLiteral("INSERT INTO note_length (note_id, chars) VALUES (?1, ?2)"));
                if (!read)
                    return read.error;
                if (!write)
                    return write.error;
                for (;;) {
                    auto row = read->step();
                    if (!row)
                        return row.error;
                    if (!*row)
                        return std::nullopt;
                    write->bind(1, read->int64(0)).bind(2, qint64(read->text(1).size()));
                    if (Status s = write->run())
                        return s;
                }
            }};
}

Schema schemaUpTo(int version)
{
    Schema s{QStringLiteral("notes"), {}};
    const QList<Migration> all{v1(), v2(), v3()};
    for (int i = 0; i < version; ++i)
        s.migrations << all.at(i);
    return s;
}

QString errorText(const std::optional<StorageError> &e)
{
    return e ? e->message + QStringLiteral(" / ") + e->detail : QString();
}

bool tableExists(Database &db, const QString &name)
{
    auto stmt = db.prepare(QStringLiteral("SELECT 1 FROM sqlite_schema WHERE name = ?1"));
    return stmt && stmt->bind(1, name).step().value.value_or(false);
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

QDateTime mtime(const QString &path)
{
    return QFileInfo(path).fileTime(QFileDevice::FileModificationTime);
}

// Makes a database at version 1 holding the golden rows.
bool makeVersion1(const QString &path)
{
    auto db = Database::open(path, schemaUpTo(1));
    if (!db)
        return false;
    auto insert = (*db)->prepare(QStringLiteral("INSERT INTO note (id, body) VALUES (?1, ?2)"));
    for (const GoldenNote &n : golden())
        if (insert->bind(1, n.id).bind(2, n.body).run())
            return false;
    return (*db)->userVersion() == 1;
}
} // namespace

class TestMigrations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void freshDatabaseGoesToLatest();
    void upgradeKeepsRows();
    void eachMigrationRunsInItsOwnTransaction();
    void failingMigrationRollsBack_data();
    void failingMigrationRollsBack();
    void newerDatabaseIsRefusedAndUntouched();
    void readOnlyOpenDoesNotMigrate();
    void badNumberingIsRefused();
};

void TestMigrations::freshDatabaseGoesToLatest()
{
    QTemporaryDir dir;
    OpenReport report;
    auto db = Database::open(dir.filePath(QStringLiteral("n.sqlite")), schemaUpTo(3), {}, &report);
    QVERIFY2(db.ok(), qPrintable(errorText(db.error)));
    QVERIFY(report.created);
    QCOMPARE(report.fromVersion, 0);
    QCOMPARE(report.toVersion, 3);
    QCOMPARE(schemaUpTo(3).latestVersion(), 3);
    QCOMPARE((*db)->userVersion(), 3);
    QVERIFY(tableExists(**db, QStringLiteral("note")));
    QVERIFY(tableExists(**db, QStringLiteral("note_created")));
    QVERIFY(tableExists(**db, QStringLiteral("note_length")));

    // Opening again at the same version changes nothing.
    db = Result<std::unique_ptr<Database>>(std::unique_ptr<Database>());
    OpenReport again;
    QVERIFY(
        Database::open(dir.filePath(QStringLiteral("n.sqlite")), schemaUpTo(3), {}, &again).ok());
    QVERIFY(!again.created);
    QCOMPARE(again.fromVersion, 3);
    QCOMPARE(again.toVersion, 3);
}

void TestMigrations::upgradeKeepsRows()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("old.sqlite"));
    QVERIFY(makeVersion1(path));

    OpenReport report;
    auto db = Database::open(path, schemaUpTo(3), {}, &report);
    QVERIFY2(db.ok(), qPrintable(errorText(db.error)));
    QVERIFY(!report.created);
    QCOMPARE(report.fromVersion, 1);
    QCOMPARE(report.toVersion, 3);
    QCOMPARE((*db)->userVersion(), 3);

    auto rows = (*db)->prepare(QStringLiteral("SELECT n.id, n.body, n.created, l.chars FROM note "
                                              "n JOIN note_length l ON l.note_id = n.id ORDER BY "
                                              "n.id"));
    QVERIFY(rows.ok());
    for (const GoldenNote &n : golden()) {
        QCOMPARE(rows->step().value, std::optional<bool>(true));
        QCOMPARE(rows->int64(0), n.id);
        QCOMPARE(rows->text(1), n.body);
        QCOMPARE(rows->int64(2), 0);
        QCOMPARE(rows->int64(3), qint64(n.body.size()));
    }
    QCOMPARE(rows->step().value, std::optional<bool>(false));
    // The foreign key added in version 3 is enforced.
    const Status orphan =
        (*db)->exec(QStringLiteral("INSERT INTO note_length (note_id, chars) VALUES (999, 1)"));
    QVERIFY(orphan);
    QCOMPARE(orphan->code, StorageError::Code::Constraint);
}

void TestMigrations::eachMigrationRunsInItsOwnTransaction()
{
    QTemporaryDir dir;
    QList<std::pair<bool, int>> seen; // (in a transaction, user_version) as each one starts
    Schema schema{QStringLiteral("probe"), {}};
    for (int v = 1; v <= 3; ++v)
        schema.migrations << Migration{v, QStringLiteral("probe %1").arg(v), [&seen](Database &db) {
                                           seen.append({db.inTransaction(), db.userVersion()});
                                           return Status();
                                       }};
    auto db = Database::open(dir.filePath(QStringLiteral("p.sqlite")), schema);
    QVERIFY(db.ok());
    const QList<std::pair<bool, int>> expected{{true, 0}, {true, 1}, {true, 2}};
    QCOMPARE(seen, expected);
    QVERIFY(!(*db)->inTransaction());
}

void TestMigrations::failingMigrationRollsBack_data()
{
    QTest::addColumn<int>("failure");
    QTest::addColumn<StorageError::Code>("code");
    QTest::newRow("returns an error after DDL") << 0 << StorageError::Code::Misuse;
    QTest::newRow("bad SQL after good SQL") << 1 << StorageError::Code::Misuse;
    QTest::newRow("constraint after inserts") << 2 << StorageError::Code::Constraint;
}

void TestMigrations::failingMigrationRollsBack()
{
    QFETCH(int, failure);
    QFETCH(StorageError::Code, code);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("f.sqlite"));
    QVERIFY(makeVersion1(path));

    Schema broken = schemaUpTo(2);
    switch (failure) {
    case 0:
        broken.migrations << Migration{
            3, QStringLiteral("half done"), [](Database &db) -> Status {
                if (Status s = db.exec(QStringLiteral("CREATE TABLE partial (x INTEGER)")))
                    return s;
                StorageError e;
                e.code = StorageError::Code::Misuse;
                e.message = QStringLiteral("gave up");
                return e;
            }};
        break;
    case 1:
        broken.migrations << Migration::fromSql(
            3, QStringLiteral("typo"),
            QStringLiteral("CREATE TABLE partial (x INTEGER); DELETE FROM note; CRATE TABLE y"));
        break;
    default:
        broken.migrations << Migration::fromSql(
            3, QStringLiteral("duplicate"),
            QStringLiteral("CREATE TABLE partial (x INTEGER UNIQUE); DELETE FROM note;"
                           "INSERT INTO partial VALUES (1); INSERT INTO partial VALUES (1)"));
        break;
    }

    OpenReport report;
    auto db = Database::open(path, broken, {}, &report);
    QVERIFY(!db.ok());
    QCOMPARE(db.error->code, code);
    QCOMPARE(report.fromVersion, 1);
    QCOMPARE(report.toVersion, 2); // migration 2 went through, 3 did not
    QVERIFY2(db.error->message.contains(QStringLiteral("version 3")),
             qPrintable(db.error->message));
    QVERIFY(db.error->message.contains(QStringLiteral("stays at version 2")));

    // Nothing of migration 3 is there, and the rows are untouched.
    auto check = Database::open(path, schemaUpTo(2), {true});
    QVERIFY2(check.ok(), qPrintable(errorText(check.error)));
    QCOMPARE((*check)->userVersion(), 2);
    QVERIFY(!tableExists(**check, QStringLiteral("partial")));
    QVERIFY(tableExists(**check, QStringLiteral("note_created")));
    auto n = (*check)->prepare(QStringLiteral("SELECT count(*) FROM note"));
    QVERIFY(*n->step());
    QCOMPARE(n->int64(0), qint64(golden().size()));
    QVERIFY(!(*check)->integrityCheck());

    // Fixed in a later build, the upgrade goes through.
    check = Result<std::unique_ptr<Database>>(std::unique_ptr<Database>());
    OpenReport fixed;
    QVERIFY(Database::open(path, schemaUpTo(3), {}, &fixed).ok());
    QCOMPARE(fixed.fromVersion, 2);
    QCOMPARE(fixed.toVersion, 3);
}

void TestMigrations::newerDatabaseIsRefusedAndUntouched()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("future.sqlite"));
    {
        auto db = Database::open(path, schemaUpTo(3));
        QVERIFY(db.ok());
        QVERIFY(!(*db)->exec(QStringLiteral("INSERT INTO note (body) VALUES ('from the future');"
                                            "PRAGMA user_version = 99")));
    }
    const QStringList filesBefore = QDir(dir.path()).entryList(QDir::Files);
    QCOMPARE(filesBefore, QStringList{QStringLiteral("future.sqlite")});
    const QByteArray bytes = readAll(path);
    const QDateTime modified = mtime(path);

    for (const bool readOnly : {false, true}) {
        OpenReport report;
        auto db = Database::open(path, schemaUpTo(3), {readOnly}, &report);
        QVERIFY(!db.ok());
        QCOMPARE(db.error->code, StorageError::Code::TooNew);
        const QString message = db.error->message;
        QVERIFY2(message.contains(QStringLiteral("newer Roomwarden")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("version 99")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("up to 3")), qPrintable(message));
        QCOMPARE(report.fromVersion, 99);
        QVERIFY(report.movedAsidePath.isEmpty());
        QCOMPARE(readAll(path), bytes);
        QCOMPARE(mtime(path), modified);
        QStringList files = QDir(dir.path()).entryList(QDir::Files);
        // A read-only connection to a WAL database leaves SQLite's (empty) index files
        // behind: it may not delete them. The database file itself is what must not change.
        if (readOnly) {
            files.removeAll(QStringLiteral("future.sqlite-wal"));
            files.removeAll(QStringLiteral("future.sqlite-shm"));
            QCOMPARE(QFileInfo(path + QStringLiteral("-wal")).size(), 0);
        }
        QCOMPARE(files, filesBefore);
    }
}

void TestMigrations::readOnlyOpenDoesNotMigrate()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ro.sqlite"));
    QVERIFY(makeVersion1(path));
    const QByteArray bytes = readAll(path);
    {
        OpenReport report;
        auto db = Database::open(path, schemaUpTo(3), {true}, &report);
        QVERIFY2(db.ok(), qPrintable(errorText(db.error)));
        QCOMPARE(report.fromVersion, 1);
        QCOMPARE(report.toVersion, 1);
        QVERIFY(!report.created);
        QCOMPARE((*db)->userVersion(), 1);
        QVERIFY(!tableExists(**db, QStringLiteral("note_length")));
        auto n = (*db)->prepare(QStringLiteral("SELECT count(*) FROM note"));
        QVERIFY(*n->step());
        QCOMPARE(n->int64(0), qint64(golden().size()));
    }
    QCOMPARE(readAll(path), bytes);
    // A writer still upgrades it afterwards.
    OpenReport report;
    QVERIFY(Database::open(path, schemaUpTo(3), {}, &report).ok());
    QCOMPARE(report.toVersion, 3);
}

void TestMigrations::badNumberingIsRefused()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bad.sqlite"));
    Schema gap{QStringLiteral("gap"), {v1(), v3()}};
    auto db = Database::open(path, gap);
    QVERIFY(!db.ok());
    QCOMPARE(db.error->code, StorageError::Code::Misuse);
    QVERIFY(!QFileInfo::exists(path));
    Schema empty{QStringLiteral("empty"), {Migration{1, QStringLiteral("nothing"), {}}}};
    QVERIFY(!Database::open(path, empty).ok());
    QVERIFY(!QFileInfo::exists(path));
}

ROOMWARDEN_TEST_MAIN_CORE(TestMigrations)
#include "TestMigrations.moc"
