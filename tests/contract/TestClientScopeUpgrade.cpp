// Turning on a feature that needs more re-authorizes with the union (promise 2), against the
// sandbox over real HTTPS with the real keychain (testenv's gnome-keyring): the device request
// carries everything granted plus what the new features need; the account and its keychain
// entry are replaced under the same key; the old access token is revoked; and a sign-in by a
// different user is refused, its token revoked, the account left as it was.
#include "core/auth/AccountStore.h"
#include "core/auth/ScopeCatalog.h"
#include "core/auth/SecretStore.h"
#include "core/auth/SignInController.h"
#include "core/auth/TokenSetCodec.h"
#include "core/net/ApiClient.h"
#include "core/providers/twitch/TwitchEndpoints.h"
#include "core/util/Paths.h"
#include "core/util/Redactor.h"
#include "sandbox/Sandbox.h"
#include "sandbox/World.h"

#include "ClientTestSupport.h"
#include "TestMain.h"

#include <QDir>
#include <QSignalSpy>

using namespace roomwarden;
using auth::Feature;
using auth::FeatureProfile;
using auth::ScopeCatalog;

class TestClientScopeUpgrade : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void upgradeRequestsTheUnionAndReplacesTheTokens();
    void differentUserIsRefusedAndItsTokenRevoked();
    void upgradeThatAddsNothingSendsNothing();

private:
    // Runs one flow on m_controller; `approver` approves the device code at the sandbox.
    // Returns false if neither succeeded nor failed came.
    bool run(const std::function<void()> &begin, const QString &approver);
    model::Account signIn(const QList<Feature> &features);
    std::optional<auth::TokenSet> keychainTokens(const QString &key);
    int count(const QString &method, const QString &path, int from = 0) const;
    static QStringList sorted(QStringList l);

    std::unique_ptr<sandbox::Sandbox> m_sandbox;
    twitch::TwitchEndpoints m_ep;
    std::unique_ptr<net::ApiClient> m_api;
    std::unique_ptr<auth::SecretStore> m_secrets;
    std::unique_ptr<auth::AccountStore> m_accounts;
    std::shared_ptr<util::Redactor> m_redactor;
    std::unique_ptr<auth::SignInController> m_controller;
    util::ProfilePaths m_paths;
    // Of the last run.
    QStringList m_requestedAtDevice;
    std::optional<model::Account> m_succeeded;
    QString m_failure;
};

QStringList TestClientScopeUpgrade::sorted(QStringList l)
{
    l.sort();
    return l;
}

void TestClientScopeUpgrade::initTestCase()
{
    m_paths = util::ProfilePaths::forProfile(QDir::homePath() + QStringLiteral("/profile"));
    QString error;
    QVERIFY2(m_paths.ensureExists(&error), qPrintable(error));
}

void TestClientScopeUpgrade::init()
{
    m_sandbox = std::make_unique<sandbox::Sandbox>();
    QString error;
    QVERIFY2(m_sandbox->start(&error), qPrintable(error));
    m_ep = twitch::TwitchEndpoints::sandboxProfile(
        m_sandbox->idBaseUrl(), m_sandbox->helixBaseUrl(), m_sandbox->eventSubUrl(),
        m_sandbox->certificate(), m_sandbox->clientId());
    m_api = std::make_unique<net::ApiClient>(m_ep.egress, m_ep.tls);
    m_secrets = std::make_unique<auth::SecretStore>();
    m_secrets->checkAvailability();
    QTRY_COMPARE_WITH_TIMEOUT(m_secrets->availability(), auth::SecretStore::Availability::Available,
                              10000);
    QFile::remove(m_paths.configDir + QStringLiteral("/accounts.json"));
    m_accounts = std::make_unique<auth::AccountStore>(m_paths.configDir);
    QVERIFY(m_accounts->load());
    m_redactor = std::make_shared<util::Redactor>();
    auth::SignInController::Options o;
    o.idBase = m_ep.idBase;
    o.clientId = m_ep.clientId;
    o.msPerSecond = 4;
    m_controller = std::make_unique<auth::SignInController>(m_api.get(), m_secrets.get(),
                                                            m_accounts.get(), m_redactor, o);
}

void TestClientScopeUpgrade::cleanup()
{
    m_controller.reset();
    m_accounts.reset();
    m_secrets.reset();
    m_api.reset();
    m_sandbox.reset();
}

bool TestClientScopeUpgrade::run(const std::function<void()> &begin, const QString &approver)
{
    m_requestedAtDevice.clear();
    m_succeeded.reset();
    m_failure.clear();
    QSignalSpy ok(m_controller.get(), &auth::SignInController::succeeded);
    QSignalSpy failed(m_controller.get(), &auth::SignInController::failed);
    const auto connection =
        connect(m_controller.get(), &auth::SignInController::userCodeReady, this,
                [this, approver](const QString &code) {
                    // Ground truth: what the platform was asked for, as it received it.
                    if (const sandbox::DeviceCode *d = m_sandbox->world()->deviceCodeByUser(code))
                        m_requestedAtDevice = d->requestedScopes;
                    m_sandbox->world()->approveDeviceCode(code, approver);
                });
    begin();
    const bool done = QTest::qWaitFor([&] { return !ok.isEmpty() || !failed.isEmpty(); }, 20000);
    disconnect(connection);
    if (!ok.isEmpty())
        m_succeeded = ok.at(0).at(0).value<model::Account>();
    if (!failed.isEmpty())
        m_failure = failed.at(0).at(0).toString();
    return done;
}

model::Account TestClientScopeUpgrade::signIn(const QList<Feature> &features)
{
    if (!run([&] { m_controller->start(features); }, m_sandbox->world()->demoUserId()) ||
        !m_succeeded)
        return {};
    return *m_succeeded;
}

std::optional<auth::TokenSet> TestClientScopeUpgrade::keychainTokens(const QString &key)
{
    return test::keychainTokens(m_secrets.get(), key);
}

int TestClientScopeUpgrade::count(const QString &method, const QString &path, int from) const
{
    return test::countRequests(m_sandbox->world(), method, path, from);
}

void TestClientScopeUpgrade::upgradeRequestsTheUnionAndReplacesTheTokens()
{
    const model::Account before = signIn(ScopeCatalog::featuresOf(FeatureProfile::AnalyticsOnly));
    QVERIFY2(before.isValid(), qPrintable(m_failure));
    const QStringList analytics = model::scopeNames(before.grantedScopes);
    QCOMPARE(sorted(m_requestedAtDevice), sorted(analytics));
    const auto old = keychainTokens(before.secretKey());
    QVERIFY(old);
    QVERIFY(m_sandbox->world()->grantFor(old->accessToken));

    const QList<Feature> wanted = ScopeCatalog::featuresOf(FeatureProfile::Moderation);
    const QStringList moderation =
        model::scopeNames(ScopeCatalog::scopesFor(model::Provider::Twitch, wanted));
    QStringList expected = analytics;
    for (const QString &s : moderation) {
        if (!expected.contains(s))
            expected << s;
    }
    QCOMPARE(sorted(model::scopeNames(m_controller->upgradeScopes(before, wanted))),
             sorted(expected));

    const int from = m_sandbox->world()->requests().size();
    QVERIFY(
        run([&] { m_controller->startUpgrade(before, wanted); }, m_sandbox->world()->demoUserId()));
    QVERIFY2(m_succeeded, qPrintable(m_failure));
    QCOMPARE(m_controller->stage(), auth::SignInController::Stage::Done);

    // The platform was asked for the union: everything granted stays, the new scopes are added.
    QCOMPARE(sorted(m_requestedAtDevice), sorted(expected));
    QCOMPARE(model::scopeNames(m_controller->requestedScopes()),
             model::scopeNames(m_controller->upgradeScopes(before, wanted)));
    QCOMPARE(count(QStringLiteral("POST"), QStringLiteral("/oauth2/device"), from), 1);

    // Same account, same key, now with the union as granted by the platform (/validate).
    const model::Account after = *m_succeeded;
    QCOMPARE(after.secretKey(), before.secretKey());
    QCOMPARE(sorted(model::scopeNames(after.grantedScopes)), sorted(expected));
    QCOMPARE(m_accounts->accounts().size(), 1);
    QCOMPARE(sorted(model::scopeNames(m_accounts->find(before.secretKey())->grantedScopes)),
             sorted(expected));
    QCOMPARE(m_accounts->activeKey(), before.secretKey());
    QVERIFY(ScopeCatalog::featuresCoveredBy(model::Provider::Twitch, after.grantedScopes) ==
            wanted);

    // The keychain holds the new token set, whose grant is the union.
    const auto fresh = keychainTokens(before.secretKey());
    QVERIFY(fresh);
    const auto &issued = m_sandbox->world()->issuedTokens();
    QCOMPARE(issued.size(), 4);
    QCOMPARE(fresh->accessToken, issued.at(2).token);
    QCOMPARE(fresh->refreshToken, issued.at(3).token);
    const auto grant = m_sandbox->world()->grantFor(fresh->accessToken);
    QVERIFY(grant);
    QCOMPARE(grant->userId, before.accountId);
    QCOMPARE(sorted(grant->scopes), sorted(expected));

    // The old access token was revoked at the platform before success was reported.
    QCOMPARE(count(QStringLiteral("POST"), QStringLiteral("/oauth2/revoke"), from), 1);
    QVERIFY(!m_sandbox->world()->grantFor(old->accessToken));
}

void TestClientScopeUpgrade::differentUserIsRefusedAndItsTokenRevoked()
{
    const model::Account before = signIn(ScopeCatalog::featuresOf(FeatureProfile::AnalyticsOnly));
    QVERIFY2(before.isValid(), qPrintable(m_failure));
    const auto old = keychainTokens(before.secretKey());
    QVERIFY(old);

    // The browser is signed in to someone else, who approves the code.
    const QString other = m_sandbox->world()->viewerId();
    QVERIFY(other != before.accountId);
    const int from = m_sandbox->world()->requests().size();
    QVERIFY(run([&] { m_controller->startUpgrade(before, {Feature::Moderate}); }, other));
    QVERIFY(!m_succeeded);
    QCOMPARE(m_controller->stage(), auth::SignInController::Stage::Failed);
    QVERIFY2(m_failure.contains(before.login), qPrintable(m_failure));
    QVERIFY2(m_failure.contains(m_sandbox->world()->user(other)->login), qPrintable(m_failure));

    // The other user's new token is revoked at the platform, never stored.
    const auto &issued = m_sandbox->world()->issuedTokens();
    QCOMPARE(issued.size(), 4);
    QCOMPARE(issued.at(2).userId, other);
    const QString stray = issued.at(2).token;
    QTRY_COMPARE_WITH_TIMEOUT(count(QStringLiteral("POST"), QStringLiteral("/oauth2/revoke"), from),
                              1, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!m_sandbox->world()->grantFor(stray), 10000);

    // The account, its keychain entry and its token are as they were.
    const auto kept = keychainTokens(before.secretKey());
    QVERIFY(kept);
    QCOMPARE(kept->accessToken, old->accessToken);
    QCOMPARE(kept->refreshToken, old->refreshToken);
    QVERIFY(m_sandbox->world()->grantFor(old->accessToken));
    QCOMPARE(m_accounts->accounts().size(), 1);
    QCOMPARE(*m_accounts->find(before.secretKey()), before);
    bool done = false;
    auth::SecretStore::Status status = auth::SecretStore::Status::Ok;
    m_secrets->read(QStringLiteral("twitch:") + other, [&](const auth::SecretStore::Result &r) {
        status = r.status;
        done = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
    QCOMPARE(status, auth::SecretStore::Status::NotFound);
}

void TestClientScopeUpgrade::upgradeThatAddsNothingSendsNothing()
{
    const model::Account before = signIn(ScopeCatalog::featuresOf(FeatureProfile::AnalyticsOnly));
    QVERIFY2(before.isValid(), qPrintable(m_failure));
    const int from = m_sandbox->world()->requests().size();
    QSignalSpy failed(m_controller.get(), &auth::SignInController::failed);
    m_controller->startUpgrade(before, {Feature::ReadChat, Feature::ChatAnalytics});
    QCOMPARE(failed.size(), 1); // at once, before any network call
    QCOMPARE(m_controller->stage(), auth::SignInController::Stage::Failed);
    QCOMPARE(count(QStringLiteral("POST"), QStringLiteral("/oauth2/device"), from), 0);
}

ROOMWARDEN_TEST_MAIN_CORE(TestClientScopeUpgrade)
#include "TestClientScopeUpgrade.moc"
