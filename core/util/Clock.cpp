#include "core/util/Clock.h"

#include <QTimeZone>

namespace roomwarden::util {

SystemClock::SystemClock()
{
    m_timer.start();
}

QDateTime SystemClock::now() const
{
    return QDateTime::currentDateTimeUtc();
}

qint64 SystemClock::monotonicMs() const
{
    return m_timer.elapsed();
}

ManualClock::ManualClock(QDateTime start) : m_now(start.toUTC()) {}

void ManualClock::advanceMs(qint64 ms)
{
    if (ms < 0)
        return; // time does not run backwards on a monotonic clock
    m_now = m_now.addMSecs(ms);
    m_monotonicMs += ms;
}

} // namespace roomwarden::util
