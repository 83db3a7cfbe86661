// Database, Statement and Transaction against real SQLite files in a temporary folder.
#include "core/storage/Database.h"

#include "TestMain.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <sqlite3.h>

using namespace roomwarden::storage;

namespace {
Schema testSchema()
{
    return {QStringLiteral("test"),
            {Migration::fromSql(1, QStringLiteral("values"),
                                QStringLiteral("CREATE TABLE v (id INTEGER PRIMARY KEY, s TEXT, "
                                               "b BLOB, i INTEGER, r REAL);"
                                               "CREATE TABLE x (n INTEGER NOT NULL UNIQUE);"))}};
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

QString errorText(const std::optional<StorageError> &e)
{
    return e ? e->message + QStringLiteral(" / ") + e->detail : QString();
}

QString pragmaText(Database &db, const QString &pragma)
{
    auto stmt = db.prepare(QStringLiteral("PRAGMA ") + pragma);
    if (!stmt || !stmt->step().value.value_or(false))
        return QStringLiteral("<error>");
    return stmt->text(0);
}

qint64 count(Database &db, const QString &table)
{
    // Table names are constants of this test, never values.
    auto stmt = db.prepare(QStringLiteral("SELECT count(*) FROM ") + table);
    if (!stmt || !stmt->step().value.value_or(false))
        return -1;
    return stmt->int64(0);
}

bool tableExists(Database &db, const QString &name)
{
    auto stmt = db.prepare(QStringLiteral("SELECT 1 FROM sqlite_schema WHERE name = ?1"));
    stmt->bind(1, name);
    return stmt->step().value.value_or(false);
}
} // namespace

class TestDatabase : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void pragmasAreSet();
    void textRoundTrip_data();
    void textRoundTrip();
    void otherTypesRoundTrip();
    void bindErrorsAreReported();
    void onlyOneStatementPerPrepare();
    void transactionRollsBackOnScopeExit();
    void transactionsDoNotNest();
    void writerWaitsThenReportsBusy();
    void cachedStatementsAreReused();
    void permissionsAreOwnerOnly();
    void corruptFileIsMovedAside_data();
    void corruptFileIsMovedAside();
    void readOnlyNeverCreatesOrRepairs();
    void diskFullIsReportedAndHarmless();
    void sqliteCodesMap_data();
    void sqliteCodesMap();
};

void TestDatabase::pragmasAreSet()
{
    QTemporaryDir dir;
    OpenReport report;
    auto db = Database::open(dir.filePath(QStringLiteral("p.sqlite")), testSchema(), {false, 1234},
                             &report);
    QVERIFY2(db.ok(), qPrintable(errorText(db.error)));
    QVERIFY(report.created);
    QCOMPARE(report.fromVersion, 0);
    QCOMPARE(report.toVersion, 1);
    QVERIFY(report.movedAsidePath.isEmpty());
    Database &d = **db;
    QCOMPARE(pragmaText(d, QStringLiteral("journal_mode")), QStringLiteral("wal"));
    QCOMPARE(pragmaText(d, QStringLiteral("synchronous")), QStringLiteral("1"));
    QCOMPARE(pragmaText(d, QStringLiteral("foreign_keys")), QStringLiteral("1"));
    QCOMPARE(pragmaText(d, QStringLiteral("busy_timeout")), QStringLiteral("1234"));
    QCOMPARE(d.userVersion(), 1);
    QCOMPARE(d.path(), QFileInfo(dir.filePath(QStringLiteral("p.sqlite"))).absoluteFilePath());
    QVERIFY(d.handle());
    QVERIFY(!d.quickCheck());
    QVERIFY(!d.integrityCheck());
}

void TestDatabase::textRoundTrip_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QStringLiteral("");
    QTest::newRow("quotes") << QStringLiteral("it's \"quoted\" `back` \\ %s %1 ?1 :name");
    QTest::newRow("injection") << QStringLiteral("'); DROP TABLE x;--");
    QTest::newRow("injection 2") << QStringLiteral("x\"; DELETE FROM v; SELECT \"");
    QTest::newRow("nul inside") << QString::fromUtf16(u"before\u0000after", 12);
    QTest::newRow("emoji") << QStringLiteral("\U0001F600\U0001F468\u200D\U0001F469 \u0645\u0631");
    QTest::newRow("lone surrogate-free") << QStringLiteral("\u00e9\u00df\u4e2d\uFFFD");
    QTest::newRow("100k") << QString(100000, QChar(u'\u00e9'));
    QTest::newRow("markup") << QStringLiteral("<b>bold</b>&amp;<script>alert(1)</script>");
}

void TestDatabase::textRoundTrip()
{
    QFETCH(QString, text);
    QTemporaryDir dir;
    auto db = Database::open(dir.filePath(QStringLiteral("t.sqlite")), testSchema());
    QVERIFY2(db.ok(), qPrintable(errorText(db.error)));
    Database &d = **db;
    QVERIFY(!d.exec(QStringLiteral("INSERT INTO x (n) VALUES (1)")));

    auto insert = d.prepare(QStringLiteral("INSERT INTO v (s, b) VALUES (?1, ?2)"));
    QVERIFY(insert.ok());
    insert->bind(1, text).bind(2, text.toUtf8());
    const Status inserted = insert->run();
    QVERIFY2(!inserted, qPrintable(describe(inserted)));
    const qint64 id = d.lastInsertRowId();
    QCOMPARE(d.changes(), 1);

    auto select =
        d.prepare(QStringLiteral("SELECT s, b, length(s), typeof(s) FROM v WHERE id = ?1"));
    select->bind(1, id);
    QCOMPARE(select->step().value, std::optional<bool>(true));
    QCOMPARE(select->text(3), QStringLiteral("text"));
    QCOMPARE(select->text(0).size(), text.size());
    QCOMPARE(select->text(0), text);
    QCOMPARE(select->blob(1), text.toUtf8());
    QVERIFY(!select->isNull(0));
    QCOMPARE(select->step().value, std::optional<bool>(false));

    // Nothing was executed as SQL: both tables and their rows are still there.
    QVERIFY(tableExists(d, QStringLiteral("x")));
    QCOMPARE(count(d, QStringLiteral("x")), 1);
    QCOMPARE(count(d, QStringLiteral("v")), 1);
}

void TestDatabase::otherTypesRoundTrip()
{
    QTemporaryDir dir;
    auto db = Database::open(dir.filePath(QStringLiteral("o.sqlite")), testSchema());
    QVERIFY(db.ok());
    Database &d = **db;
    const QByteArray binary("\x00\x01\xff\x00'--", 7);
    struct Row
    {
        std::optional<qint64> i;
        double r;
        QByteArray b;
    };
    const QList<Row> rows{{std::numeric_limits<qint64>::max(), 0.1, binary},
                          {std::numeric_limits<qint64>::min(), -1e300, QByteArray()},
                          {std::nullopt, 3.5, QByteArray(70000, '\0')}};
    auto insert = d.prepare(QStringLiteral("INSERT INTO v (i, r, b, s) VALUES (?, ?, ?, ?)"));
    QCOMPARE(insert->parameterCount(), 4);
    for (const Row &row : rows) {
        insert->bind(1, row.i).bind(2, row.r).bind(3, row.b).bindNull(4);
        QVERIFY(!insert->run());
    }
    auto intInsert = d.prepare(QStringLiteral("INSERT INTO x (n) VALUES (?)"));
    QVERIFY(!intInsert->bind(1, 7).run());
    auto select = d.prepare(QStringLiteral("SELECT i, r, b, s, typeof(b) FROM v ORDER BY id"));
    for (const Row &row : rows) {
        QCOMPARE(select->step().value, std::optional<bool>(true));
        QCOMPARE(select->isNull(0), !row.i.has_value());
        if (row.i)
            QCOMPARE(select->int64(0), *row.i);
        QCOMPARE(select->real(1), row.r);
        QCOMPARE(select->blob(2), row.b);
        QCOMPARE(select->text(4), QStringLiteral("blob")); // an empty blob is not NULL
        QVERIFY(select->isNull(3));
        QVERIFY(select->text(3).isNull());
    }
    QCOMPARE(select->step().value, std::optional<bool>(false));
    auto n = d.prepare(QStringLiteral("SELECT n FROM x"));
    QVERIFY(*n->step());
    QCOMPARE(n->int64(0), 7);

    // A constraint violation is reported as such.
    auto dup = d.prepare(QStringLiteral("INSERT INTO x (n) VALUES (?)"));
    const Status s = dup->bind(1, 7).run();
    QVERIFY(s);
    QCOMPARE(s->code, StorageError::Code::Constraint);
    QVERIFY(!s->message.isEmpty());
}

void TestDatabase::bindErrorsAreReported()
{
    QTemporaryDir dir;
    auto db = Database::open(dir.filePath(QStringLiteral("b.sqlite")), testSchema());
    auto insert = (*db)->prepare(QStringLiteral("INSERT INTO x (n) VALUES (?1)"));
    insert->bind(2, 5); // out of range
    const auto r = insert->step();
    QVERIFY(!r.ok());
    QCOMPARE(r.error->code, StorageError::Code::Misuse);
    QCOMPARE(count(**db, QStringLiteral("x")), 0);
    // reset() forgets the error and the statement works again.
    insert->reset();
    QVERIFY(!insert->bind(1, 5).run());
    QCOMPARE(count(**db, QStringLiteral("x")), 1);
}

void TestDatabase::onlyOneStatementPerPrepare()
{
    QTemporaryDir dir;
    auto db = Database::open(dir.filePath(QStringLiteral("m.sqlite")), testSchema());
    auto two = (*db)->prepare(QStringLiteral("INSERT INTO x (n) VALUES (1); DROP TABLE v"));
    QVERIFY(!two.ok());
    QCOMPARE(two.error->code, StorageError::Code::Misuse);
    QVERIFY(tableExists(**db, QStringLiteral("v")));
    QCOMPARE(count(**db, QStringLiteral("x")), 0);
    QVERIFY(!(*db)->prepare(QStringLiteral("SELEC nonsense")).ok());
    QVERIFY(!(*db)->prepare(QStringLiteral("   ")).ok());
    // Trailing whitespace and a semicolon are fine.
    QVERIFY((*db)->prepare(QStringLiteral("SELECT 1;  \n")).ok());
}

void TestDatabase::transactionRollsBackOnScopeExit()
{
    QTemporaryDir dir;
    auto db = Database::open(dir.filePath(QStringLiteral("tx.sqlite")), testSchema());
    Database &d = **db;
    {
        Transaction tx = d.transaction();
        QVERIFY(!tx.beginStatus());
        QVERIFY(tx.isActive());
        QVERIFY(d.inTransaction());
        QVERIFY(!d.exec(QStringLiteral("INSERT INTO x (n) VALUES (1)")));
        QCOMPARE(count(d, QStringLiteral("x")), 1);
    }
    QVERIFY(!d.inTransaction());
    QCOMPARE(count(d, QStringLiteral("x")), 0);
    {
        Transaction tx = d.transaction();
        QVERIFY(!d.exec(QStringLiteral("INSERT INTO x (n) VALUES (2)")));
        tx.rollback();
        QVERIFY(!tx.isActive());
        QVERIFY(tx.commit()); // nothing left to commit
    }
    QCOMPARE(count(d, QStringLiteral("x")), 0);
    {
        Transaction tx = d.transaction();
        QVERIFY(!d.exec(QStringLiteral("INSERT INTO x (n) VALUES (3)")));
        QVERIFY(!tx.commit());
    }
    QCOMPARE(count(d, QStringLiteral("x")), 1);
    // Committed means on disk: another connection sees it.
    auto other = Database::open(d.path(), testSchema());
    QVERIFY(other.ok());
    QCOMPARE(count(**other, QStringLiteral("x")), 1);
}

void TestDatabase::transactionsDoNotNest()
{
    QTemporaryDir dir;
    auto db = Database::open(dir.filePath(QStringLiteral("n.sqlite")), testSchema());
    Database &d = **db;
    Transaction outer = d.transaction();
    QVERIFY(!d.exec(QStringLiteral("INSERT INTO x (n) VALUES (1)")));
    {
        Transaction inner = d.transaction();
        QVERIFY(inner.beginStatus());
        QCOMPARE(inner.beginStatus()->code, StorageError::Code::Misuse);
        QVERIFY(!inner.isActive());
        QVERIFY(inner.commit());
    }
    // The failed inner one did not end the outer one.
    QVERIFY(d.inTransaction());
    QVERIFY(!outer.commit());
    QCOMPARE(count(d, QStringLiteral("x")), 1);
}

void TestDatabase::writerWaitsThenReportsBusy()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("busy.sqlite"));
    auto first = Database::open(path, testSchema());
    auto second = Database::open(path, testSchema(), {false, 50});
    QVERIFY(first.ok() && second.ok());
    Transaction holding = (*first)->transaction();
    QVERIFY(!holding.beginStatus());
    Transaction waiting = (*second)->transaction();
    QVERIFY(waiting.beginStatus());
    QCOMPARE(waiting.beginStatus()->code, StorageError::Code::Busy);
    QVERIFY(!waiting.beginStatus()->message.isEmpty());
    // Readers are not blocked by the writer (WAL).
    QCOMPARE(count(**second, QStringLiteral("x")), 0);
}

void TestDatabase::cachedStatementsAreReused()
{
    QTemporaryDir dir;
    auto db = Database::open(dir.filePath(QStringLiteral("c.sqlite")), testSchema());
    Database &d = **db;
    const QString sql = QStringLiteral("INSERT INTO x (n) VALUES (?1)");
    auto a = d.cached(sql);
    QVERIFY(a.ok());
    QVERIFY(!(*a)->bind(1, 1).run());
    auto b = d.cached(sql);
    QCOMPARE(*b, *a);
    QCOMPARE((*b)->handle(), (*a)->handle());
    QVERIFY(!(*b)->bind(1, 2).run());
    auto c = d.cached(QStringLiteral("SELECT count(*) FROM x"));
    QVERIFY(*c != *a);
    // A read left half-way is reset when handed out again, so it sees new rows.
    QVERIFY(*(*c)->step());
    QCOMPARE((*c)->int64(0), 2);
    QVERIFY(!(*d.cached(sql))->bind(1, 3).run());
    auto again = d.cached(QStringLiteral("SELECT count(*) FROM x"));
    QCOMPARE(*again, *c);
    QVERIFY(*(*again)->step());
    QCOMPARE((*again)->int64(0), 3);
    // Bindings are cleared on hand-out: a forgotten bind is NULL, not the previous value.
    auto reused = d.cached(sql);
    const Status s = (*reused)->run();
    QVERIFY(s);
    QCOMPARE(s->code, StorageError::Code::Constraint); // n is NOT NULL
    QVERIFY(!d.cached(QStringLiteral("nonsense")).ok());
}

void TestDatabase::permissionsAreOwnerOnly()
{
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("profile/data"));
    const QString path = folder + QStringLiteral("/perm.sqlite");
    auto db = Database::open(path, testSchema());
    QVERIFY2(db.ok(), qPrintable(errorText(db.error)));
    QVERIFY(!(*db)->exec(QStringLiteral("INSERT INTO x (n) VALUES (1)")));
    const auto ownerRwx = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;
    const auto ownerRw = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    const auto mask = ~(QFileDevice::ReadUser | QFileDevice::WriteUser | QFileDevice::ExeUser);
    for (const QString &d : {folder, dir.filePath(QStringLiteral("profile"))})
        QCOMPARE(QFile::permissions(d) & mask, ownerRwx);
    for (const QString &f :
         QStringList{path, path + QStringLiteral("-wal"), path + QStringLiteral("-shm")}) {
        QVERIFY2(QFileInfo::exists(f), qPrintable(f));
        QCOMPARE(QFile::permissions(f) & mask, ownerRw);
    }
    db = Result<std::unique_ptr<Database>>(std::unique_ptr<Database>());

    // An existing file that others could read is tightened.
    QVERIFY(QFile::setPermissions(path, ownerRw | QFileDevice::ReadOther | QFileDevice::ReadGroup));
    auto again = Database::open(path, testSchema());
    QVERIFY(again.ok());
    QCOMPARE(QFile::permissions(path) & mask, ownerRw);
}

void TestDatabase::corruptFileIsMovedAside_data()
{
    QTest::addColumn<bool>("realDatabase");
    QTest::newRow("not a database") << false;
    QTest::newRow("damaged pages") << true;
}

void TestDatabase::corruptFileIsMovedAside()
{
    QFETCH(bool, realDatabase);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("data.sqlite"));
    if (realDatabase) {
        auto db = Database::open(path, testSchema());
        QVERIFY(db.ok());
        Transaction tx = (*db)->transaction();
        auto insert = (*db)->prepare(QStringLiteral("INSERT INTO v (s) VALUES (?1)"));
        for (int i = 0; i < 500; ++i)
            QVERIFY(!insert->bind(1, QStringLiteral("row %1 ").arg(i).repeated(20)).run());
        QVERIFY(!tx.commit());
    } // closed: the WAL is checkpointed into the file
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadWrite));
    if (realDatabase) {
        QVERIFY(f.size() > 3 * 4096);
        // Keep the header page, overwrite the next pages (the tables' b-trees) with noise.
        QByteArray noise(2 * 4096, Qt::Uninitialized);
        QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(noise.data()),
                                              noise.size() / 4);
        QVERIFY(f.seek(4096));
        QCOMPARE(f.write(noise), noise.size());
    } else {
        f.write(QByteArray("This is a shopping list, not a database.\n").repeated(200));
    }
    f.close();
    const QByteArray damaged = readAll(path);
    // A stray -wal belongs to the damaged file and goes with it.
    QFile wal(path + QStringLiteral("-wal"));
    QVERIFY(wal.open(QIODevice::WriteOnly));
    wal.write("not a wal either");
    wal.close();

    OpenReport report;
    auto db = Database::open(path, testSchema(), {}, &report);
    QVERIFY2(db.ok(), qPrintable(errorText(db.error)));
    QVERIFY(!report.movedAsidePath.isEmpty());
    QVERIFY(report.created);
    QCOMPARE(report.fromVersion, 0);
    QCOMPARE(report.toVersion, 1);
    const QString name = QFileInfo(report.movedAsidePath).fileName();
    QVERIFY2(name.startsWith(QStringLiteral("data.sqlite.corrupt-")), qPrintable(name));
    const QString stamp = name.mid(QStringLiteral("data.sqlite.corrupt-").size(), 15);
    QVERIFY2(QDateTime::fromString(stamp, QStringLiteral("yyyyMMdd-HHmmss")).isValid(),
             qPrintable(stamp));
    QCOMPARE(QFileInfo(report.movedAsidePath).absolutePath(), QFileInfo(path).absolutePath());
    // Moved, not changed, not deleted.
    QCOMPARE(readAll(report.movedAsidePath), damaged);
    QCOMPARE(readAll(report.movedAsidePath + QStringLiteral("-wal")),
             QByteArray("not a wal either"));

    // The fresh database works.
    Database &d = **db;
    QCOMPARE(count(d, QStringLiteral("v")), 0);
    QVERIFY(!d.exec(QStringLiteral("INSERT INTO x (n) VALUES (1)")));
    QCOMPARE(count(d, QStringLiteral("x")), 1);
    QVERIFY(!d.integrityCheck());
    db = Result<std::unique_ptr<Database>>(std::unique_ptr<Database>());

    // Opening again finds a healthy file and moves nothing.
    OpenReport second;
    auto reopened = Database::open(path, testSchema(), {}, &second);
    QVERIFY(reopened.ok());
    QVERIFY(second.movedAsidePath.isEmpty());
    QVERIFY(!second.created);
    QCOMPARE(count(**reopened, QStringLiteral("x")), 1);
}

void TestDatabase::readOnlyNeverCreatesOrRepairs()
{
    QTemporaryDir dir;
    const QString missing = dir.filePath(QStringLiteral("sub/none.sqlite"));
    auto none = Database::open(missing, testSchema(), {true});
    QVERIFY(!none.ok());
    QCOMPARE(none.error->code, StorageError::Code::CannotOpen);
    QVERIFY(!QFileInfo::exists(missing));
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("sub"))));

    const QString garbage = dir.filePath(QStringLiteral("garbage.sqlite"));
    QFile f(garbage);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray("garbage ").repeated(1000));
    f.close();
    const QByteArray before = readAll(garbage);
    auto bad = Database::open(garbage, testSchema(), {true});
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error->code, StorageError::Code::Corrupt);
    QCOMPARE(readAll(garbage), before);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files),
             QStringList{QStringLiteral("garbage.sqlite")});

    // A writer on a read-only connection is told so.
    const QString good = dir.filePath(QStringLiteral("good.sqlite"));
    QVERIFY(Database::open(good, testSchema()).ok());
    auto reader = Database::open(good, testSchema(), {true});
    QVERIFY(reader.ok());
    QVERIFY((*reader)->isReadOnly());
    const Status s = (*reader)->exec(QStringLiteral("INSERT INTO x (n) VALUES (1)"));
    QVERIFY(s);
    QCOMPARE(s->code, StorageError::Code::ReadOnly);
}

void TestDatabase::diskFullIsReportedAndHarmless()
{
    QTemporaryDir dir;
    auto db = Database::open(dir.filePath(QStringLiteral("full.sqlite")), testSchema());
    Database &d = **db;
    auto insert = d.prepare(QStringLiteral("INSERT INTO v (s) VALUES (?1)"));
    QVERIFY(!insert->bind(1, QStringLiteral("kept")).run());
    QVERIFY(!d.exec(QStringLiteral("PRAGMA max_page_count = 12")));

    Status failure;
    int written = 0;
    for (; written < 1000 && !failure; ++written) {
        Transaction tx = d.transaction();
        failure = insert->bind(1, QString(1000, QChar(u'a' + written % 26))).run();
        if (!failure)
            failure = tx.commit();
    }
    QVERIFY2(failure, "the database never filled up");
    QVERIFY(written > 1);
    QCOMPARE(failure->code, StorageError::Code::Full);
    QVERIFY(failure->message.contains(QStringLiteral("full")));
    QVERIFY(failure->message.contains(d.path()));
    QVERIFY(!d.inTransaction());

    // Nothing was damaged, and what was saved before is there.
    QVERIFY2(!d.integrityCheck(), qPrintable(errorText(d.integrityCheck())));
    QCOMPARE(count(d, QStringLiteral("v")), qint64(written - 1 + 1));
    auto first = d.prepare(QStringLiteral("SELECT s FROM v ORDER BY id LIMIT 1"));
    QVERIFY(*first->step());
    QCOMPARE(first->text(0), QStringLiteral("kept"));
}

void TestDatabase::sqliteCodesMap_data()
{
    QTest::addColumn<int>("rc");
    QTest::addColumn<StorageError::Code>("code");
    QTest::newRow("full") << SQLITE_FULL << StorageError::Code::Full;
    QTest::newRow("corrupt") << SQLITE_CORRUPT << StorageError::Code::Corrupt;
    QTest::newRow("corrupt vtab") << SQLITE_CORRUPT_VTAB << StorageError::Code::Corrupt;
    QTest::newRow("notadb") << SQLITE_NOTADB << StorageError::Code::Corrupt;
    QTest::newRow("busy") << SQLITE_BUSY << StorageError::Code::Busy;
    QTest::newRow("busy snapshot") << SQLITE_BUSY_SNAPSHOT << StorageError::Code::Busy;
    QTest::newRow("locked") << SQLITE_LOCKED << StorageError::Code::Busy;
    QTest::newRow("constraint") << SQLITE_CONSTRAINT << StorageError::Code::Constraint;
    QTest::newRow("unique") << SQLITE_CONSTRAINT_UNIQUE << StorageError::Code::Constraint;
    QTest::newRow("readonly") << SQLITE_READONLY << StorageError::Code::ReadOnly;
    QTest::newRow("ioerr") << SQLITE_IOERR << StorageError::Code::Io;
    QTest::newRow("ioerr write") << SQLITE_IOERR_WRITE << StorageError::Code::Io;
    QTest::newRow("cantopen") << SQLITE_CANTOPEN << StorageError::Code::CannotOpen;
    QTest::newRow("misuse") << SQLITE_MISUSE << StorageError::Code::Misuse;
    QTest::newRow("error") << SQLITE_ERROR << StorageError::Code::Misuse;
}

void TestDatabase::sqliteCodesMap()
{
    QFETCH(int, rc);
    QFETCH(StorageError::Code, code);
    const StorageError e = fromSqlite(rc, nullptr);
    QCOMPARE(e.code, code);
    QCOMPARE(e.sqliteCode, rc);
    QVERIFY(!e.message.isEmpty());
    QVERIFY(!e.detail.isEmpty());
}

ROOMWARDEN_TEST_MAIN_CORE(TestDatabase)
#include "TestDatabase.moc"
