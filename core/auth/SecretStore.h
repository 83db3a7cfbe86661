#pragma once
#include <QByteArray>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>

namespace QKeychain {
class Job;
} // namespace QKeychain

namespace roomwarden::auth {

// The only place where secrets are stored: the operating system's keychain, through
// QtKeychain (Secret Service on Linux, Keychain on macOS, Credential Manager on Windows).
// One entry per account, service "roomwarden", key "<provider>:<accountId>".
//
// There is no fallback. QtKeychain can write secrets to a plaintext QSettings file when no
// keychain is found ("insecure fallback"); every job made here has it switched off, and a
// test asserts that. When the keychain is missing or locked the store reports Unavailable with
// a reason, and callers show that state instead of asking the user to sign in again.
class SecretStore : public QObject
{
    Q_OBJECT
public:
    enum class Availability
    {
        Unknown,
        Checking,
        Available,
        Unavailable
    };
    Q_ENUM(Availability)

    enum class Status
    {
        Ok,
        NotFound,
        Unavailable,
        Failed
    };
    Q_ENUM(Status)

    struct Result
    {
        Status status = Status::Failed;
        QString error;                    // for the user: why the keychain refused
        std::optional<QByteArray> secret; // read only; wipe after use
    };
    using Callback = std::function<void(const Result &)>;

    static constexpr const char *kService = "roomwarden";
    // The entry written and deleted by checkAvailability(); never holds a real secret.
    static constexpr const char *kProbeKey = "roomwarden:availability-probe";

    explicit SecretStore(QString service = QString::fromLatin1(kService),
                         QObject *parent = nullptr);

    Availability availability() const { return m_availability; }
    QString unavailableReason() const { return m_reason; }

    // Writes, reads back and deletes a probe entry: a keychain that cannot store is as good as
    // none. Emits availabilityChanged when done.
    void checkAvailability();

    void write(const QString &key, const QByteArray &secret, Callback done);
    void read(const QString &key, Callback done);
    void remove(const QString &key, Callback done);

    // Jobs are made only here, so that every one is configured the same way (tests check it).
    QKeychain::Job *makeReadJob(const QString &key);
    QKeychain::Job *makeWriteJob(const QString &key);
    QKeychain::Job *makeDeleteJob(const QString &key);

Q_SIGNALS:
    void availabilityChanged(roomwarden::auth::SecretStore::Availability availability,
                             const QString &reason);

private:
    void configure(QKeychain::Job *job, const QString &key);
    void finish(QKeychain::Job *job, const Callback &done, bool isRead);
    void setAvailability(Availability availability, const QString &reason);

    QString m_service;
    Availability m_availability = Availability::Unknown;
    QString m_reason;
};

} // namespace roomwarden::auth
