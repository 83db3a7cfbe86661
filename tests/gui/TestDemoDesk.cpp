// The moderation desk end to end, offscreen: the window, the sandbox platform over loopback, the
// real client, the dispatcher and the SQLite journal (key in the private test keychain). A
// moderator times someone out from the chat's context menu, undoes it, and answers a hate raid
// with the prepared response — and the platform's own state (the sandbox's World) agrees.
#include "app/DemoController.h"
#include "app/DemoSession.h"
#include "app/DeskController.h"
#include "core/analytics/EventStore.h"
#include "core/analytics/SessionReport.h"
#include "core/moderation/ActionDispatcher.h"
#include "core/util/Redactor.h"
#include "core/util/Settings.h"
#include "sandbox/Sandbox.h"
#include "sandbox/World.h"
#include "ui/AlertPlayer.h"
#include "ui/AnalyticsPage.h"
#include "ui/AuditLogPage.h"
#include "ui/BulkActionDialog.h"
#include "ui/ChatModel.h"
#include "ui/MainWindow.h"
#include "ui/RoomView.h"
#include "ui/UserCard.h"

#include "DiskScan.h"
#include "TestMain.h"

#include <QCheckBox>
#include <QDirIterator>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>

using namespace roomwarden;

class TestDemoDesk : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void timeoutFromTheChatThenUndo();
    void hateRaidPreparedResponse();

private:
    struct Running
    {
        std::unique_ptr<QTemporaryDir> profile;
        std::unique_ptr<ui::MainWindow> window;
        std::unique_ptr<util::Settings> settings;
        std::unique_ptr<ui::AlertPlayer> alerts;
        std::unique_ptr<app::DemoController> demo;
        ui::RoomView *view = nullptr;
    };
    bool start(Running &r, const QString &scenario);
    util::Redactor m_redactor;
};

bool TestDemoDesk::start(Running &r, const QString &scenario)
{
    r.profile = std::make_unique<QTemporaryDir>();
    r.window = std::make_unique<ui::MainWindow>();
    r.window->show();
    app::Options options;
    options.demo = true;
    options.scenario = scenario;
    options.speed = 20;
    options.profileDir = r.profile->path();
    r.demo = std::make_unique<app::DemoController>(r.window.get(), options, m_redactor);
    r.settings = std::make_unique<util::Settings>(r.profile->filePath(QStringLiteral("s.ini")));
    r.alerts = std::make_unique<ui::AlertPlayer>(r.settings.get());
    r.demo->setAlertPlayer(r.alerts.get());
    if (!r.demo->start())
        return false;
    auto *tabs = r.window->findChild<QTabWidget *>(QStringLiteral("rooms.tabs"));
    if (!QTest::qWaitFor([&] { return tabs->count() == 1 && r.demo->desk(); }, 30000))
        return false;
    r.view = qobject_cast<ui::RoomView *>(tabs->widget(0));
    return r.view != nullptr;
}

void TestDemoDesk::timeoutFromTheChatThenUndo()
{
    Running r;
    QVERIFY(start(r, QStringLiteral("calm")));
    auto *world = r.demo->session()->sandbox()->world();
    const QString bid = world->broadcasterId();
    ui::ChatModel *chat = r.view->chatModel();
    // A chatter with no standing (the desk refuses nothing for them; the platform would).
    int row = -1;
    QVERIFY(QTest::qWaitFor(
        [&] {
            for (int i = 0; i < chat->rowCount(); ++i) {
                const QString id = chat->index(i).data(ui::ChatModel::AuthorIdRole).toString();
                if (!world->hasModRights(bid, id)) {
                    row = i;
                    return true;
                }
            }
            return false;
        },
        30000));
    const QString target = chat->index(row).data(ui::ChatModel::AuthorIdRole).toString();
    std::unique_ptr<QMenu> menu(r.view->contextMenuFor(chat->index(row)));
    auto *timeout = menu->findChild<QAction *>(QStringLiteral("actionTimeout600"));
    QVERIFY(timeout && timeout->isEnabled());
    timeout->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(world->isTimedOut(bid, target), 15000);
    auto *undo = r.view->findChild<QPushButton *>(QStringLiteral("undoButton"));
    QTRY_VERIFY_WITH_TIMEOUT(undo->isVisible(), 15000);
    QVERIFY(
        r.view->statusText().contains(chat->index(row).data(ui::ChatModel::AuthorRole).toString()));

    // The audit log has it, from the journal, as this user's action.
    ui::AuditLogPage *audit = r.window->auditLogPage();
    QTRY_VERIFY_WITH_TIMEOUT(audit->visibleRowCount() >= 1, 5000);
    const auto entries = r.demo->desk()->journal()->entries();
    QVERIFY(!entries.isEmpty());
    QCOMPARE(entries.first().targetId, target);
    QCOMPARE(entries.first().outcome, model::ActionOutcome::Applied);

    QTest::mouseClick(undo, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!world->activeBan(bid, target), 15000);
    QTRY_COMPARE_WITH_TIMEOUT(r.demo->desk()->journal()->entries().first().action,
                              model::actionKindId(model::ModerationActionKind::Unban), 5000);

    // The journal is a real file in the profile, and the name in it is sealed.
    const QString name = entries.first().targetName;
    QVERIFY(!name.isEmpty());
    QStringList journals;
    QDirIterator it(r.profile->path(), {QStringLiteral("journal-demo.sqlite")}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        journals << it.next();
    QCOMPARE(journals.size(), 1);
    QVERIFY(roomwarden::test::filesContaining(r.profile->path(), {name.toUtf8()}).isEmpty());

    // Private notes on the user card are kept, sealed, with the journal.
    ui::UserCard *card = r.view->openUserCard(target, name);
    QVERIFY(card);
    auto *notes = card->findChild<QPlainTextEdit *>(QStringLiteral("userNotes"));
    QVERIFY(notes);
    notes->setPlainText(QStringLiteral("warned twice in DMs"));
    card->close(); // saves
    const QString roomKey = r.view->room().key();
    QTRY_COMPARE_WITH_TIMEOUT(r.demo->desk()->journal()->note(roomKey, target),
                              QStringLiteral("warned twice in DMs"), 5000);
    card = r.view->openUserCard(target, name);
    QCOMPARE(card->notes(), QStringLiteral("warned twice in DMs"));

    // What the room did is recorded, and the Analytics page shows it (the demo's own store).
    QVERIFY(r.demo->eventStore());
    QVERIFY(r.demo->eventStore()->flushAndWait());
    r.window->showArea(ui::MainWindow::Area::Analytics);
    r.window->analyticsPage()->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(r.window->analyticsPage()->report().has_value(), 15000);
    QVERIFY(r.window->analyticsPage()->report()->chatMessages.value >= 1);
}

void TestDemoDesk::hateRaidPreparedResponse()
{
    Running r;
    QVERIFY(start(r, QStringLiteral("hate-raid")));
    auto *world = r.demo->session()->sandbox()->world();
    const QString bid = world->broadcasterId();
    QSignalSpy notified(r.alerts.get(), &ui::AlertPlayer::notificationRequested);
    auto *alert = r.view->findChild<QLabel *>(QStringLiteral("room.raidAlert"));
    auto *respond = r.view->findChild<QPushButton *>(QStringLiteral("raidResponseButton"));
    QTRY_VERIFY_WITH_TIMEOUT(alert->isVisible() && respond->isVisible(), 60000);
    // The raid alert also went out as routed (sound on by default, and a notification).
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(notified.cbegin(), notified.cend(),
                                         [&](const QList<QVariant> &args) {
                                             return args.at(1).toString() == alert->text();
                                         }),
                             5000);
    QTest::mouseClick(respond, Qt::LeftButton);
    ui::BulkActionDialog *dialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
        (dialog = r.window->findChild<ui::BulkActionDialog *>()) && dialog->isVisible(), 5000);
    // Previewed before anything is sent: the accounts the alert named, minus protected ones.
    const auto targets = dialog->plan().targets;
    QVERIFY(!targets.isEmpty());
    auto *list = dialog->findChild<QListWidget *>(QStringLiteral("bulkTargets"));
    QCOMPARE(list->count(), int(targets.size()));
    auto *shield = dialog->findChild<QCheckBox *>(QStringLiteral("bulkShield"));
    QVERIFY(shield->isChecked());
    auto *confirm = dialog->findChild<QPushButton *>(QStringLiteral("bulkConfirm"));
    QVERIFY(confirm->isEnabled());
    QTest::mouseClick(confirm, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(
        std::all_of(targets.cbegin(), targets.cend(),
                    [&](const auto &t) { return world->isBanned(bid, t.userId); }),
        60000);
    QVERIFY(world->shieldModeActive(bid));
    QCOMPARE(r.demo->desk()->dispatcher()->stats().tooMany, 0);
    for (const auto &t : targets)
        QVERIFY(!world->hasModRights(bid, t.userId));
}

ROOMWARDEN_TEST_MAIN_GUI(TestDemoDesk)
#include "TestDemoDesk.moc"
