#include "core/net/RatePacer.h"

#include <algorithm>
#include <cmath>

namespace roomwarden::net {

RatePacer::RatePacer(int limit, int reserve)
    : m_limit(std::max(1, limit)), m_reserve(std::clamp(reserve, 0, std::max(0, limit - 1))),
      m_level(m_limit)
{}

double RatePacer::level(const QDateTime &now) const
{
    if (!m_at.isValid())
        return m_level;
    const qint64 elapsedMs = std::max<qint64>(0, m_at.msecsTo(now));
    return std::min<double>(m_limit, m_level + double(elapsedMs) * pointsPerSecond() / 1000.0);
}

void RatePacer::setLevel(double level, const QDateTime &now)
{
    m_level = std::min<double>(m_limit, level);
    m_at = now;
}

qint64 RatePacer::delayMs(const QDateTime &now, bool background) const
{
    const double needed = 1.0 + (background ? m_reserve : 0);
    const double missing = needed - level(now);
    if (missing <= 0)
        return 0;
    return qint64(std::ceil(missing * 1000.0 / pointsPerSecond()));
}

void RatePacer::onSent(const QDateTime &now)
{
    setLevel(level(now) - 1.0, now);
}

void RatePacer::onReply(const RateLimitState &state, const QDateTime &now, int stillInFlight)
{
    if (state.limit && *state.limit > 0 && *state.limit != m_limit) {
        m_limit = *state.limit;
        m_reserve = std::min(m_reserve, std::max(0, m_limit - 1));
    }
    if (!state.remaining)
        return; // no headers: keep the local model
    // Trust the server's count, minus what it may not have counted yet.
    setLevel(double(*state.remaining - std::max(0, stillInFlight)), now);
}

void RatePacer::onTooManyRequests(const RateLimitState &state, const QDateTime &now,
                                  int stillInFlight)
{
    onReply(state, now, stillInFlight);
    setLevel(std::min(level(now), 0.0 - std::max(0, stillInFlight)), now);
}

} // namespace roomwarden::net
