// Against a real Secret Service: scripts/testenv runs gnome-keyring on a private D-Bus.
#include "core/auth/SecretStore.h"
#include "core/storage/Database.h"
#include "core/storage/DataKeyStore.h"
#include "core/storage/FieldCipher.h"

#include "DiskScan.h"
#include "TestMain.h"

#include <QDir>
#include <QRandomGenerator>

using roomwarden::auth::SecretStore;
using namespace roomwarden::storage;

namespace {
QString uniqueKeyName()
{
    return QStringLiteral("storage:data-key-test-%1").arg(QRandomGenerator::global()->generate64());
}

std::optional<Result<QByteArray>> loadSync(DataKeyStore &keys)
{
    std::optional<Result<QByteArray>> out;
    keys.load([&](Result<QByteArray> r) { out = std::move(r); });
    if (!QTest::qWaitFor([&] { return out.has_value(); }, 15000))
        return std::nullopt;
    return out;
}

SecretStore::Result storeSync(const std::function<void(SecretStore::Callback)> &op)
{
    std::optional<SecretStore::Result> result;
    op([&](const SecretStore::Result &r) { result = r; });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 15000))
        return {SecretStore::Status::Failed, QStringLiteral("timed out"), std::nullopt};
    return *result;
}

QString errorText(const std::optional<Result<QByteArray>> &r)
{
    if (!r)
        return QStringLiteral("timed out");
    return r->error ? r->error->message : QString();
}
} // namespace

class TestDataKeyStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup();
    void firstLoadCreatesAKeyThatLasts();
    void loadsAtOnceShareOneKey();
    void damagedEntryIsReportedNotReplaced();
    void servicesHaveSeparateKeys();
    void keyNeverReachesAFile();

private:
    // Every entry a test made, removed afterwards: (service, key).
    QList<std::pair<QString, QString>> m_made;
    QString track(const QString &service, const QString &key)
    {
        m_made.append({service, key});
        return key;
    }
};

void TestDataKeyStore::cleanup()
{
    for (const auto &[service, key] : std::as_const(m_made)) {
        SecretStore store(service);
        storeSync([&](auto cb) { store.remove(key, cb); });
    }
    m_made.clear();
}

void TestDataKeyStore::firstLoadCreatesAKeyThatLasts()
{
    SecretStore store;
    const QString name = track(QStringLiteral("roomwarden"), uniqueKeyName());
    QCOMPARE(storeSync([&](auto cb) { store.read(name, cb); }).status,
             SecretStore::Status::NotFound);

    DataKeyStore keys(&store, name);
    QCOMPARE(keys.keyName(), name);
    const auto first = loadSync(keys);
    QVERIFY2(first && first->ok(), qPrintable(errorText(first)));
    QCOMPARE((*first)->size(), 32);
    QVERIFY(**first != QByteArray(32, '\0'));

    // It is the keychain's entry...
    const auto raw = storeSync([&](auto cb) { store.read(name, cb); });
    QCOMPARE(raw.status, SecretStore::Status::Ok);
    QCOMPARE(raw.secret, **first);

    // ...and a restarted app (new store, new DataKeyStore) loads the same key.
    SecretStore again;
    DataKeyStore keysAgain(&again, name);
    const auto second = loadSync(keysAgain);
    QVERIFY2(second && second->ok(), qPrintable(errorText(second)));
    QCOMPARE(**second, **first);
    // And loading twice on one instance, too.
    QCOMPARE(**loadSync(keys), **first);
}

void TestDataKeyStore::loadsAtOnceShareOneKey()
{
    SecretStore store;
    const QString name = track(QStringLiteral("roomwarden"), uniqueKeyName());
    DataKeyStore keys(&store, name);
    QList<QByteArray> answers;
    for (int i = 0; i < 3; ++i)
        keys.load([&](Result<QByteArray> r) { answers << r.value.value_or(QByteArray()); });
    QTRY_COMPARE_WITH_TIMEOUT(answers.size(), 3, 15000);
    QCOMPARE(answers.at(0).size(), 32);
    QCOMPARE(answers.at(1), answers.at(0));
    QCOMPARE(answers.at(2), answers.at(0));
    QCOMPARE(storeSync([&](auto cb) { store.read(name, cb); }).secret, answers.at(0));
}

void TestDataKeyStore::damagedEntryIsReportedNotReplaced()
{
    SecretStore store;
    const QString name = track(QStringLiteral("roomwarden"), uniqueKeyName());
    const QByteArray damaged("short");
    QCOMPARE(storeSync([&](auto cb) { store.write(name, damaged, cb); }).status,
             SecretStore::Status::Ok);
    DataKeyStore keys(&store, name);
    const auto r = loadSync(keys);
    QVERIFY(r);
    QVERIFY(!r->ok());
    QCOMPARE(r->error->code, StorageError::Code::KeyUnavailable);
    QVERIFY(!r->error->message.isEmpty());
    // Replacing it would lose every field sealed with the real key.
    QCOMPARE(storeSync([&](auto cb) { store.read(name, cb); }).secret, damaged);
}

void TestDataKeyStore::servicesHaveSeparateKeys()
{
    const QString name = uniqueKeyName();
    track(QStringLiteral("roomwarden"), name);
    track(QStringLiteral("roomwarden-sandbox"), name);
    SecretStore real;
    SecretStore sandbox(QStringLiteral("roomwarden-sandbox"));
    DataKeyStore realKeys(&real, name);
    DataKeyStore sandboxKeys(&sandbox, name);
    const auto a = loadSync(realKeys);
    const auto b = loadSync(sandboxKeys);
    QVERIFY(a && a->ok() && b && b->ok());
    QVERIFY(**a != **b);
}

void TestDataKeyStore::keyNeverReachesAFile()
{
    SecretStore store;
    const QString name = track(QStringLiteral("roomwarden"), uniqueKeyName());
    DataKeyStore keys(&store, name);
    const auto key = loadSync(keys);
    QVERIFY2(key && key->ok(), qPrintable(errorText(key)));

    // Use it the way the app does: sealed fields in a database inside HOME.
    const FieldCipher cipher(**key);
    const QString secretText =
        QStringLiteral("private note %1").arg(QRandomGenerator::global()->generate());
    {
        Schema schema{QStringLiteral("leak"),
                      {Migration::fromSql(1, QStringLiteral("t"),
                                          QStringLiteral("CREATE TABLE t (body BLOB)"))}};
        auto db = Database::open(QDir::home().filePath(QStringLiteral("data/leak.sqlite")), schema);
        QVERIFY(db.ok());
        auto insert = (*db)->prepare(QStringLiteral("INSERT INTO t (body) VALUES (?1)"));
        QVERIFY(!insert->bind(1, cipher.seal(secretText, "t.body")).run());
    }

    const QStringList roots{QDir::homePath(), qEnvironmentVariable("ROOMWARDEN_TESTENV_ROOT")};
    QVERIFY2(!roots.at(1).isEmpty(), "run inside scripts/testenv");
    for (const QString &root : roots) {
        const QStringList hits =
            roomwarden::test::filesContaining(root, {**key, secretText.toUtf8()});
        QVERIFY2(hits.isEmpty(), qPrintable(hits.join(u", ")));
    }
}

ROOMWARDEN_TEST_MAIN_CORE(TestDataKeyStore)
#include "TestDataKeyStore.moc"
