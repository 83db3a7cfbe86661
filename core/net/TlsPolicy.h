#pragma once
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QString>
#include <QUrl>

namespace roomwarden::net {

// Which certificates a connection trusts (promise 3: tokens travel over verified TLS only).
//  - system(): the OS CA store, full peer and host-name verification (real Twitch);
//  - pinned(): exactly one certificate is trusted, and only for one host (the sandbox on
//    127.0.0.1, whose certificate is generated at start). Any other host gets an empty trust
//    store, so its handshake fails instead of silently falling back to the system CAs.
class TlsPolicy
{
public:
    static TlsPolicy system();
    static TlsPolicy pinned(const QSslCertificate &certificate,
                            const QString &host = QStringLiteral("127.0.0.1"));
    // Parses one PEM certificate; a null/invalid PEM yields a policy that trusts nothing.
    static TlsPolicy pinnedPem(const QByteArray &pem,
                               const QString &host = QStringLiteral("127.0.0.1"));

    bool isPinned() const { return m_pinned; }
    const QSslCertificate &pinnedCertificate() const { return m_certificate; }
    QString pinnedHost() const { return m_host; }

    // The configuration to use for a connection to `url`.
    QSslConfiguration configurationFor(const QUrl &url) const;
    // False when this policy can never trust a TLS peer at `url` (pinned policy, other host).
    bool mayConnect(const QUrl &url) const;
    // Defence in depth after the handshake: with a pinned policy the peer must present exactly
    // the pinned certificate (not merely one that chains to it).
    bool acceptsPeer(const QUrl &url, const QSslCertificate &peer) const;

private:
    TlsPolicy() = default;
    bool m_pinned = false;
    QSslCertificate m_certificate;
    QString m_host;
};

} // namespace roomwarden::net
