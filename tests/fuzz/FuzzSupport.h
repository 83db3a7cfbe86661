#pragma once
// Helpers shared by the fuzz targets. A target must never crash, hang or leak on any input;
// when it does, the input goes into corpus/<name>/ and a unit test (see README.md).
#include <QByteArray>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace roomwarden::fuzz {

// The parsers warn about bad input by design; millions of warnings would only slow the run.
inline void quietLogs()
{
    static const bool once = [] {
        QLoggingCategory::setFilterRules(QStringLiteral("*=false"));
        return true;
    }();
    (void)once;
}

inline QByteArray bytes(const uint8_t *data, size_t size)
{
    // QByteArray (not fromRawData): ASan then sees the exact bounds of the input.
    return QByteArray(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
}

// Arbitrary UTF-16, lone surrogates included: what a QString from the network can hold after
// lenient decoding, and what UTF-8 input alone can never produce.
inline QString utf16(const uint8_t *data, size_t size)
{
    return QString(reinterpret_cast<const QChar *>(data), static_cast<qsizetype>(size / 2));
}

// A property the target checks failed: abort so libFuzzer saves the input.
[[noreturn]] inline void fail(const char *what)
{
    qFatal("fuzz property violated: %s", what);
    std::abort();
}

} // namespace roomwarden::fuzz
