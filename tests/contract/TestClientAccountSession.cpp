// Sign-in and token custody against the sandbox over real HTTPS, with the real keychain
// (testenv's gnome-keyring): device flow → keychain only; hourly validate on a ManualClock;
// one refresh with rotation; NeedsSignIn without a loop; sign-out revokes and deletes; and no
// token on disk or in the log.
#include "core/auth/AccountSession.h"
#include "core/auth/AccountStore.h"
#include "core/auth/ScopeCatalog.h"
#include "core/auth/SecretStore.h"
#include "core/auth/SignInController.h"
#include "core/auth/TokenSetCodec.h"
#include "core/net/ApiClient.h"
#include "core/providers/twitch/HelixClient.h"
#include "core/providers/twitch/TwitchEndpoints.h"
#include "core/util/Clock.h"
#include "core/util/Logging.h"
#include "core/util/Paths.h"
#include "core/util/Redactor.h"
#include "sandbox/Sandbox.h"
#include "sandbox/World.h"

#include "ClientTestSupport.h"
#include "DiskScan.h"
#include "TestMain.h"

#include <QDir>
#include <QLoggingCategory>
#include <QSignalSpy>

using namespace roomwarden;
using auth::AccountSession;

class TestClientAccountSession : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void signInKeepsTokensInTheKeychainOnly();
    void validatesEveryHourByTheClock();
    void revokedTokenIsRefreshedOnceWithRotation();
    void helixUnauthorizedRefreshesOnce();
    void deadRefreshTokenNeedsSignInWithoutLoop();
    void signOutRevokesAndDeletes();
    void noTokenReachesDiskOrLog();

private:
    model::Account signIn(const QList<auth::Feature> &features);
    std::unique_ptr<AccountSession> startSession(const model::Account &account);
    std::optional<auth::TokenSet> keychainTokens(const QString &key);
    int count(const QString &method, const QString &path, int from = 0) const;
    QList<QByteArray> issuedTokens() const;

    std::unique_ptr<sandbox::Sandbox> m_sandbox;
    twitch::TwitchEndpoints m_ep;
    std::unique_ptr<net::ApiClient> m_api;
    std::unique_ptr<auth::SecretStore> m_secrets;
    std::unique_ptr<auth::AccountStore> m_accounts;
    std::shared_ptr<util::Redactor> m_redactor;
    util::ManualClock m_clock;
    util::ProfilePaths m_paths;
};

void TestClientAccountSession::initTestCase()
{
    m_paths = util::ProfilePaths::forProfile(QDir::homePath() + QStringLiteral("/profile"));
    QString error;
    QVERIFY2(m_paths.ensureExists(&error), qPrintable(error));
}

void TestClientAccountSession::init()
{
    m_sandbox = std::make_unique<sandbox::Sandbox>();
    QString error;
    QVERIFY2(m_sandbox->start(&error), qPrintable(error));
    m_ep = twitch::TwitchEndpoints::sandboxProfile(
        m_sandbox->idBaseUrl(), m_sandbox->helixBaseUrl(), m_sandbox->eventSubUrl(),
        m_sandbox->certificate(), m_sandbox->clientId());
    m_api = std::make_unique<net::ApiClient>(m_ep.egress, m_ep.tls);
    m_secrets = std::make_unique<auth::SecretStore>();
    QSignalSpy available(m_secrets.get(), &auth::SecretStore::availabilityChanged);
    m_secrets->checkAvailability();
    QTRY_COMPARE_WITH_TIMEOUT(m_secrets->availability(), auth::SecretStore::Availability::Available,
                              10000);
    QFile::remove(m_paths.configDir + QStringLiteral("/accounts.json"));
    m_accounts = std::make_unique<auth::AccountStore>(m_paths.configDir);
    QVERIFY(m_accounts->load());
    m_redactor = std::make_shared<util::Redactor>();
}

void TestClientAccountSession::cleanup()
{
    m_accounts.reset();
    m_secrets.reset();
    m_api.reset();
    m_sandbox.reset();
}

model::Account TestClientAccountSession::signIn(const QList<auth::Feature> &features)
{
    auth::SignInController::Options o;
    o.idBase = m_ep.idBase;
    o.clientId = m_ep.clientId;
    o.msPerSecond = 4;
    auth::SignInController controller(m_api.get(), m_secrets.get(), m_accounts.get(), m_redactor,
                                      o);
    QSignalSpy ok(&controller, &auth::SignInController::succeeded);
    QSignalSpy failed(&controller, &auth::SignInController::failed);
    connect(&controller, &auth::SignInController::userCodeReady, this, [this](const QString &code) {
        m_sandbox->world()->approveDeviceCode(code, m_sandbox->world()->demoUserId());
    });
    controller.start(features);
    if (!ok.wait(20000) || !failed.isEmpty())
        return {};
    return ok.at(0).at(0).value<model::Account>();
}

std::unique_ptr<AccountSession>
TestClientAccountSession::startSession(const model::Account &account)
{
    AccountSession::Options o;
    o.idBase = m_ep.idBase;
    o.clientId = m_ep.clientId;
    o.pollIntervalMs = 10; // the ManualClock decides; the timer only looks often
    auto session = std::make_unique<AccountSession>(account, m_secrets.get(), m_api.get(), &m_clock,
                                                    m_redactor, o);
    session->start();
    return session;
}

std::optional<auth::TokenSet> TestClientAccountSession::keychainTokens(const QString &key)
{
    return test::keychainTokens(m_secrets.get(), key);
}

int TestClientAccountSession::count(const QString &method, const QString &path, int from) const
{
    return test::countRequests(m_sandbox->world(), method, path, from);
}

QList<QByteArray> TestClientAccountSession::issuedTokens() const
{
    return test::issuedTokenBytes(m_sandbox->world());
}

void TestClientAccountSession::signInKeepsTokensInTheKeychainOnly()
{
    const auto account = signIn(auth::ScopeCatalog::featuresOf(auth::FeatureProfile::Moderation));
    QVERIFY(account.isValid());
    QCOMPARE(account.accountId, m_sandbox->world()->demoUserId());
    // Exactly the profile's scopes were requested and (all approved) granted.
    QCOMPARE(model::scopeNames(account.grantedScopes),
             model::scopeNames(auth::ScopeCatalog::scopesFor(
                 model::Provider::Twitch,
                 auth::ScopeCatalog::featuresOf(auth::FeatureProfile::Moderation))));
    const auto stored = keychainTokens(account.secretKey());
    QVERIFY(stored);
    const auto &issued = m_sandbox->world()->issuedTokens();
    QCOMPARE(issued.size(), 2);
    QCOMPARE(stored->accessToken, issued.at(0).token);
    QCOMPARE(stored->refreshToken, issued.at(1).token);
    // The account list knows the account, and no token.
    QCOMPARE(m_accounts->activeKey(), account.secretKey());
    QVERIFY(QFile::exists(m_accounts->filePath()));
    QCOMPARE(test::filesContaining(m_paths.configDir, issuedTokens()), QStringList());
    QCOMPARE(test::filesContaining(QDir::homePath(), issuedTokens()), QStringList());
}

void TestClientAccountSession::validatesEveryHourByTheClock()
{
    const auto account = signIn({auth::Feature::ReadChat});
    QVERIFY(account.isValid());
    const int before = m_sandbox->world()->requests().size();
    auto session = startSession(account);
    QTRY_COMPARE_WITH_TIMEOUT(session->state(), AccountSession::State::Valid, 10000);
    QCOMPARE(count("GET", "/oauth2/validate", before), 1); // at start
    QCOMPARE(model::scopeNames(session->account().grantedScopes),
             QStringList({"user:read:chat", "user:read:moderated_channels"}));

    m_clock.advanceSeconds(59 * 60);
    session->tick(); // what the poll timer does: nothing is due yet
    QCOMPARE(m_api->inFlight(), 0);
    QCOMPARE(count("GET", "/oauth2/validate", before), 1);
    const QDateTime firstDue = session->nextValidationAt();
    m_clock.advanceSeconds(60);
    QTRY_COMPARE_WITH_TIMEOUT(count("GET", "/oauth2/validate", before), 2, 10000);
    // The next hour counts from when the answer is handled: wait for that, not just for the
    // request to reach the platform (under load the two are apart).
    QTRY_VERIFY_WITH_TIMEOUT(session->nextValidationAt() > firstDue, 10000);
    m_clock.advanceSeconds(3600);
    QTRY_COMPARE_WITH_TIMEOUT(count("GET", "/oauth2/validate", before), 3, 10000);
    QCOMPARE(session->state(), AccountSession::State::Valid);
    QCOMPARE(count("POST", "/oauth2/token", before), 0);
}

void TestClientAccountSession::revokedTokenIsRefreshedOnceWithRotation()
{
    const auto account = signIn({auth::Feature::ReadChat});
    auto session = startSession(account);
    QTRY_COMPARE_WITH_TIMEOUT(session->state(), AccountSession::State::Valid, 10000);
    const auto old = keychainTokens(account.secretKey());
    QVERIFY(old);
    QSignalSpy tokenChanged(session.get(), &AccountSession::accessTokenChanged);
    QSignalSpy mustStop(session.get(), &AccountSession::sessionsMustStop);
    const int before = m_sandbox->world()->requests().size();

    QVERIFY(m_sandbox->world()->revokeAccessToken(old->accessToken));
    m_clock.advanceSeconds(3600);
    QVERIFY(tokenChanged.wait(10000));
    QCOMPARE(session->state(), AccountSession::State::Valid);
    QCOMPARE(count("POST", "/oauth2/token", before), 1);   // one refresh
    QCOMPARE(count("GET", "/oauth2/validate", before), 2); // the failed one, and the new token's
    QCOMPARE(session->refreshCount(), 1);
    QCOMPARE(mustStop.size(), 0);

    const auto fresh = keychainTokens(account.secretKey());
    QVERIFY(fresh);
    QVERIFY(fresh->accessToken != old->accessToken);
    QVERIFY(fresh->refreshToken != old->refreshToken);
    QCOMPARE(session->accessToken(), fresh->accessToken);
    QVERIFY(m_sandbox->world()->grantFor(fresh->accessToken));
    // Rotation: the old refresh token is spent at the platform.
    QVERIFY(!m_sandbox->world()->refresh(m_ep.clientId, old->refreshToken));
}

void TestClientAccountSession::helixUnauthorizedRefreshesOnce()
{
    const auto account = signIn({auth::Feature::ReadChat});
    auto session = startSession(account);
    QTRY_COMPARE_WITH_TIMEOUT(session->state(), AccountSession::State::Valid, 10000);
    const QString old = session->accessToken();
    QSignalSpy tokenChanged(session.get(), &AccountSession::accessTokenChanged);
    const int before = m_sandbox->world()->requests().size();
    m_sandbox->world()->revokeAccessToken(old);
    // Two callers hit a 401 at once: one refresh (single flight).
    session->handleUnauthorized(old);
    session->handleUnauthorized(old);
    QVERIFY(tokenChanged.wait(10000));
    QCOMPARE(count("POST", "/oauth2/token", before), 1);
    // A late 401 for the replaced token changes nothing.
    session->handleUnauthorized(old);
    QCOMPARE(m_api->inFlight(), 0); // no second refresh was started
    QCOMPARE(count("POST", "/oauth2/token", before), 1);
    QCOMPARE(session->state(), AccountSession::State::Valid);
}

void TestClientAccountSession::deadRefreshTokenNeedsSignInWithoutLoop()
{
    const auto account = signIn({auth::Feature::ReadChat});
    auto session = startSession(account);
    QTRY_COMPARE_WITH_TIMEOUT(session->state(), AccountSession::State::Valid, 10000);
    QSignalSpy signInRequired(session.get(), &AccountSession::signInRequired);
    QSignalSpy mustStop(session.get(), &AccountSession::sessionsMustStop);
    const int before = m_sandbox->world()->requests().size();

    // "Disconnect the app" at twitch.tv: access and refresh tokens die.
    QVERIFY(m_sandbox->world()->revokeUserTokens(account.accountId) >= 1);
    m_clock.advanceSeconds(3600);
    QVERIFY(signInRequired.wait(10000));
    QCOMPARE(session->state(), AccountSession::State::NeedsSignIn);
    QCOMPARE(mustStop.size(), 1);
    QCOMPARE(count("POST", "/oauth2/token", before), 1);
    QVERIFY(session->accessToken().isEmpty());

    // No loop: more 401s and more hours send nothing.
    session->handleUnauthorized();
    m_clock.advanceSeconds(3 * 3600);
    session->tick();
    QCOMPARE(m_api->inFlight(), 0); // neither a refresh nor a validate was started
    QCOMPARE(count("POST", "/oauth2/token", before), 1);
    QCOMPARE(count("GET", "/oauth2/validate", before), 1);
    QCOMPARE(signInRequired.size(), 1);
}

void TestClientAccountSession::signOutRevokesAndDeletes()
{
    const auto account = signIn({auth::Feature::ReadChat});
    auto session = startSession(account);
    QTRY_COMPARE_WITH_TIMEOUT(session->state(), AccountSession::State::Valid, 10000);
    const QString access = session->accessToken();
    QVERIFY(m_redactor->secretCount() >= 2);
    QSignalSpy signedOut(session.get(), &AccountSession::signedOut);
    const int before = m_sandbox->world()->requests().size();
    session->signOut();
    QVERIFY(signedOut.wait(10000));
    QCOMPARE(signedOut.at(0).at(0).toBool(), true);
    QCOMPARE(session->state(), AccountSession::State::SignedOut);
    QCOMPARE(count("POST", "/oauth2/revoke", before), 1);
    QVERIFY(!m_sandbox->world()->grantFor(access)); // ground truth: revoked
    bool done = false;
    auth::SecretStore::Status status = auth::SecretStore::Status::Ok;
    m_secrets->read(account.secretKey(), [&](const auth::SecretStore::Result &r) {
        status = r.status;
        done = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
    QCOMPARE(status, auth::SecretStore::Status::NotFound);
    QCOMPARE(m_redactor->secretCount(), 0);
    QVERIFY(session->accessToken().isEmpty());
}

void TestClientAccountSession::noTokenReachesDiskOrLog()
{
    QStringList captured;
    util::LogRedactionHandler handler(m_redactor,
                                      [&captured](const QString &line) { captured << line; });
    QLoggingCategory::setFilterRules(QStringLiteral("roomwarden.*.debug=true"));

    const auto account = signIn(auth::ScopeCatalog::featuresOf(auth::FeatureProfile::Moderation));
    QVERIFY(account.isValid());
    auto session = startSession(account);
    QTRY_COMPARE_WITH_TIMEOUT(session->state(), AccountSession::State::Valid, 10000);

    twitch::HelixClient helix(m_api.get(), m_ep.helixBase, m_ep.clientId);
    helix.setAccount(session->account());
    helix.setAccessToken(session->accessToken());
    int answered = 0;
    helix.getUsers({}, this, [&](const auto &r) { answered += r.ok(); });
    helix.banUser(m_sandbox->world()->broadcasterId(), account.accountId,
                  m_sandbox->world()->viewerId(), 60, QStringLiteral("leak test"), this,
                  [&](const auto &r) { answered += r.ok(); });
    QTRY_COMPARE_WITH_TIMEOUT(answered, 2, 10000);
    // And a refresh, so that rotated tokens are in the ground truth as well.
    m_sandbox->world()->revokeAccessToken(session->accessToken());
    session->handleUnauthorized();
    // The refresh reads the keychain first: allow it the D-Bus round trips of a busy run.
    QTRY_COMPARE_WITH_TIMEOUT(m_sandbox->world()->issuedTokens().size(), 4, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(session->state(), AccountSession::State::Valid, 30000);
    QLoggingCategory::setFilterRules(QString());

    const QList<QByteArray> tokens = issuedTokens();
    QCOMPARE(tokens.size(), 4);
    QVERIFY(captured.size() > 5); // the capture saw the debug log
    for (const QString &line : std::as_const(captured)) {
        for (const QByteArray &t : tokens)
            QVERIFY2(!line.contains(QString::fromUtf8(t)), qPrintable(line));
    }
    QCOMPARE(test::filesContaining(QDir::homePath(), tokens), QStringList());
    QCOMPARE(test::filesContaining(m_paths.configDir, tokens), QStringList());
    QCOMPARE(test::filesContaining(m_paths.dataDir, tokens), QStringList());
    // testenv's scratch root holds the keyring's own (encrypted) files.
    QCOMPARE(test::filesContaining(qEnvironmentVariable("ROOMWARDEN_TESTENV_ROOT"), tokens),
             QStringList());
}

ROOMWARDEN_TEST_MAIN_CORE(TestClientAccountSession)
#include "TestClientAccountSession.moc"
