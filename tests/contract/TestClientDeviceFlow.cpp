// Roomwarden's sign-in code (core/auth, core/net) against the sandbox's id.twitch.tv clone over
// real HTTPS on 127.0.0.1, trusting only the sandbox's pinned certificate.
#include "core/auth/DeviceAuthorization.h"
#include "core/auth/TokenValidator.h"
#include "core/net/ApiClient.h"
#include "core/providers/twitch/TwitchEndpoints.h"
#include "sandbox/Sandbox.h"
#include "sandbox/World.h"

#include "TestMain.h"

#include <QSignalSpy>

using namespace roomwarden;

class TestClientDeviceFlow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void signsInAndValidatesWithPinnedCertificate();
    void deniedCodeFails();
    void wrongPinnedCertificateIsRefused();

private:
    twitch::TwitchEndpoints endpoints(const QSslCertificate &pinned) const;
    std::unique_ptr<sandbox::Sandbox> m_sandbox;
};

void TestClientDeviceFlow::init()
{
    m_sandbox = std::make_unique<sandbox::Sandbox>();
    QString error;
    QVERIFY2(m_sandbox->start(&error), qPrintable(error));
}

void TestClientDeviceFlow::cleanup()
{
    m_sandbox.reset();
}

twitch::TwitchEndpoints TestClientDeviceFlow::endpoints(const QSslCertificate &pinned) const
{
    return twitch::TwitchEndpoints::sandboxProfile(
        m_sandbox->idBaseUrl(), m_sandbox->helixBaseUrl(), m_sandbox->eventSubUrl(), pinned,
        m_sandbox->clientId());
}

void TestClientDeviceFlow::signsInAndValidatesWithPinnedCertificate()
{
    const auto ep = endpoints(m_sandbox->certificate());
    net::ApiClient api(ep.egress, ep.tls);
    auth::DeviceAuthorization::Options o;
    o.idBase = ep.idBase;
    o.clientId = ep.clientId;
    o.scopes = {"user:read:chat", "moderator:read:followers", "moderator:manage:banned_users"};
    o.msPerSecond = 4;
    auth::DeviceAuthorization flow(&api, o);
    QSignalSpy ok(&flow, &auth::DeviceAuthorization::succeeded);
    QSignalSpy failed(&flow, &auth::DeviceAuthorization::failed);
    // The user approves fewer scopes than requested: granted scopes come from /validate.
    connect(&flow, &auth::DeviceAuthorization::userCodeReady, this, [this](const QString &code) {
        m_sandbox->world()->approveDeviceCode(code, m_sandbox->world()->demoUserId(),
                                              QStringList{"user:read:chat"});
    });
    flow.start();
    QVERIFY(ok.wait(20000));
    QCOMPARE(failed.size(), 0);
    QVERIFY(flow.pollCount() >= 1);
    const auto tokens = ok.at(0).at(0).value<auth::TokenSet>();
    QVERIFY(!tokens.accessToken.isEmpty());
    QVERIFY(!tokens.refreshToken.isEmpty());

    auth::TokenValidator validator(&api, ep.idBase);
    QSignalSpy validated(&validator, &auth::TokenValidator::finished);
    validator.validate(tokens.accessToken);
    QVERIFY(validated.wait(10000));
    const auto v = validated.at(0).at(0).value<auth::TokenValidation>();
    QVERIFY(v.isValid());
    QCOMPARE(v.userId, m_sandbox->world()->demoUserId());
    QCOMPARE(v.clientId, m_sandbox->clientId());
    QCOMPARE(model::scopeNames(v.scopes), QStringList{"user:read:chat"});
    QVERIFY(v.expiresIn > 0);

    validator.validate(QStringLiteral("not-a-token-") + tokens.refreshToken.left(4));
    QVERIFY(validated.wait(10000));
    QCOMPARE(validated.at(1).at(0).value<auth::TokenValidation>().status,
             auth::TokenValidation::Status::Invalid);
}

void TestClientDeviceFlow::deniedCodeFails()
{
    const auto ep = endpoints(m_sandbox->certificate());
    net::ApiClient api(ep.egress, ep.tls);
    auth::DeviceAuthorization::Options o;
    o.idBase = ep.idBase;
    o.clientId = ep.clientId;
    o.scopes = {"user:read:chat"};
    o.msPerSecond = 4;
    m_sandbox->faults()->deviceFault = sandbox::Faults::DeviceFault::AccessDenied;
    auth::DeviceAuthorization flow(&api, o);
    QSignalSpy failed(&flow, &auth::DeviceAuthorization::failed);
    flow.start();
    QVERIFY(failed.wait(20000));
    QCOMPARE(flow.lastError(), auth::DeviceAuthorization::Error::Denied);
}

void TestClientDeviceFlow::wrongPinnedCertificateIsRefused()
{
    sandbox::Sandbox other;
    QString error;
    QVERIFY2(other.start(&error), qPrintable(error));
    const auto ep = endpoints(other.certificate()); // pins someone else's certificate
    net::ApiClient api(ep.egress, ep.tls);
    auth::TokenValidator validator(&api, ep.idBase);
    QSignalSpy validated(&validator, &auth::TokenValidator::finished);
    validator.validate(QStringLiteral("whatever-token"));
    QVERIFY(validated.wait(10000));
    const auto v = validated.at(0).at(0).value<auth::TokenValidation>();
    QCOMPARE(v.status, auth::TokenValidation::Status::Failed);
    QVERIFY(v.error);
    QCOMPARE(v.error->kind, net::ApiError::Kind::Tls);
    QCOMPARE(m_sandbox->world()->requests().size(), 0); // nothing reached the platform
}

ROOMWARDEN_TEST_MAIN_CORE(TestClientDeviceFlow)
#include "TestClientDeviceFlow.moc"
