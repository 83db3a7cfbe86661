// The folding that bulk filters and the raid detector match chat against (ICU-based).
#include "core/moderation/TextFold.h"

#include "TestMain.h"

using roomwarden::moderation::TextFolder;

class TestTextFold : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void disguisesFoldToThePlainText_data();
    void disguisesFoldToThePlainText();
    void differentWordsStayDifferent_data();
    void differentWordsStayDifferent();
    void matchingUsesFoldedPatterns();
    void hugeInputIsBounded();
};

void TestTextFold::disguisesFoldToThePlainText_data()
{
    QTest::addColumn<QString>("plain");
    QTest::addColumn<QString>("disguised");
    QTest::newRow("case") << QStringLiteral("follow my channel")
                          << QStringLiteral("FOLLOW My ChAnNeL");
    QTest::newRow("fullwidth") << QStringLiteral("hello")
                               << QStringLiteral("\uFF48\uFF45\uFF4C\uFF4C\uFF4F");
    QTest::newRow("cyrillic lookalikes")
        << QStringLiteral("scam") << QStringLiteral("\u0455\u0441\u0430m"); // ѕса + m
    QTest::newRow("greek omicron") << QStringLiteral("bot") << QStringLiteral("b\u03BFt");
    QTest::newRow("math bold") << QStringLiteral("hi")
                               << QStringLiteral("\U0001D421\U0001D422"); // 𝐡𝐢
    QTest::newRow("zero width") << QStringLiteral("free followers")
                                << QStringLiteral("fr\u200Bee\u200D fol\u2060lowers");
    QTest::newRow("bidi override") << QStringLiteral("spam") << QStringLiteral("\u202Espam\u202C");
    QTest::newRow("zalgo") << QStringLiteral("spam")
                           << QStringLiteral("s\u0338\u0322p\u0334a\u0337\u0315m\u0335\u0347");
    QTest::newRow("accents") << QStringLiteral("cafe") << QStringLiteral("caf\u00E9");
    QTest::newRow("whitespace") << QStringLiteral("buy now")
                                << QStringLiteral("  buy \t\u00A0 now  ");
}

void TestTextFold::disguisesFoldToThePlainText()
{
    QFETCH(QString, plain);
    QFETCH(QString, disguised);
    TextFolder f;
    QCOMPARE(f.fold(disguised), f.fold(plain));
    QVERIFY(!f.fold(plain).isEmpty());
}

void TestTextFold::differentWordsStayDifferent_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::newRow("one letter") << QStringLiteral("hello") << QStringLiteral("help");
    QTest::newRow("vowel") << QStringLiteral("bad") << QStringLiteral("bed");
    QTest::newRow("numbers") << QStringLiteral("12") << QStringLiteral("13");
}

void TestTextFold::differentWordsStayDifferent()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    TextFolder f;
    QVERIFY(f.fold(a) != f.fold(b));
}

void TestTextFold::matchingUsesFoldedPatterns()
{
    TextFolder f;
    const QString pattern = f.fold(QStringLiteral("cheap viewers"));
    QVERIFY(f.matches(QStringLiteral("get \u0441h\u0435ap VIEWERS at example"), pattern));
    QVERIFY(!f.matches(QStringLiteral("cheap snacks"), pattern));
    QVERIFY(!f.matches(QStringLiteral("anything"), QString()));
}

void TestTextFold::hugeInputIsBounded()
{
    TextFolder f;
    const QString word(10'000, QChar(u'\u0430')); // 10,000 Cyrillic "а"
    const QString folded = f.fold(word + QStringLiteral("\u0301").repeated(5000));
    QVERIFY(folded.size() <= TextFolder::kMaxInput);
    QCOMPARE(folded, QString(folded.size(), QLatin1Char('a')));
}

ROOMWARDEN_TEST_MAIN_CORE(TestTextFold)
#include "TestTextFold.moc"
