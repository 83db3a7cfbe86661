#include "core/storage/FieldCipher.h"

#include "core/util/Logging.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <QCoreApplication>
#include <QCryptographicHash>

#include <limits>
#include <memory>
#include <utility>

namespace roomwarden::storage {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("roomwarden::storage::FieldCipher", text);
}

StorageError cryptoError(StorageError::Code code, const char *text)
{
    StorageError e;
    e.code = code;
    e.message = tr(text);
    return e;
}

struct CtxDeleter
{
    void operator()(EVP_CIPHER_CTX *ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
using Ctx = std::unique_ptr<EVP_CIPHER_CTX, CtxDeleter>;

const unsigned char *bytes(const char *p)
{
    return reinterpret_cast<const unsigned char *>(p);
}

unsigned char *bytes(char *p)
{
    return reinterpret_cast<unsigned char *>(p);
}

// The tag authenticates the blob's header together with the caller's associated data. The
// header has a fixed length, so the concatenation is unambiguous.
bool feedAad(EVP_CIPHER_CTX *ctx, QByteArrayView header, QByteArrayView ad, bool encrypt)
{
    for (QByteArrayView part : {header, ad}) {
        if (part.isEmpty())
            continue;
        int outLen = 0;
        const int ok =
            encrypt
                ? EVP_EncryptUpdate(ctx, nullptr, &outLen, bytes(part.data()), int(part.size()))
                : EVP_DecryptUpdate(ctx, nullptr, &outLen, bytes(part.data()), int(part.size()));
        if (ok != 1)
            return false;
    }
    return true;
}
} // namespace

FieldCipher::FieldCipher(QByteArray key32)
    // A deep copy, so that wiping it never touches a buffer shared with the caller.
    : m_key(key32.constData(), key32.size())
{
    if (isValid())
        m_keyId = keyIdOf(m_key);
    else
        wipe();
}

FieldCipher::~FieldCipher()
{
    wipe();
}

FieldCipher::FieldCipher(FieldCipher &&other) noexcept
    : m_key(std::exchange(other.m_key, QByteArray())),
      m_keyId(std::exchange(other.m_keyId, QByteArray())),
      m_encrypt(std::exchange(other.m_encrypt, nullptr)),
      m_noncePool(std::exchange(other.m_noncePool, QByteArray())),
      m_nonceUsed(std::exchange(other.m_nonceUsed, 0))
{}

FieldCipher &FieldCipher::operator=(FieldCipher &&other) noexcept
{
    if (this != &other) {
        wipe();
        m_key = std::exchange(other.m_key, QByteArray());
        m_keyId = std::exchange(other.m_keyId, QByteArray());
        m_encrypt = std::exchange(other.m_encrypt, nullptr);
        m_noncePool = std::exchange(other.m_noncePool, QByteArray());
        m_nonceUsed = std::exchange(other.m_nonceUsed, 0);
    }
    return *this;
}

void FieldCipher::wipe()
{
    if (!m_key.isEmpty())
        OPENSSL_cleanse(m_key.data(), size_t(m_key.size()));
    m_key.clear();
    m_keyId.clear();
    // The context holds the expanded key: EVP_CIPHER_CTX_free cleanses it.
    EVP_CIPHER_CTX_free(std::exchange(m_encrypt, nullptr));
    m_noncePool.clear();
    m_nonceUsed = 0;
}

bool FieldCipher::nextNonce(char *out) const
{
    constexpr qsizetype kPool = 4096 - 4096 % kNonceSize;
    if (m_noncePool.size() != kPool || m_nonceUsed + kNonceSize > kPool) {
        m_noncePool.resize(kPool);
        if (RAND_bytes(bytes(m_noncePool.data()), int(kPool)) != 1) {
            m_noncePool.clear();
            return false;
        }
        m_nonceUsed = 0;
    }
    std::copy_n(m_noncePool.constData() + m_nonceUsed, kNonceSize, out);
    // Each nonce is handed out once: overwrite it in the pool.
    OPENSSL_cleanse(m_noncePool.data() + m_nonceUsed, size_t(kNonceSize));
    m_nonceUsed += kNonceSize;
    return true;
}

EVP_CIPHER_CTX *FieldCipher::encryptContext() const
{
    if (m_encrypt)
        return m_encrypt;
    Ctx ctx(EVP_CIPHER_CTX_new());
    if (!ctx || EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, kNonceSize, nullptr) != 1 ||
        EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, bytes(m_key.constData()), nullptr) != 1)
        return nullptr;
    m_encrypt = ctx.release();
    return m_encrypt;
}

QByteArray FieldCipher::keyIdOf(QByteArrayView key)
{
    return QCryptographicHash::hash(key, QCryptographicHash::Sha256).left(kKeyIdSize);
}

QByteArray FieldCipher::generateKey()
{
    QByteArray key(kKeySize, Qt::Uninitialized);
    if (RAND_bytes(bytes(key.data()), kKeySize) != 1) {
        qCWarning(lcStorage) << "the system's random generator failed; no data key was made";
        return QByteArray();
    }
    return key;
}

QByteArray FieldCipher::seal(QStringView plaintext, QByteArrayView associatedData) const
{
    if (!isValid()) {
        qCWarning(lcStorage) << "sealing without a valid data key";
        return QByteArray();
    }
    const QByteArray clear = plaintext.toUtf8();
    if (clear.size() > std::numeric_limits<int>::max() - kOverhead ||
        associatedData.size() > std::numeric_limits<int>::max())
        return QByteArray();

    QByteArray out(kOverhead + clear.size(), Qt::Uninitialized);
    out[0] = kVersion;
    std::copy(m_keyId.cbegin(), m_keyId.cend(), out.begin() + 1);
    char *nonce = out.data() + 1 + kKeyIdSize;
    if (!nextNonce(nonce)) {
        qCWarning(lcStorage) << "the system's random generator failed; nothing was sealed";
        return QByteArray();
    }

    EVP_CIPHER_CTX *ctx = encryptContext();
    int len = 0;
    int finalLen = 0;
    char *cipher = out.data() + kHeaderSize;
    // Same key, new nonce: only the IV is set again (the key schedule is kept).
    const bool ok =
        ctx && EVP_EncryptInit_ex(ctx, nullptr, nullptr, nullptr, bytes(nonce)) == 1 &&
        feedAad(ctx, QByteArrayView(out.constData(), kHeaderSize), associatedData, true) &&
        (clear.isEmpty() || EVP_EncryptUpdate(ctx, bytes(cipher), &len, bytes(clear.constData()),
                                              int(clear.size())) == 1) &&
        EVP_EncryptFinal_ex(ctx, bytes(cipher + len), &finalLen) == 1 &&
        len + finalLen == clear.size() &&
        EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, kTagSize,
                            out.data() + kHeaderSize + clear.size()) == 1;
    if (!ok) {
        qCWarning(lcStorage) << "OpenSSL failed to seal a field";
        // Start from a fresh context next time rather than reuse one in an unknown state.
        EVP_CIPHER_CTX_free(std::exchange(m_encrypt, nullptr));
        return QByteArray();
    }
    return out;
}

Result<QString> FieldCipher::open(QByteArrayView sealed, QByteArrayView associatedData) const
{
    if (!isValid())
        return cryptoError(StorageError::Code::KeyUnavailable,
                           "This text is encrypted and the data key is not available.");
    if (sealed.size() < kOverhead || sealed.size() > std::numeric_limits<int>::max())
        return cryptoError(StorageError::Code::Crypto, "This encrypted text is damaged.");
    if (sealed.at(0) != kVersion)
        return cryptoError(StorageError::Code::Crypto,
                           "This encrypted text is in a format this Roomwarden does not know.");
    if (sealed.sliced(1, kKeyIdSize) != QByteArrayView(m_keyId))
        return cryptoError(StorageError::Code::KeyUnavailable,
                           "This text was encrypted with a different data key, which is no "
                           "longer in the system keychain. It cannot be read.");

    const qsizetype cipherLen = sealed.size() - kOverhead;
    const char *nonce = sealed.data() + 1 + kKeyIdSize;
    const char *cipher = sealed.data() + kHeaderSize;
    // EVP wants a writable tag buffer.
    QByteArray tag(sealed.data() + kHeaderSize + cipherLen, kTagSize);
    QByteArray clear(cipherLen, Qt::Uninitialized);

    Ctx ctx(EVP_CIPHER_CTX_new());
    int len = 0;
    int finalLen = 0;
    const bool ok =
        ctx && EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, kNonceSize, nullptr) == 1 &&
        EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, bytes(m_key.constData()), bytes(nonce)) ==
            1 &&
        feedAad(ctx.get(), sealed.first(kHeaderSize), associatedData, false) &&
        (cipherLen == 0 || EVP_DecryptUpdate(ctx.get(), bytes(clear.data()), &len, bytes(cipher),
                                             int(cipherLen)) == 1) &&
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagSize, tag.data()) == 1 &&
        EVP_DecryptFinal_ex(ctx.get(), bytes(clear.data() + len), &finalLen) == 1 &&
        len + finalLen == cipherLen;
    if (!ok) {
        if (!clear.isEmpty())
            OPENSSL_cleanse(clear.data(), size_t(clear.size()));
        return cryptoError(StorageError::Code::Crypto,
                           "This encrypted text is damaged or does not belong here.");
    }
    return QString::fromUtf8(clear);
}

} // namespace roomwarden::storage
