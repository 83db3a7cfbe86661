#include "core/util/Settings.h"

#include "TestMain.h"

#include <QFile>
#include <QTemporaryDir>

using namespace roomwarden::util;

class TestSettings : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void catalogIsSound();
    void auditRejectsCredentialKeys_data();
    void auditRejectsCredentialKeys();
    void auditRejectsBadDefaults();
    void defaultsWhenUnset();
    void typedRoundTripSurvivesRestart();
    void invalidValuesAreRefusedWithAReason_data();
    void invalidValuesAreRefusedWithAReason();
    void handEditedGarbageFallsBackWithoutLosingIt();
    void resetRestoresDefault();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString file() const { return m_dir->filePath(QStringLiteral("settings.ini")); }
};

void TestSettings::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestSettings::catalogIsSound()
{
    QCOMPARE(Settings::auditCatalog(Settings::catalog()), QStringList());
    QVERIFY(Settings::catalog().size() >= 5);
    for (const SettingSpec &s : Settings::catalog())
        QVERIFY2(!s.description.isEmpty(), qPrintable(s.key));
}

void TestSettings::auditRejectsCredentialKeys_data()
{
    QTest::addColumn<QString>("key");
    QTest::newRow("token") << "twitch/accessToken";
    QTest::newRow("refresh") << "auth/refresh_token";
    QTest::newRow("secret") << "twitch/clientSecret";
    QTest::newRow("password") << "proxy/password";
    QTest::newRow("api key") << "discord/api-key";
    QTest::newRow("cookie") << "web/Cookie";
}

void TestSettings::auditRejectsCredentialKeys()
{
    QFETCH(QString, key);
    QList<SettingSpec> catalog = Settings::catalog();
    catalog.append({key, SettingType::String, QString(), QStringLiteral("d"), 0, 0, {}, 64});
    const QStringList problems = Settings::auditCatalog(catalog);
    QCOMPARE(problems.size(), 1);
    QVERIFY(problems.constFirst().startsWith(key));
}

void TestSettings::auditRejectsBadDefaults()
{
    QList<SettingSpec> bad{
        {QStringLiteral("a/int"), SettingType::Int, 50, QStringLiteral("d"), 1, 10, {}, 0},
        {QStringLiteral("a/choice"),
         SettingType::Choice,
         QStringLiteral("z"),
         QStringLiteral("d"),
         0,
         0,
         {QStringLiteral("x"), QStringLiteral("y")},
         0},
        {QStringLiteral("a/int"), SettingType::Int, 5, QStringLiteral("d"), 1, 10, {}, 0},
    };
    QCOMPARE(Settings::auditCatalog(bad).size(), 3); // range, choice, duplicate
}

void TestSettings::defaultsWhenUnset()
{
    Settings s(file());
    QCOMPARE(s.value(keys::kRawRetentionHours), 24);
    QCOMPARE(s.value(keys::kAlertSounds), true);
    QCOMPARE(s.value(keys::kTheme), QStringLiteral("system"));
    QCOMPARE(s.value(keys::kDemoSpeed), 10);
    QVERIFY(!s.isSet(QString::fromLatin1(keys::kTheme.name)));
}

void TestSettings::typedRoundTripSurvivesRestart()
{
    {
        Settings s(file());
        QCOMPARE(s.setValue(keys::kRawRetentionHours, 72), std::nullopt);
        QCOMPARE(s.setValue(keys::kAlertSounds, false), std::nullopt);
        QCOMPARE(s.setValue(keys::kTheme, QStringLiteral("dark")), std::nullopt);
        QCOMPARE(s.setValue(keys::kTwitchClientId, QStringLiteral("myclientid123")), std::nullopt);
        s.sync();
    }
    Settings again(file());
    QCOMPARE(again.value(keys::kRawRetentionHours), 72);
    QCOMPARE(again.value(keys::kAlertSounds), false);
    QCOMPARE(again.value(keys::kTheme), QStringLiteral("dark"));
    QCOMPARE(again.value(keys::kTwitchClientId), QStringLiteral("myclientid123"));
}

void TestSettings::invalidValuesAreRefusedWithAReason_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QVariant>("value");
    QTest::addColumn<int>("error");
    QTest::newRow("unknown key") << "nope/nothing" << QVariant(1) << int(SetError::UnknownKey);
    QTest::newRow("int too small")
        << "privacy/rawRetentionHours" << QVariant(0) << int(SetError::OutOfRange);
    QTest::newRow("int too big") << "demo/speed" << QVariant(601) << int(SetError::OutOfRange);
    QTest::newRow("int from text")
        << "demo/speed" << QVariant(QStringLiteral("fast")) << int(SetError::WrongType);
    QTest::newRow("bool as int") << "demo/speed" << QVariant(true) << int(SetError::WrongType);
    QTest::newRow("bool from text")
        << "alerts/sounds" << QVariant(QStringLiteral("maybe")) << int(SetError::WrongType);
    QTest::newRow("not a choice") << "ui/theme" << QVariant(QStringLiteral("neon"))
                                  << int(SetError::NotAChoice);
    QTest::newRow("too long") << "twitch/clientId" << QVariant(QString(65, u'a'))
                              << int(SetError::TooLong);
    QTest::newRow("string as int") << "ui/language" << QVariant(5) << int(SetError::WrongType);
}

void TestSettings::invalidValuesAreRefusedWithAReason()
{
    QFETCH(QString, key);
    QFETCH(QVariant, value);
    QFETCH(int, error);
    Settings s(file());
    const auto result = s.setValue(key, value);
    QVERIFY(result.has_value());
    QCOMPARE(int(*result), error);
    QVERIFY(!Settings::errorText(*result).isEmpty());
    if (Settings::spec(key))
        QVERIFY(!s.isSet(key)); // nothing was written
}

void TestSettings::handEditedGarbageFallsBackWithoutLosingIt()
{
    {
        QFile f(file());
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[privacy]\nrawRetentionHours=lots\n[ui]\ntheme=dark\n[unknown]\nkeep=me\n");
    }
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("invalid value for setting")));
    {
        Settings s(file());
        QCOMPARE(s.value(keys::kRawRetentionHours), 24); // default, with a warning
        QCOMPARE(s.value(keys::kTheme), QStringLiteral("dark"));
        QCOMPARE(s.setValue(keys::kAlertSounds, false), std::nullopt);
        s.sync();
    }
    QFile f(file());
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray content = f.readAll();
    QVERIFY2(content.contains("rawRetentionHours=lots"), content.constData()); // not overwritten
    QVERIFY(content.contains("keep=me"));
}

void TestSettings::resetRestoresDefault()
{
    Settings s(file());
    QCOMPARE(s.setValue(keys::kDemoSpeed, 60), std::nullopt);
    QCOMPARE(s.value(keys::kDemoSpeed), 60);
    s.reset(QString::fromLatin1(keys::kDemoSpeed.name));
    QCOMPARE(s.value(keys::kDemoSpeed), 10);
}

ROOMWARDEN_TEST_MAIN_CORE(TestSettings)
#include "TestSettings.moc"
