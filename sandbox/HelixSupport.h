#pragma once
// Shared pieces of the Helix clone: the per-call context, the §3.1 role/scope checks, opaque
// pagination and JSON field helpers. Free functions; the route classes use them.
#include "sandbox/HttpsServer.h"
#include "sandbox/Types.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include <functional>
#include <optional>

namespace roomwarden::sandbox {

class World;

struct HelixCall
{
    const ApiRequest &request;
    TokenGrant grant;

    QString param(const char *name) const
    {
        return request.query.queryItemValue(QLatin1String(name), QUrl::FullyDecoded);
    }
    QStringList params(const char *name) const
    {
        return request.query.allQueryItemValues(QLatin1String(name), QUrl::FullyDecoded);
    }
    bool has(const char *name) const { return request.query.hasQueryItem(QLatin1String(name)); }
};

struct HelixRoute
{
    QString method;
    QString path; // below /helix, e.g. "/moderation/bans"
    std::function<HttpResult(const HelixCall &)> handler;
};

namespace helix {

using Check = std::optional<HttpResult>;

// §3.1: 401 "Missing scope: <scope>" unless the token holds one of `anyOf`. The first entry is
// the one named, so list the manage scope first.
Check requireScope(const HelixCall &call, const QStringList &anyOf);
Check requireParam(const HelixCall &call, const char *name);
// broadcaster_id + moderator_id required; moderator_id must be the token user (401); the token
// user must be the broadcaster or one of its moderators (403). §3.1, §3.3.
Check requireModerator(World &world, const HelixCall &call);
// (B-only) broadcaster_id required and equal to the token user (401).
Check requireBroadcaster(World &world, const HelixCall &call);

// Opaque cursors: base64url of {"o":offset}, like twitch-cli's base64url JSON (§3.1, §5.2).
struct Page
{
    QJsonArray data;
    QJsonObject pagination; // {} at the end, else {"cursor":...}
};
Check pageOf(const HelixCall &call, const QJsonArray &all, int defaultFirst, int maxFirst,
             Page *page);

HttpResult ok(const QJsonObject &body);
HttpResult okData(const QJsonArray &data);
HttpResult noContent();
Check parseBody(const HelixCall &call, QJsonObject *out);

QString timestamp(const QDateTime &t); // RFC3339 UTC with Z
// Adds <prefix>_id/_login/_name (or user_id/user_login/user_name for prefix "user").
void addUserFields(const World &world, QJsonObject &o, const QString &prefix,
                   const QString &userId);

} // namespace helix
} // namespace roomwarden::sandbox
