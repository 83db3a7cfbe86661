// RFC 8628 device authorization grant against oidc-provider, with the real DeviceAuthorization
// in its standards mode (Options::rfc8628). The "user" confirms or aborts the user code on the
// server's own /device pages through the harness's loopback control endpoint.
#include "core/auth/DeviceAuthorization.h"
#include "core/net/ApiClient.h"

#include "OAuthServerProcess.h"
#include "TestMain.h"

#include <QSignalSpy>

using namespace roomwarden;
using namespace roomwarden::auth;
using roomwarden::test::OAuthServerProcess;

namespace {
constexpr int kMsPerSecond = 20; // the default 5 s interval becomes 100 ms
}

class TestInteropDeviceFlow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();
    void success();
    void denied();
    void expiredByServer();
    void slowDown();

private:
    DeviceAuthorization *makeFlow();
    int stat(const QString &group, const QString &key);

    OAuthServerProcess m_server;
    std::unique_ptr<net::ApiClient> m_api;
};

void TestInteropDeviceFlow::initTestCase()
{
    QString error;
    QVERIFY2(m_server.start(&error), qPrintable(error));
}

void TestInteropDeviceFlow::init()
{
    QVERIFY(m_server.setMode({}));
    m_api = std::make_unique<net::ApiClient>(net::EgressPolicy::sandbox({m_server.issuer()}, true),
                                             net::TlsPolicy::system());
}

void TestInteropDeviceFlow::cleanup()
{
    m_api.reset();
}

void TestInteropDeviceFlow::cleanupTestCase()
{
    m_server.stop();
}

DeviceAuthorization *TestInteropDeviceFlow::makeFlow()
{
    auto o = DeviceAuthorization::Options::rfc8628(
        m_server.url("device_authorization_endpoint"), m_server.url("token_endpoint"),
        m_server.value("device_client_id"),
        {QStringLiteral("user:read:chat"), QStringLiteral("moderator:read:followers")});
    o.msPerSecond = kMsPerSecond;
    return new DeviceAuthorization(m_api.get(), o, m_api.get());
}

int TestInteropDeviceFlow::stat(const QString &group, const QString &key)
{
    const QJsonObject s = m_server.stats();
    if (key.isEmpty())
        return s.value(group).toInt();
    return s.value(group).toObject().value(key).toInt();
}

void TestInteropDeviceFlow::success()
{
    DeviceAuthorization *flow = makeFlow();
    QSignalSpy code(flow, &DeviceAuthorization::userCodeReady);
    QSignalSpy ok(flow, &DeviceAuthorization::succeeded);
    QSignalSpy failed(flow, &DeviceAuthorization::failed);
    flow->start();
    QVERIFY(code.wait(10000));
    const QString userCode = code.at(0).at(0).toString();
    const QUrl verification = code.at(0).at(1).toUrl();
    QCOMPARE(verification, m_server.endpoint(QStringLiteral("/device")));
    QCOMPARE(code.at(0).at(2).toInt(), 600);
    // RFC 8628 §3.3.1: the complete URI carries the user code.
    QCOMPARE(QUrlQuery(flow->verificationUriComplete()).queryItemValue("user_code"), userCode);

    // Still pending: the server has answered authorization_pending at least once.
    QTRY_VERIFY_WITH_TIMEOUT(
        stat(QStringLiteral("tokenErrors"), QStringLiteral("authorization_pending")) >= 1, 10000);
    QVERIFY(m_server.confirmDeviceCode(userCode, false));
    QTRY_COMPARE_WITH_TIMEOUT(ok.size(), 1, 10000);
    QCOMPARE(failed.size(), 0);
    const auto tokens = ok.at(0).at(0).value<TokenSet>();
    QVERIFY(!tokens.accessToken.isEmpty());
    QVERIFY(!tokens.refreshToken.isEmpty());
    QCOMPARE(model::scopeNames(tokens.reportedScopes),
             QStringList({"user:read:chat", "moderator:read:followers"}));
    QCOMPARE(flow->currentIntervalSecs(), 5); // RFC 8628 §3.2: the default when none is sent
    QVERIFY(!flow->isActive());
}

void TestInteropDeviceFlow::denied()
{
    DeviceAuthorization *flow = makeFlow();
    QSignalSpy code(flow, &DeviceAuthorization::userCodeReady);
    QSignalSpy ok(flow, &DeviceAuthorization::succeeded);
    QSignalSpy failed(flow, &DeviceAuthorization::failed);
    flow->start();
    QVERIFY(code.wait(10000));
    QVERIFY(m_server.confirmDeviceCode(code.at(0).at(0).toString(), true)); // "Abort"
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 10000);
    QCOMPARE(ok.size(), 0);
    QCOMPARE(flow->lastError(), DeviceAuthorization::Error::Denied);
    QCOMPARE(stat(QStringLiteral("tokenErrors"), QStringLiteral("access_denied")), 1);
}

void TestInteropDeviceFlow::expiredByServer()
{
    // The code really lives 1 s, but the reply claims 600 s (12 s at this scale): the flow can
    // only end in time by reading the server's expired_token, not by its own expiry timer.
    QVERIFY(m_server.setMode(
        {{QStringLiteral("deviceCodeTtl"), 1}, {QStringLiteral("advertisedExpiresIn"), 600}}));
    DeviceAuthorization *flow = makeFlow();
    QSignalSpy code(flow, &DeviceAuthorization::userCodeReady);
    QSignalSpy failed(flow, &DeviceAuthorization::failed);
    flow->start();
    QVERIFY(code.wait(10000));
    QCOMPARE(code.at(0).at(2).toInt(), 600);
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 8000);
    QCOMPARE(flow->lastError(), DeviceAuthorization::Error::Expired);
    QCOMPARE(stat(QStringLiteral("tokenErrors"), QStringLiteral("expired_token")), 1);
    QVERIFY(!flow->isActive()); // its timers are stopped: no poll after the fatal answer
}

void TestInteropDeviceFlow::slowDown()
{
    // The server wants 250 ms between polls; the client starts at 100 ms and must add 5
    // "seconds" (100 ms here) per slow_down (RFC 8628 §3.5) until it is slow enough.
    QVERIFY(m_server.setMode({{QStringLiteral("slowDownMs"), 250}}));
    DeviceAuthorization *flow = makeFlow();
    QSignalSpy code(flow, &DeviceAuthorization::userCodeReady);
    QSignalSpy ok(flow, &DeviceAuthorization::succeeded);
    QSignalSpy failed(flow, &DeviceAuthorization::failed);
    flow->start();
    QVERIFY(code.wait(10000));
    QTRY_VERIFY_WITH_TIMEOUT(flow->currentIntervalSecs() >= 15, 10000);
    QVERIFY(m_server.confirmDeviceCode(code.at(0).at(0).toString(), false));
    QTRY_COMPARE_WITH_TIMEOUT(ok.size(), 1, 10000);
    QCOMPARE(failed.size(), 0);
    const int slowDowns = stat(QStringLiteral("slowDowns"), {});
    QVERIFY(slowDowns >= 2);
    // Each slow_down added exactly 5 s, and nothing else changed the interval.
    QCOMPARE(flow->currentIntervalSecs(), 5 + 5 * slowDowns);
}

ROOMWARDEN_TEST_MAIN_CORE(TestInteropDeviceFlow)
#include "TestInteropDeviceFlow.moc"
