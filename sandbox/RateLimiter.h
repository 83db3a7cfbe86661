#pragma once
// §3.1 Helix rate limit: one token bucket per (client id, user id), `capacity` points refilled
// continuously over a minute, 1 point per request.
#include <QDateTime>
#include <QHash>
#include <QString>

namespace roomwarden::sandbox {

class RateLimiter
{
public:
    struct Outcome
    {
        bool allowed = true;
        int limit = 0;
        int remaining = 0;
        qint64 resetEpochSecs = 0; // when the bucket is full again (Ratelimit-Reset)
    };

    explicit RateLimiter(int pointsPerMinute) : m_capacity(qMax(1, pointsPerMinute)) {}
    Outcome take(const QString &clientId, const QString &userId, const QDateTime &now,
                 int points = 1);
    // The current state without taking anything (for headers on 429 storms).
    Outcome peek(const QString &clientId, const QString &userId, const QDateTime &now);

private:
    struct Bucket
    {
        double level = 0;
        QDateTime updatedAt;
    };
    Bucket &refill(const QString &clientId, const QString &userId, const QDateTime &now);
    Outcome outcome(const Bucket &b, const QDateTime &now, bool allowed) const;

    int m_capacity;
    QHash<QString, Bucket> m_buckets;
};

} // namespace roomwarden::sandbox
