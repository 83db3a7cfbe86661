#pragma once
// Everything the sandbox can be told at start. Defaults mirror production where the spec sheet
// knows it (specs/twitch.md §2.4, §3.1, §4.4); the rest is configurable because the sheet marks it
// [UNVERIFIED].
#include <QString>
#include <QtGlobal>

namespace roomwarden::sandbox {

struct Config
{
    // The sandbox only ever listens on loopback: it is a test double, not a service.
    QString host = QStringLiteral("127.0.0.1");
    quint16 httpsPort = 0;     // 0 = random free port
    quint16 wsPort = 0;        // 0 = random free port
    bool insecureHttp = false; // debug only: plain http:// and ws://

    quint32 seed = 1;   // seeds generated data (never tokens: those come from the system CSPRNG)
    double speed = 1.0; // simulator speed factor
    QString scenario = QStringLiteral("calm");

    // §3.1: token bucket per (client id, user id); 1 point per request, refilled continuously.
    int rateLimitPointsPerMinute = 800;
    // §2.2: user tokens live about 4 h in practice.
    int accessTokenLifetimeSecs = 14400;
    // §2.4: device codes observed with expires_in 1800 and interval 5.
    int deviceCodeLifetimeSecs = 1800;
    int deviceIntervalSecs = 5;
    // §2.5 [UNVERIFIED]: a used refresh token stops working when this is on.
    bool refreshRotation = true;
    // Demo mode: device codes are approved at once as the demo user with all requested scopes.
    bool autoApprove = false;
    // Requests with larger bodies are refused with 413 before any parsing.
    qint64 maxBodyBytes = 64 * 1024;

    // §4.4 EventSub limits (configurable because the exact text is [UNVERIFIED]).
    int maxConnections = 3;
    int maxSubscriptionsPerConnection = 300;
    int maxTotalCost = 10;
    int keepaliveSecs = 10;
    int reconnectGraceSecs = 30;
};

} // namespace roomwarden::sandbox
