// Hostile names and messages (markup, rich text, bidi overrides, zalgo, a 10,000-character word,
// lookalikes) fed into the desk through the same calls the app makes: every widget shows them
// as plain text, item views hand out the characters verbatim, and no rich-text widget holds
// them as HTML. Layout with such text completes (no timing is asserted).
#include "core/model/AuditEntry.h"
#include "core/model/Room.h"
#include "core/model/RoomEvent.h"
#include "core/moderation/BulkPlanner.h"
#include "ui/AuditLogPage.h"
#include "ui/BulkActionDialog.h"
#include "ui/RoomView.h"
#include "ui/UserCard.h"

#include "TestMain.h"

#include <QAbstractItemView>
#include <QHeaderView>
#include <QLabel>
#include <QStyledItemDelegate>
#include <QTextEdit>

using namespace roomwarden;

namespace {
// Every hostile string carries this marker, so the walk below can tell which widgets got it.
const QString kMarker = QStringLiteral("QZXmark");

model::Room room()
{
    return {model::Provider::Twitch, QStringLiteral("1001"), QStringLiteral("caster"),
            QStringLiteral("Caster")};
}

model::RoomEvent chat(const QString &userId, const QString &name, const QString &text)
{
    model::RoomEvent e;
    e.kind = model::RoomEventKind::ChatMessage;
    e.eventId = QStringLiteral("e-") + userId;
    e.messageId = QStringLiteral("m-") + userId;
    e.actorId = userId;
    e.actorName = name;
    e.text = text;
    e.occurredAt = QDateTime::currentDateTimeUtc();
    return e;
}

model::AuditEntry audit(const QString &hostile)
{
    model::AuditEntry e;
    e.source = model::AuditEntry::Source::Platform;
    e.at = QDateTime(QDate(2026, 11, 28), QTime(10, 0), Qt::UTC);
    e.roomKey = QStringLiteral("twitch:1001");
    e.moderatorId = QStringLiteral("mod1");
    e.moderatorName = hostile;
    e.action = QStringLiteral("ban");
    e.targetId = QStringLiteral("u1");
    e.targetName = hostile;
    e.reason = hostile;
    e.outcome = model::ActionOutcome::Applied;
    return e;
}

// What a walk over a widget tree found: how many places showed the hostile text, and every
// place that would interpret markup or changed the characters.
struct Walk
{
    int seen = 0;
    QStringList problems;
};

void walk(QWidget *root, const QString &hostile, Walk &out)
{
    QList<QWidget *> widgets = root->findChildren<QWidget *>();
    widgets.prepend(root);
    for (QWidget *w : widgets) {
        const QString where =
            QString::fromLatin1(w->metaObject()->className()) + u' ' + w->objectName();
        if (auto *label = qobject_cast<QLabel *>(w)) {
            // Labels that show user text must be plain text. (Fixed captions, such as those
            // QFormLayout::addRow(QString, ...) makes, are AutoText; they hold no user text.)
            if (label->text().contains(kMarker)) {
                ++out.seen;
                if (label->textFormat() != Qt::PlainText)
                    out.problems << where + QStringLiteral(": label with user text is not plain");
            }
        }
        if (auto *edit = qobject_cast<QTextEdit *>(w)) {
            // Rich text set with setHtml() would lose the tags from its plain text.
            const QString plain = edit->toPlainText();
            if (plain.contains(kMarker)) {
                ++out.seen;
                if (!plain.contains(hostile))
                    out.problems << where + QStringLiteral(": text edit interpreted the text");
            }
        }
        auto *view = qobject_cast<QAbstractItemView *>(w);
        // Header views draw our own column titles, and have no item delegate.
        if (view && !qobject_cast<QHeaderView *>(view)) {
            // Only Qt's own delegates: they draw DisplayRole as plain text, never as HTML.
            const QString delegate =
                QString::fromLatin1(view->itemDelegate()->metaObject()->className());
            if (delegate != u"QStyledItemDelegate" && delegate != u"QItemDelegate")
                out.problems << where + QStringLiteral(": custom delegate ") + delegate;
            const QAbstractItemModel *model = view->model();
            if (!model)
                continue;
            for (int r = 0; r < model->rowCount(); ++r) {
                for (int c = 0; c < model->columnCount(); ++c) {
                    const QModelIndex i = model->index(r, c);
                    for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole)}) {
                        const QString text = i.data(role).toString();
                        if (!text.contains(kMarker))
                            continue;
                        ++out.seen;
                        if (!text.contains(hostile))
                            out.problems << where +
                                                QStringLiteral(": row %1 column %2 changed the "
                                                               "text: ")
                                                    .arg(r)
                                                    .arg(c) +
                                                text.left(80);
                    }
                }
            }
        }
    }
}

// Lays the widget out and draws it: with a 10,000-character word this must simply finish.
void layOut(QWidget &w)
{
    const QSize hint = w.sizeHint();
    w.resize(qBound(200, hint.width(), 1600), qBound(200, hint.height(), 1200));
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(!w.grab().isNull());
}
} // namespace

class TestHostileText : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roomViewAndUserCard_data() { hostileStrings(); }
    void roomViewAndUserCard();
    void userCardHistory_data() { hostileStrings(); }
    void userCardHistory();
    void auditLogPage_data() { hostileStrings(); }
    void auditLogPage();
    void bulkDialog_data() { hostileStrings(); }
    void bulkDialog();

private:
    static void hostileStrings();
};

void TestHostileText::hostileStrings()
{
    QTest::addColumn<QString>("hostile");
    QTest::newRow("html") << QStringLiteral("<b>QZXmark</b><img src=\"http://127.0.0.1:1/x\">"
                                            "<a href=\"http://127.0.0.1:1/\">click</a>");
    QTest::newRow("rich text") << QStringLiteral("<html><body><h1 style=\"font-size:200px\">"
                                                 "QZXmark</h1>&lt;&amp;&#x202E;</body></html>");
    QTest::newRow("rtl override") << QStringLiteral("\u202EQZXmark gnp.exe\u202C \u2067x\u2069");
    QTest::newRow("zalgo") << QStringLiteral(
        "QZXmark z\u0351\u0352\u0353\u0354\u0355\u0356\u0357\u0358\u0359\u035a"
        "\u035b\u035c\u035d\u035e\u035f\u0360\u0361\u0362a\u0300\u0301\u0302"
        "\u0303\u0304\u0305\u0306\u0307\u0308\u0309lgo");
    QTest::newRow("10000-character word") << kMarker + QString(10000, QChar(u'W'));
    QTest::newRow("lookalikes") << QStringLiteral(
        "QZXmark \u0440\u0430yp\u0430l \uff41\uff44\uff4d\uff49\uff4e "
        "m\u200bo\u200bd");
}

void TestHostileText::roomViewAndUserCard()
{
    QFETCH(QString, hostile);
    ui::RoomView view(room());
    model::RoomEvent message = chat(QStringLiteral("u1"), hostile, hostile);
    model::RoomEvent ban;
    ban.kind = model::RoomEventKind::UserBanned;
    ban.actorId = QStringLiteral("mod1");
    ban.actorName = hostile;
    ban.targetId = QStringLiteral("u2");
    ban.targetName = hostile;
    ban.text = hostile;
    ban.occurredAt = QDateTime::currentDateTimeUtc();
    view.applyEvents({message, chat(QStringLiteral("u2"), hostile, hostile), ban});
    layOut(view);

    Walk w;
    walk(&view, hostile, w);
    QVERIFY2(w.problems.isEmpty(), qPrintable(w.problems.join(u'\n')));
    QVERIFY2(w.seen >= 2, "the hostile text never reached the room view");

    // The user card, opened the way the chat's context menu opens it.
    ui::UserCard *card = view.openUserCard(QStringLiteral("u1"), hostile);
    QVERIFY(card);
    layOut(*card);
    Walk c;
    walk(card, hostile, c);
    QVERIFY2(c.problems.isEmpty(), qPrintable(c.problems.join(u'\n')));
    QVERIFY2(c.seen >= 1, "the hostile text never reached the user card");
}

void TestHostileText::userCardHistory()
{
    QFETCH(QString, hostile);
    ui::UserCard card(QStringLiteral("twitch:1001"), QStringLiteral("u1"), hostile);
    card.setMessages({chat(QStringLiteral("u1"), hostile, hostile)});
    card.setHistory({audit(hostile)});
    card.setNotes(hostile);
    layOut(card);
    Walk w;
    walk(&card, hostile, w);
    QVERIFY2(w.problems.isEmpty(), qPrintable(w.problems.join(u'\n')));
    QVERIFY2(w.seen >= 2, "the hostile text never reached the card's lists");
    QCOMPARE(card.notes(), hostile); // notes are a plain-text editor: verbatim
}

void TestHostileText::auditLogPage()
{
    QFETCH(QString, hostile);
    ui::AuditLogPage page;
    page.addEntries({audit(hostile)});
    layOut(page);
    Walk w;
    walk(&page, hostile, w);
    QVERIFY2(w.problems.isEmpty(), qPrintable(w.problems.join(u'\n')));
    QVERIFY2(w.seen >= 1, "the hostile text never reached the audit log");
}

void TestHostileText::bulkDialog()
{
    QFETCH(QString, hostile);
    ui::BulkActionDialog dialog(
        QStringLiteral("twitch:1001"), [hostile](const moderation::BulkFilter &) {
            moderation::BulkPlan plan;
            plan.targets = {{QStringLiteral("u1"), hostile}, {QStringLiteral("u2"), hostile}};
            return plan;
        });
    moderation::BulkFilter filter;
    filter.onlyUserIds = {QStringLiteral("u1"), QStringLiteral("u2")};
    dialog.prepare(filter, false);
    layOut(dialog);
    Walk w;
    walk(&dialog, hostile, w);
    QVERIFY2(w.problems.isEmpty(), qPrintable(w.problems.join(u'\n')));
    QVERIFY2(w.seen >= 2, "the hostile names never reached the preview");
}

ROOMWARDEN_TEST_MAIN_GUI(TestHostileText)
#include "TestHostileText.moc"
