// SIGKILL during ingest, for real: a helper process ingests through the EventStore, this test
// kills it (by the PID of the process it started) after several commits, then checks that the
// database passes integrity_check, holds at least every event the helper saw committed, and
// lost at most 250 ms of events at the rate it ran.
#include "core/analytics/AnalyticsSchema.h"
#include "core/analytics/EventStore.h"
#include "core/analytics/SessionMetrics.h"
#include "core/storage/Database.h"

#include "TestMain.h"

#include <QDeadlineTimer>
#include <QProcess>
#include <QTemporaryDir>

#include <csignal>
#include <sys/types.h>

using namespace roomwarden;

class TestEventStoreCrash : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aKilledWriterLosesAtMostTheLastBatch();
};

void TestEventStoreCrash::aKilledWriterLosesAtMostTheLastBatch()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("analytics.sqlite"));
    constexpr int kRate = 5000; // events per second

    QProcess helper;
    helper.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    helper.start(QStringLiteral(ROOMWARDEN_CRASH_WRITER), {path, QString::number(kRate)});
    QVERIFY2(helper.waitForStarted(10000), qPrintable(helper.errorString()));

    qint64 lastCommitted = 0, lastAppended = 0, lastAppendedMs = 0;
    int commits = 0;
    QByteArray buffer;
    auto parse = [&] {
        buffer += helper.readAllStandardOutput();
        qsizetype nl = 0;
        while ((nl = buffer.indexOf('\n')) >= 0) {
            const QList<QByteArray> parts = buffer.left(nl).split(' ');
            buffer.remove(0, nl + 1);
            if (parts.size() == 2 && parts[0] == "committed") {
                lastCommitted = parts[1].toLongLong();
                ++commits;
            } else if (parts.size() == 3 && parts[0] == "appended") {
                lastAppended = parts[1].toLongLong();
                lastAppendedMs = parts[2].toLongLong();
            }
        }
    };
    // Wait for a few commits (bounded), then kill mid-stream.
    QDeadlineTimer deadline(30000);
    while (commits < 8 && !deadline.hasExpired() && helper.state() == QProcess::Running) {
        helper.waitForReadyRead(1000);
        parse();
    }
    QVERIFY2(commits >= 8, "the helper did not commit in time");
    QVERIFY(::kill(pid_t(helper.processId()), SIGKILL) == 0);
    QVERIFY(helper.waitForFinished(10000));
    QCOMPARE(helper.exitStatus(), QProcess::CrashExit);
    parse(); // lines written before the kill are still in the pipe

    qint64 stored = 0;
    {
        auto db = storage::Database::open(path, analytics::analyticsSchema());
        QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error->message));
        QCOMPARE(storage::describe((*db)->integrityCheck()), QString());
        auto st = (*db)->prepare(QStringLiteral("SELECT COUNT(*) FROM events"));
        QVERIFY(st.ok() && *st->step());
        stored = st->int64(0);
    }
    const double rate = double(lastAppended) * 1000.0 / double(std::max<qint64>(1, lastAppendedMs));
    // The design bound is 250 ms of events (the batch being written plus the one forming, each
    // ≤ kMaxLatencyMs). The writer thread needs a core to keep it: on a machine whose cores are
    // all busy (CI runs two builds and this suite at once) a commit can start a few tens of ms
    // late. The test allows twice the design bound — still far below one full batch
    // (kBatchEvents) — and prints the measured loss in ms, which is the figure to watch.
    const qint64 bound = qint64(rate * 0.25) + 1;
    const qint64 lost = lastAppended - stored;
    qInfo("lost %.0f ms of events (design bound 250 ms)", double(lost) * 1000.0 / rate);
    qInfo("committed (last printed) %lld, appended (last printed) %lld, stored %lld, lost %lld, "
          "rate %.0f/s, bound %lld",
          static_cast<long long>(lastCommitted), static_cast<long long>(lastAppended),
          static_cast<long long>(stored), static_cast<long long>(lost), rate,
          static_cast<long long>(bound));
    QVERIFY(stored >= lastCommitted);
    QVERIFY2(lost <= 2 * bound && lost < analytics::EventStore::kBatchEvents,
             qPrintable(QStringLiteral("lost %1 events, more than twice 250 ms (%2)")
                            .arg(lost)
                            .arg(2 * bound)));

    // The next start closes the session the killed run left open, at its last saved event,
    // and its rollups agree with the events that survived.
    {
        auto store = analytics::EventStore::open(path, storage::FieldCipher(QByteArray(32, 'k')));
        QVERIFY(store.ok());
    }
    auto metrics = analytics::SessionMetrics::open(path, storage::FieldCipher(QByteArray(32, 'k')));
    QVERIFY(metrics.ok());
    auto sessions = (*metrics)->listSessions();
    QVERIFY(sessions.ok() && sessions->size() == 1);
    QCOMPARE(sessions->first().endReason, QStringLiteral("interrupted"));
    QCOMPARE(sessions->first().events, stored);
    auto report = (*metrics)->compute(sessions->first().id);
    QVERIFY(report.ok());
    QCOMPARE(report->chatMessages.value, double(stored));
    QVERIFY(report->durationSeconds.estimate);
}

ROOMWARDEN_TEST_MAIN_CORE(TestEventStoreCrash)
#include "TestEventStoreCrash.moc"
