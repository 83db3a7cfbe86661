// The accounts area: granted scopes in plain words, switching, and the keychain banner. Runs
// with no session bus (see CMakeLists.txt), so the keychain is really unavailable.
#include "core/auth/AccountStore.h"
#include "core/auth/ScopeCatalog.h"
#include "core/auth/SecretStore.h"
#include "ui/AccountsPage.h"

#include "TestMain.h"

#include <QFrame>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace roomwarden;

class TestAccountsPage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void listShowsGrantedScopesInPlainWords();
    void switchMakesAnAccountActive();
    void keychainBannerDisablesSignInAndRetries();
    void labelsArePlainAndNamed();
    void changePermissionsAsksForAnUpgrade();

private:
    static model::Account account(const QString &id, const QStringList &scopes);
};

model::Account TestAccountsPage::account(const QString &id, const QStringList &scopes)
{
    model::Account a;
    a.accountId = id;
    a.login = QStringLiteral("user") + id;
    a.displayName = a.login;
    a.grantedScopes = model::scopesFromWords(model::Provider::Twitch, scopes);
    a.accessExpiresAt = QDateTime(QDate(2026, 1, 1), QTime(16, 0), Qt::UTC);
    return a;
}

void TestAccountsPage::listShowsGrantedScopesInPlainWords()
{
    QTemporaryDir dir;
    auth::AccountStore store(dir.path());
    QVERIFY(store.add(
        account(QStringLiteral("1001"), {QStringLiteral("user:read:chat"),
                                         QStringLiteral("moderator:manage:banned_users")})));
    ui::AccountsPage page;
    page.attach(&store, nullptr);
    page.show();
    QVERIFY(!page.findChild<QWidget *>(QStringLiteral("accounts.empty"))->isVisible());
    const QString prefix = QStringLiteral("account.twitch:1001");
    auto *login = page.findChild<QLabel *>(prefix + QStringLiteral(".login"));
    QVERIFY(login);
    QVERIFY(login->text().contains(QStringLiteral("user1001")));
    QStringList lines;
    for (int i = 0; i < 2; ++i) {
        auto *l = page.findChild<QLabel *>(prefix + QStringLiteral(".scope.%1").arg(i));
        QVERIFY(l);
        lines << l->text();
    }
    QVERIFY2(lines.at(0).contains(QStringLiteral("Read chat in channels you moderate")),
             qPrintable(lines.at(0)));
    QVERIFY(lines.at(1).contains(QStringLiteral("Ban, time out and unban chatters")));
    QVERIFY(lines.at(1).contains(auth::ScopeCatalog::riskName(auth::ScopeRisk::High)));
    QVERIFY(page.findChild<QLabel *>(prefix + QStringLiteral(".expiry")));
    QVERIFY(page.findChild<QLabel *>(prefix + QStringLiteral(".state")));
    // Scopes the platform did not grant are not shown as if they were.
    QVERIFY(!page.findChild<QLabel *>(prefix + QStringLiteral(".scope.2")));
}

void TestAccountsPage::switchMakesAnAccountActive()
{
    QTemporaryDir dir;
    auth::AccountStore store(dir.path());
    QVERIFY(store.add(account(QStringLiteral("1"), {QStringLiteral("user:read:chat")})));
    QVERIFY(store.add(account(QStringLiteral("2"), {QStringLiteral("user:read:chat")})));
    ui::AccountsPage page;
    page.attach(&store, nullptr);
    page.show();
    auto *switch1 = page.findChild<QPushButton *>(QStringLiteral("account.twitch:1.switch"));
    auto *switch2 = page.findChild<QPushButton *>(QStringLiteral("account.twitch:2.switch"));
    QVERIFY(switch1 && switch2);
    QVERIFY(!switch1->isEnabled()); // already active
    QTest::mouseClick(switch2, Qt::LeftButton);
    QCOMPARE(store.activeKey(), QStringLiteral("twitch:2"));
    // Without a session there is nothing to revoke with: Sign out waits for one.
    QVERIFY(
        !page.findChild<QPushButton *>(QStringLiteral("account.twitch:2.signOut"))->isEnabled());
}

void TestAccountsPage::keychainBannerDisablesSignInAndRetries()
{
    QTemporaryDir dir;
    auth::AccountStore store(dir.path());
    auth::SecretStore secrets;
    ui::AccountsPage page;
    page.attach(&store, &secrets);
    page.show();
    QSignalSpy signIn(&page, &ui::AccountsPage::signInRequested);
    auto *banner = page.findChild<QFrame *>(QStringLiteral("accounts.keychainBanner"));
    QVERIFY(banner);
    secrets.checkAvailability();
    QTRY_COMPARE_WITH_TIMEOUT(secrets.availability(), auth::SecretStore::Availability::Unavailable,
                              10000);
    QVERIFY(banner->isVisible());
    auto *text = page.findChild<QLabel *>(QStringLiteral("accounts.keychainBanner.text"));
    QVERIFY(text->text().startsWith(
        QStringLiteral("Keychain unavailable — sign-in is disabled until it is back")));
    auto *signInButton = page.findChild<QPushButton *>(QStringLiteral("accounts.signIn"));
    auto *emptyAction = page.findChild<QPushButton *>(QStringLiteral("accounts.empty.action"));
    QVERIFY(!signInButton->isEnabled());
    QVERIFY(!emptyAction->isEnabled());
    QVERIFY(!page.signInEnabled());
    QTest::mouseClick(signInButton, Qt::LeftButton);
    QCOMPARE(signIn.size(), 0); // no sign-in loop

    QSignalSpy availability(&secrets, &auth::SecretStore::availabilityChanged);
    auto *retry = page.findChild<QPushButton *>(QStringLiteral("accounts.keychainBanner.retry"));
    QVERIFY(retry->isEnabled());
    QTest::mouseClick(retry, Qt::LeftButton);
    QVERIFY(!availability.isEmpty()); // Retry asked the keychain again
    QCOMPARE(availability.first().first().value<auth::SecretStore::Availability>(),
             auth::SecretStore::Availability::Checking);
    QTRY_COMPARE_WITH_TIMEOUT(secrets.availability(), auth::SecretStore::Availability::Unavailable,
                              10000);
    QVERIFY(banner->isVisible());
    QVERIFY(!signInButton->isEnabled());
}

void TestAccountsPage::labelsArePlainAndNamed()
{
    QTemporaryDir dir;
    auth::AccountStore store(dir.path());
    QVERIFY(store.add(account(QStringLiteral("7"), {QStringLiteral("user:read:chat")})));
    ui::AccountsPage page;
    page.attach(&store, nullptr);
    for (QLabel *l : page.findChildren<QLabel *>()) {
        QCOMPARE(l->textFormat(), Qt::PlainText);
        QVERIFY(!l->objectName().isEmpty());
    }
    for (QPushButton *b : page.findChildren<QPushButton *>())
        QVERIFY2(!b->accessibleName().isEmpty(), qPrintable(b->objectName()));
}

void TestAccountsPage::changePermissionsAsksForAnUpgrade()
{
    QTemporaryDir dir;
    auth::AccountStore store(dir.path());
    QVERIFY(store.add(account(QStringLiteral("1"), {QStringLiteral("user:read:chat")})));
    QVERIFY(store.add(account(QStringLiteral("2"), {QStringLiteral("user:read:chat")})));
    ui::AccountsPage page;
    page.attach(&store, nullptr);
    page.show();
    QSignalSpy requested(&page, &ui::AccountsPage::permissionsRequested);
    auto *b = page.findChild<QPushButton *>(QStringLiteral("account.twitch:2.permissions"));
    QVERIFY(b);
    QVERIFY(!b->accessibleName().isEmpty());
    QVERIFY(!b->toolTip().isEmpty());
    QVERIFY(b->isEnabled());
    QTest::mouseClick(b, Qt::LeftButton);
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.at(0).at(0).toString(), QStringLiteral("twitch:2"));
    // Nothing changes by the click alone: the shell opens the dialog.
    QCOMPARE(store.find(QStringLiteral("twitch:2"))->grantedScopes.size(), 1);
}

ROOMWARDEN_TEST_MAIN_GUI(TestAccountsPage)
#include "TestAccountsPage.moc"
