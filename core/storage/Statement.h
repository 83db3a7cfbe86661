#pragma once
#include "core/storage/StorageError.h"

#include <QByteArray>
#include <QString>

#include <optional>

struct sqlite3_stmt;

namespace roomwarden::storage {

// One prepared SQLite statement, finalized on destruction. Values go in only through bind()
// (parameters are 1-based, as in SQLite); SQL text is never assembled from values.
//
// bind() does not fail on the spot: the first binding error is kept and step()/run() report
// it, so a chain of binds needs one check.
class Statement
{
public:
    Statement() = default;
    explicit Statement(sqlite3_stmt *stmt) : m_stmt(stmt) {}
    ~Statement();
    Statement(Statement &&other) noexcept;
    Statement &operator=(Statement &&other) noexcept;
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    bool isValid() const { return m_stmt != nullptr; }

    Statement &bind(int index, qint64 value);
    Statement &bind(int index, int value);
    Statement &bind(int index, double value);
    // UTF-8 text with its length, so NUL characters survive. A null QString is stored as ''
    // (use bindNull or the optional overload for SQL NULL).
    Statement &bind(int index, const QString &value);
    Statement &bind(int index, const QByteArray &value); // a blob ('' blob when empty)
    Statement &bind(int index, std::optional<qint64> value);
    Statement &bind(int index, const std::optional<QString> &value);
    Statement &bindNull(int index);
    int parameterCount() const;

    // true: a row is ready to be read; false: the statement is done.
    Result<bool> step();
    // Steps until done (rows are discarded), then resets, keeping the bindings.
    Status run();
    // Resets and clears every binding, ready for the next use.
    void reset();

    int columnCount() const;
    bool isNull(int column) const; // columns are 0-based, as in SQLite
    qint64 int64(int column) const;
    double real(int column) const;
    QString text(int column) const; // a null QString for NULL
    QByteArray blob(int column) const;

    sqlite3_stmt *handle() const { return m_stmt; }
    QString sql() const;

private:
    void keep(int rc);

    sqlite3_stmt *m_stmt = nullptr;
    std::optional<StorageError> m_bindError;
};

} // namespace roomwarden::storage
