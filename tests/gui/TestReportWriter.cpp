// The post-room report as PDF and HTML: a real PDF (one page) comes out, and hostile names are
// escaped in the HTML, never raw markup.
#include "ui/ReportWriter.h"

#include "TestMain.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>

using namespace roomwarden;

namespace {

const QString kHostile = QStringLiteral("<script>alert(1)</script><img src=x onerror=y>&amp;");

analytics::SessionReport hostileReport(int moderators = 1)
{
    analytics::SessionReport r;
    r.session.id = 7;
    r.session.roomKey = QStringLiteral("twitch:<b>room</b>");
    r.session.startedAt = QDateTime(QDate(2026, 6, 1), QTime(20, 0), Qt::UTC);
    r.session.endedAt = r.session.startedAt.addSecs(3600);
    r.session.source = QStringLiteral("stream");
    r.session.endReason = QStringLiteral("offline");
    r.durationSeconds = {3600, false, {}};
    r.peakViewers = {90, true, QStringLiteral("Highest <sampled> viewer count")};
    r.chatMessages = {123, false, {}};
    for (int i = 0; i < 10; ++i)
        r.topChatters << analytics::TopChatter{QStringLiteral("u%1").arg(i),
                                               kHostile + QString::number(i), 50 - i};
    analytics::ModeratorActions mod;
    mod.moderatorId = QStringLiteral("m1");
    mod.name = kHostile;
    mod.byKind.insert(QStringLiteral("user_banned"), 3);
    mod.total = 3;
    for (int i = 0; i < moderators; ++i)
        r.byModerator << mod;
    r.raids << analytics::RaidEffect{r.session.startedAt.addSecs(600), true, 40, 10.0, 55.0, 1, 4};
    return r;
}

} // namespace

class TestReportWriter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void htmlEscapesEveryUserString();
    void pdfIsOnePageOfRealPdf_data();
    void pdfIsOnePageOfRealPdf();
    void anUnwritablePathSaysWhy();
};

void TestReportWriter::htmlEscapesEveryUserString()
{
    const QString html = ui::ReportWriter::html(hostileReport());
    QVERIFY(html.contains(kHostile.toHtmlEscaped() + QStringLiteral("0")));
    QVERIFY(html.contains(QStringLiteral("twitch:&lt;b&gt;room&lt;/b&gt;")));
    QVERIFY(html.contains(QStringLiteral("Highest &lt;sampled&gt; viewer count")));
    QVERIFY(!html.contains(QStringLiteral("<script")));
    QVERIFY(!html.contains(QStringLiteral("<img")));
    QVERIFY(!html.contains(QStringLiteral("<b>room")));
    // The estimate is marked and its method given.
    QVERIFY(html.contains(QStringLiteral("\u2248 90")));

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("r.html"));
    QString error;
    QVERIFY2(ui::ReportWriter::writeHtml(path, hostileReport(), &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(file.readAll()), html);
}

void TestReportWriter::pdfIsOnePageOfRealPdf_data()
{
    QTest::addColumn<int>("moderators");
    QTest::newRow("usual") << 1;
    QTest::newRow("too long for a page unscaled") << 120;
}

void TestReportWriter::pdfIsOnePageOfRealPdf()
{
    QFETCH(int, moderators);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("r.pdf"));
    QString error;
    QVERIFY2(ui::ReportWriter::writePdf(path, hostileReport(moderators), &error),
             qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.startsWith("%PDF-"));
    QVERIFY(bytes.trimmed().endsWith("%%EOF"));
    QVERIFY(bytes.size() > 1000);
    // Page objects are "/Type /Page" (the page tree is "/Type /Pages").
    static const QRegularExpression page(QStringLiteral("/Type\\s*/Page(?!s)"));
    QCOMPARE(QString::fromLatin1(bytes).count(page), 1);
}

void TestReportWriter::anUnwritablePathSaysWhy()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("missing/folder/r.pdf"));
    QString error;
    QVERIFY(!ui::ReportWriter::writePdf(path, hostileReport(), &error));
    QVERIFY2(error.contains(QStringLiteral("r.pdf")), qPrintable(error));
    QVERIFY(!QFile::exists(path));
}

ROOMWARDEN_TEST_MAIN_GUI(TestReportWriter)
#include "TestReportWriter.moc"
