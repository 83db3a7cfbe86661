#pragma once
#include "core/net/ApiRequest.h"

#include <QDateTime>

namespace roomwarden::net {

// Client-side model of the platform's token bucket (specs/twitch.md §3.1: `limit` points,
// refilled continuously over a minute, 1 point per request, reported in Ratelimit-* headers),
// so that a long run of calls — a bulk ban — is spread at exactly the rate the bucket refills
// and never draws a 429.
//
// The model spends a point when a request leaves and re-syncs with every reply: the server's
// `remaining` counts what it has processed, so requests still in flight are subtracted again
// (which errs towards waiting a little, never towards a 429). A `reserve` of points is kept
// back from background work so that a moderator's own click still goes out at once.
class RatePacer
{
public:
    static constexpr int kDefaultLimit = 800; // Twitch's default user bucket (configurable)

    explicit RatePacer(int limit = kDefaultLimit, int reserve = 4);

    // Milliseconds until one more request may leave (0 = now). `background` work leaves the
    // reserve alone.
    qint64 delayMs(const QDateTime &now, bool background) const;
    void onSent(const QDateTime &now);
    // A reply arrived; `state` is what its headers said, `stillInFlight` the requests sent
    // before it that have not been answered.
    void onReply(const RateLimitState &state, const QDateTime &now, int stillInFlight);
    // A 429: the bucket is empty now, whatever the model thought.
    void onTooManyRequests(const RateLimitState &state, const QDateTime &now, int stillInFlight);

    double level(const QDateTime &now) const;
    int limit() const { return m_limit; }
    int reserve() const { return m_reserve; }
    double pointsPerSecond() const { return m_limit / 60.0; }

private:
    void setLevel(double level, const QDateTime &now);

    int m_limit;
    int m_reserve;
    double m_level;
    QDateTime m_at;
};

} // namespace roomwarden::net
