// The leak test of the sign-in issue: a full demo sign-in plus a live session through the real
// client, with every log category at debug level captured; then every file under the profile
// and HOME, and every captured log line, is searched for every token the sandbox issued (its
// ground truth). Zero hits.
#include "app/CommandLine.h"
#include "app/DemoSession.h"
#include "core/util/Logging.h"
#include "core/util/Redactor.h"
#include "sandbox/Sandbox.h"
#include "sandbox/World.h"

#include "DiskScan.h"
#include "TestMain.h"

#include <QApplication>
#include <QDir>
#include <QLoggingCategory>
#include <QTemporaryDir>

using namespace roomwarden;

class TestDemoLeak : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void noIssuedTokenReachesDiskOrLogs();
};

void TestDemoLeak::noIssuedTokenReachesDiskOrLogs()
{
    QLoggingCategory::setFilterRules(QStringLiteral("roomwarden.*.debug=true\nqt.*.debug=true"));
    QStringList captured;
    auto redactor = std::make_shared<util::Redactor>();
    util::LogRedactionHandler handler(redactor, [&](const QString &line) { captured << line; });

    app::Options options;
    options.demo = true;
    options.scenario = QStringLiteral("other-mods");
    options.speed = 30;
    app::DemoSession session(options, *redactor);
    QString error;
    QVERIFY2(session.start(&error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(session.liveRoomCount() == 1, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(session.summary().events >= 50, 20000);
    session.stop();

    const auto &issued = session.sandbox()->world()->issuedTokens();
    QVERIFY(issued.size() >= 2); // an access and a refresh token at least
    QList<QByteArray> needles;
    for (const auto &t : issued)
        needles << t.token.toUtf8();
    // The secrets the sandbox itself prints (the admin token) are not the user's: not checked.
    QVERIFY(captured.size() > 20); // debug logging really was on
    for (const QString &line : std::as_const(captured)) {
        for (const QByteArray &n : std::as_const(needles))
            QVERIFY2(!line.contains(QString::fromUtf8(n)), qPrintable(line));
    }
    for (const QString &root :
         {QDir::homePath(), qEnvironmentVariable("ROOMWARDEN_TESTENV_ROOT")}) {
        const QStringList hits = test::filesContaining(root, needles);
        QVERIFY2(hits.isEmpty(), qPrintable(hits.join(u", ")));
    }
}

ROOMWARDEN_TEST_MAIN_CORE(TestDemoLeak)
#include "TestDemoLeak.moc"
