#include "core/model/AuditEntry.h"
#include "core/model/ModerationAction.h"
#include "core/model/Room.h"
#include "core/model/RoomEvent.h"
#include "ui/ChatModel.h"
#include "ui/HeldQueuePanel.h"
#include "ui/ReasonDialog.h"
#include "ui/RoomView.h"
#include "ui/UserCard.h"

#include "TestMain.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QStyledItemDelegate>
#include <QUuid>

using namespace roomwarden;
using model::ActionOutcome;
using model::AuditEntry;
using model::ModerationAction;
using model::ModerationActionKind;
using model::RoomEvent;
using model::RoomEventKind;
using ui::ChatModel;
using ui::RoomView;

Q_DECLARE_METATYPE(roomwarden::model::ModerationActionKind)
Q_DECLARE_METATYPE(roomwarden::model::ActionOutcome)

namespace {
model::Room demoRoom()
{
    return {model::Provider::Twitch, QStringLiteral("1001"), QStringLiteral("sandbox_caster"),
            QStringLiteral("Sandbox Caster")};
}

RoomEvent chat(int i, const QString &userId, const QString &text = {})
{
    RoomEvent e;
    e.kind = RoomEventKind::ChatMessage;
    e.eventId = QStringLiteral("e%1").arg(i);
    e.messageId = QStringLiteral("m%1").arg(i);
    e.actorId = userId;
    e.actorName = QStringLiteral("name_") + userId;
    e.text = text.isEmpty() ? QStringLiteral("message %1").arg(i) : text;
    e.occurredAt = QDateTime::currentDateTimeUtc();
    return e;
}

RoomEvent held(const QString &messageId, const QString &user)
{
    RoomEvent e = chat(0, user, QStringLiteral("held text"));
    e.kind = RoomEventKind::AutoModHeld;
    e.messageId = messageId;
    return e;
}

QAction *menuAction(QMenu *menu, const QString &name)
{
    for (QAction *a : menu->findChildren<QAction *>()) {
        if (a->objectName() == name)
            return a;
    }
    return nullptr;
}

ModerationAction lastAction(const QSignalSpy &spy)
{
    return spy.last().at(0).value<ModerationAction>();
}

// The stamp every emitted action carries: its room, a fresh intent id, the request time.
void verifyStamp(const ModerationAction &a, const model::Room &room)
{
    QCOMPARE(a.roomKey, room.key());
    QVERIFY(!a.intentId.isEmpty());
    QVERIFY(!a.intentId.startsWith(u'{'));
    QVERIFY(!QUuid::fromString(a.intentId).isNull());
    QVERIFY(a.requestedAt.isValid());
    QCOMPARE(a.requestedAt.timeSpec(), Qt::UTC);
    QVERIFY(qAbs(a.requestedAt.secsTo(QDateTime::currentDateTimeUtc())) < 60);
    QCOMPARE(a.outcome, ActionOutcome::Pending);
    QVERIFY2(!a.validationError(), qPrintable(a.validationError().value_or(QString())));
}

template <typename T>
T *visibleChild(QObject *parent, const QString &name)
{
    for (T *w : parent->findChildren<T *>(name)) {
        if (w->isVisible())
            return w;
    }
    return nullptr;
}
} // namespace

class TestRoomViewActions : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void contextMenuActions_data();
    void contextMenuActions();
    void banDialogSendsReason();
    void warnNeedsAReason();
    void userCardAndCopyName();
    void shortcuts_data();
    void shortcuts();
    void nextAndPreviousHeld();
    void refusedActionsAreDisabledWithReason();
    void queuedEventsCanBeActedOn();
    void hostileTextStaysPlain_data();
    void hostileTextStaysPlain();
    void outcomes_data();
    void outcomes();

private:
    // A shown, active view with the chat focused and row `row` selected.
    void prepare(RoomView &view, int row);
};

void TestRoomViewActions::initTestCase()
{
    qRegisterMetaType<ModerationAction>();
    QCOMPARE(RoomView::timeoutPresets(), (QList<qint64>{60, 600, 3600, 86400}));
}

void TestRoomViewActions::prepare(RoomView &view, int row)
{
    view.applyEvents({chat(1, QStringLiteral("u1")), chat(2, QStringLiteral("u2")),
                      chat(3, QStringLiteral("u1"))});
    view.show();
    view.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&view));
    view.chatView()->setFocus();
    view.chatView()->setCurrentIndex(view.chatModel()->index(row));
    QTRY_VERIFY(view.chatView()->hasFocus());
}

void TestRoomViewActions::contextMenuActions_data()
{
    QTest::addColumn<QString>("entry");
    QTest::addColumn<ModerationActionKind>("kind");
    QTest::addColumn<QString>("messageId");
    QTest::addColumn<qint64>("duration"); // 0 = none
    QTest::newRow("delete") << "actionDelete" << ModerationActionKind::DeleteMessage << "m2"
                            << qint64(0);
    for (qint64 s : RoomView::timeoutPresets())
        QTest::newRow(qPrintable(QStringLiteral("timeout %1").arg(s)))
            << QStringLiteral("actionTimeout%1").arg(s) << ModerationActionKind::Timeout << "" << s;
}

void TestRoomViewActions::contextMenuActions()
{
    QFETCH(QString, entry);
    QFETCH(ModerationActionKind, kind);
    QFETCH(QString, messageId);
    QFETCH(qint64, duration);
    RoomView view(demoRoom());
    view.applyEvents({chat(1, QStringLiteral("u1")), chat(2, QStringLiteral("u2"))});
    QSignalSpy spy(&view, &RoomView::actionRequested);
    std::unique_ptr<QMenu> menu(view.contextMenuFor(view.chatModel()->index(1)));
    QAction *a = menuAction(menu.get(), entry);
    QVERIFY2(a, qPrintable(entry));
    QVERIFY(a->isEnabled());
    a->trigger();
    QCOMPARE(spy.count(), 1);
    const ModerationAction action = lastAction(spy);
    verifyStamp(action, view.room());
    QCOMPARE(action.kind, kind);
    QCOMPARE(action.targetUserId, QStringLiteral("u2"));
    QCOMPARE(action.targetName, QStringLiteral("name_u2"));
    QCOMPARE(action.messageId, messageId);
    QCOMPARE(action.durationSeconds.value_or(0), duration);
    // Every action gets its own intent id.
    a->trigger();
    QCOMPARE(spy.count(), 2);
    QVERIFY(lastAction(spy).intentId != action.intentId);
}

void TestRoomViewActions::banDialogSendsReason()
{
    RoomView view(demoRoom());
    view.applyEvents({chat(1, QStringLiteral("u1")), chat(2, QStringLiteral("u2"))});
    view.show();
    QSignalSpy spy(&view, &RoomView::actionRequested);
    std::unique_ptr<QMenu> menu(view.contextMenuFor(view.chatModel()->index(0)));
    menuAction(menu.get(), QStringLiteral("actionBan"))->trigger();
    auto *dialog = visibleChild<ui::ReasonDialog>(&view, QStringLiteral("banDialog"));
    QVERIFY(dialog);
    QVERIFY(!dialog->isModal() || dialog->windowModality() != Qt::ApplicationModal);
    QCOMPARE(spy.count(), 0); // nothing leaves before OK
    auto *edit = dialog->findChild<QLineEdit *>(QStringLiteral("reasonEdit"));
    QCOMPARE(edit->maxLength(), 500);
    QTest::keyClicks(edit, QStringLiteral("spam links"));
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("reasonOk")), Qt::LeftButton);
    QCOMPARE(spy.count(), 1);
    const ModerationAction a = lastAction(spy);
    verifyStamp(a, view.room());
    QCOMPARE(a.kind, ModerationActionKind::Ban);
    QCOMPARE(a.targetUserId, QStringLiteral("u1"));
    QCOMPARE(a.reason, QStringLiteral("spam links"));
    QVERIFY(!a.durationSeconds);
    QTRY_VERIFY(!visibleChild<ui::ReasonDialog>(&view, QStringLiteral("banDialog")));

    // A ban without a reason is allowed.
    menu.reset(view.contextMenuFor(view.chatModel()->index(1)));
    menuAction(menu.get(), QStringLiteral("actionBan"))->trigger();
    dialog = visibleChild<ui::ReasonDialog>(&view, QStringLiteral("banDialog"));
    QVERIFY(dialog);
    dialog->submit();
    QCOMPARE(spy.count(), 2);
    QCOMPARE(lastAction(spy).targetUserId, QStringLiteral("u2"));
    QVERIFY(lastAction(spy).reason.isEmpty());
}

void TestRoomViewActions::warnNeedsAReason()
{
    RoomView view(demoRoom());
    view.applyEvents({chat(1, QStringLiteral("u1"))});
    view.show();
    QSignalSpy spy(&view, &RoomView::actionRequested);
    std::unique_ptr<QMenu> menu(view.contextMenuFor(view.chatModel()->index(0)));
    menuAction(menu.get(), QStringLiteral("actionWarn"))->trigger();
    auto *dialog = visibleChild<ui::ReasonDialog>(&view, QStringLiteral("warnDialog"));
    QVERIFY(dialog);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("reasonOk")), Qt::LeftButton);
    QCOMPARE(spy.count(), 0);
    QVERIFY(dialog->isVisible());
    QVERIFY2(dialog->errorText().contains(QStringLiteral("reason")),
             qPrintable(dialog->errorText()));
    dialog->setReason(QStringLiteral("  please stop  "));
    dialog->submit();
    QCOMPARE(spy.count(), 1);
    const ModerationAction a = lastAction(spy);
    verifyStamp(a, view.room());
    QCOMPARE(a.kind, ModerationActionKind::Warn);
    QCOMPARE(a.targetUserId, QStringLiteral("u1"));
    QCOMPARE(a.reason, QStringLiteral("please stop"));
}

void TestRoomViewActions::userCardAndCopyName()
{
    RoomView view(demoRoom());
    view.applyEvents({chat(1, QStringLiteral("u1")), chat(2, QStringLiteral("u2")),
                      chat(3, QStringLiteral("u1"))});
    QSignalSpy opened(&view, &RoomView::userCardOpened);
    std::unique_ptr<QMenu> menu(view.contextMenuFor(view.chatModel()->index(2)));
    menuAction(menu.get(), QStringLiteral("actionUserCard"))->trigger();
    QCOMPARE(opened.count(), 1);
    ui::UserCard *card = view.userCard(QStringLiteral("u1"));
    QVERIFY(card);
    QCOMPARE(qvariant_cast<QObject *>(opened.first().at(0)), static_cast<QObject *>(card));
    QVERIFY(card->isVisible());
    QVERIFY(!card->isModal());
    QCOMPARE(card->messageCount(), 2);
    // Opening it again raises the same card.
    menuAction(menu.get(), QStringLiteral("actionUserCard"))->trigger();
    QCOMPARE(opened.count(), 1);

    menuAction(menu.get(), QStringLiteral("actionCopyName"))->trigger();
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("name_u1"));
}

void TestRoomViewActions::shortcuts_data()
{
    QTest::addColumn<int>("key");
    QTest::addColumn<int>("modifiers");
    QTest::addColumn<ModerationActionKind>("kind");
    QTest::addColumn<qint64>("duration");
    QTest::addColumn<QString>("dialog"); // the dialog that opens instead of an action
    QTest::newRow("Delete") << int(Qt::Key_Delete) << int(Qt::NoModifier)
                            << ModerationActionKind::DeleteMessage << qint64(0) << QString();
    QTest::newRow("T") << int(Qt::Key_T) << int(Qt::NoModifier) << ModerationActionKind::Timeout
                       << qint64(600) << QString();
    QTest::newRow("Shift+T") << int(Qt::Key_T) << int(Qt::ShiftModifier)
                             << ModerationActionKind::Timeout << qint64(60) << QString();
    QTest::newRow("B") << int(Qt::Key_B) << int(Qt::NoModifier) << ModerationActionKind::Ban
                       << qint64(0) << QStringLiteral("banDialog");
    QTest::newRow("W") << int(Qt::Key_W) << int(Qt::NoModifier) << ModerationActionKind::Warn
                       << qint64(0) << QStringLiteral("warnDialog");
}

void TestRoomViewActions::shortcuts()
{
    QFETCH(int, key);
    QFETCH(int, modifiers);
    QFETCH(ModerationActionKind, kind);
    QFETCH(qint64, duration);
    QFETCH(QString, dialog);
    RoomView view(demoRoom());
    prepare(view, 1);
    QSignalSpy spy(&view, &RoomView::actionRequested);
    QTest::keyClick(view.chatView(), static_cast<Qt::Key>(key),
                    static_cast<Qt::KeyboardModifiers>(modifiers));
    if (!dialog.isEmpty()) {
        QCOMPARE(spy.count(), 0);
        auto *d = visibleChild<ui::ReasonDialog>(&view, dialog);
        QVERIFY2(d, qPrintable(dialog));
        d->setReason(QStringLiteral("reason"));
        d->submit();
    }
    QCOMPARE(spy.count(), 1);
    const ModerationAction a = lastAction(spy);
    verifyStamp(a, view.room());
    QCOMPARE(a.kind, kind);
    QCOMPARE(a.targetUserId, QStringLiteral("u2"));
    QCOMPARE(a.durationSeconds.value_or(0), duration);
    if (kind == ModerationActionKind::DeleteMessage)
        QCOMPARE(a.messageId, QStringLiteral("m2"));
}

void TestRoomViewActions::nextAndPreviousHeld()
{
    RoomView view(demoRoom());
    prepare(view, 0);
    view.applyEvents({held(QStringLiteral("h1"), QStringLiteral("u7")),
                      held(QStringLiteral("h2"), QStringLiteral("u8")),
                      held(QStringLiteral("h3"), QStringLiteral("u9"))});
    QCOMPARE(view.heldCount(), 3);
    auto *list = view.heldQueue()->list();
    QTest::keyClick(view.chatView(), Qt::Key_J);
    QCOMPARE(list->currentRow(), 0);
    QTRY_VERIFY(list->hasFocus());
    QVERIFY(list->isVisible()); // its tab is shown
    QTest::keyClick(list, Qt::Key_J);
    QCOMPARE(list->currentRow(), 1);
    QTest::keyClick(list, Qt::Key_J);
    QTest::keyClick(list, Qt::Key_J); // stays on the last one
    QCOMPARE(list->currentRow(), 2);
    QTest::keyClick(list, Qt::Key_K);
    QCOMPARE(list->currentRow(), 1);

    // U on the chat opens the selected author's card.
    view.chatView()->setFocus();
    QTRY_VERIFY(view.chatView()->hasFocus());
    QTest::keyClick(view.chatView(), Qt::Key_U);
    QVERIFY(view.userCard(QStringLiteral("u1")));
}

void TestRoomViewActions::refusedActionsAreDisabledWithReason()
{
    const QString reason = QStringLiteral("Banning needs the moderator:manage:banned_users scope.");
    RoomView view(demoRoom());
    view.setPermissionCheck([reason](ModerationActionKind kind) -> std::optional<QString> {
        if (kind == ModerationActionKind::Ban)
            return reason;
        return std::nullopt;
    });
    prepare(view, 1);
    QSignalSpy spy(&view, &RoomView::actionRequested);
    std::unique_ptr<QMenu> menu(view.contextMenuFor(view.chatModel()->index(1)));
    QAction *ban = menuAction(menu.get(), QStringLiteral("actionBan"));
    QVERIFY(!ban->isEnabled());
    QCOMPARE(ban->toolTip(), reason);
    QVERIFY(menu->toolTipsVisible());
    QVERIFY(menuAction(menu.get(), QStringLiteral("actionDelete"))->isEnabled());
    QVERIFY(menuAction(menu.get(), QStringLiteral("actionTimeout600"))->isEnabled());

    QTest::keyClick(view.chatView(), Qt::Key_B);
    QCOMPARE(spy.count(), 0);
    QVERIFY(!visibleChild<ui::ReasonDialog>(&view, QStringLiteral("banDialog")));
    QVERIFY2(view.statusText().contains(reason), qPrintable(view.statusText()));
    QCOMPARE(view.findChild<QAction *>(QStringLiteral("shortcut.ban"))->toolTip(), reason);

    // Allowed actions still go.
    QTest::keyClick(view.chatView(), Qt::Key_T);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(lastAction(spy).kind, ModerationActionKind::Timeout);

    // The user card's ban button says the same.
    ui::UserCard *card = view.openUserCard(QStringLiteral("u2"), QStringLiteral("name_u2"));
    auto *cardBan = card->findChild<QPushButton *>(QStringLiteral("userCardBan"));
    QVERIFY(!cardBan->isEnabled());
    QCOMPARE(cardBan->toolTip(), reason);
}

void TestRoomViewActions::queuedEventsCanBeActedOn()
{
    RoomView view(demoRoom());
    for (int i = 0; i < 50; ++i)
        view.queueEvent(chat(i, QStringLiteral("u%1").arg(i % 5)));
    QCOMPARE(view.chatModel()->rowCount(), 0); // batched
    QTRY_COMPARE_WITH_TIMEOUT(view.chatModel()->rowCount(), 50, 5000);
    QSignalSpy spy(&view, &RoomView::actionRequested);
    std::unique_ptr<QMenu> menu(view.contextMenuFor(view.chatModel()->index(42)));
    menuAction(menu.get(), QStringLiteral("actionDelete"))->trigger();
    QCOMPARE(spy.count(), 1);
    QCOMPARE(lastAction(spy).messageId, QStringLiteral("m42"));
    QCOMPARE(lastAction(spy).targetUserId, QStringLiteral("u2"));
}

void TestRoomViewActions::hostileTextStaysPlain_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("text");
    QTest::newRow("bold") << QStringLiteral("<b>x</b>") << QStringLiteral("<b>x</b>");
    QTest::newRow("img") << QStringLiteral("<img src=x>")
                         << QStringLiteral("<img src=\"http://127.0.0.1:1/x.png\">");
    QTest::newRow("rtl override") << QStringLiteral("\u202Eevil")
                                  << QStringLiteral("abc\u202Efdp.exe");
    QTest::newRow("long word") << QStringLiteral("long") << QString(10'000, u'W');
    QTest::newRow("entity") << QStringLiteral("&lt;i&gt;")
                            << QStringLiteral("&amp; <a href=x>y</a>");
}

void TestRoomViewActions::hostileTextStaysPlain()
{
    QFETCH(QString, name);
    QFETCH(QString, text);
    RoomView view(demoRoom());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    RoomEvent e = chat(1, QStringLiteral("evil"), text);
    e.actorName = name;
    view.applyEvents({e, held(QStringLiteral("h1"), QStringLiteral("evil"))});
    const QModelIndex index = view.chatModel()->index(0);
    QCOMPARE(index.data(Qt::DisplayRole).toString(), name + QStringLiteral(": ") + text);
    QCOMPARE(index.data(ChatModel::AuthorRole).toString(), name);
    QCOMPARE(view.chatView()->itemDelegate()->metaObject()->className(),
             QStyledItemDelegate::staticMetaObject.className());
    QVERIFY(view.chatView()->uniformItemSizes());
    QVERIFY(view.chatView()->indexWidget(index) == nullptr);

    // Every place that repeats the name: the dialogs, the user card, the status line.
    std::unique_ptr<QMenu> menu(view.contextMenuFor(index));
    menuAction(menu.get(), QStringLiteral("actionBan"))->trigger();
    ui::UserCard *card = view.openUserCard(QStringLiteral("evil"), name);
    QCOMPARE(card->findChild<QLabel *>(QStringLiteral("userCardName"))->text(), name);
    auto *cardMessages = card->findChild<QListWidget *>(QStringLiteral("userMessages"));
    QCOMPARE(cardMessages->count(), 1);
    QVERIFY(cardMessages->item(0)->text().endsWith(text));
    AuditEntry outcome;
    outcome.action = QStringLiteral("ban");
    outcome.targetName = name;
    outcome.outcome = ActionOutcome::Applied;
    view.showOutcome(outcome);
    QCOMPARE(view.statusText(), QStringLiteral("Banned ") + name);

    int labelsWithUserText = 0;
    for (QLabel *label : view.findChildren<QLabel *>()) {
        QVERIFY2(label->textFormat() == Qt::PlainText, qPrintable(label->objectName()));
        if (label->text().contains(name))
            ++labelsWithUserText;
    }
    QVERIFY(labelsWithUserText >= 3); // status, card name, ban prompt
    QVERIFY(!view.grab().isNull());
    QVERIFY(!card->grab().isNull());
}

void TestRoomViewActions::outcomes_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<ActionOutcome>("outcome");
    QTest::addColumn<QString>("detail");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("expected");
    QTest::newRow("banned") << "ban" << ActionOutcome::Applied << ""
                            << ""
                            << "Banned alice";
    QTest::newRow("timed out") << "timeout" << ActionOutcome::Applied << "10 minutes"
                               << ""
                               << "Timed out alice for 10 minutes";
    QTest::newRow("already banned") << "ban" << ActionOutcome::AlreadyDone << ""
                                    << ""
                                    << "alice was already banned";
    QTest::newRow("not banned") << "unban" << ActionOutcome::AlreadyDone << ""
                                << ""
                                << "alice was not banned";
    QTest::newRow("conflict") << "delete_message" << ActionOutcome::Conflict << ""
                              << ""
                              << "Another moderator acted first";
    QTest::newRow("refused") << "ban" << ActionOutcome::Refused << ""
                             << "Banning needs a scope you did not grant."
                             << "Not sent: Banning needs a scope you did not grant.";
    QTest::newRow("failed") << "warn" << ActionOutcome::Failed << ""
                            << "<b>HTTP 500</b>"
                            << "Failed: <b>HTTP 500</b>";
    QTest::newRow("pending") << "ban" << ActionOutcome::Pending << ""
                             << ""
                             << "Sending: Ban alice";
}

void TestRoomViewActions::outcomes()
{
    QFETCH(QString, action);
    QFETCH(ActionOutcome, outcome);
    QFETCH(QString, detail);
    QFETCH(QString, message);
    QFETCH(QString, expected);
    RoomView view(demoRoom());
    AuditEntry e;
    e.action = action;
    e.targetId = QStringLiteral("42");
    e.targetName = QStringLiteral("alice");
    e.detail = detail;
    e.outcome = outcome;
    e.outcomeMessage = message;
    view.showOutcome(e);
    QCOMPARE(view.statusText(), expected);
    auto *status = view.findChild<QLabel *>(QStringLiteral("room.outcome"));
    QCOMPARE(status->textFormat(), Qt::PlainText);
    QCOMPARE(status->accessibleName(), expected);
}

ROOMWARDEN_TEST_MAIN_GUI(TestRoomViewActions)
#include "TestRoomViewActions.moc"
