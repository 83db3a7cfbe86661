#include "core/util/Clock.h"
#include "core/util/Paths.h"

#include "TestMain.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTimeZone>

using namespace roomwarden::util;

class TestPathsAndClock : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void standardPathsAreInTestMode();
    void profileKeepsEverythingUnderOneFolder();
    void profileFoldersAreOwnerOnly();
    void profileOnAFileIsAClearError();
    void manualClockAdvances();
    void manualClockNeverRunsBackwards();
    void systemClockIsUtcAndMonotonic();
};

void TestPathsAndClock::standardPathsAreInTestMode()
{
    // The test harness must never reach the real user's folders.
    const ProfilePaths p = ProfilePaths::standard();
    QVERIFY2(p.configDir.contains(QStringLiteral("qttest")), qPrintable(p.configDir));
    QVERIFY2(p.dataDir.contains(QStringLiteral("qttest")), qPrintable(p.dataDir));
}

void TestPathsAndClock::profileKeepsEverythingUnderOneFolder()
{
    QTemporaryDir dir;
    const ProfilePaths p = ProfilePaths::forProfile(dir.path());
    for (const QString &d : {p.configDir, p.dataDir, p.cacheDir, p.logDir})
        QVERIFY2(d.startsWith(dir.path() + u'/'), qPrintable(d));
    QCOMPARE(p.settingsFile(), dir.path() + QStringLiteral("/config/settings.ini"));
}

void TestPathsAndClock::profileFoldersAreOwnerOnly()
{
    QTemporaryDir dir;
    const ProfilePaths p = ProfilePaths::forProfile(dir.filePath(QStringLiteral("practice")));
    QString error;
    QVERIFY2(p.ensureExists(&error), qPrintable(error));
    for (const QString &d : {p.configDir, p.dataDir, p.cacheDir, p.logDir}) {
        const QFileInfo info(d);
        QVERIFY(info.isDir());
        const auto perms = info.permissions();
        QVERIFY2(!(perms & (QFileDevice::ReadGroup | QFileDevice::ReadOther |
                            QFileDevice::WriteGroup | QFileDevice::WriteOther)),
                 qPrintable(d));
    }
    QVERIFY(p.ensureExists(&error)); // idempotent
}

void TestPathsAndClock::profileOnAFileIsAClearError()
{
    QTemporaryDir dir;
    const QString blocker = dir.filePath(QStringLiteral("profile"));
    QFile f(blocker);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    const ProfilePaths p = ProfilePaths::forProfile(blocker);
    QString error;
    QVERIFY(!p.ensureExists(&error));
    QVERIFY(!error.isEmpty());
    QVERIFY(QFileInfo(blocker).isFile()); // the file the user had is untouched
}

void TestPathsAndClock::manualClockAdvances()
{
    const QDateTime start(QDate(2026, 5, 1), QTime(10, 0), Qt::UTC);
    ManualClock c(start);
    QCOMPARE(c.now(), start);
    QCOMPARE(c.monotonicMs(), 0);
    c.advanceSeconds(3600);
    QCOMPARE(c.now(), start.addSecs(3600));
    QCOMPARE(c.monotonicMs(), 3'600'000);
    QCOMPARE(c.now().timeSpec(), Qt::UTC);
}

void TestPathsAndClock::manualClockNeverRunsBackwards()
{
    ManualClock c;
    c.advanceMs(500);
    c.advanceMs(-1000);
    QCOMPARE(c.monotonicMs(), 500);
    const QDateTime before = c.now();
    c.setWallTime(before.addDays(-1)); // the user changed the system clock
    QCOMPARE(c.now(), before.addDays(-1));
    QCOMPARE(c.monotonicMs(), 500);
}

void TestPathsAndClock::systemClockIsUtcAndMonotonic()
{
    SystemClock c;
    QCOMPARE(c.now().timeSpec(), Qt::UTC);
    const qint64 a = c.monotonicMs();
    const qint64 b = c.monotonicMs();
    QVERIFY(b >= a);
    QVERIFY(qAbs(c.now().secsTo(QDateTime::currentDateTimeUtc())) <= 1);
}

ROOMWARDEN_TEST_MAIN_CORE(TestPathsAndClock)
#include "TestPathsAndClock.moc"
