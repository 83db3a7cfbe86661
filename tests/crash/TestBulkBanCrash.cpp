// Promise 5 under SIGKILL: a bulk ban is killed mid-way; after a restart the journal holds every
// intent, the outcomes that were journaled, and lists the rest as unconfirmed for the user to
// resume or drop. The database passes its integrity check.
#include "core/storage/SqliteActionJournal.h"

#include "TestMain.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>

#include <csignal>

using namespace roomwarden;

class TestBulkBanCrash : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void killedMidBulkLeavesUnconfirmedIntents();
};

void TestBulkBanCrash::killedMidBulkLeavesUnconfirmedIntents()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("journal.sqlite"));
    QByteArray key(32, '\0');
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(key.data()), 8);
    const int count = 60;

    QProcess child;
    child.setProcessChannelMode(QProcess::SeparateChannels);
    child.start(QStringLiteral(ROOMWARDEN_BULK_CRASH_CHILD),
                {path, QString::fromLatin1(key.toHex()), QString::number(count)});
    QVERIFY2(child.waitForStarted(10000), qPrintable(child.errorString()));
    QByteArray output;
    QSet<QString> done;
    auto read = [&] {
        output += child.readAllStandardOutput();
        done.clear();
        for (const QByteArray &line : output.split('\n')) {
            if (line.startsWith("done "))
                done.insert(QString::fromLatin1(line.mid(5)));
        }
    };
    // Wait until the bulk is journaled and a few outcomes are in, then kill it mid-way.
    QVERIFY(QTest::qWaitFor(
        [&] {
            read();
            return output.contains("journaled") && done.size() >= 3;
        },
        30000));
    QVERIFY(done.size() < count);
    ::kill(pid_t(child.processId()), SIGKILL); // only the process this test started
    QVERIFY(child.waitForFinished(10000));
    QCOMPARE(child.exitStatus(), QProcess::CrashExit);
    read();

    storage::OpenReport report;
    auto journal = moderation::SqliteActionJournal::open(path, storage::FieldCipher(key), &report);
    QVERIFY2(journal.ok(), journal.ok() ? "" : qPrintable(journal.error->message));
    QVERIFY(report.movedAsidePath.isEmpty()); // not corrupt
    QCOMPARE((*journal)->database().integrityCheck(), std::nullopt);

    const auto entries = (*journal)->entries(QString(), 1000);
    QCOMPARE(entries.size(), count); // every intent survived
    const auto unconfirmed = (*journal)->unconfirmed();
    QVERIFY(!unconfirmed.isEmpty());
    int withOutcome = 0;
    for (const auto &e : entries) {
        if (done.contains(e.intentId))
            QCOMPARE(e.outcome, model::ActionOutcome::Applied); // printed after journaling
        withOutcome += e.outcome != model::ActionOutcome::Unconfirmed;
        QVERIFY(e.targetName.startsWith(QStringLiteral("raider-name-"))); // sealed, readable
    }
    QCOMPARE(withOutcome + int(unconfirmed.size()), count);
    QVERIFY(withOutcome >= done.size());
}

ROOMWARDEN_TEST_MAIN_CORE(TestBulkBanCrash)
#include "TestBulkBanCrash.moc"
