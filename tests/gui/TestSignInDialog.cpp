// The sign-in dialog lists exactly the scopes the chosen features will request, in plain words.
#include "core/auth/AccountStore.h"
#include "core/auth/ScopeCatalog.h"
#include "core/auth/SecretStore.h"
#include "core/auth/SignInController.h"
#include "core/net/ApiClient.h"
#include "core/util/Redactor.h"
#include "ui/SignInDialog.h"

#include "TestMain.h"

#include <QCheckBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QTemporaryDir>

using namespace roomwarden;
using auth::Feature;

class TestSignInDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void listsTheUnionOfTheChosenFeatures_data();
    void listsTheUnionOfTheChosenFeatures();
    void featuresAreFixedOutsideCustom();
    void signInNeedsTheKeychain();
    void everyWidgetIsNamedAndPlain();
    void upgradeLocksWhatTheAccountHas();
    void upgradeListsTheUnionWithTheNewMarked_data();
    void upgradeListsTheUnionWithTheNewMarked();
    void upgradeThatAddsNothingCannotStart();

private:
    static model::Account account(const QStringList &granted);
    QCheckBox *featureBox(const ui::SignInDialog &dialog, Feature f) const;
    QStringList listed(const ui::SignInDialog &dialog) const;
    static QStringList sorted(QStringList l)
    {
        l.sort();
        return l;
    }

    QTemporaryDir m_dir;
    std::unique_ptr<net::ApiClient> m_api;
    std::unique_ptr<auth::SecretStore> m_secrets;
    std::unique_ptr<auth::AccountStore> m_accounts;
    std::unique_ptr<auth::SignInController> m_controller;
};

void TestSignInDialog::init()
{
    // Never started here: nothing in these tests may reach a network.
    m_api = std::make_unique<net::ApiClient>(net::EgressPolicy::none(), net::TlsPolicy::system());
    m_secrets = std::make_unique<auth::SecretStore>();
    m_accounts = std::make_unique<auth::AccountStore>(m_dir.path());
    m_controller = std::make_unique<auth::SignInController>(
        m_api.get(), m_secrets.get(), m_accounts.get(), std::make_shared<util::Redactor>(),
        auth::SignInController::Options{});
}

void TestSignInDialog::cleanup()
{
    m_controller.reset();
    m_accounts.reset();
    m_secrets.reset();
    m_api.reset();
}

QStringList TestSignInDialog::listed(const ui::SignInDialog &dialog) const
{
    auto *list = dialog.findChild<QListWidget *>(QStringLiteral("signIn.scopes"));
    QStringList out;
    for (int i = 0; i < list->count(); ++i) {
        const QListWidgetItem *item = list->item(i);
        const QString name = item->data(Qt::UserRole).toString();
        // Each line says what the scope lets Roomwarden do, and how risky that is.
        const auto info = auth::ScopeCatalog::info({model::Provider::Twitch, name});
        if (!info || !item->text().contains(info->description) ||
            !item->text().contains(auth::ScopeCatalog::riskName(info->risk)))
            return {QStringLiteral("bad line: ") + item->text()};
        out << name;
    }
    out.sort();
    return out;
}

void TestSignInDialog::listsTheUnionOfTheChosenFeatures_data()
{
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QList<int>>("custom");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("analytics only")
        << "signIn.profile.analytics" << QList<int>{}
        << QStringList{"moderator:read:chatters", "moderator:read:followers", "user:read:chat",
                       "user:read:moderated_channels"};
    QTest::newRow("custom: send chat + warnings")
        << "signIn.profile.custom" << QList<int>{int(Feature::SendChat), int(Feature::Warnings)}
        << QStringList{"moderator:manage:warnings", "user:write:chat"};
    QTest::newRow("custom: moderate + shield mode (manage replaces read)")
        << "signIn.profile.custom" << QList<int>{int(Feature::Moderate), int(Feature::ShieldMode)}
        << QStringList{"moderator:manage:banned_users",   "moderator:manage:chat_messages",
                       "moderator:manage:shield_mode",    "moderator:read:moderators",
                       "moderator:read:suspicious_users", "moderator:read:vips"};
    QTest::newRow("custom: nothing") << "signIn.profile.custom" << QList<int>{} << QStringList{};
}

void TestSignInDialog::listsTheUnionOfTheChosenFeatures()
{
    QFETCH(QString, profile);
    QFETCH(QList<int>, custom);
    QFETCH(QStringList, expected);
    ui::SignInDialog dialog(m_controller.get());
    dialog.show();
    auto *radio = dialog.findChild<QRadioButton *>(profile);
    QVERIFY(radio);
    // click(), not a mouse press at the centre: a radio button only takes clicks on its
    // indicator and text, and the centre of a wide one is neither.
    radio->click();
    if (profile == QLatin1String("signIn.profile.custom")) {
        // Custom starts from the previous profile's features: clear them, then tick ours.
        for (Feature f : auth::ScopeCatalog::allFeatures()) {
            auto *box =
                dialog.findChild<QCheckBox *>(QStringLiteral("signIn.feature.%1").arg(int(f)));
            QVERIFY(box && box->isEnabled());
            if (box->isChecked() != custom.contains(int(f)))
                box->click();
        }
    }
    QCOMPARE(listed(dialog), expected);
    // What is listed is what the controller would request.
    QStringList requested = model::scopeNames(m_controller->scopesFor(dialog.selectedFeatures()));
    requested.sort();
    QCOMPARE(requested, expected);
}

void TestSignInDialog::featuresAreFixedOutsideCustom()
{
    ui::SignInDialog dialog(m_controller.get());
    dialog.selectProfile(auth::FeatureProfile::Moderation);
    for (Feature f : auth::ScopeCatalog::allFeatures()) {
        auto *box = dialog.findChild<QCheckBox *>(QStringLiteral("signIn.feature.%1").arg(int(f)));
        QVERIFY(!box->isEnabled());
        QCOMPARE(box->isChecked(),
                 auth::ScopeCatalog::featuresOf(auth::FeatureProfile::Moderation).contains(f));
    }
    QVERIFY(listed(dialog).contains(QStringLiteral("moderator:manage:banned_users")));
}

void TestSignInDialog::signInNeedsTheKeychain()
{
    ui::SignInDialog dialog(m_controller.get());
    auto *start = dialog.findChild<QPushButton *>(QStringLiteral("signIn.start"));
    // Availability not established yet: nothing may be sent.
    QVERIFY(!start->isEnabled());
    m_secrets->checkAvailability();
    QTRY_VERIFY_WITH_TIMEOUT(m_secrets->availability() != auth::SecretStore::Availability::Checking,
                             10000);
    QCOMPARE(start->isEnabled(),
             m_secrets->availability() == auth::SecretStore::Availability::Available);
}

void TestSignInDialog::everyWidgetIsNamedAndPlain()
{
    ui::SignInDialog dialog(m_controller.get());
    dialog.show();
    for (QWidget *w : dialog.findChildren<QWidget *>()) {
        if (w->objectName().startsWith(QStringLiteral("qt_")) || w->inherits("QScrollBar"))
            continue;
        QVERIFY2(!w->objectName().isEmpty(), w->metaObject()->className());
        if (qobject_cast<QPushButton *>(w) || qobject_cast<QCheckBox *>(w))
            QVERIFY2(!w->accessibleName().isEmpty(), qPrintable(w->objectName()));
    }
    for (QLabel *l : dialog.findChildren<QLabel *>())
        QCOMPARE(l->textFormat(), Qt::PlainText);
}

model::Account TestSignInDialog::account(const QStringList &granted)
{
    model::Account a;
    a.accountId = QStringLiteral("1001");
    a.login = QStringLiteral("mod_one");
    a.displayName = QStringLiteral("Mod One");
    a.grantedScopes = model::scopesFromWords(model::Provider::Twitch, granted);
    return a;
}

QCheckBox *TestSignInDialog::featureBox(const ui::SignInDialog &dialog, Feature f) const
{
    return dialog.findChild<QCheckBox *>(QStringLiteral("signIn.feature.%1").arg(int(f)));
}

void TestSignInDialog::upgradeLocksWhatTheAccountHas()
{
    const QStringList analytics = model::scopeNames(auth::ScopeCatalog::scopesFor(
        model::Provider::Twitch,
        auth::ScopeCatalog::featuresOf(auth::FeatureProfile::AnalyticsOnly)));
    ui::SignInDialog dialog(m_controller.get());
    dialog.setUpgrade(account(analytics));
    dialog.show();
    QVERIFY(dialog.upgradeAccount());
    QVERIFY(dialog.windowTitle().contains(QStringLiteral("Mod One")));
    // Custom is preselected; what the account has is ticked and cannot be unticked.
    QVERIFY(dialog.findChild<QRadioButton *>(QStringLiteral("signIn.profile.custom"))->isChecked());
    const QList<Feature> had = auth::ScopeCatalog::featuresOf(auth::FeatureProfile::AnalyticsOnly);
    const auto checkLocks = [&] {
        for (Feature f : auth::ScopeCatalog::allFeatures()) {
            QCheckBox *box = featureBox(dialog, f);
            QVERIFY(box);
            if (had.contains(f)) {
                QVERIFY2(box->isChecked() && !box->isEnabled(), qPrintable(box->text()));
                QVERIFY(box->toolTip().contains(QStringLiteral("stays")));
            }
        }
    };
    checkLocks();
    for (Feature f : auth::ScopeCatalog::allFeatures()) {
        if (!had.contains(f)) {
            QVERIFY(featureBox(dialog, f)->isEnabled());
            QVERIFY(!featureBox(dialog, f)->isChecked());
        }
    }
    // Nothing added yet: every line is granted already, none is new.
    QCOMPARE(listed(dialog), sorted(analytics));
    // Another profile adds its features, but never takes the locked ones away.
    dialog.findChild<QRadioButton *>(QStringLiteral("signIn.profile.moderation"))->click();
    checkLocks();
    dialog.findChild<QRadioButton *>(QStringLiteral("signIn.profile.custom"))->click();
    checkLocks();
    for (QLabel *l : dialog.findChildren<QLabel *>())
        QCOMPARE(l->textFormat(), Qt::PlainText);
    auto *start = dialog.findChild<QPushButton *>(QStringLiteral("signIn.start"));
    QVERIFY(!start->accessibleName().isEmpty());
}

void TestSignInDialog::upgradeListsTheUnionWithTheNewMarked_data()
{
    QTest::addColumn<QStringList>("granted");
    QTest::addColumn<QList<int>>("tick");
    QTest::addColumn<QStringList>("added");
    QTest::newRow("analytics + moderate")
        << QStringList{"user:read:chat", "user:read:moderated_channels", "moderator:read:chatters",
                       "moderator:read:followers"}
        << QList<int>{int(Feature::Moderate)}
        << QStringList{"moderator:manage:banned_users",   "moderator:manage:chat_messages",
                       "moderator:read:moderators",       "moderator:read:shield_mode",
                       "moderator:read:suspicious_users", "moderator:read:vips"};
    // A granted manage scope covers the read scope Moderate needs: it is not asked again.
    QTest::newRow("shield mode granted + moderate")
        << QStringList{"moderator:manage:shield_mode"} << QList<int>{int(Feature::Moderate)}
        << QStringList{"moderator:manage:banned_users", "moderator:manage:chat_messages",
                       "moderator:read:moderators", "moderator:read:suspicious_users",
                       "moderator:read:vips"};
    // A granted read scope stays in the request even when its manage scope is added.
    QTest::newRow("read granted + shield mode")
        << QStringList{"moderator:read:shield_mode"} << QList<int>{int(Feature::ShieldMode)}
        << QStringList{"moderator:manage:shield_mode"};
}

void TestSignInDialog::upgradeListsTheUnionWithTheNewMarked()
{
    QFETCH(QStringList, granted);
    QFETCH(QList<int>, tick);
    QFETCH(QStringList, added);
    const model::Account a = account(granted);
    ui::SignInDialog dialog(m_controller.get());
    dialog.setUpgrade(a);
    dialog.show();
    for (int f : tick)
        featureBox(dialog, Feature(f))->click();

    // Exactly what the upgrade requests: everything granted plus what is added.
    QStringList expected = granted + added;
    expected.sort();
    QCOMPARE(listed(dialog), expected);
    QStringList requested =
        model::scopeNames(m_controller->upgradeScopes(a, dialog.selectedFeatures()));
    requested.sort();
    QCOMPARE(requested, expected);

    // The added ones, and only those, say "new" in the list text.
    auto *list = dialog.findChild<QListWidget *>(QStringLiteral("signIn.scopes"));
    QStringList marked;
    for (int i = 0; i < list->count(); ++i) {
        const QListWidgetItem *item = list->item(i);
        const bool isNew = item->text().contains(QStringLiteral("new"));
        QCOMPARE(item->data(ui::SignInDialog::kNewScopeRole).toBool(), isNew);
        if (isNew)
            marked << item->data(Qt::UserRole).toString();
    }
    marked.sort();
    added.sort();
    QCOMPARE(marked, added);
}

void TestSignInDialog::upgradeThatAddsNothingCannotStart()
{
    ui::SignInDialog dialog(m_controller.get());
    dialog.setUpgrade(account({QStringLiteral("user:write:chat")}));
    auto *start = dialog.findChild<QPushButton *>(QStringLiteral("signIn.start"));
    auto *status = dialog.findChild<QLabel *>(QStringLiteral("signIn.choiceStatus"));
    QVERIFY(!start->isEnabled());
    m_secrets->checkAvailability();
    QTRY_VERIFY_WITH_TIMEOUT(m_secrets->availability() != auth::SecretStore::Availability::Checking,
                             10000);
    if (!m_controller->keychainAvailable()) {
        QVERIFY(!start->isEnabled());
        QSKIP("no keychain here: the upgrade cannot start for that reason alone");
    }
    // Promise 2: upgraded only when a feature needs more.
    QVERIFY(!start->isEnabled());
    QCOMPARE(status->text(), QStringLiteral("Turn on a feature that needs more permissions."));
    featureBox(dialog, Feature::Warnings)->click();
    QVERIFY(start->isEnabled());
    featureBox(dialog, Feature::Warnings)->click();
    QVERIFY(!start->isEnabled());
}

ROOMWARDEN_TEST_MAIN_GUI(TestSignInDialog)
#include "TestSignInDialog.moc"
