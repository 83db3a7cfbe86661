// Runs with DBUS_SESSION_BUS_ADDRESS pointing nowhere (see tests/unit/CMakeLists.txt): the
// machine has no Secret Service. The store must say so clearly and write nothing anywhere.
#include "core/auth/SecretStore.h"

#include "DiskScan.h"
#include "TestMain.h"

#include <QDir>
#include <QDirIterator>
#include <QRandomGenerator>
#include <QSignalSpy>

using roomwarden::auth::SecretStore;

class TestSecretStoreUnavailable : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void reportsUnavailableWithAReason();
    void writeFailsAndNothingReachesDisk();
};

void TestSecretStoreUnavailable::reportsUnavailableWithAReason()
{
    SecretStore store;
    QSignalSpy spy(&store, &SecretStore::availabilityChanged);
    store.checkAvailability();
    QTRY_COMPARE_WITH_TIMEOUT(store.availability(), SecretStore::Availability::Unavailable, 15000);
    QVERIFY(!store.unavailableReason().isEmpty());
    QVERIFY(spy.count() >= 2); // Checking, then Unavailable
    QCOMPARE(spy.last().at(0).value<SecretStore::Availability>(),
             SecretStore::Availability::Unavailable);
}

void TestSecretStoreUnavailable::writeFailsAndNothingReachesDisk()
{
    SecretStore store;
    QByteArray secret;
    for (int i = 0; i < 40; ++i)
        secret += char('a' + QRandomGenerator::global()->bounded(26));
    std::optional<SecretStore::Result> result;
    store.write(QStringLiteral("twitch:12345"), secret,
                [&](const SecretStore::Result &r) { result = r; });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 15000);
    QCOMPARE(result->status, SecretStore::Status::Unavailable);
    QVERIFY(!result->error.isEmpty());
    QCOMPARE(store.availability(), SecretStore::Availability::Unavailable);
    QVERIFY(roomwarden::test::filesContaining(QDir::homePath(), {secret}).isEmpty());
    // Not even an empty settings file: a plaintext fallback would have created one.
    QDirIterator it(QDir::homePath(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    QStringList files;
    while (it.hasNext())
        files << it.next();
    QVERIFY2(files.isEmpty(), qPrintable(files.join(u", ")));
}

ROOMWARDEN_TEST_MAIN_CORE(TestSecretStoreUnavailable)
#include "TestSecretStoreUnavailable.moc"
