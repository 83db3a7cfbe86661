#pragma once
#include <QByteArray>
#include <QString>
#include <QStringView>

namespace roomwarden::auth {

// Proof Key for Code Exchange (RFC 7636) and the `state` value, from OpenSSL's CSPRNG.
// Every generator returns an empty string when RAND_bytes fails: callers must treat that as a
// fatal error of the sign-in attempt, never fall back to a weaker generator.
class Pkce
{
public:
    static constexpr int kMinVerifierLength = 43;  // RFC 7636 §4.1
    static constexpr int kMaxVerifierLength = 128; // RFC 7636 §4.1
    // 64 characters = 384 bits of entropy, above §7.1's recommended 256 bits.
    static constexpr int kDefaultVerifierLength = 64;
    static constexpr int kStateBytes = 32;

    Pkce() = delete;

    // A code_verifier of `length` (clamped to 43..128) characters of base64url alphabet,
    // which is a subset of §4.1's unreserved characters.
    static QString generateVerifier(int length = kDefaultVerifierLength);
    // code_challenge = BASE64URL(SHA256(ASCII(code_verifier))), §4.2. Empty for an invalid
    // verifier (wrong length or characters outside §4.1's set).
    static QString challengeS256(QStringView verifier);
    // An opaque `state` for RFC 6749 §10.12 (CSRF): 256 random bits, base64url.
    static QString generateState();

    static bool isValidVerifier(QStringView verifier);
    // `count` bytes from RAND_bytes; empty on failure.
    static QByteArray randomBytes(int count);
    static QString base64Url(const QByteArray &bytes); // no padding (§3, Appendix A)
    static constexpr QStringView kMethod = u"S256";
};

} // namespace roomwarden::auth
