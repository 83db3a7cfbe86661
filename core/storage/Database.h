#pragma once
#include "core/storage/Schema.h"
#include "core/storage/Statement.h"
#include "core/storage/StorageError.h"
#include "core/storage/Transaction.h"

#include <QString>

#include <map>
#include <memory>

struct sqlite3;

namespace roomwarden::util {
struct ProfilePaths;
} // namespace roomwarden::util

namespace roomwarden::storage {

struct OpenOptions
{
    // Read-only never creates, migrates, repairs or moves a file.
    bool readOnly = false;
    int busyTimeoutMs = 5000;
};

// What open() did, for the caller to tell the user (a visible notice when a damaged file was
// moved aside) and for the log.
struct OpenReport
{
    bool created = false;
    int fromVersion = 0;
    int toVersion = 0;
    QString movedAsidePath; // non-empty when a corrupt file was moved aside
};

// One SQLite connection, used from one thread at a time (each thread opens its own).
//
// open() makes the parent folder (0700) and the file (0600), switches on WAL,
// synchronous=NORMAL and foreign keys, runs quick_check on an existing file, moves a damaged
// file aside (never deletes it: the data can't be rebuilt) and migrates the schema forward.
// A file written by a newer Roomwarden is refused and left untouched. See docs/STORAGE.md.
class Database
{
public:
    static Result<std::unique_ptr<Database>> open(const QString &path, const Schema &schema,
                                                  OpenOptions options = {},
                                                  OpenReport *report = nullptr);

    ~Database();
    Database(Database &&other) noexcept;
    Database &operator=(Database &&other) = delete;
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // DDL and pragmas only: several statements may be separated by ';'. Values go through
    // prepare() and bind().
    Status exec(const QString &sql);
    Result<Statement> prepare(const QString &sql);
    // A statement prepared once and kept by the Database for hot paths; the same pointer is
    // returned for the same SQL until the Database is destroyed. It is reset (bindings cleared)
    // each time it is handed out.
    Result<Statement *> cached(const QString &sql);
    Transaction transaction();

    int userVersion();
    qint64 lastInsertRowId() const;
    int changes() const;
    bool inTransaction() const;
    bool isReadOnly() const { return m_readOnly; }
    Status quickCheck();
    Status integrityCheck();

    QString path() const { return m_path; }
    sqlite3 *handle() const { return m_db; }

private:
    Database(sqlite3 *db, QString path, bool readOnly);
    Status check(const char *pragma);

    sqlite3 *m_db = nullptr;
    QString m_path;
    bool m_readOnly = false;
    std::map<QString, std::unique_ptr<Statement>> m_cache;
};

// "<dataDir>/<name>.sqlite": where the database of a schema lives in a profile.
QString databasePath(const util::ProfilePaths &paths, const QString &schemaName);

} // namespace roomwarden::storage
