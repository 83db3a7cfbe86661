#pragma once
#include <QDateTime>
#include <QElapsedTimer>
#include <QTimeZone>

namespace roomwarden::util {

// Time as the app sees it. Code that schedules (token validation every hour, refresh before
// expiry, retention) asks a Clock, so tests drive time with ManualClock instead of sleeping.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const = 0; // UTC
    // Milliseconds from an arbitrary origin that never goes backwards.
    virtual qint64 monotonicMs() const = 0;
};

class SystemClock final : public Clock
{
public:
    SystemClock();
    QDateTime now() const override;
    qint64 monotonicMs() const override;

private:
    QElapsedTimer m_timer;
};

class ManualClock final : public Clock
{
public:
    explicit ManualClock(QDateTime start = QDateTime(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC));
    QDateTime now() const override { return m_now; }
    qint64 monotonicMs() const override { return m_monotonicMs; }

    void advanceMs(qint64 ms);
    void advanceSeconds(qint64 seconds) { advanceMs(seconds * 1000); }
    // Moves wall time only (as when the user changes the system clock); monotonic time stays.
    void setWallTime(const QDateTime &now) { m_now = now.toUTC(); }

private:
    QDateTime m_now;
    qint64 m_monotonicMs = 0;
};

} // namespace roomwarden::util
