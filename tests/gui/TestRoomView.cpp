#include "core/model/Room.h"
#include "core/model/RoomEvent.h"
#include "ui/ChatModel.h"
#include "ui/MainWindow.h"
#include "ui/RoomView.h"

#include "TestMain.h"

#include <QApplication>
#include <QLabel>
#include <QListView>
#include <QListWidget>
#include <QStyledItemDelegate>
#include <QTabWidget>

using namespace roomwarden;
using model::RoomEvent;
using model::RoomEventKind;
using ui::ChatModel;
using ui::RoomView;

namespace {
model::Room demoRoom()
{
    return {model::Provider::Twitch, QStringLiteral("1001"), QStringLiteral("sandbox_caster"),
            QStringLiteral("Sandbox Caster")};
}

RoomEvent chat(int i, const QString &userId = QStringLiteral("u1"), const QString &text = {})
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

RoomEvent moderation(RoomEventKind kind, const QString &target = {}, const QString &messageId = {})
{
    RoomEvent e;
    e.kind = kind;
    e.actorId = QStringLiteral("mod");
    e.actorName = QStringLiteral("A Mod");
    e.targetId = target;
    e.targetName = target;
    e.messageId = messageId;
    e.occurredAt = QDateTime::currentDateTimeUtc();
    return e;
}
} // namespace

class TestRoomView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void chatShowsMessagesInOrder();
    void markupStaysPlainText();
    void chatIsBoundedAndKeepsTheNewest();
    void removalsMarkLines();
    void eventsAndCountersFollow();
    void mainWindowOpensRoomTabs();
};

void TestRoomView::chatShowsMessagesInOrder()
{
    RoomView view(demoRoom());
    view.applyEvents({chat(1), chat(2), chat(3)});
    ChatModel *m = view.chatModel();
    QCOMPARE(m->rowCount(), 3);
    QCOMPARE(m->index(0).data(ChatModel::TextRole).toString(), QStringLiteral("message 1"));
    QCOMPARE(m->index(2).data(Qt::DisplayRole).toString(), QStringLiteral("name_u1: message 3"));
    QCOMPARE(m->index(2).data(ChatModel::MessageIdRole).toString(), QStringLiteral("m3"));
}

void TestRoomView::markupStaysPlainText()
{
    RoomView view(demoRoom());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QString hostile =
        QStringLiteral("<b>bold</b><img src=\"http://127.0.0.1/x.png\"><a href=x>link</a>");
    RoomEvent e = chat(1, QStringLiteral("<i>u</i>"), hostile);
    e.actorName = QStringLiteral("<font color=red>Evil</font>");
    RoomEvent ban = moderation(RoomEventKind::UserBanned, QStringLiteral("<u>target</u>"));
    ban.text = hostile;
    view.applyEvents({e, ban});
    // The model hands out the raw characters, and the views draw them with the standard
    // delegate, which never interprets markup.
    QCOMPARE(view.chatModel()->index(0).data(ChatModel::TextRole).toString(), hostile);
    auto *chatView = view.findChild<QListView *>(QStringLiteral("room.chat"));
    QVERIFY(qobject_cast<QStyledItemDelegate *>(chatView->itemDelegate()));
    QCOMPARE(QString::fromLatin1(chatView->itemDelegate()->metaObject()->className()),
             QStringLiteral("QStyledItemDelegate"));
    auto *events = view.findChild<QListWidget *>(QStringLiteral("room.events"));
    QCOMPARE(events->count(), 1);
    QVERIFY(events->item(0)->text().contains(hostile));
    QVERIFY(events->item(0)->text().contains(QStringLiteral("<u>target</u>")));
    for (QLabel *label : view.findChildren<QLabel *>())
        QCOMPARE(label->textFormat(), Qt::PlainText);
    QVERIFY(!view.grab().isNull()); // renders without trying to fetch anything
}

void TestRoomView::chatIsBoundedAndKeepsTheNewest()
{
    ChatModel model(100);
    QList<RoomEvent> batch;
    for (int i = 0; i < 250; ++i)
        batch.append(chat(i));
    model.apply(batch.mid(0, 30));
    model.apply(batch.mid(30));
    QCOMPARE(model.rowCount(), 100);
    QCOMPARE(model.totalSeen(), 250);
    QCOMPARE(model.index(0).data(ChatModel::MessageIdRole).toString(), QStringLiteral("m150"));
    QCOMPARE(model.index(99).data(ChatModel::MessageIdRole).toString(), QStringLiteral("m249"));
    // A single batch bigger than the window.
    ChatModel small(10);
    small.apply(batch);
    QCOMPARE(small.rowCount(), 10);
    QCOMPARE(small.index(0).data(ChatModel::MessageIdRole).toString(), QStringLiteral("m240"));
}

void TestRoomView::removalsMarkLines()
{
    ChatModel model;
    model.apply({chat(1, QStringLiteral("a")), chat(2, QStringLiteral("b")),
                 chat(3, QStringLiteral("a")), chat(4, QStringLiteral("c"))});
    auto removed = [&](int row) { return model.index(row).data(ChatModel::RemovedRole).toBool(); };
    model.apply(
        {moderation(RoomEventKind::MessageDeleted, QStringLiteral("b"), QStringLiteral("m2"))});
    QVERIFY(!removed(0));
    QVERIFY(removed(1));
    QVERIFY(model.index(1).data(Qt::DisplayRole).toString().contains(QStringLiteral("removed")));
    QVERIFY(!model.index(1).data(Qt::DisplayRole).toString().contains(QStringLiteral("message 2")));
    model.apply({moderation(RoomEventKind::UserBanned, QStringLiteral("a"))});
    QVERIFY(removed(0));
    QVERIFY(removed(2));
    QVERIFY(!removed(3));
    // Messages after a ban in the same batch stay visible only if they came after it.
    model.apply({chat(5, QStringLiteral("c")), moderation(RoomEventKind::ChatCleared), chat(6)});
    QVERIFY(removed(3));
    QVERIFY(removed(4));
    QVERIFY(!removed(5));
    QCOMPARE(model.rowCount(), 6);
}

void TestRoomView::eventsAndCountersFollow()
{
    RoomView view(demoRoom());
    RoomEvent gap = moderation(RoomEventKind::Gap);
    gap.gapEnd = gap.occurredAt.addSecs(5);
    RoomEvent raid = moderation(RoomEventKind::RaidIncoming);
    raid.count = 120;
    view.applyEvents(
        {chat(1), moderation(RoomEventKind::UserTimedOut, QStringLiteral("x")), gap, raid});
    QCOMPARE(view.eventLineCount(), 3); // chat goes to the chat, not the event list
    QCOMPARE(view.moderationCount(), 1);
    auto *counters = view.findChild<QLabel *>(QStringLiteral("room.counters"));
    QVERIFY2(counters->text().contains(QStringLiteral("1 gaps")), qPrintable(counters->text()));
    auto *events = view.findChild<QListWidget *>(QStringLiteral("room.events"));
    QVERIFY(events->item(1)->text().contains(QStringLiteral("Connection lost")));
    QVERIFY(events->item(2)->text().contains(QStringLiteral("120")));
}

void TestRoomView::mainWindowOpensRoomTabs()
{
    ui::MainWindow w;
    w.show();
    auto *view = new RoomView(demoRoom());
    w.addRoom(view);
    QCOMPARE(w.currentArea(), ui::MainWindow::Area::Rooms);
    QCOMPARE(w.roomView(demoRoom().key()), view);
    auto *tabs = w.findChild<QTabWidget *>(QStringLiteral("rooms.tabs"));
    QVERIFY(tabs->isVisible());
    QCOMPARE(tabs->tabText(0), QStringLiteral("Sandbox Caster"));
    QCOMPARE(w.roomView(QStringLiteral("twitch:nope")), nullptr);
}

ROOMWARDEN_TEST_MAIN_GUI(TestRoomView)
#include "TestRoomView.moc"
