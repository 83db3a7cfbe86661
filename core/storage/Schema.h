#pragma once
#include "core/storage/StorageError.h"

#include <QList>
#include <QString>

#include <functional>

namespace roomwarden::storage {

class Database;

// One step of a database's history. Versions are numbered 1, 2, 3... and only ever go forward:
// a released migration is never edited, a change is a new migration. Database::open runs each
// pending one in its own transaction together with `PRAGMA user_version = version`, so a
// failure leaves the file at the previous version with nothing half-applied.
//
// `apply` runs inside that transaction: it must not open another one.
struct Migration
{
    int version = 0;
    QString description; // for the log and the error message, e.g. "journal: add reasons"
    std::function<Status(Database &)> apply;

    // A migration that is only DDL (several statements separated by ';', no values).
    static Migration fromSql(int version, QString description, QString sql);
};

struct Schema
{
    QString name; // "journal", "analytics": names the file and the messages
    QList<Migration> migrations;

    int latestVersion() const { return migrations.isEmpty() ? 0 : migrations.last().version; }
};

} // namespace roomwarden::storage
