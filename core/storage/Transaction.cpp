#include "core/storage/Transaction.h"

#include "core/storage/Database.h"

#include <QCoreApplication>

#include <utility>

namespace roomwarden::storage {

namespace {
StorageError misuse(const char *text)
{
    StorageError e;
    e.code = StorageError::Code::Misuse;
    e.message = QCoreApplication::translate("roomwarden::storage::Transaction", text);
    return e;
}
} // namespace

Transaction::Transaction(Database *db) : m_db(db)
{
    if (!m_db || !m_db->handle())
        m_begin = misuse("There is no open database to save to.");
    else if (m_db->inTransaction())
        m_begin = misuse("Roomwarden tried to start a transaction inside another one.");
    else
        m_begin = m_db->exec(QStringLiteral("BEGIN IMMEDIATE"));
}

Transaction::~Transaction()
{
    rollback();
}

Transaction::Transaction(Transaction &&other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_begin(std::move(other.m_begin)),
      m_done(std::exchange(other.m_done, true))
{}

Status Transaction::commit()
{
    if (m_begin)
        return m_begin;
    if (!isActive())
        return misuse("Roomwarden tried to save a transaction that was already finished.");
    // SQLite rolls a whole transaction back by itself after some errors (a full disk, an I/O
    // error); the caller saw that error, and COMMIT would only add a confusing second one.
    if (!m_db->inTransaction()) {
        m_done = true;
        return misuse("The changes were not saved: an earlier error undid them.");
    }
    Status s = m_db->exec(QStringLiteral("COMMIT"));
    if (!s)
        m_done = true;
    return s;
}

void Transaction::rollback()
{
    if (!isActive())
        return;
    m_done = true;
    if (m_db->inTransaction())
        m_db->exec(QStringLiteral("ROLLBACK"));
}

} // namespace roomwarden::storage
