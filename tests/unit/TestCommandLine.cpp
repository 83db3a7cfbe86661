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
}

void TestCommandLine::refusesWithAClearReason()
{
    QFETCH(QStringList, args);
    QFETCH(QString, mentions);
    const ParseResult r = parseCommandLine(QStringList{QStringLiteral("roomwarden")} + args);
    QVERIFY(!r.options.has_value());
    QVERIFY2(r.error.contains(mentions), qPrintable(r.error));
}

ROOMWARDEN_TEST_MAIN_CORE(TestCommandLine)
#include "TestCommandLine.moc"
