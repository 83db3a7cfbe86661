#pragma once
#include "core/storage/StorageError.h"

namespace roomwarden::storage {

class Database;

// BEGIN IMMEDIATE on construction (made by Database::transaction()): the write lock is taken
// up front, so a writer waits for the busy timeout at BEGIN instead of failing half-way with
// SQLITE_BUSY. Rolls back on destruction unless commit() succeeded.
//
// SQLite transactions do not nest: a Transaction made while another is open reports Misuse.
class Transaction
{
public:
    explicit Transaction(Database *db);
    ~Transaction();
    Transaction(Transaction &&other) noexcept;
    Transaction &operator=(Transaction &&other) = delete;
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    // Why BEGIN failed, or nullopt when the transaction is open (or was committed).
    const Status &beginStatus() const { return m_begin; }
    bool isActive() const { return m_db && !m_begin && !m_done; }

    // On failure the transaction stays open and is rolled back on destruction (or by
    // rollback()); the caller may retry a commit that failed with Busy.
    Status commit();
    void rollback();

private:
    Database *m_db = nullptr;
    Status m_begin;
    bool m_done = false;
};

} // namespace roomwarden::storage
