#pragma once
#include "core/storage/StorageError.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

typedef struct evp_cipher_ctx_st EVP_CIPHER_CTX;

namespace roomwarden::storage {

// Encrypts one field of personal text (a message body, a display name, a note, a reason) for
// the database: AES-256-GCM with a fresh random nonce per value. The sealed blob describes
// itself:
//
//   version (1 byte, 0x01) | key id (4) | nonce (12) | ciphertext (n) | tag (16)
//
// The key id is the first 4 bytes of SHA-256(key), so a value sealed with another key is told
// apart from a damaged or tampered one. The tag covers the version, the key id and the
// caller's associated data: pass something that names the field's place (for example
// "journal.reason:<intentId>") so that a blob copied into another row does not open.
class FieldCipher
{
public:
    static constexpr int kKeySize = 32;
    static constexpr int kKeyIdSize = 4;
    static constexpr int kNonceSize = 12;
    static constexpr int kTagSize = 16;
    static constexpr int kHeaderSize = 1 + kKeyIdSize + kNonceSize;
    static constexpr int kOverhead = kHeaderSize + kTagSize;
    static constexpr char kVersion = 0x01;

    // `key32` must be 32 bytes (see isValid()); the cipher keeps its own copy and wipes it.
    explicit FieldCipher(QByteArray key32);
    ~FieldCipher();
    FieldCipher(FieldCipher &&other) noexcept;
    FieldCipher &operator=(FieldCipher &&other) noexcept;
    FieldCipher(const FieldCipher &) = delete;
    FieldCipher &operator=(const FieldCipher &) = delete;

    bool isValid() const { return m_key.size() == kKeySize; }
    QByteArray keyId() const { return m_keyId; }
    static QByteArray keyIdOf(QByteArrayView key);

    // An empty QByteArray when the cipher has no valid key or OpenSSL fails (logged); a null
    // or empty plaintext gives a normal sealed blob.
    QByteArray seal(QStringView plaintext, QByteArrayView associatedData = {}) const;
    // Crypto: damaged, truncated, tampered, or the wrong associated data.
    // KeyUnavailable: sealed with another key (the message says so), or no valid key here.
    Result<QString> open(QByteArrayView sealed, QByteArrayView associatedData = {}) const;

    // 32 bytes from OpenSSL's CSPRNG; empty if it fails.
    static QByteArray generateKey();

private:
    void wipe();
    bool nextNonce(char *out) const;
    EVP_CIPHER_CTX *encryptContext() const;

    QByteArray m_key;
    QByteArray m_keyId;
    // Sealing is the analytics writer's hot path: the AES key schedule is set up once in a kept
    // context (only the nonce changes per value) and nonces come from a pool filled by one
    // RAND_bytes call per 4 KiB instead of one call per value. Hence: one FieldCipher per
    // thread (each thread that seals holds its own).
    mutable EVP_CIPHER_CTX *m_encrypt = nullptr;
    mutable QByteArray m_noncePool;
    mutable qsizetype m_nonceUsed = 0;
};

} // namespace roomwarden::storage
