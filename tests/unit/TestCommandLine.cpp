#include "app/CommandLine.h"

#include "TestMain.h"

using namespace roomwarden::app;

class TestCommandLine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void accepts_data();
    void accepts();
    void refusesWithAClearReason_data();
    void refusesWithAClearReason();
    void parsesTheReportCommand_data();
    void parsesTheReportCommand();
    void parsesTheForgetCommand_data();
    void parsesTheForgetCommand();
};

void TestCommandLine::accepts_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("mode");
    QTest::addColumn<bool>("demo");
    QTest::addColumn<bool>("headless");
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<int>("speed");
    QTest::addColumn<int>("duration");
    QTest::addColumn<QString>("profile");
    using M = Options::Mode;
    QTest::newRow("plain") << QStringList{} << int(M::Gui) << false << false << "calm" << 10 << 30
                           << "";
    QTest::newRow("version") << QStringList{"--version"} << int(M::Version) << false << false
                             << "calm" << 10 << 30 << "";
    QTest::newRow("help") << QStringList{"-h"} << int(M::Help) << false << false << "calm" << 10
                          << 30 << "";
    QTest::newRow("demo") << QStringList{"--demo"} << int(M::Gui) << true << false << "calm" << 10
                          << 30 << "";
    QTest::newRow("headless hate raid")
        << QStringList{"--demo", "--headless", "--scenario", "hate-raid", "--duration", "20"}
        << int(M::Gui) << true << true << "hate-raid" << 10 << 20 << "";
    QTest::newRow("speed and profile")
        << QStringList{"--demo", "--speed=60", "--profile", "/tmp/p"} << int(M::Gui) << true
        << false << "calm" << 60 << 30 << "/tmp/p";
    QTest::newRow("profile alone") << QStringList{"--profile", "x"} << int(M::Gui) << false << false
                                   << "calm" << 10 << 30 << "x";
}

void TestCommandLine::accepts()
{
    QFETCH(QStringList, args);
    QFETCH(int, mode);
    QFETCH(bool, demo);
    QFETCH(bool, headless);
    QFETCH(QString, scenario);
    QFETCH(int, speed);
    QFETCH(int, duration);
    QFETCH(QString, profile);
    const ParseResult r = parseCommandLine(QStringList{QStringLiteral("roomwarden")} + args);
    QVERIFY2(r.options.has_value(), qPrintable(r.error));
    QCOMPARE(int(r.options->mode), mode);
    QCOMPARE(r.options->demo, demo);
    QCOMPARE(r.options->headless, headless);
    QCOMPARE(r.options->scenario, scenario);
    QCOMPARE(r.options->speed, speed);
    QCOMPARE(r.options->durationSeconds, duration);
    QCOMPARE(r.options->profileDir, profile);
    QVERIFY(r.helpText.contains(QStringLiteral("--demo")));
}

void TestCommandLine::refusesWithAClearReason_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("unknown option") << QStringList{"--frobnicate"} << "frobnicate";
    QTest::newRow("unknown scenario") << QStringList{"--demo", "--scenario", "riot"} << "riot";
    QTest::newRow("speed zero") << QStringList{"--demo", "--speed", "0"} << "--speed";
    QTest::newRow("speed text") << QStringList{"--demo", "--speed", "fast"} << "--speed";
    QTest::newRow("speed too big") << QStringList{"--demo", "--speed", "601"} << "--speed";
    QTest::newRow("duration negative") << QStringList{"--demo", "--duration", "-5"} << "--duration";
    QTest::newRow("headless without demo") << QStringList{"--headless"} << "--demo";
    QTest::newRow("scenario without demo") << QStringList{"--scenario", "raid"} << "--demo";
    QTest::newRow("empty profile") << QStringList{"--profile", " "} << "--profile";
    QTest::newRow("stray argument") << QStringList{"extra"} << "extra";
    QTest::newRow("missing value") << QStringList{"--demo", "--speed"} << "speed";
    QTest::newRow("report without format") << QStringList{"report", "--out", "a"} << "--format";
    QTest::newRow("report bad format")
        << QStringList{"report", "--format", "xls", "--out", "a"} << "xls";
    QTest::newRow("report without out") << QStringList{"report", "--format", "csv"} << "--out";
    QTest::newRow("report bad session")
        << QStringList{"report", "--session", "newest", "--format", "csv", "--out", "a"}
        << "--session";
    QTest::newRow("report session zero")
        << QStringList{"report", "--session", "0", "--format", "csv", "--out", "a"} << "--session";
    QTest::newRow("report empty room")
        << QStringList{"report", "--room", "", "--format", "csv", "--out", "a"} << "--room";
    QTest::newRow("report demo option")
        << QStringList{"report", "--speed", "3", "--format", "csv", "--out", "a"} << "speed";
    QTest::newRow("report stray") << QStringList{"report", "now", "--format", "csv", "--out", "a"}
                                  << "now";
    QTest::newRow("report not first") << QStringList{"--demo", "report"} << "report";
    QTest::newRow("forget nothing") << QStringList{"forget"} << "exactly one";
    QTest::newRow("forget two things")
        << QStringList{"forget", "--room", "twitch:1", "--everything"} << "exactly one";
    QTest::newRow("forget bad session") << QStringList{"forget", "--session", "x"} << "--session";
    QTest::newRow("forget empty person") << QStringList{"forget", "--person", " "} << "--person";
}

void TestCommandLine::refusesWithAClearReason()
{
    QFETCH(QStringList, args);
    QFETCH(QString, mentions);
    const ParseResult r = parseCommandLine(QStringList{QStringLiteral("roomwarden")} + args);
    QVERIFY(!r.options.has_value());
    QVERIFY2(r.error.contains(mentions), qPrintable(r.error));
}

void TestCommandLine::parsesTheReportCommand_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("room");
    QTest::addColumn<QString>("session");
    QTest::addColumn<int>("format");
    QTest::addColumn<QString>("out");
    QTest::addColumn<bool>("demo");
    QTest::addColumn<QString>("profile");
    using F = ReportOptions::Format;
    QTest::newRow("defaults") << QStringList{"--format", "csv", "--out", "a.csv"} << ""
                              << "latest" << int(F::Csv) << "a.csv" << false << "";
    QTest::newRow("everything") << QStringList{"--profile", "/tmp/p",    "--demo",    "--room",
                                               "twitch:12", "--session", "42",        "--format",
                                               "PDF",       "--out",     "/tmp/r.pdf"}
                                << "twitch:12"
                                << "42" << int(F::Pdf) << "/tmp/r.pdf" << true << "/tmp/p";
    QTest::newRow("json") << QStringList{"--format=json", "--out=r.json", "--session=latest"} << ""
                          << "latest" << int(F::Json) << "r.json" << false << "";
    QTest::newRow("html") << QStringList{"--format", "html", "--out", "r.html"} << ""
                          << "latest" << int(F::Html) << "r.html" << false << "";
}

void TestCommandLine::parsesTheReportCommand()
{
    QFETCH(QStringList, args);
    QFETCH(QString, room);
    QFETCH(QString, session);
    QFETCH(int, format);
    QFETCH(QString, out);
    QFETCH(bool, demo);
    QFETCH(QString, profile);
    const ParseResult r = parseCommandLine(
        QStringList{QStringLiteral("roomwarden"), QStringLiteral("report")} + args);
    QVERIFY2(r.options.has_value(), qPrintable(r.error));
    QCOMPARE(r.options->mode, Options::Mode::Report);
    QCOMPARE(r.options->report.room, room);
    QCOMPARE(r.options->report.session, session);
    QCOMPARE(int(r.options->report.format), format);
    QCOMPARE(r.options->report.out, out);
    QCOMPARE(r.options->report.demo, demo);
    QCOMPARE(r.options->profileDir, profile);
    QVERIFY(r.helpText.contains(QStringLiteral("--session")));
    QVERIFY(r.helpText.contains(QStringLiteral("Exit codes")));

    const ParseResult help = parseCommandLine(
        {QStringLiteral("roomwarden"), QStringLiteral("report"), QStringLiteral("--help")});
    QVERIFY(help.options.has_value());
    QCOMPARE(help.options->mode, Options::Mode::Help);
}

void TestCommandLine::parsesTheForgetCommand_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("target");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("demo");
    using T = ForgetOptions::Target;
    QTest::newRow("session") << QStringList{"--session", "12"} << int(T::Session) << "12" << false;
    QTest::newRow("room") << QStringList{"--demo", "--room", "twitch:9"} << int(T::Room)
                          << "twitch:9" << true;
    QTest::newRow("person") << QStringList{"--person=u-1"} << int(T::Person) << "u-1" << false;
    QTest::newRow("everything") << QStringList{"--everything", "--profile", "/tmp/p"}
                                << int(T::Everything) << "" << false;
}

void TestCommandLine::parsesTheForgetCommand()
{
    QFETCH(QStringList, args);
    QFETCH(int, target);
    QFETCH(QString, value);
    QFETCH(bool, demo);
    const ParseResult r = parseCommandLine(
        QStringList{QStringLiteral("roomwarden"), QStringLiteral("forget")} + args);
    QVERIFY2(r.options.has_value(), qPrintable(r.error));
    QCOMPARE(r.options->mode, Options::Mode::Forget);
    QCOMPARE(int(r.options->forget.target), target);
    QCOMPARE(r.options->forget.value, value);
    QCOMPARE(r.options->forget.demo, demo);
    QVERIFY(r.helpText.contains(QStringLiteral("--everything")));
}

ROOMWARDEN_TEST_MAIN_CORE(TestCommandLine)
#include "TestCommandLine.moc"
