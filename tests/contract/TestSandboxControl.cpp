// The loopback control API (documented in sandbox/Sandbox.h): admin-token auth, device-code
// approval, faults, event injection and ground truth, all over HTTPS with the pinned certificate.
#include "SandboxFixture.h"
#include "TestMain.h"

#include <QJsonArray>
#include <QSignalSpy>

using namespace roomwarden::sandbox;
using namespace roomwarden::sandbox::test;

class TestSandboxControl : public QObject
{
    Q_OBJECT

private:
    SandboxFixture f;

    Headers admin() const
    {
        return {{"Authorization", "Bearer " + f.sandbox->adminToken().toLatin1()},
                {"Content-Type", "application/json"}};
    }
    QUrl control(const QString &path) const
    {
        return SandboxClient::url(f.sandbox->controlBaseUrl(), path);
    }

private Q_SLOTS:
    void init() { QVERIFY(f.start()); }
    void cleanup() { f.stop(); }

    void requiresAdminToken_data()
    {
        QTest::addColumn<QByteArray>("authorization");
        QTest::newRow("none") << QByteArray();
        QTest::newRow("wrong") << QByteArray("Bearer nope");
    }
    void requiresAdminToken()
    {
        QFETCH(QByteArray, authorization);
        Headers h;
        if (!authorization.isEmpty())
            h.append(qMakePair(QByteArray("Authorization"), authorization));
        QCOMPARE(f.client->get(control(QStringLiteral("/info")), h).status, 401);
        // A user access token is not an admin token either.
        QCOMPARE(f.client->get(control(QStringLiteral("/requests")), f.headers(f.token({}))).status,
                 401);
    }

    void info()
    {
        const Reply r = f.client->get(control(QStringLiteral("/info")), admin());
        QCOMPARE(r.status, 200);
        QCOMPARE(r.object().value(QStringLiteral("client_id")).toString(), f.sandbox->clientId());
        QCOMPARE(r.object().value(QStringLiteral("demo_user_id")).toString(), f.mod());
        QCOMPARE(r.object().value(QStringLiteral("helix_base_url")).toString(),
                 f.sandbox->helixBaseUrl().toString());
    }

    void faultsRoundTrip()
    {
        const Reply set =
            f.client->post(control(QStringLiteral("/faults")), admin(),
                           QByteArray("{\"rate_limit_storm\":1,\"device\":\"slow_down\"}"));
        QCOMPARE(set.status, 200);
        QCOMPARE(set.object().value(QStringLiteral("rate_limit_storm")).toInt(), 1);
        QCOMPARE(f.client->get(f.helix(QStringLiteral("/users")), f.headers(f.token({}))).status,
                 429);
        QCOMPARE(f.client
                     ->post(control(QStringLiteral("/faults")), admin(),
                            QByteArray("{\"device\":\"bogus\"}"))
                     .status,
                 400);
        QCOMPARE(f.sandbox->faults()->deviceFault, Faults::DeviceFault::SlowDown);
        QCOMPARE(f.client->del(control(QStringLiteral("/faults")), admin()).status, 200);
        QCOMPARE(f.sandbox->faults()->deviceFault, Faults::DeviceFault::None);
    }

    void injectActionReachesWorld()
    {
        QSignalSpy applied(f.world(), &World::actionApplied);
        const QJsonObject body{
            {QStringLiteral("kind"), QStringLiteral("timeout")},
            {QStringLiteral("moderator_id"), f.mod()},
            {QStringLiteral("target_user_id"), f.viewer()},
            {QStringLiteral("details"), QJsonObject{{QStringLiteral("duration"), 60}}}};
        const Reply r =
            f.client->post(control(QStringLiteral("/actions")), admin(), SandboxClient::json(body));
        QCOMPARE(r.status, 200);
        QCOMPARE(applied.count(), 1);
        QVERIFY(f.world()->isTimedOut(f.bid(), f.viewer()));
    }

    void revokeByUserEmitsTokenRevoked()
    {
        const QString t = f.token({});
        QSignalSpy revoked(f.world(), &World::tokenRevoked);
        const Reply r = f.client->post(control(QStringLiteral("/tokens/revoke")), admin(),
                                       SandboxClient::json({{QStringLiteral("user_id"), f.mod()}}));
        QCOMPARE(r.object().value(QStringLiteral("revoked")).toInt(), 1);
        QCOMPARE(revoked.count(), 1);
        QCOMPARE(revoked.at(0).at(0).toString(), t);
        QVERIFY(!f.world()->grantFor(t));
    }

    void groundTruthInOrder()
    {
        const QString t = f.token({QStringLiteral("moderator:manage:banned_users")});
        f.client->get(f.helix(QStringLiteral("/users")), f.headers(t));
        f.client->post(
            f.helix(QStringLiteral("/moderation/bans"), f.modQuery()), f.headers(t),
            SandboxClient::json(
                {{QStringLiteral("data"), QJsonObject{{QStringLiteral("user_id"), f.viewer()}}}}));
        const QJsonArray requests = f.client->get(control(QStringLiteral("/requests")), admin())
                                        .object()
                                        .value(QStringLiteral("data"))
                                        .toArray();
        QCOMPARE(requests.size(), 2); // control calls are not platform traffic
        QCOMPARE(requests.at(0).toObject().value(QStringLiteral("path")).toString(),
                 QStringLiteral("/helix/users"));
        QCOMPARE(requests.at(1).toObject().value(QStringLiteral("method")).toString(),
                 QStringLiteral("POST"));
        QCOMPARE(requests.at(1).toObject().value(QStringLiteral("status")).toInt(), 200);
        QVERIFY(
            requests.at(1).toObject().value(QStringLiteral("query")).toString().contains(f.bid()));
        const QJsonArray actions = f.client->get(control(QStringLiteral("/actions")), admin())
                                       .object()
                                       .value(QStringLiteral("data"))
                                       .toArray();
        QCOMPARE(actions.size(), 1);
        QCOMPARE(actions.at(0).toObject().value(QStringLiteral("kind")).toString(),
                 QStringLiteral("ban"));
        const QJsonArray tokens = f.client->get(control(QStringLiteral("/tokens")), admin())
                                      .object()
                                      .value(QStringLiteral("data"))
                                      .toArray();
        QCOMPARE(tokens.size(), 2);
        QCOMPARE(tokens.at(0).toObject().value(QStringLiteral("token")).toString(), t);
    }
};

ROOMWARDEN_TEST_MAIN_CORE(TestSandboxControl)
#include "TestSandboxControl.moc"
