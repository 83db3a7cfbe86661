#include "core/auth/SecretStore.h"

#include "core/util/Logging.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <qt6keychain/keychain.h>

namespace roomwarden::auth {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("roomwarden::auth::SecretStore", text);
}

// QtKeychain reports a missing Secret Service as OtherError with a D-Bus message; the user
// needs to hear what to do, not the D-Bus error name.
QString describe(QKeychain::Error error, const QString &detail)
{
    switch (error) {
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return tr("No system keychain was found. Roomwarden keeps tokens only in the system "
                  "keychain (for example GNOME Keyring or KWallet); install or start one.");
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        return tr("The system keychain refused access. Unlock it and try again.");
    default:
        return tr("The system keychain is not available (%1).").arg(detail);
    }
}
} // namespace

SecretStore::SecretStore(QString service, QObject *parent)
    : QObject(parent), m_service(std::move(service))
{}

void SecretStore::configure(QKeychain::Job *job, const QString &key)
{
    // Jobs have no parent: a job must outlive its store when the store goes away mid-operation,
    // because the Secret Service answers later and QtKeychain then touches the job (deleting it
    // early crashes inside libsecret's callback). It deletes itself when it finishes; the
    // connections made with `this` as context drop the answer if the store is gone.
    job->setAutoDelete(true);
    // Never a plaintext file: see the class comment.
    job->setInsecureFallback(false);
    job->setKey(key);
}

QKeychain::Job *SecretStore::makeReadJob(const QString &key)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    configure(job, key);
    return job;
}

QKeychain::Job *SecretStore::makeWriteJob(const QString &key)
{
    auto *job = new QKeychain::WritePasswordJob(m_service);
    configure(job, key);
    return job;
}

QKeychain::Job *SecretStore::makeDeleteJob(const QString &key)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service);
    configure(job, key);
    return job;
}

void SecretStore::finish(QKeychain::Job *job, const Callback &done, bool isRead)
{
    Result r;
    switch (job->error()) {
    case QKeychain::NoError:
        r.status = Status::Ok;
        if (isRead)
            r.secret = static_cast<QKeychain::ReadPasswordJob *>(job)->binaryData();
        break;
    case QKeychain::EntryNotFound:
        r.status = Status::NotFound;
        break;
    case QKeychain::CouldNotDeleteEntry:
        r.status = Status::Failed;
        r.error = describe(job->error(), job->errorString());
        break;
    default:
        r.status = Status::Unavailable;
        r.error = describe(job->error(), job->errorString());
        // The key is "<provider>:<accountId>": an identifier, not a secret.
        qCWarning(lcAuth) << "keychain operation on" << job->key()
                          << "failed:" << job->errorString();
        setAvailability(Availability::Unavailable, r.error);
        break;
    }
    if (done)
        done(r);
}

void SecretStore::write(const QString &key, const QByteArray &secret, Callback done)
{
    auto *job = static_cast<QKeychain::WritePasswordJob *>(makeWriteJob(key));
    job->setBinaryData(secret);
    connect(job, &QKeychain::Job::finished, this,
            [this, done = std::move(done)](QKeychain::Job *j) { finish(j, done, false); });
    job->start();
}

void SecretStore::read(const QString &key, Callback done)
{
    auto *job = makeReadJob(key);
    connect(job, &QKeychain::Job::finished, this,
            [this, done = std::move(done)](QKeychain::Job *j) { finish(j, done, true); });
    job->start();
}

void SecretStore::remove(const QString &key, Callback done)
{
    auto *job = makeDeleteJob(key);
    connect(job, &QKeychain::Job::finished, this,
            [this, done = std::move(done)](QKeychain::Job *j) { finish(j, done, false); });
    job->start();
}

void SecretStore::setAvailability(Availability availability, const QString &reason)
{
    if (m_availability == availability && m_reason == reason)
        return;
    m_availability = availability;
    m_reason = reason;
    Q_EMIT availabilityChanged(availability, reason);
}

void SecretStore::checkAvailability()
{
    setAvailability(Availability::Checking, QString());
    const QString probeKey = QString::fromLatin1(kProbeKey);
    const QByteArray probe = QByteArray::number(QRandomGenerator::system()->generate64(), 36);
    write(probeKey, probe, [this, probeKey, probe](const Result &w) {
        if (w.status != Status::Ok) {
            setAvailability(Availability::Unavailable,
                            w.error.isEmpty() ? tr("The system keychain cannot store entries.")
                                              : w.error);
            return;
        }
        read(probeKey, [this, probeKey, probe](const Result &r) {
            if (r.status != Status::Ok || r.secret != probe) {
                setAvailability(Availability::Unavailable,
                                r.error.isEmpty() ? tr("The system keychain did not return what "
                                                       "was stored.")
                                                  : r.error);
                return;
            }
            remove(probeKey, [this](const Result &d) {
                if (d.status == Status::Ok)
                    setAvailability(Availability::Available, QString());
                else
                    setAvailability(Availability::Unavailable, d.error);
            });
        });
    });
}

} // namespace roomwarden::auth
