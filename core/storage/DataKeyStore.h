#pragma once
#include "core/auth/SecretStore.h"
#include "core/storage/StorageError.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>

namespace roomwarden::storage {

// The data key that FieldCipher uses lives only in the system keychain, through SecretStore
// (whose service decides "roomwarden" or "roomwarden-sandbox"). load() answers the key, making
// and storing one on first use.
//
// There is no fallback: when the keychain is unavailable the answer is KeyUnavailable with the
// keychain's reason, never a key in a file or in the database. A keychain entry that is not a
// 32-byte key is reported, never overwritten: replacing it would make every field sealed with
// the old key unreadable.
class DataKeyStore : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(Result<QByteArray>)>;

    explicit DataKeyStore(auth::SecretStore *store,
                          QString keyName = QStringLiteral("storage:data-key"),
                          QObject *parent = nullptr);

    QString keyName() const { return m_keyName; }

    // Asynchronous. Calls made while a load is under way wait for it, so one process never
    // makes two keys. The caller wipes its copy of the key when done with it.
    void load(Callback done);

private:
    void onRead(const auth::SecretStore::Result &r);
    void create();
    void onReadBack(const QByteArray &written, const auth::SecretStore::Result &r);
    bool acceptKey(const QByteArray &secret);
    void answer(const Result<QByteArray> &result);

    auth::SecretStore *m_store;
    QString m_keyName;
    QList<Callback> m_waiting;
};

} // namespace roomwarden::storage
