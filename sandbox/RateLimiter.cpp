#include "sandbox/RateLimiter.h"

#include <cmath>

namespace roomwarden::sandbox {

RateLimiter::Bucket &RateLimiter::refill(const QString &clientId, const QString &userId,
                                         const QDateTime &now)
{
    const QString key = clientId + QLatin1Char('\n') + userId;
    auto it = m_buckets.find(key);
    if (it == m_buckets.end())
        it = m_buckets.insert(key, Bucket{double(m_capacity), now});
    const qint64 elapsedMs = qMax<qint64>(0, it->updatedAt.msecsTo(now));
    it->level = qMin(double(m_capacity), it->level + elapsedMs * m_capacity / 60000.0);
    it->updatedAt = now;
    return *it;
}

RateLimiter::Outcome RateLimiter::outcome(const Bucket &b, const QDateTime &now, bool allowed) const
{
    Outcome o;
    o.allowed = allowed;
    o.limit = m_capacity;
    o.remaining = int(std::floor(b.level));
    const double missing = m_capacity - b.level;
    const qint64 msToFull = qint64(std::ceil(missing * 60000.0 / m_capacity));
    o.resetEpochSecs = (now.toMSecsSinceEpoch() + msToFull + 999) / 1000;
    return o;
}

RateLimiter::Outcome RateLimiter::take(const QString &clientId, const QString &userId,
                                       const QDateTime &now, int points)
{
    Bucket &b = refill(clientId, userId, now);
    if (b.level < points)
        return outcome(b, now, false);
    b.level -= points;
    return outcome(b, now, true);
}

RateLimiter::Outcome RateLimiter::peek(const QString &clientId, const QString &userId,
                                       const QDateTime &now)
{
    return outcome(refill(clientId, userId, now), now, true);
}

} // namespace roomwarden::sandbox
