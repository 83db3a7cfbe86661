#include "core/net/ApiClient.h"
#include "core/net/EgressPolicy.h"
#include "core/net/TlsPolicy.h"

#include "FakeHttpServer.h"
#include "TestMain.h"

#include <QRandomGenerator>
#include <QSignalSpy>

using namespace roomwarden;
using namespace roomwarden::net;
using roomwarden::test::FakeHttpServer;
using roomwarden::test::FakeRequest;
using roomwarden::test::FakeResponse;

namespace {
// Two throw-away self-signed certificates (public parts only; no key is needed to test which
// CA list a policy builds).
const char kCertA[] = "-----BEGIN CERTIFICATE-----\n"
                      "MIIBjTCCATOgAwIBAgIUYCFX+2sc8pMd46E3Qh+RmpSR+fswCgYIKoZIzj0EAwIw\n"
                      "HDEaMBgGA1UEAwwRcm9vbXdhcmRlbi11bml0LWEwHhcNMjYxMTI4MDcxNzMxWhcN\n"
                      "MzYxMTI1MDcxNzMxWjAcMRowGAYDVQQDDBFyb29td2FyZGVuLXVuaXQtYTBZMBMG\n"
                      "ByqGSM49AgEGCCqGSM49AwEHA0IABM2Vid/+RCoWQASTKj+lfOyHNqBEK+l7hsW0\n"
                      "LgrVbJSnwft7ahEOiCSVmcL+7vYTMG5gX1kkBsHp7aso1iQ0HfejUzBRMB0GA1Ud\n"
                      "DgQWBBTxp8VM3aY4i9v3sGkCwyjmnte+TzAfBgNVHSMEGDAWgBTxp8VM3aY4i9v3\n"
                      "sGkCwyjmnte+TzAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0gAMEUCIH0U\n"
                      "cMhEbaiNXFGk+e8qrkOts+1vZ8VtY81EHBgf/FioAiEA155d/iKeGoXS3Ldb4rdx\n"
                      "uWgvnh1UqJFvRoXZ479zDag=\n"
                      "-----END CERTIFICATE-----\n";
const char kCertB[] = "-----BEGIN CERTIFICATE-----\n"
                      "MIIBjDCCATOgAwIBAgIUbIoCHoCQaw3y0K6vHc2nHRfmLw8wCgYIKoZIzj0EAwIw\n"
                      "HDEaMBgGA1UEAwwRcm9vbXdhcmRlbi11bml0LWIwHhcNMjYxMTI4MDcxNzMxWhcN\n"
                      "MzYxMTI1MDcxNzMxWjAcMRowGAYDVQQDDBFyb29td2FyZGVuLXVuaXQtYjBZMBMG\n"
                      "ByqGSM49AgEGCCqGSM49AwEHA0IABETUgHqAEc0J+Uov55rViGs62CL5yKxmKM/N\n"
                      "UD4KoMkPyXRc4MSBMJGkO74OhxOs9vmCd5WkRDcHIzuincGJINijUzBRMB0GA1Ud\n"
                      "DgQWBBSIeQCt7i7T+inSt+iwNq2S7xuE3jAfBgNVHSMEGDAWgBSIeQCt7i7T+inS\n"
                      "t+iwNq2S7xuE3jAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0cAMEQCID13\n"
                      "tK9Hut1ferwPpCqzhNIg/G53I9wreeJGdsteRdYRAiBfIRS6qJR4W615gFHZqvFl\n"
                      "xpB9nlXv0uhJCXr4slHy4Q==\n"
                      "-----END CERTIFICATE-----\n";

QSslCertificate cert(const char *pem)
{
    return QSslCertificate(QByteArray(pem), QSsl::Pem);
}

// Runs one request to completion (bounded wait, no sleeps).
ApiResponse run(ApiClient &client, const ApiRequest &request)
{
    std::optional<ApiResponse> out;
    QObject context;
    client.send(request, &context, [&out](const ApiResponse &r) { out = r; });
    if (!QTest::qWaitFor([&] { return out.has_value(); }, 10000))
        return ApiResponse{0, {}, {}, ApiError{ApiError::Kind::Network, 0, "test timeout", {}}};
    return *out;
}

ApiRequest credentialed(const QUrl &url)
{
    ApiRequest r = ApiRequest::get(url);
    r.auth = AuthScheme::Bearer;
    r.accessToken =
        QStringLiteral("tok_") + QString::number(QRandomGenerator::global()->generate64());
    r.clientId = QStringLiteral("client-under-test");
    return r;
}
} // namespace

class TestEgressPolicy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void twitchHosts_data();
    void twitchHosts();
    void sandboxHosts_data();
    void sandboxHosts();
    void genericOrigins_data();
    void genericOrigins();
    void pinnedTrustsOneCertificateForOneHost();
    void credentialsReachOnlyAllowedOrigins();
    void refusalIsAsynchronousAndSendsNothing();
    void redirectsAreNotFollowed();
    void plainHttpRefusedOutsideDebugProfile();
    void errorShapes_data();
    void errorShapes();
    void rateLimitHeadersTracked();
    void timeoutIsANetworkError();
};

void TestEgressPolicy::twitchHosts_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("credentials");
    QTest::addColumn<bool>("connect");
    QTest::newRow("id token") << "https://id.twitch.tv/oauth2/token" << true << true;
    QTest::newRow("helix") << "https://api.twitch.tv/helix/users" << true << true;
    QTest::newRow("helix explicit 443") << "https://api.twitch.tv:443/helix" << true << true;
    QTest::newRow("upper case host") << "https://API.Twitch.TV/helix" << true << true;
    QTest::newRow("eventsub") << "wss://eventsub.wss.twitch.tv/ws" << true << true;
    QTest::newRow("http id") << "http://id.twitch.tv/oauth2/token" << false << false;
    QTest::newRow("ws eventsub") << "ws://eventsub.wss.twitch.tv/ws" << false << false;
    QTest::newRow("other port") << "https://api.twitch.tv:8443/helix" << false << true;
    QTest::newRow("subdomain") << "https://evil.api.twitch.tv/helix" << false << true;
    QTest::newRow("suffix") << "https://api.twitch.tv.evil.example/helix" << false << true;
    QTest::newRow("www") << "https://www.twitch.tv/activate" << false << true;
    QTest::newRow("user info") << "https://x:y@api.twitch.tv/helix" << false << true;
    QTest::newRow("wss to helix host") << "wss://api.twitch.tv/ws" << false << true;
    QTest::newRow("https to eventsub host") << "https://eventsub.wss.twitch.tv/" << false << true;
    QTest::newRow("relative") << "/helix/users" << false << false;
}

void TestEgressPolicy::twitchHosts()
{
    QFETCH(QString, url);
    QFETCH(bool, credentials);
    QFETCH(bool, connect);
    const EgressPolicy p = EgressPolicy::twitch();
    QCOMPARE(p.maySendCredentials(QUrl(url)), credentials);
    QCOMPARE(p.mayConnect(QUrl(url)), connect);
    QCOMPARE(p.refusalReason(QUrl(url)).has_value(), !credentials);
}

void TestEgressPolicy::sandboxHosts_data()
{
    QTest::addColumn<bool>("debug");
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("credentials");
    QTest::newRow("https port") << false << "https://127.0.0.1:8443/oauth2/token" << true;
    QTest::newRow("wss port") << false << "wss://127.0.0.1:8444/ws" << true;
    QTest::newRow("https other port") << false << "https://127.0.0.1:9999/helix" << false;
    QTest::newRow("localhost name") << false << "https://localhost:8443/helix" << false;
    QTest::newRow("real twitch") << false << "https://api.twitch.tv/helix" << false;
    QTest::newRow("http without debug") << false << "http://127.0.0.1:8080/helix" << false;
    QTest::newRow("http with debug") << true << "http://127.0.0.1:8080/helix" << true;
    QTest::newRow("ws with debug") << true << "ws://127.0.0.1:8081/ws" << true;
    QTest::newRow("non-loopback origin dropped") << true << "https://192.168.1.2:8443/x" << false;
}

void TestEgressPolicy::sandboxHosts()
{
    QFETCH(bool, debug);
    QFETCH(QString, url);
    QFETCH(bool, credentials);
    const EgressPolicy p =
        EgressPolicy::sandbox({QUrl("https://127.0.0.1:8443"), QUrl("wss://127.0.0.1:8444/ws"),
                               QUrl("http://127.0.0.1:8080"), QUrl("ws://127.0.0.1:8081"),
                               QUrl("https://192.168.1.2:8443")},
                              debug);
    QCOMPARE(p.maySendCredentials(QUrl(url)), credentials);
}

void TestEgressPolicy::genericOrigins_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("credentials");
    QTest::newRow("token endpoint") << "https://auth.example.org/oauth/token" << true;
    QTest::newRow("explicit default port") << "https://auth.example.org:443/x" << true;
    QTest::newRow("api origin") << "https://api.example.org:8443/v1" << true;
    QTest::newRow("api default port") << "https://api.example.org/v1" << false;
    QTest::newRow("suffix lookalike") << "https://auth.example.org.evil.test/token" << false;
    QTest::newRow("subdomain") << "https://x.auth.example.org/token" << false;
    QTest::newRow("plain http dropped") << "http://plain.example.org/token" << false;
    QTest::newRow("user info dropped") << "https://creds.example.org/token" << false;
    QTest::newRow("user info in request") << "https://u:p@auth.example.org/token" << false;
    QTest::newRow("wss") << "wss://events.example.org/ws" << true;
}

void TestEgressPolicy::genericOrigins()
{
    QFETCH(QString, url);
    QFETCH(bool, credentials);
    const EgressPolicy p = EgressPolicy::forOrigins(
        {QUrl("https://auth.example.org/.well-known/oauth-authorization-server"),
         QUrl("https://api.example.org:8443"), QUrl("http://plain.example.org"),
         QUrl("https://me:pw@creds.example.org"), QUrl("wss://events.example.org"),
         QUrl("not a url")});
    QCOMPARE(p.origins().size(), 3);
    QCOMPARE(p.maySendCredentials(QUrl(url)), credentials);
}

void TestEgressPolicy::pinnedTrustsOneCertificateForOneHost()
{
    const QSslCertificate a = cert(kCertA);
    const QSslCertificate b = cert(kCertB);
    QVERIFY(!a.isNull());
    QVERIFY(!b.isNull());
    const TlsPolicy pinned = TlsPolicy::pinned(a);
    const QUrl sandbox("https://127.0.0.1:8443/helix");
    QCOMPARE(pinned.configurationFor(sandbox).caCertificates(), QList<QSslCertificate>{a});
    QCOMPARE(pinned.configurationFor(sandbox).peerVerifyMode(), QSslSocket::VerifyPeer);
    // Any other host: an empty trust store (the handshake fails), never the system CAs.
    QVERIFY(!pinned.mayConnect(QUrl("https://api.twitch.tv/helix")));
    QVERIFY(
        pinned.configurationFor(QUrl("https://api.twitch.tv/helix")).caCertificates().isEmpty());
    QVERIFY(pinned.acceptsPeer(sandbox, a));
    QVERIFY(!pinned.acceptsPeer(sandbox, b));
    QVERIFY(!pinned.acceptsPeer(QUrl("https://localhost:8443"), a));
    // A bundle is not a pin.
    const TlsPolicy bundle = TlsPolicy::pinnedPem(QByteArray(kCertA) + QByteArray(kCertB));
    QVERIFY(!bundle.mayConnect(sandbox));
    QVERIFY(TlsPolicy::pinnedPem(QByteArray(kCertA)).mayConnect(sandbox));
    // The system policy verifies peers with the default CA list.
    const TlsPolicy system = TlsPolicy::system();
    QVERIFY(!system.isPinned());
    QCOMPARE(system.configurationFor(QUrl("https://api.twitch.tv")).peerVerifyMode(),
             QSslSocket::VerifyPeer);
}

void TestEgressPolicy::credentialsReachOnlyAllowedOrigins()
{
    FakeHttpServer allowed([](const FakeRequest &) { return FakeHttpServer::json(200, "{}"); });
    FakeHttpServer other([](const FakeRequest &) { return FakeHttpServer::json(200, "{}"); });
    ApiClient client(EgressPolicy::sandbox({allowed.url()}, true), TlsPolicy::system());

    ApiRequest ok = credentialed(allowed.url("/helix/users"));
    QVERIFY(run(client, ok).ok());
    QCOMPARE(allowed.requests().size(), 1);
    QCOMPARE(allowed.requests()[0].headers.value("authorization"),
             "Bearer " + ok.accessToken.toUtf8());
    QCOMPARE(allowed.requests()[0].headers.value("client-id"), QByteArray("client-under-test"));

    const ApiResponse refused = run(client, credentialed(other.url("/helix/users")));
    QVERIFY(refused.error);
    QCOMPARE(refused.error->kind, ApiError::Kind::Refused);
    QCOMPARE(other.requests().size(), 0);

    // A body that is itself a credential counts too.
    ApiRequest body = ApiRequest::form(other.url("/oauth2/token"), QUrlQuery("device_code=x"));
    body.bodyCarriesCredentials = true;
    QCOMPARE(run(client, body).error->kind, ApiError::Kind::Refused);
    QCOMPARE(other.requests().size(), 0);
}

void TestEgressPolicy::refusalIsAsynchronousAndSendsNothing()
{
    ApiClient client(EgressPolicy::twitch(), TlsPolicy::system());
    bool called = false;
    QObject context;
    client.send(credentialed(QUrl("https://evil.example/helix")), &context,
                [&called](const ApiResponse &) { called = true; });
    QVERIFY(!called); // never synchronously
    QTRY_VERIFY_WITH_TIMEOUT(called, 5000);
    QCOMPARE(client.inFlight(), 0);
}

void TestEgressPolicy::redirectsAreNotFollowed()
{
    FakeHttpServer target([](const FakeRequest &) { return FakeHttpServer::json(200, "{}"); });
    const QByteArray location = target.url("/steal").toString().toUtf8();
    FakeHttpServer origin([location](const FakeRequest &) {
        return FakeResponse{302, {}, {{"Location", location}}, false};
    });
    // Both servers are allowed origins: even then a redirect is not followed.
    ApiClient client(EgressPolicy::sandbox({origin.url(), target.url()}, true),
                     TlsPolicy::system());
    const ApiResponse r = run(client, credentialed(origin.url("/helix/users")));
    QVERIFY(r.error);
    QCOMPARE(r.error->kind, ApiError::Kind::Refused);
    QCOMPARE(r.httpStatus, 302);
    QCOMPARE(origin.requests().size(), 1);
    QCOMPARE(target.requests().size(), 0);
}

void TestEgressPolicy::plainHttpRefusedOutsideDebugProfile()
{
    FakeHttpServer server([](const FakeRequest &) { return FakeHttpServer::json(200, "{}"); });
    ApiClient strict(EgressPolicy::sandbox({server.url()}, false), TlsPolicy::system());
    const ApiResponse r = run(strict, ApiRequest::get(server.url("/public")));
    QVERIFY(r.error);
    QCOMPARE(r.error->kind, ApiError::Kind::Refused);
    QCOMPARE(server.requests().size(), 0);
}

void TestEgressPolicy::errorShapes_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("code");
    QTest::newRow("helix")
        << 400
        << QByteArray(R"({"error":"Bad Request","status":400,"message":"user is already banned"})")
        << int(ApiError::Kind::Http) << "user is already banned"
        << "Bad Request";
    QTest::newRow("id") << 400 << QByteArray(R"({"status":400,"message":"authorization_pending"})")
                        << int(ApiError::Kind::Http) << "authorization_pending"
                        << "";
    QTest::newRow("rfc") << 400 << QByteArray(R"({"error":"slow_down"})")
                         << int(ApiError::Kind::Http) << "slow_down"
                         << "slow_down";
    QTest::newRow("429") << 429
                         << QByteArray(
                                R"({"error":"Too Many Requests","status":429,"message":"slow"})")
                         << int(ApiError::Kind::RateLimited) << "slow"
                         << "Too Many Requests";
    QTest::newRow("html 500") << 500 << QByteArray("<html>oops</html>") << int(ApiError::Kind::Http)
                              << "HTTP 500"
                              << "";
    QTest::newRow("bad json 200") << 200 << QByteArray("{not json") << int(ApiError::Kind::Parse)
                                  << ""
                                  << "";
}

void TestEgressPolicy::errorShapes()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(int, kind);
    QFETCH(QString, message);
    QFETCH(QString, code);
    FakeHttpServer server([&](const FakeRequest &) { return FakeHttpServer::json(status, body); });
    ApiClient client(EgressPolicy::sandbox({server.url()}, true), TlsPolicy::system());
    const ApiResponse r = run(client, credentialed(server.url("/x")));
    QVERIFY(r.error);
    QCOMPARE(int(r.error->kind), kind);
    QCOMPARE(r.httpStatus, status);
    if (!message.isEmpty())
        QCOMPARE(r.error->message, message);
    QCOMPARE(r.error->code, code);
}

void TestEgressPolicy::rateLimitHeadersTracked()
{
    FakeHttpServer server([](const FakeRequest &) {
        FakeResponse r = FakeHttpServer::json(200, R"({"data":[]})");
        r.headers.append(qMakePair(QByteArray("Ratelimit-Limit"), QByteArray("800")));
        r.headers.append(qMakePair(QByteArray("ratelimit-remaining"), QByteArray("799")));
        r.headers.append(qMakePair(QByteArray("Ratelimit-Reset"), QByteArray("1700000000")));
        return r;
    });
    ApiClient client(EgressPolicy::sandbox({server.url()}, true), TlsPolicy::system());
    QSignalSpy spy(&client, &ApiClient::rateLimitChanged);
    QVERIFY(run(client, credentialed(server.url("/helix/users"))).ok());
    QCOMPARE(spy.size(), 1);
    QCOMPARE(client.rateLimit().limit, std::optional<int>(800));
    QCOMPARE(client.rateLimit().remaining, std::optional<int>(799));
    QCOMPARE(client.rateLimit().resetAt,
             std::optional<QDateTime>(QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC)));
}

void TestEgressPolicy::timeoutIsANetworkError()
{
    FakeHttpServer server([](const FakeRequest &) { return FakeResponse{200, {}, {}, true}; });
    ApiClient client(EgressPolicy::sandbox({server.url()}, true), TlsPolicy::system());
    client.setTimeoutMs(200);
    const ApiResponse r = run(client, ApiRequest::get(server.url("/slow")));
    QVERIFY(r.error);
    QCOMPARE(r.error->kind, ApiError::Kind::Network);
    QVERIFY(r.error->message.contains(u"timed out"));
}

ROOMWARDEN_TEST_MAIN_CORE(TestEgressPolicy)
#include "TestEgressPolicy.moc"
