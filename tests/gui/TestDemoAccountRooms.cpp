// A signed-in account's rooms (RoomsController), against the sandbox: after signing in from
// the window, the account's own channel opens in a tab and goes live over EventSub, next to
// the room the demo already shows (not opened twice); signing out stops it and says why.
#include "app/AccountsController.h"
#include "app/DemoController.h"
#include "app/DemoSession.h"
#include "app/RoomsController.h"
#include "core/auth/AccountSession.h"
#include "core/auth/AccountStore.h"
#include "core/auth/SecretStore.h"
#include "core/providers/twitch/TwitchRoomConnection.h"
#include "core/util/Paths.h"
#include "core/util/Redactor.h"
#include "core/util/Settings.h"
#include "sandbox/Sandbox.h"
#include "sandbox/World.h"
#include "ui/MainWindow.h"
#include "ui/RoomView.h"
#include "ui/SignInDialog.h"

#include "TestMain.h"

#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QTabWidget>
#include <QTemporaryDir>

using namespace roomwarden;

class TestDemoAccountRooms : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void ownChannelOpensAfterSignInAndStopsOnSignOut();
};

void TestDemoAccountRooms::ownChannelOpensAfterSignInAndStopsOnSignOut()
{
    QTemporaryDir profileDir;
    const auto paths = util::ProfilePaths::forProfile(profileDir.path());
    QString error;
    QVERIFY2(paths.ensureExists(&error), qPrintable(error));
    util::Settings settings(paths.settingsFile());
    auto redactor = std::make_shared<util::Redactor>();
    ui::MainWindow window;
    window.show();
    app::AccountsController accounts(&window, paths, settings, redactor);
    app::RoomsController rooms(&window, &accounts, paths);
    app::Options options;
    options.demo = true;
    options.speed = 20;
    app::DemoController demo(&window, options, *redactor, &accounts);
    QVERIFY(demo.start());
    auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("rooms.tabs"));
    QTRY_COMPARE_WITH_TIMEOUT(tabs->count(), 1, 30000); // the demo's room
    QTRY_VERIFY_WITH_TIMEOUT(
        accounts.secrets()->availability() == auth::SecretStore::Availability::Available, 15000);

    accounts.signIn();
    ui::SignInDialog *dialog = accounts.dialog();
    QVERIFY(dialog);
    dialog->findChild<QRadioButton *>(QStringLiteral("signIn.profile.moderation"))->click();
    dialog->findChild<QPushButton *>(QStringLiteral("signIn.start"))->click();
    QTRY_COMPARE_WITH_TIMEOUT(accounts.accounts()->accounts().size(), 1, 20000);
    const model::Account account = accounts.accounts()->accounts().constFirst();

    // Own channel + the moderated one; the moderated one is the demo's tab already.
    const QString own = QStringLiteral("twitch:") + account.accountId;
    QTRY_VERIFY_WITH_TIMEOUT(window.roomView(own) != nullptr, 20000);
    QCOMPARE(tabs->count(), 2);
    ui::RoomView *view = window.roomView(own);
    auto *state = view->findChild<QLabel *>(QStringLiteral("room.state"));
    QTRY_COMPARE_WITH_TIMEOUT(
        state->text(),
        twitch::TwitchRoomConnection::stateText(twitch::TwitchRoomConnection::State::Live), 20000);
    QVERIFY(rooms.desk(account.secretKey()) != nullptr);
    QCOMPARE(rooms.rooms(account.secretKey()).size(), 1);

    // Signing out stops the account's rooms, visibly.
    auth::AccountSession *session = accounts.sessions().constFirst();
    session->signOut();
    QTRY_VERIFY_WITH_TIMEOUT(state->text().startsWith(QStringLiteral("Stopped")), 20000);
    QVERIFY(rooms.rooms(account.secretKey()).isEmpty());
}

ROOMWARDEN_TEST_MAIN_GUI(TestDemoAccountRooms)
#include "TestDemoAccountRooms.moc"
