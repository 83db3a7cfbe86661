// TokenRefresher and TokenRevoker against scripted replies in both shapes: RFC 6749/7009
// servers and Twitch's id service (specs/twitch.md §2.5, §2.7). The real-server side of the
// same classes is in tests/interop/TestInteropRefresh.cpp.
#include "core/auth/TokenRefresher.h"
#include "core/auth/TokenRevoker.h"
#include "core/net/ApiClient.h"

#include "FakeHttpServer.h"
#include "TestMain.h"

#include <QRandomGenerator>
#include <QUrlQuery>

using namespace roomwarden;
using namespace roomwarden::auth;
using roomwarden::test::FakeHttpServer;
using roomwarden::test::FakeRequest;
using roomwarden::test::FakeResponse;

namespace {
QString randomToken()
{
    return QString::number(QRandomGenerator::global()->generate64(), 36) +
           QString::number(QRandomGenerator::global()->generate64(), 36);
}

QUrlQuery form(const FakeRequest &r)
{
    return QUrlQuery(QString::fromUtf8(r.body));
}
} // namespace

class TestTokenRefresherUnit : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup();
    void errorShapes_data();
    void errorShapes();
    void wireFormatAndKeptRefreshToken();
    void separateAccountsDoNotShareAFlight();
    void revokerShapes_data();
    void revokerShapes();

private:
    TokenRefresher::Result refreshOnce(TokenRefresher &refresher, const QString &account,
                                       const QString &token);
    std::unique_ptr<net::ApiClient> makeApi(const FakeHttpServer &server);
};

void TestTokenRefresherUnit::cleanup() {}

std::unique_ptr<net::ApiClient> TestTokenRefresherUnit::makeApi(const FakeHttpServer &server)
{
    return std::make_unique<net::ApiClient>(net::EgressPolicy::sandbox({server.url()}, true),
                                            net::TlsPolicy::system());
}

TokenRefresher::Result TestTokenRefresherUnit::refreshOnce(TokenRefresher &refresher,
                                                           const QString &account,
                                                           const QString &token)
{
    std::optional<TokenRefresher::Result> result;
    refresher.refresh(account, token, this,
                      [&result](const TokenRefresher::Result &r) { result = r; });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 5000))
        qWarning("refresh did not finish");
    return result.value_or(TokenRefresher::Result{});
}

void TestTokenRefresherUnit::errorShapes_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("expected");
    const int rejected = int(TokenRefresher::Status::Rejected);
    const int failed = int(TokenRefresher::Status::Failed);
    QTest::newRow("rfc invalid_grant")
        << 400 << QByteArray("{\"error\":\"invalid_grant\",\"error_description\":\"x\"}")
        << rejected;
    QTest::newRow("rfc invalid_client")
        << 401 << QByteArray("{\"error\":\"invalid_client\"}") << rejected;
    QTest::newRow("rfc invalid_request")
        << 400 << QByteArray("{\"error\":\"invalid_request\"}") << failed;
    QTest::newRow("twitch observed")
        << 400 << QByteArray("{\"status\":400,\"message\":\"Invalid refresh token\"}") << rejected;
    QTest::newRow("twitch documented")
        << 400
        << QByteArray(
               "{\"error\":\"Bad Request\",\"status\":400,\"message\":\"Invalid refresh token\"}")
        << rejected;
    QTest::newRow("server error") << 503 << QByteArray("{}") << failed;
    QTest::newRow("rate limited") << 429 << QByteArray("{}") << failed;
    QTest::newRow("no access token") << 200 << QByteArray("{\"refresh_token\":\"r\"}") << failed;
}

void TestTokenRefresherUnit::errorShapes()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(int, expected);
    FakeHttpServer server(
        [status, body](const FakeRequest &) { return FakeHttpServer::json(status, body); });
    auto api = makeApi(server);
    int persisted = 0;
    TokenRefresher refresher(
        api.get(), {server.url(QStringLiteral("/oauth2/token")), "c", {}},
        [&persisted](const QString &, const TokenSet &, const TokenRefresher::PersistDone &done) {
            ++persisted;
            done(true, {});
        });
    const auto r = refreshOnce(refresher, QStringLiteral("a"), randomToken());
    QCOMPARE(int(r.status), expected);
    QVERIFY(r.tokens.accessToken.isEmpty());
    QCOMPARE(persisted, 0);
    QVERIFY(!refresher.isRefreshing(QStringLiteral("a")));
}

void TestTokenRefresherUnit::wireFormatAndKeptRefreshToken()
{
    // RFC 6749 §6: a server may answer without a new refresh token; the old one stays valid
    // and must be what is persisted.
    const QString access = randomToken();
    FakeHttpServer server([access](const FakeRequest &) {
        return FakeHttpServer::json(200, QByteArray("{\"access_token\":\"") + access.toUtf8() +
                                             "\",\"expires_in\":60,\"token_type\":\"bearer\"}");
    });
    auto api = makeApi(server);
    TokenSet stored;
    TokenRefresher::Options o{server.url(QStringLiteral("/oauth2/token")),
                              QStringLiteral("public-client"),
                              {QStringLiteral("user:read:chat")}};
    TokenRefresher refresher(
        api.get(), o,
        [&stored](const QString &, const TokenSet &t, const TokenRefresher::PersistDone &done) {
            stored = t;
            done(true, {});
        });
    const QString old = randomToken();
    const auto r = refreshOnce(refresher, QStringLiteral("a"), old);
    QCOMPARE(r.status, TokenRefresher::Status::Refreshed);
    QCOMPARE(r.tokens.accessToken, access);
    QCOMPARE(r.tokens.refreshToken, old);
    QCOMPARE(stored, r.tokens);

    QCOMPARE(server.requests().size(), 1);
    const FakeRequest &req = server.requests().at(0);
    QCOMPARE(req.target, QByteArray("/oauth2/token"));
    QVERIFY(!req.headers.contains("authorization")); // public client: no secret anywhere
    const QUrlQuery f = form(req);
    QCOMPARE(f.queryItemValue("grant_type"), QStringLiteral("refresh_token"));
    QCOMPARE(f.queryItemValue("refresh_token", QUrl::FullyDecoded), old);
    QCOMPARE(f.queryItemValue("client_id"), QStringLiteral("public-client"));
    QCOMPARE(f.queryItemValue("scope", QUrl::FullyDecoded), QStringLiteral("user:read:chat"));
    QVERIFY(!f.hasQueryItem("client_secret"));
}

void TestTokenRefresherUnit::separateAccountsDoNotShareAFlight()
{
    FakeHttpServer server([](const FakeRequest &r) {
        const QString rt = QUrlQuery(QString::fromUtf8(r.body))
                               .queryItemValue("refresh_token", QUrl::FullyDecoded);
        return FakeHttpServer::json(200, QByteArray("{\"access_token\":\"at-") + rt.toUtf8() +
                                             "\",\"refresh_token\":\"rt2-" + rt.toUtf8() + "\"}");
    });
    auto api = makeApi(server);
    TokenRefresher refresher(api.get(), {server.url(QStringLiteral("/t")), QStringLiteral("c"), {}},
                             [](const QString &, const TokenSet &,
                                const TokenRefresher::PersistDone &done) { done(true, {}); });
    QHash<QString, TokenSet> got;
    for (const QString &account : {QStringLiteral("one"), QStringLiteral("two")}) {
        refresher.refresh(
            account, QString(account + u"-refresh"), this,
            [&got, account](const TokenRefresher::Result &r) { got.insert(account, r.tokens); });
    }
    QTRY_COMPARE_WITH_TIMEOUT(got.size(), 2, 5000);
    QCOMPARE(refresher.requestsSent(), 2);
    QCOMPARE(got.value("one").accessToken, QStringLiteral("at-one-refresh"));
    QCOMPARE(got.value("two").refreshToken, QStringLiteral("rt2-two-refresh"));
}

void TestTokenRefresherUnit::revokerShapes_data()
{
    QTest::addColumn<bool>("twitch");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("expected");
    QTest::newRow("rfc ok, empty body")
        << false << 200 << QByteArray() << int(TokenRevoker::Status::Revoked);
    QTest::newRow("rfc unsupported_token_type")
        << false << 400 << QByteArray("{\"error\":\"unsupported_token_type\"}")
        << int(TokenRevoker::Status::Failed);
    QTest::newRow("rfc 503") << false << 503 << QByteArray() << int(TokenRevoker::Status::Failed);
    QTest::newRow("twitch ok") << true << 200 << QByteArray() << int(TokenRevoker::Status::Revoked);
    QTest::newRow("twitch invalid token")
        << true << 400 << QByteArray("{\"status\":400,\"message\":\"Invalid token\"}")
        << int(TokenRevoker::Status::AlreadyInvalid);
    QTest::newRow("twitch unknown client")
        << true << 404 << QByteArray("{\"status\":404,\"message\":\"client does not exist\"}")
        << int(TokenRevoker::Status::Failed);
}

void TestTokenRefresherUnit::revokerShapes()
{
    QFETCH(bool, twitch);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(int, expected);
    FakeHttpServer server([status, body](const FakeRequest &) {
        return FakeResponse{status, body, {}, false};
    });
    auto api = makeApi(server);
    TokenRevoker::Options o;
    if (twitch) {
        o = TokenRevoker::Options::twitch(server.url(), QStringLiteral("public-client"));
    } else {
        o.revocationEndpoint = server.url(QStringLiteral("/token/revocation"));
        o.clientId = QStringLiteral("public-client");
    }
    TokenRevoker revoker(api.get(), o);
    std::optional<TokenRevoker::Result> result;
    const QString token = randomToken();
    revoker.revoke(token, TokenRevoker::TokenType::RefreshToken, this,
                   [&result](const TokenRevoker::Result &r) { result = r; });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 5000);
    QCOMPARE(int(result->status), expected);
    QVERIFY(!result->error.contains(token));

    const FakeRequest &req = server.requests().at(0);
    QCOMPARE(req.method, QByteArray("POST"));
    QCOMPARE(req.target, twitch ? QByteArray("/oauth2/revoke") : QByteArray("/token/revocation"));
    const QUrlQuery f = form(req);
    QCOMPARE(f.queryItemValue("client_id"), QStringLiteral("public-client"));
    QCOMPARE(f.queryItemValue("token", QUrl::FullyDecoded), token);
    // RFC 7009 §2.1 hint for standards servers; Twitch documents exactly client_id + token.
    QCOMPARE(f.hasQueryItem("token_type_hint"), !twitch);
    if (!twitch)
        QCOMPARE(f.queryItemValue("token_type_hint"), QStringLiteral("refresh_token"));
}

ROOMWARDEN_TEST_MAIN_CORE(TestTokenRefresherUnit)
#include "TestTokenRefresherUnit.moc"
