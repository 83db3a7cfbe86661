// Black-box conformance of the id.twitch.tv clone (specs/twitch.md §2, §5.3 item 1): device code
// flow, refresh rotation, validate and revoke shapes, RFC 8628 fault switches, expiry on the
// World clock (no sleeps).
#include "sandbox/Sandbox.h"
#include "sandbox/World.h"
#include "SandboxClient.h"
#include "TestMain.h"

#include <QJsonArray>
#include <QSignalSpy>

using namespace roomwarden::sandbox;
using namespace roomwarden::sandbox::test;

class TestSandboxOAuth : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Sandbox> m_sandbox;
    std::unique_ptr<SandboxClient> m_client;

    QUrl id(const QString &path) const { return SandboxClient::url(m_sandbox->idBaseUrl(), path); }
    Reply postForm(const QString &path, const QUrlQuery &form)
    {
        return m_client->post(id(path), SandboxClient::formHeaders(), SandboxClient::form(form));
    }
    Reply startDevice(const QString &scopes = QStringLiteral("user:read:chat chat:read"))
    {
        QUrlQuery f;
        f.addQueryItem(QStringLiteral("client_id"), m_sandbox->clientId());
        f.addQueryItem(QStringLiteral("scopes"), scopes);
        return postForm(QStringLiteral("/oauth2/device"), f);
    }
    Reply poll(const QString &deviceCode)
    {
        QUrlQuery f;
        f.addQueryItem(QStringLiteral("client_id"), m_sandbox->clientId());
        f.addQueryItem(QStringLiteral("device_code"), deviceCode);
        f.addQueryItem(QStringLiteral("grant_type"),
                       QStringLiteral("urn:ietf:params:oauth:grant-type:device_code"));
        return postForm(QStringLiteral("/oauth2/token"), f);
    }
    Reply refresh(const QString &refreshToken)
    {
        QUrlQuery f;
        f.addQueryItem(QStringLiteral("client_id"), m_sandbox->clientId());
        f.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("refresh_token"));
        f.addQueryItem(QStringLiteral("refresh_token"), refreshToken);
        return postForm(QStringLiteral("/oauth2/token"), f);
    }
    Reply validate(const QByteArray &authorization)
    {
        Headers h;
        if (!authorization.isEmpty())
            h.append(qMakePair(QByteArray("Authorization"), authorization));
        return m_client->get(id(QStringLiteral("/oauth2/validate")), h);
    }
    // Device flow through to a token for the demo user.
    QJsonObject signIn(const QString &scopes)
    {
        const Reply d = startDevice(scopes);
        const QString code = d.object().value(QStringLiteral("user_code")).toString();
        m_sandbox->world()->approveDeviceCode(code, m_sandbox->world()->demoUserId());
        return poll(d.object().value(QStringLiteral("device_code")).toString()).object();
    }

private Q_SLOTS:
    void init()
    {
        m_sandbox = std::make_unique<Sandbox>();
        QString error;
        QVERIFY2(m_sandbox->start(&error), qPrintable(error));
        m_client = std::make_unique<SandboxClient>(m_sandbox->certificate());
    }
    void cleanup()
    {
        m_client.reset();
        m_sandbox.reset();
    }

    void deviceStartShape()
    {
        const Reply r = startDevice();
        QCOMPARE(r.status, 200);
        const QJsonObject o = r.object();
        QCOMPARE(o.value(QStringLiteral("expires_in")).toInt(), 1800);
        QCOMPARE(o.value(QStringLiteral("interval")).toInt(), 5);
        const QString userCode = o.value(QStringLiteral("user_code")).toString();
        QVERIFY(QRegularExpression(QStringLiteral("^[A-Z]{8}$")).match(userCode).hasMatch());
        QVERIFY(o.value(QStringLiteral("device_code")).toString().size() >= 30);
        QVERIFY(o.value(QStringLiteral("verification_uri")).toString().contains(userCode));
        QVERIFY(!o.contains(QStringLiteral("verification_uri_complete")));
        QVERIFY(!o.contains(QStringLiteral("verification_url")));
    }

    void deviceAcceptsScopeSingularAndMultipart()
    {
        QUrlQuery f;
        f.addQueryItem(QStringLiteral("client_id"), m_sandbox->clientId());
        f.addQueryItem(QStringLiteral("scope"), QStringLiteral("chat:read"));
        const Reply singular = postForm(QStringLiteral("/oauth2/device"), f);
        QCOMPARE(singular.status, 200);
        DeviceCode *d = m_sandbox->world()->deviceCodeByUser(
            singular.object().value(QStringLiteral("user_code")).toString());
        QVERIFY(d);
        QCOMPARE(d->requestedScopes, QStringList{QStringLiteral("chat:read")});

        const QByteArray boundary = "XyZ123";
        QByteArray body = "--" + boundary +
                          "\r\nContent-Disposition: form-data; name=\"client_id\"\r\n\r\n" +
                          m_sandbox->clientId().toLatin1() + "\r\n--" + boundary +
                          "\r\nContent-Disposition: form-data; name=\"scopes\"\r\n\r\n"
                          "user:read:chat moderator:read:chatters\r\n--" +
                          boundary + "--\r\n";
        const Reply multi =
            m_client->post(id(QStringLiteral("/oauth2/device")),
                           {{"Content-Type", "multipart/form-data; boundary=" + boundary}}, body);
        QCOMPARE(multi.status, 200);
        d = m_sandbox->world()->deviceCodeByUser(
            multi.object().value(QStringLiteral("user_code")).toString());
        QCOMPARE(d->requestedScopes, QStringList({QStringLiteral("user:read:chat"),
                                                  QStringLiteral("moderator:read:chatters")}));
    }

    void deviceFlowEndToEnd()
    {
        const Reply d = startDevice();
        const QString deviceCode = d.object().value(QStringLiteral("device_code")).toString();
        const QString userCode = d.object().value(QStringLiteral("user_code")).toString();

        const Reply pending = poll(deviceCode);
        QCOMPARE(pending.status, 400);
        QCOMPARE(pending.object(), (QJsonObject{{QStringLiteral("status"), 400},
                                                {QStringLiteral("message"),
                                                 QStringLiteral("authorization_pending")}}));

        // Approve through the control API, as a test would from outside the process.
        const Reply approve = m_client->post(
            SandboxClient::url(m_sandbox->controlBaseUrl(), QStringLiteral("/device/approve")),
            {{"Authorization", "Bearer " + m_sandbox->adminToken().toLatin1()}},
            SandboxClient::json({{QStringLiteral("user_code"), userCode},
                                 {QStringLiteral("user_id"), m_sandbox->world()->demoUserId()}}));
        QCOMPARE(approve.status, 200);

        const Reply token = poll(deviceCode);
        QCOMPARE(token.status, 200);
        const QJsonObject t = token.object();
        QCOMPARE(t.value(QStringLiteral("token_type")).toString(), QStringLiteral("bearer"));
        QCOMPARE(t.value(QStringLiteral("expires_in")).toInt(), 14400);
        QVERIFY(t.value(QStringLiteral("scope")).isArray());
        QCOMPARE(t.value(QStringLiteral("scope")).toArray().size(), 2);
        const QString access = t.value(QStringLiteral("access_token")).toString();
        QVERIFY(QRegularExpression(QStringLiteral("^[a-z0-9]{30}$")).match(access).hasMatch());
        QVERIFY(!t.value(QStringLiteral("refresh_token")).toString().isEmpty());

        // The device code is single-use.
        const Reply again = poll(deviceCode);
        QCOMPARE(again.status, 400);
        QCOMPARE(again.message(), QStringLiteral("invalid device code"));
    }

    void approvalWithScopeSubset()
    {
        const Reply d = startDevice(QStringLiteral("a:b c:d"));
        QVERIFY(m_sandbox->world()->approveDeviceCode(
            d.object().value(QStringLiteral("user_code")).toString(),
            m_sandbox->world()->demoUserId(), QStringList{QStringLiteral("c:d")}));
        const Reply t = poll(d.object().value(QStringLiteral("device_code")).toString());
        QCOMPARE(t.object().value(QStringLiteral("scope")).toArray(),
                 QJsonArray({QStringLiteral("c:d")}));
    }

    void tokenOmitsScopeWhenNone()
    {
        const QJsonObject t = signIn(QString());
        QVERIFY(t.contains(QStringLiteral("access_token")));
        QVERIFY(!t.contains(QStringLiteral("scope")));
    }

    void invalidDeviceCode_data()
    {
        QTest::addColumn<QString>("deviceCode");
        QTest::newRow("unknown") << QStringLiteral("nosuchcode");
        QTest::newRow("empty") << QString();
    }
    void invalidDeviceCode()
    {
        QFETCH(QString, deviceCode);
        const Reply r = poll(deviceCode);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.object(),
                 (QJsonObject{{QStringLiteral("status"), 400},
                              {QStringLiteral("message"), QStringLiteral("invalid device code")}}));
    }

    void deviceCodeExpiresOnTheWorldClock()
    {
        m_sandbox->world()->useManualClock(QDateTime::currentDateTimeUtc());
        const Reply d = startDevice();
        const QString deviceCode = d.object().value(QStringLiteral("device_code")).toString();
        m_sandbox->world()->advanceClock(1799 * 1000);
        QCOMPARE(poll(deviceCode).message(), QStringLiteral("authorization_pending"));
        m_sandbox->world()->advanceClock(2 * 1000);
        QCOMPARE(poll(deviceCode).message(), QStringLiteral("invalid device code"));
        QVERIFY(!m_sandbox->world()->approveDeviceCode(
            d.object().value(QStringLiteral("user_code")).toString(),
            m_sandbox->world()->demoUserId()));
    }

    void rfcFaultSwitches_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::newRow("slow_down") << QStringLiteral("slow_down");
        QTest::newRow("access_denied") << QStringLiteral("access_denied");
        QTest::newRow("expired_token") << QStringLiteral("expired_token");
    }
    void rfcFaultSwitches()
    {
        QFETCH(QString, fault);
        QString error;
        QVERIFY(m_sandbox->faults()->apply({{QStringLiteral("device"), fault}}, &error));
        const Reply d = startDevice();
        const Reply r = poll(d.object().value(QStringLiteral("device_code")).toString());
        QCOMPARE(r.status, 400);
        QCOMPARE(r.object(), (QJsonObject{{QStringLiteral("error"), fault}}));
    }

    void pollingFasterThanIntervalSlowsDown()
    {
        m_sandbox->faults()->enforcePollInterval = true;
        m_sandbox->world()->useManualClock(QDateTime::currentDateTimeUtc());
        const QString deviceCode =
            startDevice().object().value(QStringLiteral("device_code")).toString();
        QCOMPARE(poll(deviceCode).message(), QStringLiteral("authorization_pending"));
        m_sandbox->world()->advanceClock(4000);
        QCOMPARE(poll(deviceCode).object().value(QStringLiteral("error")).toString(),
                 QStringLiteral("slow_down"));
        m_sandbox->world()->advanceClock(5000);
        QCOMPARE(poll(deviceCode).message(), QStringLiteral("authorization_pending"));
    }

    void autoApproveInDemoMode()
    {
        Config c;
        c.autoApprove = true;
        Sandbox demo(c);
        QString error;
        QVERIFY(demo.start(&error));
        SandboxClient client{demo.certificate()};
        QUrlQuery f;
        f.addQueryItem(QStringLiteral("client_id"), demo.clientId());
        f.addQueryItem(QStringLiteral("scopes"), QStringLiteral("user:read:chat"));
        const Reply d =
            client.post(SandboxClient::url(demo.idBaseUrl(), QStringLiteral("/oauth2/device")),
                        SandboxClient::formHeaders(), SandboxClient::form(f));
        QUrlQuery p;
        p.addQueryItem(QStringLiteral("client_id"), demo.clientId());
        p.addQueryItem(QStringLiteral("device_code"),
                       d.object().value(QStringLiteral("device_code")).toString());
        p.addQueryItem(QStringLiteral("grant_type"),
                       QStringLiteral("urn:ietf:params:oauth:grant-type:device_code"));
        const Reply t =
            client.post(SandboxClient::url(demo.idBaseUrl(), QStringLiteral("/oauth2/token")),
                        SandboxClient::formHeaders(), SandboxClient::form(p));
        QCOMPARE(t.status, 200);
        const auto grant =
            demo.world()->grantFor(t.object().value(QStringLiteral("access_token")).toString());
        QVERIFY(grant);
        QCOMPARE(grant->userId, demo.world()->demoUserId());
        QCOMPARE(grant->scopes, QStringList{QStringLiteral("user:read:chat")});
    }

    void refreshRotates()
    {
        const QJsonObject first = signIn(QStringLiteral("chat:read"));
        const QString oldRefresh = first.value(QStringLiteral("refresh_token")).toString();
        const Reply r = refresh(oldRefresh);
        QCOMPARE(r.status, 200);
        const QString newRefresh = r.object().value(QStringLiteral("refresh_token")).toString();
        QVERIFY(!newRefresh.isEmpty());
        QVERIFY(newRefresh != oldRefresh);
        QCOMPARE(r.object().value(QStringLiteral("scope")).toArray(),
                 QJsonArray({QStringLiteral("chat:read")}));

        const Reply reused = refresh(oldRefresh);
        QCOMPARE(reused.status, 400);
        QCOMPARE(reused.object(), (QJsonObject{{QStringLiteral("status"), 400},
                                               {QStringLiteral("message"),
                                                QStringLiteral("Invalid refresh token")}}));
        QCOMPARE(refresh(newRefresh).status, 200);
        QCOMPARE(refresh(QStringLiteral("garbage")).message(),
                 QStringLiteral("Invalid refresh token"));
    }

    void refreshWithoutRotation()
    {
        m_sandbox->world()->mutableConfig().refreshRotation = false;
        const QString rt =
            signIn(QStringLiteral("chat:read")).value(QStringLiteral("refresh_token")).toString();
        const Reply a = refresh(rt);
        QCOMPARE(a.status, 200);
        QCOMPARE(a.object().value(QStringLiteral("refresh_token")).toString(), rt);
        QCOMPARE(refresh(rt).status, 200);
    }

    void validateShapes()
    {
        const QString withScopes = signIn(QStringLiteral("user:read:chat"))
                                       .value(QStringLiteral("access_token"))
                                       .toString();
        const Reply oauth = validate("OAuth " + withScopes.toLatin1());
        QCOMPARE(oauth.status, 200);
        const QJsonObject o = oauth.object();
        QCOMPARE(o.value(QStringLiteral("client_id")).toString(), m_sandbox->clientId());
        QCOMPARE(o.value(QStringLiteral("login")).toString(), QStringLiteral("demo_mod"));
        QCOMPARE(o.value(QStringLiteral("user_id")).toString(), m_sandbox->world()->demoUserId());
        QCOMPARE(o.value(QStringLiteral("scopes")).toArray(),
                 QJsonArray({QStringLiteral("user:read:chat")}));
        QVERIFY(o.value(QStringLiteral("expires_in")).toInt() > 14000);
        QVERIFY(!o.contains(QStringLiteral("scope")));
        QCOMPARE(validate("Bearer " + withScopes.toLatin1()).status, 200);

        const QString noScopes = signIn(QString()).value(QStringLiteral("access_token")).toString();
        const Reply none = validate("OAuth " + noScopes.toLatin1());
        QCOMPARE(none.status, 200);
        QVERIFY(none.object().contains(QStringLiteral("scopes")));
        QVERIFY(none.object().value(QStringLiteral("scopes")).isNull());
    }

    void validateFailures_data()
    {
        QTest::addColumn<QByteArray>("authorization");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing") << QByteArray() << QStringLiteral("missing authorization token");
        QTest::newRow("unknown") << QByteArray("OAuth abcdef")
                                 << QStringLiteral("invalid access token");
        QTest::newRow("no scheme")
            << QByteArray("abcdef") << QStringLiteral("invalid access token");
    }
    void validateFailures()
    {
        QFETCH(QByteArray, authorization);
        QFETCH(QString, message);
        const Reply r = validate(authorization);
        QCOMPARE(r.status, 401);
        QCOMPARE(r.object(), (QJsonObject{{QStringLiteral("status"), 401},
                                          {QStringLiteral("message"), message}}));
    }

    void accessTokenExpires()
    {
        m_sandbox->world()->useManualClock(QDateTime::currentDateTimeUtc());
        const QString token =
            signIn(QStringLiteral("chat:read")).value(QStringLiteral("access_token")).toString();
        m_sandbox->world()->advanceClock(14399 * 1000);
        const Reply late = validate("OAuth " + token.toLatin1());
        QCOMPARE(late.status, 200);
        QCOMPARE(late.object().value(QStringLiteral("expires_in")).toInt(), 1);
        m_sandbox->world()->advanceClock(1000);
        QCOMPARE(validate("OAuth " + token.toLatin1()).status, 401);
    }

    void revoke()
    {
        const QString token =
            signIn(QStringLiteral("chat:read")).value(QStringLiteral("access_token")).toString();
        QSignalSpy revoked(m_sandbox->world(), &World::tokenRevoked);
        auto form = [](const QString &clientId, const QString &t) {
            QUrlQuery f;
            f.addQueryItem(QStringLiteral("client_id"), clientId);
            f.addQueryItem(QStringLiteral("token"), t);
            return f;
        };
        const Reply wrongClient =
            postForm(QStringLiteral("/oauth2/revoke"), form(QStringLiteral("nosuchclient"), token));
        QCOMPARE(wrongClient.status, 404);
        QCOMPARE(wrongClient.object(), (QJsonObject{{QStringLiteral("status"), 404},
                                                    {QStringLiteral("message"),
                                                     QStringLiteral("client does not exist")}}));
        const Reply ok =
            postForm(QStringLiteral("/oauth2/revoke"), form(m_sandbox->clientId(), token));
        QCOMPARE(ok.status, 200);
        QVERIFY(ok.body.isEmpty());
        QCOMPARE(revoked.count(), 1);
        QCOMPARE(revoked.at(0).at(1).toString(), m_sandbox->world()->demoUserId());
        QCOMPARE(validate("OAuth " + token.toLatin1()).status, 401);

        const Reply again =
            postForm(QStringLiteral("/oauth2/revoke"), form(m_sandbox->clientId(), token));
        QCOMPARE(again.status, 400);
        QCOMPARE(again.object(),
                 (QJsonObject{{QStringLiteral("status"), 400},
                              {QStringLiteral("message"), QStringLiteral("Invalid token")}}));
    }

    void issuedTokensAreGroundTruthButNeverInRequestLog()
    {
        const QJsonObject t = signIn(QStringLiteral("chat:read"));
        const QString access = t.value(QStringLiteral("access_token")).toString();
        const QString refreshToken = t.value(QStringLiteral("refresh_token")).toString();
        QStringList issued;
        for (const IssuedTokenRecord &r : m_sandbox->world()->issuedTokens())
            issued << r.token;
        QVERIFY(issued.contains(access));
        QVERIFY(issued.contains(refreshToken));
        validate("OAuth " + access.toLatin1());
        for (const RequestRecord &r : m_sandbox->world()->requests()) {
            QVERIFY(!r.query.contains(access));
            QVERIFY(!r.path.contains(access));
        }
        QVERIFY(m_sandbox->world()->requests().size() >= 3);
        QCOMPARE(m_sandbox->world()->requests().last().path, QStringLiteral("/oauth2/validate"));
    }

    void confidentialGrantsRefused()
    {
        QUrlQuery f;
        f.addQueryItem(QStringLiteral("client_id"), m_sandbox->clientId());
        f.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("authorization_code"));
        f.addQueryItem(QStringLiteral("code"), QStringLiteral("x"));
        const Reply r = postForm(QStringLiteral("/oauth2/token"), f);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.message(), QStringLiteral("missing client secret"));
    }
};

ROOMWARDEN_TEST_MAIN_CORE(TestSandboxOAuth)
#include "TestSandboxOAuth.moc"
