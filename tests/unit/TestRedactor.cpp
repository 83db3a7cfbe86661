#include "core/util/Redactor.h"

#include "TestMain.h"

#include <QElapsedTimer>
#include <QRandomGenerator>

using roomwarden::util::Redactor;

namespace {
// Tokens are generated at run time: the repository holds no token-shaped strings.
QString randomToken(int length, QStringView alphabet = u"abcdefghijklmnopqrstuvwxyz0123456789")
{
    QString out;
    for (int i = 0; i < length; ++i)
        out += alphabet.at(QRandomGenerator::global()->bounded(int(alphabet.size())));
    return out;
}
} // namespace

class TestRedactor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void masksCredentialShapes_data();
    void masksCredentialShapes();
    void leavesOrdinaryTextAlone_data();
    void leavesOrdinaryTextAlone();
    void masksRegisteredSecretsWithoutShape();
    void longerSecretWinsOverContainedOne();
    void shortSecretsAreNotRegistered();
    void removedSecretIsNoLongerMasked();
    void hostileLongLineFinishesQuickly();
    void manyTokensOnOneLine();
};

void TestRedactor::masksCredentialShapes_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("secret");
    const QString t = randomToken(30);
    const QString r = randomToken(50);
    const QString jwt = QStringLiteral("eyJ") + randomToken(20) + u'.' + QStringLiteral("eyJ") +
                        randomToken(40) + u'.' + randomToken(43);
    const QString discord = randomToken(26) + u'.' + randomToken(6) + u'.' + randomToken(38);
    QTest::newRow("authorization header") << QStringLiteral("Authorization: Bearer %1").arg(t) << t;
    QTest::newRow("authorization, odd case")
        << QStringLiteral("aUtHoRiZaTiOn:bEaReR %1").arg(t) << t;
    QTest::newRow("authorization, no scheme") << QStringLiteral("Authorization: %1").arg(t) << t;
    QTest::newRow("authorization, OAuth scheme")
        << QStringLiteral("Authorization: OAuth %1").arg(t) << t;
    QTest::newRow("authorization in JSON")
        << QStringLiteral("{\"Authorization\": \"Bearer %1\"}").arg(t) << t;
    QTest::newRow("proxy authorization")
        << QStringLiteral("Proxy-Authorization: Basic %1").arg(t) << t;
    QTest::newRow("bearer mid-sentence") << QStringLiteral("sent bearer %1 to host").arg(t) << t;
    QTest::newRow("bot token scheme") << QStringLiteral("Bot %1").arg(discord) << discord;
    QTest::newRow("json access_token")
        << QStringLiteral("{\"access_token\":\"%1\",\"x\":1}").arg(t) << t;
    QTest::newRow("json spaced refresh_token")
        << QStringLiteral("{ \"refresh_token\" :  \"%1\" }").arg(r) << r;
    QTest::newRow("json client_secret") << QStringLiteral("{\"client_secret\":\"%1\"}").arg(t) << t;
    QTest::newRow("form body")
        << QStringLiteral("grant_type=refresh_token&refresh_token=%1&client_id=abc").arg(r) << r;
    QTest::newRow("revoke body") << QStringLiteral("client_id=abc&token=%1").arg(t) << t;
    QTest::newRow("url query") << QStringLiteral("https://h/cb?access_token=%1&state=x").arg(t)
                               << t;
    QTest::newRow("auth code in redirect")
        << QStringLiteral("GET /callback?code=%1&state=s").arg(t) << t;
    QTest::newRow("device code") << QStringLiteral("device_code=%1").arg(t) << t;
    QTest::newRow("pkce verifier") << QStringLiteral("code_verifier=%1").arg(r) << r;
    QTest::newRow("yaml-ish password") << QStringLiteral("password: %1").arg(t) << t;
    QTest::newRow("irc oauth") << QStringLiteral("PASS oauth:%1").arg(t) << t;
    QTest::newRow("jwt") << QStringLiteral("id_token %1 end").arg(jwt) << jwt;
    QTest::newRow("discord token bare") << QStringLiteral("token was %1.").arg(discord) << discord;
    QTest::newRow("crlf injection")
        << QStringLiteral("x\r\nAuthorization: Bearer %1\r\n").arg(t) << t;
    QTest::newRow("unicode around") << QStringLiteral("ünïcødé→Bearer %1←🙂").arg(t) << t;
    QTest::newRow("single quotes") << QStringLiteral("{'access_token': '%1'}").arg(t) << t;
}

void TestRedactor::masksCredentialShapes()
{
    QFETCH(QString, input);
    QFETCH(QString, secret);
    QVERIFY(input.contains(secret));
    const QString out = Redactor().redact(input);
    QVERIFY2(!out.contains(secret), qPrintable(out));
    QVERIFY2(out.contains(Redactor::kMask), qPrintable(out));
}

void TestRedactor::leavesOrdinaryTextAlone_data()
{
    QTest::addColumn<QString>("input");
    QTest::newRow("chat line") << QStringLiteral("viewer42: what a play, gg everyone!");
    QTest::newRow("counts") << QStringLiteral("tokens: 3 stored, 0 expired");
    QTest::newRow("http status") << QStringLiteral(
        "reply 401 Missing scope: moderator:manage:banned_users");
    QTest::newRow("url without credentials")
        << QStringLiteral("GET https://api.twitch.tv/helix/users?id=1&first=20");
    QTest::newRow("user code is shown on purpose") << QStringLiteral("user_code=JLLKTXWJ");
}

void TestRedactor::leavesOrdinaryTextAlone()
{
    QFETCH(QString, input);
    QCOMPARE(Redactor().redact(input), input);
}

void TestRedactor::masksRegisteredSecretsWithoutShape()
{
    Redactor r;
    const QString secret = randomToken(30);
    const QString line = QStringLiteral("weird dump [%1] with no field name").arg(secret);
    QCOMPARE(r.redact(line), line); // no shape: untouched until registered
    r.addSecret(secret);
    QCOMPARE(r.secretCount(), 1);
    const QString out = r.redact(line);
    QVERIFY(!out.contains(secret));
    QCOMPARE(out, QStringLiteral("weird dump [[redacted]] with no field name"));
    // Glued to other text, too.
    QVERIFY(!r.redact(QString(QStringLiteral("abc") + secret + QStringLiteral("def")))
                 .contains(secret));
}

void TestRedactor::longerSecretWinsOverContainedOne()
{
    Redactor r;
    const QString inner = randomToken(10);
    const QString outer = randomToken(6) + inner + randomToken(6);
    r.addSecret(inner);
    r.addSecret(outer);
    const QString out = r.redact(QString(QStringLiteral("x ") + outer + QStringLiteral(" y")));
    QCOMPARE(out, QStringLiteral("x [redacted] y"));
}

void TestRedactor::shortSecretsAreNotRegistered()
{
    Redactor r;
    r.addSecret(QStringLiteral("abc"));
    QCOMPARE(r.secretCount(), 0);
    QCOMPARE(r.redact(u"abc abc"), QStringLiteral("abc abc"));
}

void TestRedactor::removedSecretIsNoLongerMasked()
{
    Redactor r;
    const QString secret = randomToken(20);
    r.addSecret(secret);
    r.removeSecret(secret);
    QCOMPARE(r.secretCount(), 0);
    QCOMPARE(r.redact(secret), secret);
}

void TestRedactor::hostileLongLineFinishesQuickly()
{
    // 1 MiB of near-misses for every rule: must not backtrack catastrophically. Reported,
    // not asserted on time (a slow machine is not a bug); the output is checked.
    const QString t = randomToken(30);
    QString line;
    while (line.size() < (1 << 20))
        line += QStringLiteral("access_token Authorization bearer oauth: eyJ.a.b token= ");
    line += QStringLiteral("Authorization: Bearer ") + t;
    QElapsedTimer timer;
    timer.start();
    const QString out = Redactor().redact(line);
    qInfo("redacted a %lld-character hostile line in %lld ms", qlonglong(line.size()),
          qlonglong(timer.elapsed()));
    QVERIFY(!out.contains(t));
}

void TestRedactor::manyTokensOnOneLine()
{
    Redactor r;
    QStringList tokens;
    QString line;
    for (int i = 0; i < 50; ++i) {
        tokens << randomToken(30);
        line += QStringLiteral("access_token=%1&").arg(tokens.last());
    }
    const QString out = r.redact(line);
    for (const QString &t : std::as_const(tokens))
        QVERIFY(!out.contains(t));
    QCOMPARE(out.count(Redactor::kMask), 50);
}

ROOMWARDEN_TEST_MAIN_CORE(TestRedactor)
#include "TestRedactor.moc"
