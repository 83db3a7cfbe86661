#pragma once
#include <QByteArray>
#include <QString>

#include <optional>

namespace roomwarden::net {

// A failed API call, typed so callers branch on the kind, never on message text.
struct ApiError
{
    enum class Kind
    {
        Network,     // connection failed, reset, timed out
        Tls,         // handshake failed or the peer is not the pinned certificate
        Http,        // the server answered with an error status
        RateLimited, // 429: wait for Ratelimit-Reset (specs/twitch.md §3.1)
        Parse,       // the body is not the JSON we expect
        Refused,     // never sent: egress/TLS policy, a redirect, an oversized reply
    };

    Kind kind = Kind::Network;
    int httpStatus = 0; // 0 when there was no HTTP reply
    QString message;    // the platform's `message`, or a description of what went wrong
    QString code;       // the platform's `error` field when present ("Bad Request", "slow_down")

    // Builds an Http/RateLimited error from a reply body. Accepts both Twitch shapes:
    // Helix {error,status,message} (§3.1) and id.twitch.tv {status,message} (§2.1), and an
    // RFC 6749 {error,error_description}. A non-JSON body keeps the status with a generic text.
    static ApiError fromHttp(int status, const QByteArray &body);
    static ApiError refused(const QString &why) { return {Kind::Refused, 0, why, {}}; }

    // The word a flow reacts to: `message` for Twitch's id service, `error` for RFC servers
    // (specs/twitch.md §2.4: authorization_pending arrives in `message`).
    bool mentions(const QString &word) const;
};

QString apiErrorKindName(ApiError::Kind kind);

} // namespace roomwarden::net
