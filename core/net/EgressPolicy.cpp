#include "core/net/EgressPolicy.h"

namespace roomwarden::net {

namespace {
const QString kLoopback = QStringLiteral("127.0.0.1");
}

EgressPolicy EgressPolicy::twitch()
{
    EgressPolicy p;
    // specs/twitch.md §2.1 (id), §3.1 (Helix), §4.1 (EventSub).
    p.m_origins = {
        {QStringLiteral("https"), QStringLiteral("id.twitch.tv"), -1},
        {QStringLiteral("https"), QStringLiteral("api.twitch.tv"), -1},
        {QStringLiteral("wss"), QStringLiteral("eventsub.wss.twitch.tv"), -1},
    };
    return p;
}

EgressPolicy EgressPolicy::sandbox(const QList<QUrl> &origins, bool allowDebugHttp)
{
    EgressPolicy p;
    for (const QUrl &url : origins) {
        if (!url.isValid() || url.host() != kLoopback || !url.userInfo().isEmpty())
            continue;
        const QString scheme = url.scheme();
        if (!isSecureScheme(scheme)) {
            const bool debugScheme = scheme == u"http" || scheme == u"ws";
            if (!(debugScheme && allowDebugHttp))
                continue;
        }
        Origin o{scheme, url.host(), effectivePort(url)};
        if (!p.m_origins.contains(o))
            p.m_origins.append(o);
    }
    return p;
}

EgressPolicy EgressPolicy::forOrigins(const QList<QUrl> &origins)
{
    EgressPolicy p;
    for (const QUrl &url : origins) {
        if (!url.isValid() || url.isRelative() || url.host().isEmpty() ||
            !url.userInfo().isEmpty() || !isSecureScheme(url.scheme())) {
            continue;
        }
        Origin o{url.scheme(), url.host(), effectivePort(url)};
        if (!p.m_origins.contains(o))
            p.m_origins.append(o);
    }
    return p;
}

bool EgressPolicy::isSecureScheme(const QString &scheme)
{
    return scheme == u"https" || scheme == u"wss";
}

int EgressPolicy::effectivePort(const QUrl &url)
{
    const QString scheme = url.scheme();
    const int def = (scheme == u"https" || scheme == u"wss") ? 443 : 80;
    const int port = url.port(def);
    return port == def ? -1 : port;
}

bool EgressPolicy::matches(const QUrl &url) const
{
    if (!url.isValid() || url.isRelative() || !url.userInfo().isEmpty())
        return false;
    // QUrl normalises the host to lower case and decodes IDNA, so this is an exact match.
    const Origin wanted{url.scheme(), url.host(), effectivePort(url)};
    return m_origins.contains(wanted);
}

bool EgressPolicy::maySendCredentials(const QUrl &url) const
{
    return matches(url);
}

bool EgressPolicy::mayConnect(const QUrl &url) const
{
    if (!url.isValid() || url.isRelative())
        return false;
    if (isSecureScheme(url.scheme()))
        return true;
    return matches(url); // plain http/ws only where a debug origin was allowed explicitly
}

std::optional<QString> EgressPolicy::refusalReason(const QUrl &url) const
{
    if (!url.isValid() || url.isRelative())
        return QStringLiteral("invalid URL");
    if (!url.userInfo().isEmpty())
        return QStringLiteral("URL carries user info");
    if (!mayConnect(url))
        return QStringLiteral("plain %1 is not allowed for %2").arg(url.scheme(), url.host());
    if (!matches(url))
        return QStringLiteral("credentials may not be sent to %1").arg(url.host());
    return std::nullopt;
}

} // namespace roomwarden::net
