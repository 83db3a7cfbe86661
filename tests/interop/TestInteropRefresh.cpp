// Refresh with rotation (RFC 6749 §6), single flight, persist-before-release, and revocation
// (RFC 7009) against oidc-provider, whose public-client refresh tokens rotate on every use and
// whose reuse detection revokes the whole grant when a rotated-out token comes back.
#include "core/auth/DeviceAuthorization.h"
#include "core/auth/TokenRefresher.h"
#include "core/auth/TokenRevoker.h"
#include "core/net/ApiClient.h"

#include "OAuthServerProcess.h"
#include "TestMain.h"

#include <QSignalSpy>

using namespace roomwarden;
using namespace roomwarden::auth;
using roomwarden::test::OAuthServerProcess;

class TestInteropRefresh : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();
    void rotationRejectsOldRefreshToken();
    void singleFlightAndPersistBeforeRelease();
    void persistFailureKeepsTokens();
    void revokeRefreshTokenEndsGrant();
    void revokeAccessToken();

private:
    TokenSet signIn();
    bool isActive(const QString &token);
    TokenRefresher *makeRefresher(TokenRefresher::Persist persist);
    TokenRefresher::Result refreshOnce(TokenRefresher *refresher, const QString &refreshToken);
    TokenRevoker::Result revoke(const QString &token, TokenRevoker::TokenType type);
    int refreshRequests();

    OAuthServerProcess m_server;
    std::unique_ptr<net::ApiClient> m_api;
};

void TestInteropRefresh::initTestCase()
{
    QString error;
    QVERIFY2(m_server.start(&error), qPrintable(error));
}

void TestInteropRefresh::init()
{
    QVERIFY(m_server.setMode({}));
    m_api = std::make_unique<net::ApiClient>(net::EgressPolicy::sandbox({m_server.issuer()}, true),
                                             net::TlsPolicy::system());
}

void TestInteropRefresh::cleanup()
{
    m_api.reset();
}

void TestInteropRefresh::cleanupTestCase()
{
    m_server.stop();
}

TokenSet TestInteropRefresh::signIn()
{
    auto o = DeviceAuthorization::Options::rfc8628(
        m_server.url("device_authorization_endpoint"), m_server.url("token_endpoint"),
        m_server.value("device_client_id"), {QStringLiteral("user:read:chat")});
    o.msPerSecond = 10;
    DeviceAuthorization flow(m_api.get(), o);
    QSignalSpy code(&flow, &DeviceAuthorization::userCodeReady);
    QSignalSpy ok(&flow, &DeviceAuthorization::succeeded);
    flow.start();
    if (!code.wait(10000) || !m_server.confirmDeviceCode(code.at(0).at(0).toString(), false))
        return {};
    if (ok.isEmpty() && !ok.wait(10000))
        return {};
    return ok.at(0).at(0).value<TokenSet>();
}

bool TestInteropRefresh::isActive(const QString &token)
{
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("token"), token);
    form.addQueryItem(QStringLiteral("client_id"), m_server.value("device_client_id"));
    const auto r = m_server.postForm(QStringLiteral("/token/introspection"), form);
    return r && r->value(QStringLiteral("active")).toBool();
}

int TestInteropRefresh::refreshRequests()
{
    return m_server.stats()
        .value(QStringLiteral("tokenRequests"))
        .toObject()
        .value(QStringLiteral("refresh_token"))
        .toInt();
}

TokenRefresher *TestInteropRefresh::makeRefresher(TokenRefresher::Persist persist)
{
    TokenRefresher::Options o;
    o.tokenEndpoint = m_server.url("token_endpoint");
    o.clientId = m_server.value("device_client_id");
    return new TokenRefresher(m_api.get(), o, std::move(persist), m_api.get());
}

TokenRefresher::Result TestInteropRefresh::refreshOnce(TokenRefresher *refresher,
                                                       const QString &refreshToken)
{
    std::optional<TokenRefresher::Result> result;
    refresher->refresh(QStringLiteral("acct"), refreshToken, this,
                       [&result](const TokenRefresher::Result &r) { result = r; });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 10000))
        qWarning("refresh did not finish");
    return result.value_or(TokenRefresher::Result{});
}

TokenRevoker::Result TestInteropRefresh::revoke(const QString &token, TokenRevoker::TokenType type)
{
    TokenRevoker::Options o;
    o.revocationEndpoint = m_server.url("revocation_endpoint");
    o.clientId = m_server.value("device_client_id");
    TokenRevoker revoker(m_api.get(), o);
    std::optional<TokenRevoker::Result> result;
    revoker.revoke(token, type, this, [&result](const TokenRevoker::Result &r) { result = r; });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 10000))
        qWarning("revocation did not finish");
    return result.value_or(TokenRevoker::Result{});
}

void TestInteropRefresh::rotationRejectsOldRefreshToken()
{
    const TokenSet first = signIn();
    QVERIFY(!first.refreshToken.isEmpty());
    QList<TokenSet> stored;
    TokenRefresher *refresher = makeRefresher(
        [&stored](const QString &, const TokenSet &t, const TokenRefresher::PersistDone &done) {
            stored << t;
            done(true, {});
        });

    const auto second = refreshOnce(refresher, first.refreshToken);
    QCOMPARE(second.status, TokenRefresher::Status::Refreshed);
    QVERIFY(second.tokens.refreshToken != first.refreshToken); // rotated
    QVERIFY(second.tokens.accessToken != first.accessToken);
    QCOMPARE(stored.size(), 1);
    QCOMPARE(stored.at(0), second.tokens);
    QVERIFY(isActive(second.tokens.accessToken));

    // The rotated-out refresh token is refused (invalid_grant → Rejected: sign in again)...
    QSignalSpy rejected(refresher, &TokenRefresher::rejected);
    const auto reuse = refreshOnce(refresher, first.refreshToken);
    QCOMPARE(reuse.status, TokenRefresher::Status::Rejected);
    QVERIFY(reuse.tokens.accessToken.isEmpty());
    QCOMPARE(rejected.size(), 1);
    QCOMPARE(stored.size(), 1); // nothing persisted for a refusal
    // ...and the server treats the reuse as theft: the whole grant is gone (RFC 9700 §4.14.2).
    QVERIFY(!isActive(second.tokens.accessToken));
    QCOMPARE(refreshOnce(refresher, second.tokens.refreshToken).status,
             TokenRefresher::Status::Rejected);
}

void TestInteropRefresh::singleFlightAndPersistBeforeRelease()
{
    const TokenSet first = signIn();
    QVERIFY(!first.refreshToken.isEmpty());
    const int before = refreshRequests();

    QStringList events;
    TokenRefresher::PersistDone pending;
    TokenRefresher *refresher = makeRefresher(
        [&](const QString &account, const TokenSet &t, const TokenRefresher::PersistDone &done) {
            QCOMPARE(account, QStringLiteral("acct"));
            QVERIFY(!t.refreshToken.isEmpty());
            events << QStringLiteral("persist-start");
            pending = done; // the keychain answers later
        });

    QList<TokenRefresher::Result> results;
    for (int i = 0; i < 3; ++i) {
        refresher->refresh(QStringLiteral("acct"), first.refreshToken, this,
                           [&events, &results](const TokenRefresher::Result &r) {
                               events << QStringLiteral("released");
                               results << r;
                           });
    }
    QVERIFY(refresher->isRefreshing(QStringLiteral("acct")));
    QTRY_VERIFY_WITH_TIMEOUT(bool(pending), 10000);
    // Persisting: nobody has the new access token yet, and a late caller still joins.
    QCOMPARE(results.size(), 0);
    refresher->refresh(QStringLiteral("acct"), first.refreshToken, this,
                       [&events, &results](const TokenRefresher::Result &r) {
                           events << QStringLiteral("released");
                           results << r;
                       });
    events << QStringLiteral("persist-done");
    pending(true, {});

    QCOMPARE(results.size(), 4);
    QCOMPARE(events, QStringList({"persist-start", "persist-done", "released", "released",
                                  "released", "released"}));
    for (const auto &r : std::as_const(results)) {
        QCOMPARE(r.status, TokenRefresher::Status::Refreshed);
        QCOMPARE(r.tokens, results.at(0).tokens);
    }
    QCOMPARE(refresher->requestsSent(), 1);
    QCOMPARE(refreshRequests() - before, 1); // the server saw one refresh, not four
    QVERIFY(!refresher->isRefreshing(QStringLiteral("acct")));
    QVERIFY(isActive(results.at(0).tokens.accessToken)); // no reuse detection was triggered
}

void TestInteropRefresh::persistFailureKeepsTokens()
{
    const TokenSet first = signIn();
    TokenRefresher *refresher = makeRefresher(
        [](const QString &, const TokenSet &, const TokenRefresher::PersistDone &done) {
            done(false, QStringLiteral("keychain locked"));
        });
    const auto r = refreshOnce(refresher, first.refreshToken);
    QCOMPARE(r.status, TokenRefresher::Status::PersistFailed);
    QVERIFY(!r.ok());
    // The server has rotated already: this copy is the only live refresh token left.
    QVERIFY(!r.tokens.refreshToken.isEmpty());
    QVERIFY(r.tokens.refreshToken != first.refreshToken);
    QVERIFY(r.error.contains(u"keychain locked"));
}

void TestInteropRefresh::revokeRefreshTokenEndsGrant()
{
    const TokenSet tokens = signIn();
    QVERIFY(isActive(tokens.accessToken));
    const auto r = revoke(tokens.refreshToken, TokenRevoker::TokenType::RefreshToken);
    QCOMPARE(r.status, TokenRevoker::Status::Revoked);
    QCOMPARE(m_server.stats().value(QStringLiteral("revocations")).toInt(), 1);
    // Revoking the refresh token revoked its grant, access token included (RFC 7009 §2.1).
    QVERIFY(!isActive(tokens.accessToken));
    TokenRefresher *refresher =
        makeRefresher([](const QString &, const TokenSet &,
                         const TokenRefresher::PersistDone &done) { done(true, {}); });
    QCOMPARE(refreshOnce(refresher, tokens.refreshToken).status, TokenRefresher::Status::Rejected);
    // RFC 7009 §2.2: revoking an already invalid token is still a success.
    QCOMPARE(revoke(tokens.refreshToken, TokenRevoker::TokenType::RefreshToken).status,
             TokenRevoker::Status::Revoked);
}

void TestInteropRefresh::revokeAccessToken()
{
    const TokenSet tokens = signIn();
    QVERIFY(isActive(tokens.accessToken));
    QCOMPARE(revoke(tokens.accessToken, TokenRevoker::TokenType::AccessToken).status,
             TokenRevoker::Status::Revoked);
    QVERIFY(!isActive(tokens.accessToken));
}

ROOMWARDEN_TEST_MAIN_CORE(TestInteropRefresh)
#include "TestInteropRefresh.moc"
