#include "sandbox/Faults.h"

namespace roomwarden::sandbox {

QString Faults::deviceFaultName(DeviceFault f)
{
    switch (f) {
    case DeviceFault::SlowDown:
        return QStringLiteral("slow_down");
    case DeviceFault::AccessDenied:
        return QStringLiteral("access_denied");
    case DeviceFault::ExpiredToken:
        return QStringLiteral("expired_token");
    case DeviceFault::None:
        break;
    }
    return QStringLiteral("none");
}

bool Faults::apply(const QJsonObject &json, QString *error)
{
    Faults next = *this;
    auto count = [&](const char *key, int *target) {
        const QJsonValue v = json.value(QLatin1String(key));
        if (v.isUndefined())
            return true;
        if (!v.isDouble() || v.toInt(-1) < 0) {
            *error = QStringLiteral("%1 must be a non-negative integer").arg(QLatin1String(key));
            return false;
        }
        *target = v.toInt();
        return true;
    };
    if (json.contains(QLatin1String("device"))) {
        const QString name = json.value(QLatin1String("device")).toString();
        bool found = false;
        for (DeviceFault f : {DeviceFault::None, DeviceFault::SlowDown, DeviceFault::AccessDenied,
                              DeviceFault::ExpiredToken}) {
            if (deviceFaultName(f) == name) {
                next.deviceFault = f;
                found = true;
            }
        }
        if (!found) {
            *error =
                QStringLiteral("device must be none, slow_down, access_denied or expired_token");
            return false;
        }
    }
    if (json.contains(QLatin1String("enforce_interval")))
        next.enforcePollInterval = json.value(QLatin1String("enforce_interval")).toBool();
    if (!count("rate_limit_storm", &next.rateLimitStorm) ||
        !count("server_errors", &next.serverErrors) ||
        !count("server_error_status", &next.serverErrorStatus) || !count("slow_ms", &next.slowMs) ||
        !count("slow_count", &next.slowCount) || !count("malformed", &next.malformed) ||
        !count("moderation_conflicts", &next.moderationConflicts))
        return false;
    if (next.serverErrorStatus < 500 || next.serverErrorStatus > 599) {
        *error = QStringLiteral("server_error_status must be 5xx");
        return false;
    }
    *this = next;
    return true;
}

QJsonObject Faults::toJson() const
{
    return {{QStringLiteral("device"), deviceFaultName(deviceFault)},
            {QStringLiteral("enforce_interval"), enforcePollInterval},
            {QStringLiteral("rate_limit_storm"), rateLimitStorm},
            {QStringLiteral("server_errors"), serverErrors},
            {QStringLiteral("server_error_status"), serverErrorStatus},
            {QStringLiteral("slow_ms"), slowMs},
            {QStringLiteral("slow_count"), slowCount},
            {QStringLiteral("malformed"), malformed},
            {QStringLiteral("moderation_conflicts"), moderationConflicts}};
}

} // namespace roomwarden::sandbox
