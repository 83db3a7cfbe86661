#include "core/auth/DeviceAuthorization.h"
#include "core/auth/TokenValidator.h"
#include "core/net/ApiClient.h"

#include "FakeHttpServer.h"
#include "TestMain.h"

#include <QRandomGenerator>
#include <QSignalSpy>
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

// A scripted id service: /oauth2/device answers once, /oauth2/token answers from `polls` in
// order (the last one repeats).
struct IdScript
{
    int expiresIn = 1800;
    int interval = 5;
    QList<FakeResponse> polls;
    int pollIndex = 0;

    FakeResponse operator()(const FakeRequest &r)
    {
        if (r.target.startsWith("/oauth2/device")) {
            return FakeHttpServer::json(
                200, QStringLiteral(R"({"device_code":"dc-%1","expires_in":%2,"interval":%3,)"
                                    R"("user_code":"ABCDEFGH","verification_uri":"https://)"
                                    R"(www.twitch.tv/activate?device-code=ABCDEFGH"})")
                         .arg(randomToken())
                         .arg(expiresIn)
                         .arg(interval)
                         .toUtf8());
        }
        if (polls.isEmpty())
            return FakeHttpServer::json(500, "{}");
        return polls.at(std::min<qsizetype>(pollIndex++, polls.size() - 1));
    }
};

FakeResponse pendingTwitch()
{
    return FakeHttpServer::json(400, R"({"status":400,"message":"authorization_pending"})");
}

FakeResponse tokens(const QByteArray &scopeJson)
{
    QByteArray body = "{\"access_token\":\"" + randomToken().toUtf8() +
                      "\",\"expires_in\":14124,\"refresh_token\":\"" + randomToken().toUtf8() +
                      "\",\"token_type\":\"bearer\"";
    if (!scopeJson.isEmpty())
        body += ",\"scope\":" + scopeJson;
    return FakeHttpServer::json(200, body + "}");
}
} // namespace

class TestDeviceAuthorizationUnit : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup();
    void pendingThenSuccess();
    void rfcErrorsAndSlowDown();
    void fatalErrors_data();
    void fatalErrors();
    void invalidDeviceCodeIsNotFatalUntilExpiry();
    void cancelStopsPolling();
    void rfcOptionsWireFormat();
    void tokenScopeShapes_data();
    void tokenScopeShapes();
    void validatorReadsGrantedScopes();
    void validatorMaps401ToInvalid();

private:
    DeviceAuthorization *makeFlow(FakeHttpServer &server);
    std::unique_ptr<net::ApiClient> m_api;
};

void TestDeviceAuthorizationUnit::cleanup()
{
    m_api.reset();
}

DeviceAuthorization *TestDeviceAuthorizationUnit::makeFlow(FakeHttpServer &server)
{
    m_api = std::make_unique<net::ApiClient>(net::EgressPolicy::sandbox({server.url()}, true),
                                             net::TlsPolicy::system());
    DeviceAuthorization::Options o;
    o.idBase = server.url();
    o.clientId = QStringLiteral("public-client");
    o.scopes = {QStringLiteral("user:read:chat"), QStringLiteral("moderator:read:followers")};
    o.msPerSecond = 4; // a 5 s interval takes 20 ms
    return new DeviceAuthorization(m_api.get(), o, m_api.get());
}

void TestDeviceAuthorizationUnit::pendingThenSuccess()
{
    IdScript script;
    script.polls = {pendingTwitch(), pendingTwitch(),
                    tokens(R"(["user:read:chat","moderator:read:followers"])")};
    FakeHttpServer server(std::ref(script));
    DeviceAuthorization *flow = makeFlow(server);
    QSignalSpy code(flow, &DeviceAuthorization::userCodeReady);
    QSignalSpy ok(flow, &DeviceAuthorization::succeeded);
    QSignalSpy failed(flow, &DeviceAuthorization::failed);
    flow->start();
    QVERIFY(ok.wait(5000));
    QCOMPARE(failed.size(), 0);
    QCOMPARE(code.size(), 1);
    QCOMPARE(code.at(0).at(0).toString(), QStringLiteral("ABCDEFGH"));
    QCOMPARE(code.at(0).at(2).toInt(), 1800);
    QCOMPARE(flow->pollCount(), 3);
    QVERIFY(!flow->isActive());
    const auto t = ok.at(0).at(0).value<TokenSet>();
    QVERIFY(!t.accessToken.isEmpty());
    QVERIFY(!t.refreshToken.isEmpty());
    QCOMPARE(model::scopeNames(t.reportedScopes),
             QStringList({"user:read:chat", "moderator:read:followers"}));

    // Wire format (§2.4): plural `scopes`, space-delimited; the device-code grant type.
    const auto &reqs = server.requests();
    QCOMPARE(reqs.size(), 4);
    QCOMPARE(reqs[0].method, QByteArray("POST"));
    QCOMPARE(reqs[0].headers.value("content-type"),
             QByteArray("application/x-www-form-urlencoded"));
    QCOMPARE(form(reqs[0]).queryItemValue("client_id"), QStringLiteral("public-client"));
    QCOMPARE(form(reqs[0]).queryItemValue("scopes", QUrl::FullyDecoded),
             QStringLiteral("user:read:chat moderator:read:followers"));
    QCOMPARE(form(reqs[1]).queryItemValue("grant_type", QUrl::FullyDecoded),
             QStringLiteral("urn:ietf:params:oauth:grant-type:device_code"));
    QVERIFY(form(reqs[1]).queryItemValue("device_code").startsWith(u"dc-"));
    QVERIFY(!reqs[1].headers.contains("authorization"));
}

void TestDeviceAuthorizationUnit::rfcErrorsAndSlowDown()
{
    IdScript script;
    script.interval = 1;
    script.polls = {FakeHttpServer::json(400, R"({"error":"authorization_pending"})"),
                    FakeHttpServer::json(400, R"({"error":"slow_down"})"),
                    FakeHttpServer::json(400, R"({"status":400,"message":"slow_down"})"),
                    tokens(R"("user:read:chat moderator:read:followers")")};
    FakeHttpServer server(std::ref(script));
    DeviceAuthorization *flow = makeFlow(server);
    QSignalSpy ok(flow, &DeviceAuthorization::succeeded);
    flow->start();
    QVERIFY(ok.wait(5000));
    QCOMPARE(flow->currentIntervalSecs(), 11); // 1 + 5 + 5 (RFC 8628 §3.5)
    QCOMPARE(ok.at(0).at(0).value<TokenSet>().reportedScopes.size(), 2);
}

void TestDeviceAuthorizationUnit::fatalErrors_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("error");
    QTest::newRow("denied rfc") << QByteArray(R"({"error":"access_denied"})")
                                << int(DeviceAuthorization::Error::Denied);
    QTest::newRow("denied twitch") << QByteArray(R"({"status":400,"message":"access_denied"})")
                                   << int(DeviceAuthorization::Error::Denied);
    QTest::newRow("expired") << QByteArray(R"({"error":"expired_token"})")
                             << int(DeviceAuthorization::Error::Expired);
    QTest::newRow("unknown client") << QByteArray(R"({"status":400,"message":"invalid client"})")
                                    << int(DeviceAuthorization::Error::Protocol);
}

void TestDeviceAuthorizationUnit::fatalErrors()
{
    QFETCH(QByteArray, body);
    QFETCH(int, error);
    IdScript script;
    script.polls = {pendingTwitch(), FakeHttpServer::json(400, body)};
    FakeHttpServer server(std::ref(script));
    DeviceAuthorization *flow = makeFlow(server);
    QSignalSpy ok(flow, &DeviceAuthorization::succeeded);
    QSignalSpy failed(flow, &DeviceAuthorization::failed);
    flow->start();
    QVERIFY(failed.wait(5000));
    QCOMPARE(ok.size(), 0);
    QCOMPARE(int(flow->lastError()), error);
    QVERIFY(!flow->isActive()); // its poll timer is stopped: no further requests
}

void TestDeviceAuthorizationUnit::invalidDeviceCodeIsNotFatalUntilExpiry()
{
    IdScript script;
    script.expiresIn = 60; // 240 ms at 4 ms per second
    script.interval = 5;
    script.polls = {FakeHttpServer::json(400, R"({"status":400,"message":"invalid device code"})")};
    FakeHttpServer server(std::ref(script));
    DeviceAuthorization *flow = makeFlow(server);
    QSignalSpy failed(flow, &DeviceAuthorization::failed);
    flow->start();
    QVERIFY(failed.wait(5000));
    QCOMPARE(flow->lastError(), DeviceAuthorization::Error::Expired);
    QVERIFY2(flow->pollCount() >= 3, "kept polling through 'invalid device code'");
}

void TestDeviceAuthorizationUnit::cancelStopsPolling()
{
    IdScript script;
    script.polls = {pendingTwitch()};
    FakeHttpServer server(std::ref(script));
    DeviceAuthorization *flow = makeFlow(server);
    QSignalSpy ok(flow, &DeviceAuthorization::succeeded);
    QSignalSpy failed(flow, &DeviceAuthorization::failed);
    flow->start();
    QTRY_VERIFY_WITH_TIMEOUT(flow->pollCount() >= 2, 5000);
    flow->cancel();
    QCOMPARE(flow->lastError(), DeviceAuthorization::Error::Cancelled);
    QVERIFY(!flow->isActive());
    // A reply already in flight is dropped: poll once more's worth of events, no signal.
    QVERIFY(!ok.wait(100));
    QCOMPARE(ok.size() + failed.size(), 0);
}

void TestDeviceAuthorizationUnit::rfcOptionsWireFormat()
{
    // RFC 8628 §3.1/§3.4 as oidc-provider speaks it: explicit endpoints, singular `scope`, no
    // scope on polls, and verification_uri_complete (§3.3.1) passed through.
    int polls = 0;
    FakeHttpServer server([&polls](const FakeRequest &r) {
        if (r.target == "/device/auth") {
            return FakeHttpServer::json(
                200, "{\"device_code\":\"dc\",\"user_code\":\"BCDF-GHJK\","
                     "\"verification_uri\":\"http://127.0.0.1/device\","
                     "\"verification_uri_complete\":"
                     "\"http://127.0.0.1/device?user_code=BCDF-GHJK\",\"expires_in\":600}");
        }
        if (++polls < 2)
            return FakeHttpServer::json(400, "{\"error\":\"authorization_pending\"}");
        return tokens("\"user:read:chat\"");
    });
    m_api = std::make_unique<net::ApiClient>(net::EgressPolicy::sandbox({server.url()}, true),
                                             net::TlsPolicy::system());
    auto o = DeviceAuthorization::Options::rfc8628(
        server.url(QStringLiteral("/device/auth")), server.url(QStringLiteral("/token")),
        QStringLiteral("rfc-client"), {QStringLiteral("user:read:chat"), QStringLiteral("a:b")});
    o.msPerSecond = 4;
    auto *flow = new DeviceAuthorization(m_api.get(), o, m_api.get());
    QSignalSpy code(flow, &DeviceAuthorization::userCodeReady);
    QSignalSpy ok(flow, &DeviceAuthorization::succeeded);
    flow->start();
    QVERIFY(ok.wait(5000));
    QCOMPARE(code.size(), 1);
    QCOMPARE(flow->verificationUriComplete(),
             QUrl(QStringLiteral("http://127.0.0.1/device?user_code=BCDF-GHJK")));
    const auto &reqs = server.requests();
    QCOMPARE(reqs.size(), 3);
    QCOMPARE(reqs[0].target, QByteArray("/device/auth"));
    QCOMPARE(form(reqs[0]).queryItemValue("scope", QUrl::FullyDecoded),
             QStringLiteral("user:read:chat a:b"));
    QVERIFY(!form(reqs[0]).hasQueryItem("scopes"));
    QCOMPARE(reqs[1].target, QByteArray("/token"));
    QCOMPARE(form(reqs[1]).queryItemValue("client_id"), QStringLiteral("rfc-client"));
    QVERIFY(!form(reqs[1]).hasQueryItem("scope"));
    QVERIFY(!form(reqs[1]).hasQueryItem("scopes"));
}

void TestDeviceAuthorizationUnit::tokenScopeShapes_data()
{
    QTest::addColumn<QByteArray>("scope");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("array") << QByteArray(R"(["a:b","c:d"])") << QStringList{"a:b", "c:d"};
    QTest::newRow("string") << QByteArray(R"("a:b  c:d")") << QStringList{"a:b", "c:d"};
    QTest::newRow("absent") << QByteArray() << QStringList{};
    QTest::newRow("null") << QByteArray("null") << QStringList{};
    QTest::newRow("garbage") << QByteArray("42") << QStringList{};
}

void TestDeviceAuthorizationUnit::tokenScopeShapes()
{
    QFETCH(QByteArray, scope);
    QFETCH(QStringList, expected);
    QByteArray json = R"({"access_token":"x","expires_in":10)";
    if (!scope.isEmpty())
        json += ",\"scope\":" + scope;
    json += "}";
    const QDateTime now(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC);
    const auto t = TokenSet::fromTokenResponse(QJsonDocument::fromJson(json).object(), now);
    QVERIFY(t);
    QCOMPARE(model::scopeNames(t->reportedScopes), expected);
    QCOMPARE(t->expiresAt, now.addSecs(10));
    QVERIFY(!TokenSet::fromTokenResponse(QJsonObject{{"refresh_token", "r"}}, now));
}

void TestDeviceAuthorizationUnit::validatorReadsGrantedScopes()
{
    FakeHttpServer server([](const FakeRequest &r) {
        if (r.headers.value("authorization").startsWith("OAuth "))
            return FakeHttpServer::json(
                200, R"({"client_id":"public-client","login":"mod","scopes":null,)"
                     R"("user_id":"141981764","expires_in":5520})");
        return FakeHttpServer::json(401,
                                    R"({"status":401,"message":"missing authorization token"})");
    });
    net::ApiClient api(net::EgressPolicy::sandbox({server.url()}, true), net::TlsPolicy::system());
    TokenValidator validator(&api, server.url());
    QSignalSpy done(&validator, &TokenValidator::finished);
    validator.validate(randomToken());
    QVERIFY(done.wait(5000));
    const auto v = done.at(0).at(0).value<TokenValidation>();
    QVERIFY(v.isValid());
    QCOMPARE(v.userId, QStringLiteral("141981764"));
    QCOMPARE(v.login, QStringLiteral("mod"));
    QCOMPARE(v.expiresIn, 5520);
    QVERIFY(v.scopes.isEmpty()); // null → none granted
    QCOMPARE(server.requests().at(0).target, QByteArray("/oauth2/validate"));

    const auto w = TokenValidation::fromJson(
        QJsonDocument::fromJson(R"({"client_id":"c","scopes":["user:read:chat"],"user_id":"1"})")
            .object());
    QCOMPARE(model::scopeNames(w.scopes), QStringList{"user:read:chat"});
}

void TestDeviceAuthorizationUnit::validatorMaps401ToInvalid()
{
    FakeHttpServer server([](const FakeRequest &) {
        return FakeHttpServer::json(401, R"({"status":401,"message":"invalid access token"})");
    });
    net::ApiClient api(net::EgressPolicy::sandbox({server.url()}, true), net::TlsPolicy::system());
    TokenValidator validator(&api, server.url());
    QSignalSpy done(&validator, &TokenValidator::finished);
    validator.validate(randomToken());
    QVERIFY(done.wait(5000));
    const auto v = done.at(0).at(0).value<TokenValidation>();
    QCOMPARE(v.status, TokenValidation::Status::Invalid);
    QCOMPARE(v.error->message, QStringLiteral("invalid access token"));
}

ROOMWARDEN_TEST_MAIN_CORE(TestDeviceAuthorizationUnit)
#include "TestDeviceAuthorizationUnit.moc"
