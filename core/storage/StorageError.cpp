#include "core/storage/StorageError.h"

#include <QCoreApplication>
#include <sqlite3.h>

namespace roomwarden::storage {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("roomwarden::storage::StorageError", text);
}
} // namespace

StorageError fromSqlite(int rc, sqlite3 *db)
{
    StorageError e;
    e.sqliteCode = rc;
    e.detail = QString::fromUtf8(db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    // The file name helps the user find the disk or file in question; the folder is theirs.
    QString file;
    if (db) {
        if (const char *name = sqlite3_db_filename(db, "main"); name && *name)
            file = QString::fromUtf8(name);
    }
    const QString where = file.isEmpty() ? tr("a database") : file;

    switch (rc & 0xff) {
    case SQLITE_FULL:
        e.code = StorageError::Code::Full;
        e.message = tr("The disk is full: Roomwarden could not save to %1. Free some space; "
                       "what was saved before is still there.")
                        .arg(where);
        break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        e.code = StorageError::Code::Corrupt;
        e.message = tr("The database %1 is damaged.").arg(where);
        break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        e.code = StorageError::Code::Busy;
        e.message = tr("The database %1 is in use by another program or another Roomwarden "
                       "window. Close it and try again.")
                        .arg(where);
        break;
    case SQLITE_CONSTRAINT:
        e.code = StorageError::Code::Constraint;
        e.message = tr("Roomwarden refused to save data that contradicts what is already "
                       "stored in %1.")
                        .arg(where);
        break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
        e.code = StorageError::Code::ReadOnly;
        e.message = tr("Roomwarden may not write to %1. Check the file's permissions.").arg(where);
        break;
    case SQLITE_IOERR:
        e.code = StorageError::Code::Io;
        e.message = tr("The disk reported an error while Roomwarden used %1.").arg(where);
        break;
    case SQLITE_CANTOPEN:
        e.code = StorageError::Code::CannotOpen;
        e.message = tr("Roomwarden cannot open %1. Check that the folder exists and that you "
                       "may write to it.")
                        .arg(where);
        break;
    default:
        // SQLITE_ERROR (bad SQL), SQLITE_MISUSE, SQLITE_RANGE, SQLITE_TOOBIG...: a bug in
        // Roomwarden, not something the user did.
        e.code = StorageError::Code::Misuse;
        e.message = tr("Roomwarden made an error while using %1 (%2).").arg(where, e.detail);
        break;
    }
    return e;
}

} // namespace roomwarden::storage
