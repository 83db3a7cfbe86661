#pragma once
// A throw-away TLS identity generated at sandbox start: an EC P-256 key and a self-signed X.509
// certificate for 127.0.0.1/localhost, valid for a few days. Clients trust it only by pinning it
// (ARCHITECTURE.md, "The sandbox and demo mode"); it is never written to disk by the sandbox.
#include <QByteArray>
#include <QSslCertificate>
#include <QSslKey>
#include <QString>

namespace roomwarden::sandbox {

class Certificate
{
public:
    // Generates a fresh key and certificate. False (with *error) if OpenSSL fails.
    bool generate(QString *error);

    bool isValid() const { return !m_certificate.isNull() && !m_key.isNull(); }
    QByteArray certificatePem() const { return m_certificatePem; }
    QByteArray keyPem() const { return m_keyPem; }
    QSslCertificate certificate() const { return m_certificate; }
    QSslKey key() const { return m_key; }

private:
    QByteArray m_certificatePem;
    QByteArray m_keyPem;
    QSslCertificate m_certificate;
    QSslKey m_key;
};

} // namespace roomwarden::sandbox
