// Authorization code + PKCE S256 + loopback redirect (RFC 6749 §4.1, RFC 7636, RFC 8252)
// against oidc-provider: the real AuthorizationCodeFlow, a browser stand-in that follows the
// server's redirects to the flow's own 127.0.0.1 listener.
#include "core/auth/AuthorizationCodeFlow.h"
#include "core/net/ApiClient.h"

#include "OAuthServerProcess.h"
#include "TestMain.h"

#include <QSignalSpy>

using namespace roomwarden;
using namespace roomwarden::auth;
using roomwarden::test::LoopbackBrowser;
using roomwarden::test::OAuthServerProcess;

class TestInteropAuthCode : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();
    void successWithPkce();
    void deniedByUser();
    void wrongStateRejectedThenSuccess();
    void secondCallbackIgnored();
    void codeCannotBeRedeemedTwice();

private:
    AuthorizationCodeFlow *makeFlow();
    QUrl callbackWith(const AuthorizationCodeFlow &flow, const QString &query) const;

    OAuthServerProcess m_server;
    std::unique_ptr<net::ApiClient> m_api;
};

void TestInteropAuthCode::initTestCase()
{
    QString error;
    QVERIFY2(m_server.start(&error), qPrintable(error));
    QVERIFY(m_server.pid() > 0);
}

void TestInteropAuthCode::init()
{
    QVERIFY(m_server.setMode({}));
    // Credentials may go to the test server's origin and nowhere else.
    m_api = std::make_unique<net::ApiClient>(net::EgressPolicy::sandbox({m_server.issuer()}, true),
                                             net::TlsPolicy::system());
}

void TestInteropAuthCode::cleanup()
{
    m_api.reset();
}

void TestInteropAuthCode::cleanupTestCase()
{
    m_server.stop();
}

AuthorizationCodeFlow *TestInteropAuthCode::makeFlow()
{
    AuthorizationCodeFlow::Options o;
    o.authorizationEndpoint = m_server.url("authorization_endpoint");
    o.tokenEndpoint = m_server.url("token_endpoint");
    o.clientId = m_server.value("client_id");
    o.scopes = {QStringLiteral("user:read:chat"), QStringLiteral("moderator:read:followers")};
    o.expectedIssuer = m_server.value("issuer");
    o.timeoutMs = 60000;
    return new AuthorizationCodeFlow(m_api.get(), o, m_api.get());
}

QUrl TestInteropAuthCode::callbackWith(const AuthorizationCodeFlow &flow,
                                       const QString &query) const
{
    QUrl u = flow.redirectUri();
    u.setQuery(query);
    return u;
}

void TestInteropAuthCode::successWithPkce()
{
    AuthorizationCodeFlow *flow = makeFlow();
    QSignalSpy url(flow, &AuthorizationCodeFlow::authorizeUrlReady);
    QSignalSpy ok(flow, &AuthorizationCodeFlow::succeeded);
    QSignalSpy failed(flow, &AuthorizationCodeFlow::failed);
    flow->start();
    QCOMPARE(url.size(), 1);
    QVERIFY(flow->isListening());

    // The request as the server sees it (RFC 7636 §4.3, RFC 8252 §7.3).
    const QUrl authorize = url.at(0).at(0).toUrl();
    const QUrlQuery q(authorize);
    QCOMPARE(q.queryItemValue("code_challenge_method"), QStringLiteral("S256"));
    QCOMPARE(q.queryItemValue("code_challenge").size(), 43);
    QCOMPARE(q.queryItemValue("response_type"), QStringLiteral("code"));
    QVERIFY(q.queryItemValue("state").size() >= 43);
    const QUrl redirect(q.queryItemValue("redirect_uri", QUrl::FullyDecoded));
    QCOMPARE(redirect.host(), QStringLiteral("127.0.0.1"));
    QCOMPARE(redirect.path(), QStringLiteral("/callback"));
    QVERIFY(redirect.port() > 0);
    QCOMPARE(redirect, flow->redirectUri());

    LoopbackBrowser browser;
    const auto visit = browser.open(authorize);
    QCOMPARE(visit.refusedRedirects, 0);
    QVERIFY2(visit.error == QNetworkReply::NoError,
             qPrintable(visit.finalUrl.toString() + u' ' + QString::fromUtf8(visit.body)));
    // The browser ended on our listener.
    QVERIFY2(visit.finalUrl.port() == redirect.port(),
             qPrintable(visit.finalUrl.toString() + u' ' + QString::fromUtf8(visit.body)));
    QTRY_COMPARE_WITH_TIMEOUT(ok.size(), 1, 15000);
    QCOMPARE(failed.size(), 0);
    const auto tokens = ok.at(0).at(0).value<TokenSet>();
    QVERIFY(!tokens.accessToken.isEmpty());
    QVERIFY(!tokens.refreshToken.isEmpty());
    QCOMPARE(tokens.tokenType.toLower(), QStringLiteral("bearer"));
    QVERIFY(tokens.expiresAt.isValid());
    QCOMPARE(model::scopeNames(tokens.reportedScopes),
             QStringList({"user:read:chat", "moderator:read:followers"}));
    QVERIFY(!flow->isListening()); // closed after the first valid callback
    QVERIFY(!flow->isActive());

    // The server agrees the token is live and bound to the public client.
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("token"), tokens.accessToken);
    form.addQueryItem(QStringLiteral("client_id"), m_server.value("client_id"));
    const auto info = m_server.postForm(QStringLiteral("/token/introspection"), form);
    QVERIFY(info);
    QCOMPARE(info->value(QStringLiteral("active")).toBool(), true);
    QCOMPARE(info->value(QStringLiteral("client_id")).toString(), m_server.value("client_id"));
    QCOMPARE(info->value(QStringLiteral("sub")).toString(), QStringLiteral("test-account"));
}

void TestInteropAuthCode::deniedByUser()
{
    QVERIFY(m_server.setMode({{QStringLiteral("deny"), true}}));
    AuthorizationCodeFlow *flow = makeFlow();
    QSignalSpy url(flow, &AuthorizationCodeFlow::authorizeUrlReady);
    QSignalSpy ok(flow, &AuthorizationCodeFlow::succeeded);
    QSignalSpy failed(flow, &AuthorizationCodeFlow::failed);
    flow->start();
    LoopbackBrowser browser;
    browser.open(url.at(0).at(0).toUrl());
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 15000);
    QCOMPARE(ok.size(), 0);
    QCOMPARE(flow->lastError(), AuthorizationCodeFlow::Error::Denied);
    QVERIFY(!flow->isListening());
    // No code, so no token request was made.
    const QJsonObject requests = m_server.stats().value(QStringLiteral("tokenRequests")).toObject();
    QCOMPARE(requests.value(QStringLiteral("authorization_code")).toInt(), 0);
}

void TestInteropAuthCode::wrongStateRejectedThenSuccess()
{
    AuthorizationCodeFlow *flow = makeFlow();
    QSignalSpy url(flow, &AuthorizationCodeFlow::authorizeUrlReady);
    QSignalSpy ok(flow, &AuthorizationCodeFlow::succeeded);
    QSignalSpy failed(flow, &AuthorizationCodeFlow::failed);
    QSignalSpy rejected(flow, &AuthorizationCodeFlow::callbackRejected);
    flow->start();

    // A forged reply: a code-shaped value and a state this flow never issued, then one with
    // no state at all, then an error reply with a wrong state (must not end the sign-in).
    LoopbackBrowser attacker;
    attacker.open(callbackWith(*flow, QStringLiteral("code=forged-code&state=not-our-state")));
    attacker.open(callbackWith(*flow, QStringLiteral("code=forged-code")));
    attacker.open(callbackWith(*flow, QStringLiteral("error=access_denied&state=nope")));
    QTRY_COMPARE_WITH_TIMEOUT(rejected.size(), 3, 5000);
    QVERIFY(flow->isActive());
    QVERIFY(flow->isListening());
    QCOMPARE(failed.size(), 0);
    QCOMPARE(m_server.stats()
                 .value(QStringLiteral("tokenRequests"))
                 .toObject()
                 .value(QStringLiteral("authorization_code"))
                 .toInt(),
             0);

    // A right state from the wrong issuer (RFC 9207 mix-up) is rejected too.
    const QString state = QUrlQuery(url.at(0).at(0).toUrl()).queryItemValue("state");
    attacker.open(callbackWith(
        *flow, QStringLiteral("code=x&state=%1&iss=http%3A%2F%2F127.0.0.1%3A1").arg(state)));
    QTRY_COMPARE_WITH_TIMEOUT(rejected.size(), 4, 5000);
    QVERIFY(flow->isActive());

    LoopbackBrowser browser;
    browser.open(url.at(0).at(0).toUrl());
    QTRY_COMPARE_WITH_TIMEOUT(ok.size(), 1, 15000);
    QCOMPARE(failed.size(), 0);
    QCOMPARE(flow->rejectedCallbacks(), 4);
}

void TestInteropAuthCode::secondCallbackIgnored()
{
    AuthorizationCodeFlow *flow = makeFlow();
    QSignalSpy url(flow, &AuthorizationCodeFlow::authorizeUrlReady);
    QSignalSpy ok(flow, &AuthorizationCodeFlow::succeeded);
    QSignalSpy failed(flow, &AuthorizationCodeFlow::failed);
    flow->start();
    LoopbackBrowser browser;
    const auto first = browser.open(url.at(0).at(0).toUrl());
    QTRY_COMPARE_WITH_TIMEOUT(ok.size(), 1, 15000);

    // The very same callback URL again (a reload, or a replay by another local process): the
    // listener is gone, so the connection is refused, and nothing else happens.
    LoopbackBrowser again;
    const auto second = again.open(first.finalUrl, 5000);
    QCOMPARE(second.error, QNetworkReply::ConnectionRefusedError);
    QCOMPARE(ok.size(), 1);
    QCOMPARE(failed.size(), 0);
    QCOMPARE(m_server.stats()
                 .value(QStringLiteral("tokenRequests"))
                 .toObject()
                 .value(QStringLiteral("authorization_code"))
                 .toInt(),
             1);
}

void TestInteropAuthCode::codeCannotBeRedeemedTwice()
{
    // The server side of "second callback": a replayed code is refused by the server too, so
    // even a client that acted on two callbacks would get one token set (RFC 6749 §4.1.2).
    AuthorizationCodeFlow *flow = makeFlow();
    QSignalSpy url(flow, &AuthorizationCodeFlow::authorizeUrlReady);
    QSignalSpy ok(flow, &AuthorizationCodeFlow::succeeded);
    flow->start();
    LoopbackBrowser browser;
    const auto visit = browser.open(url.at(0).at(0).toUrl());
    QTRY_COMPARE_WITH_TIMEOUT(ok.size(), 1, 15000);
    const QUrlQuery cb(visit.finalUrl);
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("authorization_code"));
    form.addQueryItem(QStringLiteral("code"), cb.queryItemValue("code", QUrl::FullyDecoded));
    form.addQueryItem(QStringLiteral("redirect_uri"), flow->redirectUri().toString());
    form.addQueryItem(QStringLiteral("client_id"), m_server.value("client_id"));
    form.addQueryItem(QStringLiteral("code_verifier"), QStringLiteral("x").repeated(43));
    const auto reply = m_server.postForm(QStringLiteral("/token"), form);
    QVERIFY(reply);
    QCOMPARE(reply->value(QStringLiteral("error")).toString(), QStringLiteral("invalid_grant"));
}

ROOMWARDEN_TEST_MAIN_CORE(TestInteropAuthCode)
#include "TestInteropAuthCode.moc"
