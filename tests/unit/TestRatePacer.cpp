// The client-side token bucket that paces bulk actions (core/net/RatePacer).
#include "core/net/RatePacer.h"

#include "TestMain.h"

using roomwarden::net::RateLimitState;
using roomwarden::net::RatePacer;

class TestRatePacer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fullBucketSendsAtOnceButKeepsTheReserve();
    void emptyBucketWaitsForOnePointAtTheRefillRate();
    void repliesResyncWithTheServerMinusInFlight();
    void tooManyRequestsEmptiesTheBucket();
    void limitFollowsTheHeaders();
    void levelNeverExceedsTheLimit();

private:
    const QDateTime t0{QDate(2026, 11, 28), QTime(12, 0), Qt::UTC};
};

void TestRatePacer::fullBucketSendsAtOnceButKeepsTheReserve()
{
    RatePacer p(60, 4); // one point per second
    int sent = 0;
    while (p.delayMs(t0, true) == 0) {
        p.onSent(t0);
        ++sent;
        QVERIFY(sent <= 60);
    }
    QCOMPARE(sent, 56); // 60 minus the reserve of 4
    // The moderator's own click may still use the reserve.
    QCOMPARE(p.delayMs(t0, false), 0);
    for (int i = 0; i < 4; ++i)
        p.onSent(t0);
    QVERIFY(p.delayMs(t0, false) > 0);
}

void TestRatePacer::emptyBucketWaitsForOnePointAtTheRefillRate()
{
    RatePacer p(800, 0);
    for (int i = 0; i < 800; ++i)
        p.onSent(t0);
    // 800 points a minute: one every 75 ms.
    QCOMPARE(p.delayMs(t0, true), 75);
    QCOMPARE(p.delayMs(t0.addMSecs(74), true), 1);
    QCOMPARE(p.delayMs(t0.addMSecs(75), true), 0);
    // Two more need twice as long.
    p.onSent(t0.addMSecs(75));
    QCOMPARE(p.delayMs(t0.addMSecs(75), true), 75);
}

void TestRatePacer::repliesResyncWithTheServerMinusInFlight()
{
    RatePacer p(800, 0);
    // The server says 10 left while 3 more requests are on their way: plan with 7.
    RateLimitState s;
    s.limit = 800;
    s.remaining = 10;
    p.onReply(s, t0, 3);
    QCOMPARE(p.level(t0), 7.0);
    // A reply without headers changes nothing.
    p.onReply(RateLimitState{}, t0, 0);
    QCOMPARE(p.level(t0), 7.0);
}

void TestRatePacer::tooManyRequestsEmptiesTheBucket()
{
    RatePacer p(800, 0);
    RateLimitState s; // a 429 with no headers at all: still empty
    p.onTooManyRequests(s, t0, 2);
    QCOMPARE(p.level(t0), -2.0);
    QCOMPARE(p.delayMs(t0, false), 225); // three points at 75 ms each
}

void TestRatePacer::limitFollowsTheHeaders()
{
    RatePacer p(800, 4);
    RateLimitState s;
    s.limit = 120;
    s.remaining = 0;
    p.onReply(s, t0, 0);
    QCOMPARE(p.limit(), 120);
    QCOMPARE(p.delayMs(t0, false), 500); // 2 points/s
}

void TestRatePacer::levelNeverExceedsTheLimit()
{
    RatePacer p(100, 0);
    p.onSent(t0);
    QCOMPARE(p.level(t0.addSecs(3600)), 100.0);
    // A wall clock that jumps backwards refills nothing and takes nothing.
    QCOMPARE(p.level(t0.addSecs(-60)), 99.0);
}

ROOMWARDEN_TEST_MAIN_CORE(TestRatePacer)
#include "TestRatePacer.moc"
