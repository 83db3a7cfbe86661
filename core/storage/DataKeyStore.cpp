#include "core/storage/DataKeyStore.h"

#include "core/storage/FieldCipher.h"
#include "core/util/Logging.h"

#include <openssl/crypto.h>
#include <QCoreApplication>
#include <QPointer>

#include <utility>

namespace roomwarden::storage {

namespace {
using KeyStatus = auth::SecretStore::Status;

StorageError keyError(const QString &message)
{
    StorageError e;
    e.code = StorageError::Code::KeyUnavailable;
    e.message = message;
    return e;
}

QString trKey(const char *text)
{
    return QCoreApplication::translate("roomwarden::storage::DataKeyStore", text);
}

QString reasonOr(const QString &reason, const char *fallback)
{
    return reason.isEmpty() ? trKey(fallback) : reason;
}

void wipe(QByteArray &bytes)
{
    if (!bytes.isEmpty())
        OPENSSL_cleanse(bytes.data(), size_t(bytes.size()));
    bytes.clear();
}
} // namespace

DataKeyStore::DataKeyStore(auth::SecretStore *store, QString keyName, QObject *parent)
    : QObject(parent), m_store(store), m_keyName(std::move(keyName))
{}

void DataKeyStore::load(Callback done)
{
    m_waiting.append(std::move(done));
    if (m_waiting.size() > 1)
        return; // a load is under way and answers everyone
    if (!m_store) {
        answer(keyError(trKey("There is no system keychain to keep the data key in.")));
        return;
    }
    // The store may answer after this object is gone.
    QPointer<DataKeyStore> self(this);
    m_store->read(m_keyName, [self](const auth::SecretStore::Result &r) {
        if (self)
            self->onRead(r);
    });
}

void DataKeyStore::onRead(const auth::SecretStore::Result &r)
{
    switch (r.status) {
    case KeyStatus::Ok:
        acceptKey(r.secret.value_or(QByteArray()));
        return;
    case KeyStatus::NotFound:
        create();
        return;
    case KeyStatus::Unavailable:
    case KeyStatus::Failed:
        break;
    }
    answer(keyError(reasonOr(r.error, "The system keychain is not available.")));
}

void DataKeyStore::create()
{
    QByteArray key = FieldCipher::generateKey();
    if (key.isEmpty()) {
        answer(keyError(trKey("Roomwarden could not make a data key.")));
        return;
    }
    qCInfo(lcStorage) << "no data key in the keychain entry" << m_keyName << "; making one";
    QPointer<DataKeyStore> self(this);
    m_store->write(m_keyName, key, [self, key](const auth::SecretStore::Result &w) mutable {
        if (!self || w.status != KeyStatus::Ok) {
            wipe(key);
            if (self)
                self->answer(keyError(reasonOr(w.error, "The keychain did not store the key.")));
            return;
        }
        // The key counts only once the keychain really gives it back.
        self->m_store->read(self->m_keyName,
                            [self, key](const auth::SecretStore::Result &back) mutable {
                                if (self)
                                    self->onReadBack(key, back);
                                wipe(key);
                            });
        wipe(key);
    });
    wipe(key);
}

void DataKeyStore::onReadBack(const QByteArray &written, const auth::SecretStore::Result &r)
{
    if (r.status == KeyStatus::NotFound) {
        answer(keyError(trKey("The system keychain did not keep the data key.")));
        return;
    }
    if (r.status != KeyStatus::Ok) {
        answer(keyError(reasonOr(r.error, "The system keychain is not available.")));
        return;
    }
    if (acceptKey(r.secret.value_or(QByteArray())) && *r.secret != written)
        qCInfo(lcStorage) << "another process stored a data key first; using that one";
}

bool DataKeyStore::acceptKey(const QByteArray &secret)
{
    if (secret.size() == FieldCipher::kKeySize) {
        answer(secret);
        return true;
    }
    // The entry name is an identifier, not a secret; the bytes are never logged.
    qCWarning(lcStorage) << "the keychain entry" << m_keyName << "does not hold a data key ("
                         << secret.size() << "bytes )";
    answer(keyError(trKey("The data key in the system keychain is damaged, so encrypted text "
                          "cannot be read. Roomwarden did not replace it.")));
    return false;
}

void DataKeyStore::answer(const Result<QByteArray> &result)
{
    const QList<Callback> waiting = std::exchange(m_waiting, {});
    for (const Callback &done : waiting)
        if (done)
            done(result);
}

} // namespace roomwarden::storage
