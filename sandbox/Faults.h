#pragma once
// Switchable faults for client-robustness tests (ARCHITECTURE.md: "429 storms, 5xx, slow and
// malformed replies"; specs/twitch.md §2.4 RFC 8628 device-poll errors). Set through the control
// API or directly in-process. Counted faults apply to the next N id/Helix requests (never to the
// control API itself) and then switch themselves off.
#include <QJsonObject>
#include <QString>

namespace roomwarden::sandbox {

class Faults
{
public:
    // §2.4 [UNVERIFIED] RFC-style device poll answers, emitted as {"error":"<name>"}.
    enum class DeviceFault
    {
        None,
        SlowDown,
        AccessDenied,
        ExpiredToken
    };

    DeviceFault deviceFault = DeviceFault::None;
    // Polling faster than `interval` yields slow_down (RFC 8628 §3.5) when this is on.
    bool enforcePollInterval = false;
    int rateLimitStorm = 0; // next N Helix requests → 429
    int serverErrors = 0;   // next N requests → serverErrorStatus
    int serverErrorStatus = 503;
    int slowMs = 0;    // delay replies by this much...
    int slowCount = 0; // ...for the next N requests (0 = every request while slowMs > 0)
    int malformed = 0; // next N JSON bodies are truncated
    // §3.1/§5.3: next N Ban/Unban/Warn calls hit the "another moderator is changing this user"
    // race and answer 409.
    int moderationConflicts = 0;

    void clear() { *this = Faults(); }
    // Applies the fields present in `json` (see Sandbox.h for the names). False + *error on a bad
    // value; nothing is changed then.
    bool apply(const QJsonObject &json, QString *error);
    QJsonObject toJson() const;

    static QString deviceFaultName(DeviceFault f);
};

} // namespace roomwarden::sandbox
