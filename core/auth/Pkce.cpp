#include "core/auth/Pkce.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

namespace roomwarden::auth {

QByteArray Pkce::randomBytes(int count)
{
    if (count <= 0)
        return {};
    QByteArray out(count, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(out.data()), count) != 1)
        return {};
    return out;
}

QString Pkce::base64Url(const QByteArray &bytes)
{
    return QString::fromLatin1(
        bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString Pkce::generateVerifier(int length)
{
    length = std::clamp(length, kMinVerifierLength, kMaxVerifierLength);
    // 3 bytes become 4 characters; draw enough and cut to the exact length.
    const QByteArray bytes = randomBytes((length * 3 + 3) / 4);
    if (bytes.isEmpty())
        return {};
    return base64Url(bytes).left(length);
}

QString Pkce::generateState()
{
    const QByteArray bytes = randomBytes(kStateBytes);
    return bytes.isEmpty() ? QString() : base64Url(bytes);
}

bool Pkce::isValidVerifier(QStringView verifier)
{
    if (verifier.size() < kMinVerifierLength || verifier.size() > kMaxVerifierLength)
        return false;
    for (const QChar c : verifier) {
        const char16_t u = c.unicode();
        const bool unreserved = (u >= u'A' && u <= u'Z') || (u >= u'a' && u <= u'z') ||
                                (u >= u'0' && u <= u'9') || u == u'-' || u == u'.' || u == u'_' ||
                                u == u'~';
        if (!unreserved)
            return false;
    }
    return true;
}

QString Pkce::challengeS256(QStringView verifier)
{
    if (!isValidVerifier(verifier))
        return {};
    const QByteArray ascii = verifier.toLatin1();
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digestLength = 0;
    if (EVP_Digest(ascii.constData(), size_t(ascii.size()), digest, &digestLength, EVP_sha256(),
                   nullptr) != 1) {
        return {};
    }
    return base64Url(QByteArray(reinterpret_cast<const char *>(digest), int(digestLength)));
}

} // namespace roomwarden::auth
