#pragma once
#include <QList>
#include <QString>
#include <QUrl>

#include <optional>

namespace roomwarden::net {

// Where credentials (Authorization, Client-Id, tokens or device codes in a body) may go:
// an allow-list of exact origins per provider (promise 3). Anything else gets no credentials.
//  - Twitch: https://id.twitch.tv, https://api.twitch.tv, wss://eventsub.wss.twitch.tv
//    (default ports only);
//  - the sandbox profile: 127.0.0.1 on the ports it was started with; https/wss, plus plain
//    http/ws only when the sandbox runs in its debug mode.
// Matching is exact on scheme, host and port: no suffix or wildcard matching, no user-info.
class EgressPolicy
{
public:
    struct Origin
    {
        QString scheme; // https, wss (http, ws only for the sandbox's debug mode)
        QString host;
        int port = -1; // -1 = the scheme's default port

        friend bool operator==(const Origin &, const Origin &) = default;
    };

    static EgressPolicy twitch();
    // `origins` are URLs whose scheme/host/port are allowed (paths are ignored). Only
    // 127.0.0.1 is accepted; other hosts are dropped. Plain http/ws origins are kept only
    // when `allowDebugHttp` is true.
    static EgressPolicy sandbox(const QList<QUrl> &origins, bool allowDebugHttp = false);
    // A standards-based provider (an RFC 8414 authorization server and its API): exactly the
    // given origins, https/wss only, any host. Plain http/ws, user info and invalid URLs are
    // dropped, so a configuration typo cannot open a cleartext path for tokens. Loopback test
    // servers over plain http use sandbox(…, true) instead.
    static EgressPolicy forOrigins(const QList<QUrl> &origins);
    // Trusts nothing: every credentialed request is refused.
    static EgressPolicy none() { return EgressPolicy(); }

    // Credentials may be attached to a request to `url`.
    bool maySendCredentials(const QUrl &url) const;
    // A request to `url` may be made at all (credentials or not): https/wss anywhere, plain
    // http/ws only to an allowed debug origin.
    bool mayConnect(const QUrl &url) const;
    // Why a credentialed request to `url` is refused; nullopt when it is allowed.
    std::optional<QString> refusalReason(const QUrl &url) const;

    const QList<Origin> &origins() const { return m_origins; }

private:
    static bool isSecureScheme(const QString &scheme);
    static int effectivePort(const QUrl &url);
    bool matches(const QUrl &url) const;

    QList<Origin> m_origins;
};

} // namespace roomwarden::net
