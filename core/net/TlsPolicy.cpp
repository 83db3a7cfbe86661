#include "core/net/TlsPolicy.h"

#include <QSslSocket>

namespace roomwarden::net {

TlsPolicy TlsPolicy::system()
{
    return TlsPolicy();
}

TlsPolicy TlsPolicy::pinned(const QSslCertificate &certificate, const QString &host)
{
    TlsPolicy p;
    p.m_pinned = true;
    p.m_certificate = certificate;
    p.m_host = host;
    return p;
}

TlsPolicy TlsPolicy::pinnedPem(const QByteArray &pem, const QString &host)
{
    const QList<QSslCertificate> certs = QSslCertificate::fromData(pem, QSsl::Pem);
    // Exactly one certificate: a bundle would widen the trust the profile grants.
    return pinned(certs.size() == 1 ? certs.first() : QSslCertificate(), host);
}

bool TlsPolicy::mayConnect(const QUrl &url) const
{
    if (!m_pinned)
        return true;
    return !m_certificate.isNull() && url.host() == m_host;
}

QSslConfiguration TlsPolicy::configurationFor(const QUrl &url) const
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setPeerVerifyMode(QSslSocket::VerifyPeer);
    config.setProtocol(QSsl::SecureProtocols);
    if (m_pinned) {
        // Replace (not extend) the CA list: the pinned certificate is the only trust anchor.
        config.setCaCertificates(mayConnect(url) ? QList<QSslCertificate>{m_certificate}
                                                 : QList<QSslCertificate>{});
    }
    return config;
}

bool TlsPolicy::acceptsPeer(const QUrl &url, const QSslCertificate &peer) const
{
    if (!m_pinned)
        return true;
    return mayConnect(url) && !peer.isNull() && peer == m_certificate;
}

} // namespace roomwarden::net
