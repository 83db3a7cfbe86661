#pragma once
#include <QReadWriteLock>
#include <QSet>
#include <QString>
#include <QStringView>

namespace roomwarden::util {

// Removes credentials from text before it reaches a log line, a crash report or an error
// dialog. Two layers:
//  1. shapes: Authorization headers, "Bearer/OAuth/Bot <token>", credential-named fields in
//     JSON, form bodies and URL queries (access_token, refresh_token, client_secret, ...),
//     JWTs and Discord bot tokens;
//  2. exact strings: the secrets this process currently holds (SecretStore registers every
//     token it loads), so a token is caught even where it appears with no recognisable shape.
// Thread-safe: logging happens from any thread.
class Redactor
{
public:
    static constexpr QStringView kMask = u"[redacted]";
    // Shorter strings are not registered: masking "abc" everywhere would hide ordinary words.
    static constexpr qsizetype kMinSecretLength = 8;

    QString redact(QStringView text) const;

    void addSecret(const QString &secret);
    void removeSecret(const QString &secret);
    qsizetype secretCount() const;

    // The shape rules alone (no registered secrets).
    static QString redactShapes(QStringView text);

private:
    mutable QReadWriteLock m_lock;
    QSet<QString> m_secrets;
};

} // namespace roomwarden::util
