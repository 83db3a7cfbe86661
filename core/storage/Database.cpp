#include "core/storage/Database.h"

#include "core/util/Logging.h"
#include "core/util/Paths.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStringList>
#include <sqlite3.h>

#include <utility>

namespace roomwarden::storage {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("roomwarden::storage::Database", text);
}

StorageError makeError(StorageError::Code code, QString message, QString detail = {})
{
    StorageError e;
    e.code = code;
    e.message = std::move(message);
    e.detail = std::move(detail);
    return e;
}

constexpr auto kOwnerOnlyDir =
    QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;
constexpr auto kOwnerOnlyFile = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

// The files SQLite keeps beside a database; they belong to it and move with it.
const char *const kCompanions[] = {"-wal", "-shm", "-journal"};

Status validate(const Schema &schema)
{
    int expected = 1;
    for (const Migration &m : schema.migrations) {
        if (m.version != expected || !m.apply)
            return makeError(
                StorageError::Code::Misuse,
                tr("The %1 database's migrations are not numbered 1, 2, 3...").arg(schema.name));
        ++expected;
    }
    return std::nullopt;
}

// Makes every missing folder up to `dir`, each owner-only. Folders that already exist are the
// user's and keep their permissions.
Status ensureFolder(const QString &dir)
{
    QStringList missing;
    for (QString d = QDir::cleanPath(dir); !QFileInfo::exists(d);) {
        missing.prepend(d);
        const QString up = QFileInfo(d).absolutePath();
        if (up == d)
            break;
        d = up;
    }
    for (const QString &d : std::as_const(missing)) {
        if (!QDir().mkdir(d) || !QFile::setPermissions(d, kOwnerOnlyDir))
            return makeError(StorageError::Code::CannotOpen,
                             tr("Roomwarden cannot create the folder %1.").arg(d));
    }
    if (!QFileInfo(dir).isDir())
        return makeError(StorageError::Code::CannotOpen,
                         tr("%1 exists and is not a folder.").arg(dir));
    return std::nullopt;
}

// Creates an empty file owner-only before SQLite sees it: SQLite would create it with 0644,
// and gives its -wal and -shm files the permissions of the database file.
// Returns true when the file was created here.
Result<bool> createOwnerOnly(const QString &path)
{
    QFile f(path);
    if (f.open(QIODevice::WriteOnly | QIODevice::NewOnly, kOwnerOnlyFile)) {
        f.close();
        QFile::setPermissions(path, kOwnerOnlyFile); // the umask may have taken bits away
        return true;
    }
    if (QFileInfo::exists(path))
        return false; // made by someone else in the meantime: open it as an existing file
    return makeError(StorageError::Code::CannotOpen,
                     tr("Roomwarden cannot create the database %1.").arg(path), f.errorString());
}

Result<sqlite3 *> connect(const QString &path, const OpenOptions &options)
{
    sqlite3 *db = nullptr;
    // No SQLITE_OPEN_CREATE: the file was made (owner-only) above, and a read-only open must
    // never create one.
    int flags =
        (options.readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_NOMUTEX;
#ifdef SQLITE_OPEN_EXRESCODE
    flags |= SQLITE_OPEN_EXRESCODE;
#endif
    const int rc = sqlite3_open_v2(QFile::encodeName(path).constData(), &db, flags, nullptr);
    if (rc != SQLITE_OK) {
        StorageError e = fromSqlite(rc, db);
        if (e.code == StorageError::Code::Misuse || e.code == StorageError::Code::CannotOpen)
            e.message = tr("Roomwarden cannot open the database %1.").arg(path);
        sqlite3_close(db);
        return e;
    }
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, options.busyTimeoutMs);
    // Until the file is known to be healthy, closing must not checkpoint the WAL into it: a
    // damaged database is moved aside exactly as it was found, with its -wal.
    sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    return db;
}

bool isDamage(const StorageError &e)
{
    return e.code == StorageError::Code::Corrupt;
}

// Renames the database and its companions to "<name>.corrupt-<UTC time>[-n]". On failure
// everything already renamed is put back: a fresh database must never meet an old -wal.
Result<QString> moveAside(const QString &path)
{
    const QString base =
        path + QStringLiteral(".corrupt-") +
        QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    QString target = base;
    auto taken = [](const QString &t) {
        if (QFileInfo::exists(t))
            return true;
        for (const char *suffix : kCompanions)
            if (QFileInfo::exists(t + QLatin1String(suffix)))
                return true;
        return false;
    };
    for (int n = 1; taken(target); ++n)
        target = base + QLatin1Char('-') + QString::number(n);

    QList<std::pair<QString, QString>> moved;
    QList<std::pair<QString, QString>> pending{{path, target}};
    for (const char *suffix : kCompanions) {
        const QString from = path + QLatin1String(suffix);
        if (QFileInfo::exists(from))
            pending.append({from, target + QLatin1String(suffix)});
    }
    for (const auto &[from, to] : std::as_const(pending)) {
        if (!QFile::rename(from, to)) {
            for (const auto &[back, again] : std::as_const(moved))
                QFile::rename(again, back);
            return makeError(StorageError::Code::CannotOpen,
                             tr("The database %1 is damaged and Roomwarden cannot move it "
                                "aside. Move or rename it yourself, then start again.")
                                 .arg(path));
        }
        moved.append({from, to});
    }
    return target;
}

Result<int> readUserVersion(sqlite3 *db)
{
    sqlite3_stmt *stmt = nullptr;
    int rc = sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, nullptr);
    if (rc != SQLITE_OK)
        return fromSqlite(rc, db);
    rc = sqlite3_step(stmt);
    const int version = rc == SQLITE_ROW ? sqlite3_column_int(stmt, 0) : 0;
    sqlite3_finalize(stmt);
    if (rc != SQLITE_ROW)
        return fromSqlite(rc, db);
    return version;
}
} // namespace

Migration Migration::fromSql(int version, QString description, QString sql)
{
    return {version, std::move(description),
            [sql = std::move(sql)](Database &db) { return db.exec(sql); }};
}

Database::Database(sqlite3 *db, QString path, bool readOnly)
    : m_db(db), m_path(std::move(path)), m_readOnly(readOnly)
{}

Database::~Database()
{
    // Statements first: a connection with live statements cannot close.
    m_cache.clear();
    sqlite3_close_v2(m_db);
}

Database::Database(Database &&other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_path(std::move(other.m_path)),
      m_readOnly(other.m_readOnly), m_cache(std::move(other.m_cache))
{}

Result<std::unique_ptr<Database>> Database::open(const QString &path, const Schema &schema,
                                                 OpenOptions options, OpenReport *report)
{
    OpenReport local;
    OpenReport &rep = report ? *report : local;
    rep = OpenReport();
    if (Status invalid = validate(schema))
        return *invalid;

    const QString file = QFileInfo(path).absoluteFilePath();
    if (options.readOnly) {
        if (!QFileInfo(file).isFile())
            return makeError(StorageError::Code::CannotOpen,
                             tr("There is no database at %1.").arg(file));
    } else {
        if (Status s = ensureFolder(QFileInfo(file).absolutePath()))
            return *s;
        Result<bool> created = createOwnerOnly(file);
        if (!created)
            return *created.error;
        rep.created = *created;
        if (!rep.created && (QFile::permissions(file) &
                             ~(kOwnerOnlyFile | QFileDevice::ReadUser | QFileDevice::WriteUser)))
            QFile::setPermissions(file, kOwnerOnlyFile); // best effort: it may not be ours
    }

    Result<sqlite3 *> conn = connect(file, options);
    if (!conn)
        return *conn.error;
    std::unique_ptr<Database> db(new Database(*conn, file, options.readOnly));

    if (!rep.created) {
        Status health = db->quickCheck();
        if (health && isDamage(*health)) {
            if (options.readOnly)
                return *health;
            db.reset(); // closes without a checkpoint (see connect)
            Result<QString> aside = moveAside(file);
            if (!aside)
                return *aside.error;
            rep.movedAsidePath = *aside;
            qCWarning(lcStorage).noquote()
                << QStringLiteral("the %1 database was damaged (%2); moved it aside to %3 and "
                                  "started a new one")
                       .arg(schema.name, health->detail, rep.movedAsidePath);
            Result<bool> created = createOwnerOnly(file);
            if (!created)
                return *created.error;
            rep.created = true;
            conn = connect(file, options);
            if (!conn)
                return *conn.error;
            db.reset(new Database(*conn, file, options.readOnly));
        } else if (health) {
            return *health;
        }
    }
    sqlite3_db_config(db->m_db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, nullptr);

    // Before any pragma that writes: a newer file must stay exactly as it is.
    Result<int> version = readUserVersion(db->m_db);
    if (!version)
        return *version.error;
    rep.fromVersion = rep.toVersion = *version;
    const int latest = schema.latestVersion();
    if (*version > latest) {
        qCWarning(lcStorage).noquote()
            << QStringLiteral("refusing the %1 database at %2: version %3, this build knows up "
                              "to %4")
                   .arg(schema.name, file)
                   .arg(*version)
                   .arg(latest);
        return makeError(StorageError::Code::TooNew,
                         tr("The %1 database at %2 was made by a newer Roomwarden (version %3, "
                            "this one knows up to %4). Update Roomwarden to use it; the file "
                            "was not changed.")
                             .arg(schema.name, file)
                             .arg(*version)
                             .arg(latest));
    }

    if (!options.readOnly) {
        // WAL: readers never block the writer. It is a property of the file, so only a
        // writer sets it; SQLite answers with the mode it actually chose.
        Result<Statement> wal = db->prepare(QStringLiteral("PRAGMA journal_mode=WAL"));
        if (!wal)
            return *wal.error;
        Result<bool> row = wal->step();
        if (!row)
            return *row.error;
        if (wal->text(0).compare(u"wal", Qt::CaseInsensitive) != 0)
            qCWarning(lcStorage) << "the" << schema.name
                                 << "database is not in WAL mode:" << wal->text(0);
    }
    // Per connection. NORMAL is safe with WAL: a power cut may lose the last commits, never
    // the database.
    if (Status s = db->exec(QStringLiteral("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON")))
        return *s;

    if (options.readOnly)
        return db;

    for (const Migration &m : schema.migrations) {
        if (m.version <= rep.toVersion)
            continue;
        Transaction tx = db->transaction();
        Status s = tx.beginStatus();
        if (!s)
            s = m.apply(*db);
        if (!s)
            s = db->exec(QStringLiteral("PRAGMA user_version = %1").arg(m.version));
        if (!s)
            s = tx.commit();
        if (s) {
            tx.rollback();
            qCWarning(lcStorage).noquote()
                << QStringLiteral("migrating the %1 database to version %2 (%3) failed: %4; it "
                                  "stays at version %5")
                       .arg(schema.name)
                       .arg(m.version)
                       .arg(m.description, s->detail.isEmpty() ? s->message : s->detail)
                       .arg(rep.toVersion);
            StorageError e = *s;
            e.message = tr("Roomwarden could not upgrade the %1 database to version %2 (%3); "
                           "it stays at version %4. %5")
                            .arg(schema.name)
                            .arg(m.version)
                            .arg(m.description)
                            .arg(rep.toVersion)
                            .arg(s->message);
            return e;
        }
        rep.toVersion = m.version;
    }
    if (rep.toVersion != rep.fromVersion || rep.created)
        qCInfo(lcStorage).noquote() << "the" << schema.name << "database is at version"
                                    << rep.toVersion << (rep.created ? "(new)" : "");
    return db;
}

Status Database::exec(const QString &sql)
{
    char *message = nullptr;
    const int rc = sqlite3_exec(m_db, sql.toUtf8().constData(), nullptr, nullptr, &message);
    sqlite3_free(message); // the same text as sqlite3_errmsg, which fromSqlite reads
    if (rc != SQLITE_OK)
        return fromSqlite(rc, m_db);
    return std::nullopt;
}

namespace {
Result<Statement> prepareWith(sqlite3 *db, const QString &sql, unsigned int flags)
{
    const QByteArray utf8 = sql.toUtf8();
    sqlite3_stmt *stmt = nullptr;
    const char *tail = nullptr;
    const int rc = sqlite3_prepare_v3(db, utf8.constData(), int(utf8.size()), flags, &stmt, &tail);
    if (rc != SQLITE_OK)
        return fromSqlite(rc, db);
    Statement statement(stmt);
    // Everything after the first statement would be ignored silently.
    const QByteArray rest =
        tail ? QByteArray(tail, utf8.constData() + utf8.size() - tail).trimmed() : QByteArray();
    if (!stmt || !rest.isEmpty())
        return makeError(StorageError::Code::Misuse,
                         tr("Roomwarden made an error while using a database (one statement "
                            "expected)."),
                         sql);
    return statement;
}
} // namespace

Result<Statement> Database::prepare(const QString &sql)
{
    return prepareWith(m_db, sql, 0);
}

Result<Statement *> Database::cached(const QString &sql)
{
    if (auto it = m_cache.find(sql); it != m_cache.end()) {
        it->second->reset();
        return it->second.get();
    }
    Result<Statement> made = prepareWith(m_db, sql, SQLITE_PREPARE_PERSISTENT);
    if (!made)
        return *made.error;
    auto [it, inserted] = m_cache.emplace(sql, std::make_unique<Statement>(std::move(*made.value)));
    Q_UNUSED(inserted)
    return it->second.get();
}

Transaction Database::transaction()
{
    return Transaction(this);
}

int Database::userVersion()
{
    Result<int> v = readUserVersion(m_db);
    return v ? *v : -1;
}

qint64 Database::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

int Database::changes() const
{
    return sqlite3_changes(m_db);
}

bool Database::inTransaction() const
{
    return m_db && sqlite3_get_autocommit(m_db) == 0;
}

Status Database::check(const char *pragma)
{
    Result<Statement> stmt = prepare(QString::fromLatin1(pragma));
    if (!stmt)
        return stmt.error;
    QStringList lines;
    for (;;) {
        Result<bool> row = stmt->step();
        if (!row)
            return row.error;
        if (!*row)
            break;
        lines << stmt->text(0);
    }
    if (lines == QStringList{QStringLiteral("ok")})
        return std::nullopt;
    // The check lists pages and tables, never row contents.
    return makeError(StorageError::Code::Corrupt, tr("The database %1 is damaged.").arg(m_path),
                     lines.mid(0, 5).join(u"; "));
}

Status Database::quickCheck()
{
    return check("PRAGMA quick_check");
}

Status Database::integrityCheck()
{
    return check("PRAGMA integrity_check");
}

QString databasePath(const util::ProfilePaths &paths, const QString &schemaName)
{
    return paths.dataDir + QLatin1Char('/') + schemaName + QStringLiteral(".sqlite");
}

} // namespace roomwarden::storage
