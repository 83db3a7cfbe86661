#include "core/providers/twitch/TwitchEndpoints.h"

namespace roomwarden::twitch {

TwitchEndpoints TwitchEndpoints::production(const QString &clientId)
{
    TwitchEndpoints e;
    // specs/twitch.md §2.1, §3.1, §4.1.
    e.idBase = QUrl(QStringLiteral("https://id.twitch.tv"));
    e.helixBase = QUrl(QStringLiteral("https://api.twitch.tv/helix"));
    e.eventSubUrl = QUrl(QStringLiteral("wss://eventsub.wss.twitch.tv/ws"));
    e.clientId = clientId;
    return e;
}

TwitchEndpoints TwitchEndpoints::sandboxProfile(const QUrl &idBase, const QUrl &helixBase,
                                                const QUrl &eventSubUrl,
                                                const QSslCertificate &pinned,
                                                const QString &clientId, bool allowDebugHttp)
{
    TwitchEndpoints e;
    e.idBase = idBase;
    e.helixBase = helixBase;
    e.eventSubUrl = eventSubUrl;
    e.clientId = clientId;
    e.tls = net::TlsPolicy::pinned(pinned, QStringLiteral("127.0.0.1"));
    e.egress = net::EgressPolicy::sandbox({idBase, helixBase, eventSubUrl}, allowDebugHttp);
    e.sandbox = true;
    return e;
}

QUrl TwitchEndpoints::join(const QUrl &base, const QString &path)
{
    QUrl url = base;
    QString basePath = url.path();
    while (basePath.endsWith(u'/'))
        basePath.chop(1);
    url.setPath(QString(basePath + path));
    return url;
}

} // namespace roomwarden::twitch
