#include "core/auth/Pkce.h"

#include "TestMain.h"

#include <QSet>

using roomwarden::auth::Pkce;

class TestPkce : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rfc7636AppendixB();
    void verifierLengthAndAlphabet_data();
    void verifierLengthAndAlphabet();
    void invalidVerifiersHaveNoChallenge_data();
    void invalidVerifiersHaveNoChallenge();
    void stateIsRandomAndUrlSafe();
};

void TestPkce::rfc7636AppendixB()
{
    // RFC 7636 Appendix B: a public example vector, not a secret. (The value sometimes quoted
    // as "E9Melhoa2OwvFrEXLFWQ1daE4tPpiNSaeTxrK_tNF3M" is a corrupted copy: only its first 15
    // characters match the RFC, and Python's hashlib agrees with the value below.)
    const QString verifier = QStringLiteral("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
    QVERIFY(Pkce::isValidVerifier(verifier));
    QCOMPARE(Pkce::challengeS256(verifier),
             QStringLiteral("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
    // The verifier itself is the base64url of the octets the appendix lists.
    const QByteArray octets =
        QByteArray::fromHex("7418dfb49799e0254ffa607dd8adbbba16d4254d69d6bff05b58055853848d79");
    QCOMPARE(octets.size(), 32);
    QCOMPARE(Pkce::base64Url(octets), verifier);
    QCOMPARE(Pkce::kMethod.toString(), QStringLiteral("S256"));
}

void TestPkce::verifierLengthAndAlphabet_data()
{
    QTest::addColumn<int>("requested");
    QTest::addColumn<int>("expected");
    QTest::newRow("default") << Pkce::kDefaultVerifierLength << 64;
    QTest::newRow("minimum") << 43 << 43;
    QTest::newRow("maximum") << 128 << 128;
    QTest::newRow("too short is raised") << 10 << 43;
    QTest::newRow("too long is cut") << 500 << 128;
    QTest::newRow("odd length") << 77 << 77;
}

void TestPkce::verifierLengthAndAlphabet()
{
    QFETCH(int, requested);
    QFETCH(int, expected);
    const QString v = Pkce::generateVerifier(requested);
    QCOMPARE(v.size(), expected);
    QVERIFY(Pkce::isValidVerifier(v));
    for (const QChar c : v)
        QVERIFY2(c.isLetterOrNumber() || c == u'-' || c == u'_', qPrintable(QString(c)));
    const QString challenge = Pkce::challengeS256(v);
    QCOMPARE(challenge.size(), 43); // 32 bytes of SHA-256, base64url without padding
    QVERIFY(!challenge.contains(u'='));
    QVERIFY(Pkce::generateVerifier(requested) != v);
}

void TestPkce::invalidVerifiersHaveNoChallenge_data()
{
    QTest::addColumn<QString>("verifier");
    QTest::newRow("empty") << QString();
    QTest::newRow("42 chars") << QString(42, u'a');
    QTest::newRow("129 chars") << QString(129, u'a');
    QTest::newRow("space") << QString(QString(42, u'a') + u' ');
    QTest::newRow("plus") << QString(QString(42, u'a') + u'+');
    QTest::newRow("non-ascii") << QString(QString(42, u'a') + u'\u00e9');
}

void TestPkce::invalidVerifiersHaveNoChallenge()
{
    QFETCH(QString, verifier);
    QVERIFY(!Pkce::isValidVerifier(verifier));
    QVERIFY(Pkce::challengeS256(verifier).isEmpty());
}

void TestPkce::stateIsRandomAndUrlSafe()
{
    QSet<QString> seen;
    for (int i = 0; i < 200; ++i) {
        const QString s = Pkce::generateState();
        QCOMPARE(s.size(), 43); // 32 bytes
        QCOMPARE(QString::fromLatin1(QUrl::toPercentEncoding(s)), s);
        seen.insert(s);
    }
    QCOMPARE(seen.size(), 200);
    QCOMPARE(Pkce::randomBytes(0).size(), 0);
    QCOMPARE(Pkce::randomBytes(16).size(), 16);
}

ROOMWARDEN_TEST_MAIN_CORE(TestPkce)
#include "TestPkce.moc"
