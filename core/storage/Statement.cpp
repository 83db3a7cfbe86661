#include "core/storage/Statement.h"

#include <sqlite3.h>

#include <utility>

namespace roomwarden::storage {

Statement::~Statement()
{
    sqlite3_finalize(m_stmt); // a no-op on null
}

Statement::Statement(Statement &&other) noexcept
    : m_stmt(std::exchange(other.m_stmt, nullptr)), m_bindError(std::move(other.m_bindError))
{}

Statement &Statement::operator=(Statement &&other) noexcept
{
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_stmt = std::exchange(other.m_stmt, nullptr);
        m_bindError = std::move(other.m_bindError);
    }
    return *this;
}

void Statement::keep(int rc)
{
    if (rc != SQLITE_OK && !m_bindError)
        m_bindError = fromSqlite(rc, m_stmt ? sqlite3_db_handle(m_stmt) : nullptr);
}

Statement &Statement::bind(int index, qint64 value)
{
    keep(sqlite3_bind_int64(m_stmt, index, value));
    return *this;
}

Statement &Statement::bind(int index, int value)
{
    keep(sqlite3_bind_int(m_stmt, index, value));
    return *this;
}

Statement &Statement::bind(int index, double value)
{
    keep(sqlite3_bind_double(m_stmt, index, value));
    return *this;
}

Statement &Statement::bind(int index, const QString &value)
{
    const QByteArray utf8 = value.toUtf8();
    // constData() is never null, so an empty string binds '' and not NULL.
    keep(sqlite3_bind_text64(m_stmt, index, utf8.constData(), sqlite3_uint64(utf8.size()),
                             SQLITE_TRANSIENT, SQLITE_UTF8));
    return *this;
}

Statement &Statement::bind(int index, const QByteArray &value)
{
    keep(sqlite3_bind_blob64(m_stmt, index, value.constData(), sqlite3_uint64(value.size()),
                             SQLITE_TRANSIENT));
    return *this;
}

Statement &Statement::bind(int index, std::optional<qint64> value)
{
    return value ? bind(index, *value) : bindNull(index);
}

Statement &Statement::bind(int index, const std::optional<QString> &value)
{
    return value ? bind(index, *value) : bindNull(index);
}

Statement &Statement::bindNull(int index)
{
    keep(sqlite3_bind_null(m_stmt, index));
    return *this;
}

int Statement::parameterCount() const
{
    return sqlite3_bind_parameter_count(m_stmt);
}

Result<bool> Statement::step()
{
    if (!m_stmt)
        return fromSqlite(SQLITE_MISUSE, nullptr);
    if (m_bindError)
        return *m_bindError;
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    StorageError e = fromSqlite(rc, sqlite3_db_handle(m_stmt));
    // After an error the statement must be reset before it can run again; the error is
    // already taken, so reset's own return value (the same code) is not needed.
    sqlite3_reset(m_stmt);
    return e;
}

Status Statement::run()
{
    for (;;) {
        Result<bool> r = step();
        if (!r.ok())
            return r.error;
        if (!*r)
            break;
    }
    sqlite3_reset(m_stmt);
    return std::nullopt;
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    m_bindError.reset();
}

int Statement::columnCount() const
{
    return sqlite3_column_count(m_stmt);
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

qint64 Statement::int64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

double Statement::real(int column) const
{
    return sqlite3_column_double(m_stmt, column);
}

QString Statement::text(int column) const
{
    // The pointer first, then the size: that order is what SQLite documents as safe.
    const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    if (!data)
        return QString();
    return QString::fromUtf8(data, sqlite3_column_bytes(m_stmt, column));
}

QByteArray Statement::blob(int column) const
{
    const auto *data = static_cast<const char *>(sqlite3_column_blob(m_stmt, column));
    const int size = sqlite3_column_bytes(m_stmt, column);
    if (!data || size <= 0)
        return QByteArray();
    return QByteArray(data, size);
}

QString Statement::sql() const
{
    return QString::fromUtf8(sqlite3_sql(m_stmt));
}

} // namespace roomwarden::storage
