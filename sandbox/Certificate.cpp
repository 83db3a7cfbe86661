#include "sandbox/Certificate.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace roomwarden::sandbox {

namespace {

template <typename T, void (*Free)(T *)>
struct Deleter
{
    void operator()(T *p) const { Free(p); }
};
using PKeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using ExtPtr = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION, X509_EXTENSION_free>>;
void bioFree(BIO *b)
{
    BIO_free(b);
}
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, bioFree>>;

QString opensslError(const char *what)
{
    const unsigned long code = ERR_get_error();
    char buf[256] = {};
    ERR_error_string_n(code, buf, sizeof buf);
    return QStringLiteral("%1: %2").arg(QLatin1String(what), QLatin1String(buf));
}

QByteArray drain(BIO *bio)
{
    char *data = nullptr;
    const long len = BIO_get_mem_data(bio, &data);
    return QByteArray(data, static_cast<qsizetype>(len));
}

bool addExtension(X509 *cert, int nid, const char *value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
    ExtPtr ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
    return ext && X509_add_ext(cert, ext.get(), -1) == 1;
}

} // namespace

bool Certificate::generate(QString *error)
{
    auto fail = [error](const char *what) {
        if (error)
            *error = opensslError(what);
        return false;
    };

    PKeyPtr key(EVP_EC_gen("P-256"));
    if (!key)
        return fail("EC key generation");

    X509Ptr cert(X509_new());
    if (!cert || X509_set_version(cert.get(), 2) != 1) // v3, needed for SAN
        return fail("X509_new");

    // A random positive 64-bit serial: every start is a different certificate.
    unsigned char serialBytes[8];
    if (RAND_bytes(serialBytes, sizeof serialBytes) != 1)
        return fail("RAND_bytes");
    serialBytes[0] &= 0x7f;
    BIGNUM *serial = BN_bin2bn(serialBytes, sizeof serialBytes, nullptr);
    const bool serialOk = serial && BN_to_ASN1_INTEGER(serial, X509_get_serialNumber(cert.get()));
    BN_free(serial);
    if (!serialOk)
        return fail("serial");

    // Short validity: one hour of clock skew back, three days forward (a demo session at most).
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 3L * 24 * 3600);
    if (X509_set_pubkey(cert.get(), key.get()) != 1)
        return fail("X509_set_pubkey");

    X509_NAME *name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char *>("Roomwarden sandbox"), -1,
                               -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char *>("127.0.0.1"), -1, -1, 0);
    X509_set_issuer_name(cert.get(), name);

    if (!addExtension(cert.get(), NID_subject_alt_name, "IP:127.0.0.1,DNS:localhost") ||
        !addExtension(cert.get(), NID_ext_key_usage, "serverAuth") ||
        !addExtension(cert.get(), NID_subject_key_identifier, "hash"))
        return fail("X509 extensions");

    if (X509_sign(cert.get(), key.get(), EVP_sha256()) <= 0)
        return fail("X509_sign");

    BioPtr certBio(BIO_new(BIO_s_mem()));
    BioPtr keyBio(BIO_new(BIO_s_mem()));
    if (!certBio || !keyBio || PEM_write_bio_X509(certBio.get(), cert.get()) != 1 ||
        PEM_write_bio_PrivateKey(keyBio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) !=
            1)
        return fail("PEM export");

    m_certificatePem = drain(certBio.get());
    m_keyPem = drain(keyBio.get());
    m_certificate = QSslCertificate(m_certificatePem, QSsl::Pem);
    m_key = QSslKey(m_keyPem, QSsl::Ec, QSsl::Pem, QSsl::PrivateKey);
    if (!isValid()) {
        if (error)
            *error = QStringLiteral("Qt could not load the generated certificate or key");
        return false;
    }
    return true;
}

} // namespace roomwarden::sandbox
