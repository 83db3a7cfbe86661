// Against a real Secret Service: scripts/testenv runs gnome-keyring on a private D-Bus.
#include "core/auth/SecretStore.h"

#include "DiskScan.h"
#include "TestMain.h"

#include <QDir>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <qt6keychain/keychain.h>

using roomwarden::auth::SecretStore;

namespace {
QByteArray randomSecret()
{
    QByteArray out;
    for (int i = 0; i < 40; ++i)
        out += char('a' + QRandomGenerator::global()->bounded(26));
    return out;
}

QString randomKey()
{
    return QStringLiteral("twitch:test-%1").arg(QRandomGenerator::global()->generate64());
}

SecretStore::Result runSync(const std::function<void(SecretStore::Callback)> &op)
{
    std::optional<SecretStore::Result> result;
    op([&](const SecretStore::Result &r) { result = r; });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 15000))
        return {SecretStore::Status::Failed, QStringLiteral("timed out"), std::nullopt};
    return *result;
}
} // namespace

class TestSecretStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyJobRefusesPlaintextFallback();
    void realKeychainIsAvailable();
    void writeReadOverwriteDelete();
    void keysAreSeparate();
    void secretNeverReachesAFile();
};

void TestSecretStore::everyJobRefusesPlaintextFallback()
{
    SecretStore store;
    const QString key = randomKey();
    for (QKeychain::Job *job :
         {store.makeReadJob(key), store.makeWriteJob(key), store.makeDeleteJob(key)}) {
        QVERIFY(!job->insecureFallback());
        QVERIFY(job->autoDelete());
        QCOMPARE(job->key(), key);
        QCOMPARE(job->service(), QStringLiteral("roomwarden"));
        delete job; // never started
    }
}

void TestSecretStore::realKeychainIsAvailable()
{
    SecretStore store;
    QSignalSpy spy(&store, &SecretStore::availabilityChanged);
    store.checkAvailability();
    QTRY_VERIFY_WITH_TIMEOUT(store.availability() == SecretStore::Availability::Available ||
                                 store.availability() == SecretStore::Availability::Unavailable,
                             15000);
    QVERIFY2(store.availability() == SecretStore::Availability::Available,
             qPrintable(store.unavailableReason()));
    // The probe entry is gone again.
    const auto probe =
        runSync([&](auto cb) { store.read(QString::fromLatin1(SecretStore::kProbeKey), cb); });
    QCOMPARE(probe.status, SecretStore::Status::NotFound);
}

void TestSecretStore::writeReadOverwriteDelete()
{
    SecretStore store;
    const QString key = randomKey();
    const QByteArray first = randomSecret();
    const QByteArray second = randomSecret();

    QCOMPARE(runSync([&](auto cb) { store.read(key, cb); }).status, SecretStore::Status::NotFound);
    QCOMPARE(runSync([&](auto cb) { store.write(key, first, cb); }).status,
             SecretStore::Status::Ok);
    auto r = runSync([&](auto cb) { store.read(key, cb); });
    QCOMPARE(r.status, SecretStore::Status::Ok);
    QCOMPARE(r.secret, first);

    QCOMPARE(runSync([&](auto cb) { store.write(key, second, cb); }).status,
             SecretStore::Status::Ok);
    r = runSync([&](auto cb) { store.read(key, cb); });
    QCOMPARE(r.secret, second);

    QCOMPARE(runSync([&](auto cb) { store.remove(key, cb); }).status, SecretStore::Status::Ok);
    QCOMPARE(runSync([&](auto cb) { store.read(key, cb); }).status, SecretStore::Status::NotFound);
    // A second instance (a restarted app) sees the same keychain.
    QCOMPARE(runSync([&](auto cb) { store.write(key, first, cb); }).status,
             SecretStore::Status::Ok);
    SecretStore again;
    QCOMPARE(runSync([&](auto cb) { again.read(key, cb); }).secret, first);
    QCOMPARE(runSync([&](auto cb) { again.remove(key, cb); }).status, SecretStore::Status::Ok);
}

void TestSecretStore::keysAreSeparate()
{
    SecretStore store;
    const QString a = randomKey();
    const QString b = randomKey();
    const QByteArray sa = randomSecret();
    const QByteArray sb = randomSecret();
    QCOMPARE(runSync([&](auto cb) { store.write(a, sa, cb); }).status, SecretStore::Status::Ok);
    QCOMPARE(runSync([&](auto cb) { store.write(b, sb, cb); }).status, SecretStore::Status::Ok);
    QCOMPARE(runSync([&](auto cb) { store.read(a, cb); }).secret, sa);
    QCOMPARE(runSync([&](auto cb) { store.read(b, cb); }).secret, sb);
    QCOMPARE(runSync([&](auto cb) { store.remove(a, cb); }).status, SecretStore::Status::Ok);
    QCOMPARE(runSync([&](auto cb) { store.read(b, cb); }).secret, sb); // untouched
    QCOMPARE(runSync([&](auto cb) { store.remove(b, cb); }).status, SecretStore::Status::Ok);
}

void TestSecretStore::secretNeverReachesAFile()
{
    SecretStore store;
    const QString key = randomKey();
    const QByteArray secret = randomSecret();
    QCOMPARE(runSync([&](auto cb) { store.write(key, secret, cb); }).status,
             SecretStore::Status::Ok);
    QCOMPARE(runSync([&](auto cb) { store.read(key, cb); }).secret, secret);
    // Our HOME (where a QSettings fallback would write) and the keyring daemon's own folders:
    // the secret is stored, but nowhere in plain text.
    const QStringList roots{QDir::homePath(), qEnvironmentVariable("ROOMWARDEN_TESTENV_ROOT")};
    QVERIFY2(!roots.at(1).isEmpty(), "run inside scripts/testenv");
    for (const QString &root : roots) {
        const QStringList hits = roomwarden::test::filesContaining(root, {secret});
        QVERIFY2(hits.isEmpty(), qPrintable(hits.join(u", ")));
    }
    QCOMPARE(runSync([&](auto cb) { store.remove(key, cb); }).status, SecretStore::Status::Ok);
}

ROOMWARDEN_TEST_MAIN_CORE(TestSecretStore)
#include "TestSecretStore.moc"
