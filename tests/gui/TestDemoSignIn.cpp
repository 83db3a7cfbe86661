// Signing in from the window: with the demo running, "Sign in…" talks to the sandbox platform.
// The dialog lists exactly what will be requested; after the device flow the account appears
// on the accounts page with the scopes the platform *granted*, and its tokens are in the
// keychain (a real gnome-keyring under scripts/testenv) under the sandbox's own service.
#include "app/AccountsController.h"
#include "app/DemoController.h"
#include "app/DemoSession.h"
#include "core/auth/AccountSession.h"
#include "core/auth/AccountStore.h"
#include "core/auth/SecretStore.h"
#include "core/util/Paths.h"
#include "core/util/Redactor.h"
#include "core/util/Settings.h"
#include "sandbox/Sandbox.h"
#include "sandbox/World.h"
#include "ui/AccountsPage.h"
#include "ui/MainWindow.h"
#include "ui/SignInDialog.h"

#include "DiskScan.h"
#include "TestMain.h"

#include <QApplication>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QTemporaryDir>

using namespace roomwarden;

class TestDemoSignIn : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void signInToTheSandboxAndSeeGrantedScopes();
};

void TestDemoSignIn::signInToTheSandboxAndSeeGrantedScopes()
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
    app::Options options;
    options.demo = true;
    options.speed = 20;
    app::DemoController demo(&window, options, *redactor, &accounts);
    QVERIFY(demo.start());
    QTRY_VERIFY_WITH_TIMEOUT(
        accounts.secrets()->availability() == auth::SecretStore::Availability::Available, 15000);

    accounts.signIn();
    ui::SignInDialog *dialog = accounts.dialog();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    auto *moderation =
        dialog->findChild<QRadioButton *>(QStringLiteral("signIn.profile.moderation"));
    QVERIFY(moderation);
    moderation->click();
    auto *requested = dialog->findChild<QListWidget *>(QStringLiteral("signIn.scopes"));
    QVERIFY(requested);
    QVERIFY(requested->count() >= 5); // every scope listed before anything is sent
    auto *start = dialog->findChild<QPushButton *>(QStringLiteral("signIn.start"));
    QVERIFY(start && start->isEnabled());
    start->click();

    // The sandbox approves the device code (demo mode); the account shows up with what the
    // platform granted.
    QTRY_COMPARE_WITH_TIMEOUT(accounts.accounts()->accounts().size(), 1, 20000);
    const model::Account account = accounts.accounts()->accounts().constFirst();
    QCOMPARE(account.login, QStringLiteral("demo_mod"));
    QVERIFY(account.grantedScopes.size() >= 5);
    auto *page = window.accountsPage();
    const QString prefix = QStringLiteral("account.") + account.secretKey();
    QTRY_VERIFY_WITH_TIMEOUT(page->findChild<QWidget *>(prefix) != nullptr, 10000);
    const auto scopeLabels = page->findChildren<QLabel *>(
        QRegularExpression(QStringLiteral("^") + QRegularExpression::escape(prefix) +
                           QStringLiteral("\\.scope\\.\\d+$")));
    QCOMPARE(scopeLabels.size(), account.grantedScopes.size());
    for (QLabel *l : scopeLabels)
        QCOMPARE(l->textFormat(), Qt::PlainText);
    QTRY_VERIFY_WITH_TIMEOUT(!accounts.sessions().isEmpty() &&
                                 accounts.sessions().constFirst()->state() ==
                                     auth::AccountSession::State::Valid,
                             15000);

    // The tokens are in the sandbox's keychain service, nowhere on disk in plain text.
    auth::SecretStore sandboxKeychain(QStringLiteral("roomwarden-sandbox"));
    std::optional<auth::SecretStore::Result> stored;
    sandboxKeychain.read(account.secretKey(),
                         [&](const auth::SecretStore::Result &r) { stored = r; });
    QTRY_VERIFY_WITH_TIMEOUT(stored.has_value(), 10000);
    QCOMPARE(stored->status, auth::SecretStore::Status::Ok);
    QList<QByteArray> issued;
    for (const auto &t : demo.session()->sandbox()->world()->issuedTokens())
        issued << t.token.toUtf8();
    QVERIFY(issued.size() >= 2);
    for (const QString &root : {profileDir.path(), QDir::homePath()}) {
        const QStringList hits = test::filesContaining(root, issued);
        QVERIFY2(hits.isEmpty(), qPrintable(hits.join(u", ")));
    }
}

ROOMWARDEN_TEST_MAIN_GUI(TestDemoSignIn)
#include "TestDemoSignIn.moc"
