#pragma once
#include "core/net/EgressPolicy.h"
#include "core/net/TlsPolicy.h"

#include <QSslCertificate>
#include <QString>
#include <QUrl>

namespace roomwarden::twitch {

// Where Twitch lives for this profile, and the TLS/egress policies that go with it. Either the
// real platform (system CAs; credentials only to Twitch's three hosts) or the local sandbox
// (one pinned certificate; credentials only to 127.0.0.1 on the sandbox's ports).
struct TwitchEndpoints
{
    QUrl idBase;      // https://id.twitch.tv     (+ /oauth2/...)
    QUrl helixBase;   // https://api.twitch.tv/helix
    QUrl eventSubUrl; // wss://eventsub.wss.twitch.tv/ws
    QString clientId;
    net::TlsPolicy tls = net::TlsPolicy::system();
    net::EgressPolicy egress = net::EgressPolicy::twitch();
    bool sandbox = false;

    static TwitchEndpoints production(const QString &clientId);
    // The sandbox profile. `allowDebugHttp` admits the sandbox's plain-http debug mode only.
    static TwitchEndpoints sandboxProfile(const QUrl &idBase, const QUrl &helixBase,
                                          const QUrl &eventSubUrl, const QSslCertificate &pinned,
                                          const QString &clientId, bool allowDebugHttp = false);

    // `base` + `path` (path starts with '/'), e.g. helix(u"/users").
    static QUrl join(const QUrl &base, const QString &path);
    QUrl id(const QString &path) const { return join(idBase, path); }
    QUrl helix(const QString &path) const { return join(helixBase, path); }
};

} // namespace roomwarden::twitch
