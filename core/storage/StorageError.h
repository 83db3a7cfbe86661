#pragma once
#include <QString>

#include <optional>
#include <utility>

struct sqlite3;

namespace roomwarden::storage {

// Why a storage operation failed, in terms a caller can act on. `message` is written for the
// user (plain language, translated); `detail` is SQLite's own text for the log, which names
// tables and columns but never holds a bound value.
struct StorageError
{
    enum class Code
    {
        CannotOpen,
        Corrupt,
        TooNew,
        ReadOnly,
        Full,
        Busy,
        Constraint,
        Io,
        Misuse,
        Crypto,
        KeyUnavailable
    };

    Code code = Code::Misuse;
    QString message;
    QString detail;
    int sqliteCode = 0; // the extended result code, 0 when the error did not come from SQLite
};

// Maps a SQLite result code (primary or extended) to a StorageError. `db` may be null; when
// given, its error text and file name make the message concrete.
StorageError fromSqlite(int rc, sqlite3 *db);

// C++20 has no std::expected. Exactly one of value and error is set.
template <class T>
struct Result
{
    std::optional<T> value;
    std::optional<StorageError> error;

    Result(T v) : value(std::move(v)) {}
    Result(StorageError e) : error(std::move(e)) {}

    bool ok() const { return value.has_value(); }
    explicit operator bool() const { return ok(); }
    T &operator*() { return *value; }
    const T &operator*() const { return *value; }
    T *operator->() { return &*value; }
    const T *operator->() const { return &*value; }
};

template <class T>
using Expected = Result<T>;

// nullopt means success.
using Status = std::optional<StorageError>;

// The message of a Status or Result error, or an empty string on success: handy in logs and
// in test failure output.
inline QString describe(const Status &status)
{
    return status ? status->message : QString();
}

} // namespace roomwarden::storage
