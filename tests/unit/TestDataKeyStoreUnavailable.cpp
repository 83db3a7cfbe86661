// Runs with DBUS_SESSION_BUS_ADDRESS pointing nowhere (see tests/unit/CMakeLists.txt): there
// is no keychain, so there is no data key — and no key anywhere else either.
#include "core/auth/SecretStore.h"
#include "core/storage/DataKeyStore.h"

#include "TestMain.h"

#include <QDir>
#include <QDirIterator>

using roomwarden::auth::SecretStore;
using namespace roomwarden::storage;

class TestDataKeyStoreUnavailable : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void loadReportsKeyUnavailableAndWritesNothing();
};

void TestDataKeyStoreUnavailable::loadReportsKeyUnavailableAndWritesNothing()
{
    SecretStore store;
    DataKeyStore keys(&store);
    QCOMPARE(keys.keyName(), QStringLiteral("storage:data-key"));
    QList<Result<QByteArray>> answers;
    for (int i = 0; i < 2; ++i)
        keys.load([&](Result<QByteArray> r) { answers << std::move(r); });
    QTRY_COMPARE_WITH_TIMEOUT(answers.size(), 2, 15000);
    for (const auto &r : std::as_const(answers)) {
        QVERIFY(!r.ok());
        QCOMPARE(r.error->code, StorageError::Code::KeyUnavailable);
        QVERIFY(!r.error->message.isEmpty());
    }
    // The keychain's own reason reaches the caller.
    QCOMPARE(store.availability(), SecretStore::Availability::Unavailable);
    QCOMPARE(answers.at(0).error->message, store.unavailableReason());

    // No fallback: not a key file, not a settings file, nothing at all under HOME.
    QDirIterator it(QDir::homePath(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    QStringList files;
    while (it.hasNext())
        files << it.next();
    QVERIFY2(files.isEmpty(), qPrintable(files.join(u", ")));
}

ROOMWARDEN_TEST_MAIN_CORE(TestDataKeyStoreUnavailable)
#include "TestDataKeyStoreUnavailable.moc"
