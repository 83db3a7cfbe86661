#pragma once
#include "core/net/ApiError.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QNetworkReply>
#include <QString>
#include <QUrl>
#include <QUrlQuery>

#include <optional>

namespace roomwarden::net {

// How the access token is presented. Helix wants "Bearer" plus Client-Id (§3.1);
// /oauth2/validate documents "OAuth" (§2.6).
enum class AuthScheme
{
    None,
    Bearer,
    OAuth,
};

// One call, described as data; ApiClient decides what actually goes on the wire.
struct ApiRequest
{
    QByteArray verb = "GET";
    QUrl url;
    QByteArray body;
    QByteArray contentType; // e.g. application/json, application/x-www-form-urlencoded
    AuthScheme auth = AuthScheme::None;
    QString accessToken;
    QString clientId; // sent as Client-Id when not empty
    // The body itself is a credential (device_code, refresh_token, token to revoke): the
    // request is subject to the egress allow-list even without headers.
    bool bodyCarriesCredentials = false;

    bool carriesCredentials() const
    {
        return auth != AuthScheme::None || !clientId.isEmpty() || bodyCarriesCredentials;
    }

    static ApiRequest get(const QUrl &url)
    {
        ApiRequest r;
        r.url = url;
        return r;
    }
    static ApiRequest json(const QByteArray &verb, const QUrl &url, const QJsonObject &body);
    static ApiRequest form(const QUrl &url, const QUrlQuery &fields);
};

// Ratelimit-* headers (specs/twitch.md §3.1): the last values seen.
struct RateLimitState
{
    std::optional<int> limit;
    std::optional<int> remaining;
    std::optional<QDateTime> resetAt; // when the bucket is full again (UTC)

    friend bool operator==(const RateLimitState &, const RateLimitState &) = default;
};

struct ApiResponse
{
    int httpStatus = 0;
    QByteArray body;
    QJsonDocument json; // null when the body is empty
    std::optional<ApiError> error;

    bool ok() const { return !error.has_value(); }
    QJsonObject object() const { return json.object(); }
};

} // namespace roomwarden::net
