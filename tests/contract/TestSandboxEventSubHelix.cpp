// The Helix side of EventSub on the sandbox (specs/twitch.md §3.4, §4.4, §4.5): authorisation
// (403), validation (400/410), duplicates (409), cost and connection limits (429), list filters
// and delete — over HTTPS against real WSS sessions.
#include "EventSubProbe.h"
#include "sandbox/EventSubServer.h"
#include "sandbox/Sandbox.h"
#include "sandbox/World.h"
#include "SandboxClient.h"
#include "TestMain.h"

#include <memory>
#include <QJsonArray>

using namespace roomwarden::sandbox;
using namespace roomwarden::sandbox::test;

namespace {
QStringList moderateScopes()
{
    return {QStringLiteral("moderator:read:blocked_terms"),
            QStringLiteral("moderator:manage:chat_settings"),
            QStringLiteral("moderator:read:unban_requests"),
            QStringLiteral("moderator:manage:banned_users"),
            QStringLiteral("moderator:manage:chat_messages"),
            QStringLiteral("moderator:manage:warnings"),
            QStringLiteral("moderator:read:moderators"),
            QStringLiteral("moderator:read:vips")};
}
} // namespace

class TestSandboxEventSubHelix : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Sandbox> m_sandbox;
    std::unique_ptr<SandboxClient> m_http;

    World *world() const { return m_sandbox->world(); }
    QString token(const QString &userId, const QStringList &scopes)
    {
        return world()->issueTokens(m_sandbox->clientId(), userId, scopes).accessToken;
    }
    QUrl subsUrl(const QUrlQuery &q = {}) const
    {
        return SandboxClient::url(m_sandbox->helixBaseUrl(),
                                  QStringLiteral("/eventsub/subscriptions"), q);
    }
    Reply subscribe(const QString &accessToken, const QString &type, const QString &version,
                    const QJsonObject &condition, const QString &sessionId)
    {
        const QJsonObject body{{QStringLiteral("type"), type},
                               {QStringLiteral("version"), version},
                               {QStringLiteral("condition"), condition},
                               {QStringLiteral("transport"),
                                QJsonObject{{QStringLiteral("method"), QStringLiteral("websocket")},
                                            {QStringLiteral("session_id"), sessionId}}}};
        return m_http->post(subsUrl(),
                            SandboxClient::jsonHeaders(m_sandbox->clientId(), accessToken),
                            SandboxClient::json(body));
    }
    QJsonObject chatCondition(const QString &reader) const
    {
        return {{QStringLiteral("broadcaster_user_id"), world()->broadcasterId()},
                {QStringLiteral("user_id"), reader}};
    }
    std::unique_ptr<EventSubProbe> connectProbe(const QString &query = {})
    {
        auto probe = std::make_unique<EventSubProbe>(m_sandbox->certificate());
        QUrl u = m_sandbox->eventSubUrl();
        if (!query.isEmpty())
            u.setQuery(query);
        probe->open(u);
        return probe;
    }

private Q_SLOTS:
    void init()
    {
        Config config;
        m_sandbox = std::make_unique<Sandbox>(config);
        // Timers run 20× faster (keepalive 10 s → 0.5 s); the protocol still says 10.
        m_sandbox->eventSub()->setTimeScale(0.05);
        m_sandbox->eventSub()->setRequireSubscription(false);
        QString error;
        QVERIFY2(m_sandbox->start(&error), qPrintable(error));
        m_http = std::make_unique<SandboxClient>(m_sandbox->certificate());
    }

    void cleanup()
    {
        m_http.reset();
        m_sandbox.reset();
    }

    void missingAuthorizationIs403_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("version");
        QTest::addColumn<QStringList>("scopes");
        QTest::addColumn<bool>("asSelf");
        QTest::newRow("chat without user:read:chat") << "channel.chat.message"
                                                     << "1" << QStringList{} << true;
        QTest::newRow("chat as someone else")
            << "channel.chat.message"
            << "1" << QStringList{QStringLiteral("user:read:chat")} << false;
        QStringList partial = moderateScopes();
        partial.removeAll(QStringLiteral("moderator:read:vips"));
        QTest::newRow("moderate v2 without one scope") << "channel.moderate"
                                                       << "2" << partial << true;
        QTest::newRow("channel.ban is broadcaster-only")
            << "channel.ban"
            << "1" << QStringList{QStringLiteral("channel:moderate")} << true;
    }

    void missingAuthorizationIs403()
    {
        QFETCH(QString, type);
        QFETCH(QString, version);
        QFETCH(QStringList, scopes);
        QFETCH(bool, asSelf);
        auto probe = connectProbe();
        QVERIFY(probe->waitWelcome());
        const QString mod = world()->demoUserId();
        QJsonObject condition{{QStringLiteral("broadcaster_user_id"), world()->broadcasterId()}};
        if (type.startsWith(QLatin1String("channel.chat")))
            condition.insert(QStringLiteral("user_id"), asSelf ? mod : world()->viewerId());
        else if (type == QLatin1String("channel.moderate"))
            condition.insert(QStringLiteral("moderator_user_id"), mod);
        const Reply r = subscribe(token(mod, scopes), type, version, condition, probe->sessionId);
        QCOMPARE(r.status, 403);
        QCOMPARE(r.object().value(QStringLiteral("status")).toInt(), 403);
    }

    void nonModeratorCannotSubscribeToModerate()
    {
        auto probe = connectProbe();
        QVERIFY(probe->waitWelcome());
        const QString viewer = world()->viewerId();
        const Reply r =
            subscribe(token(viewer, moderateScopes()), QStringLiteral("channel.moderate"),
                      QStringLiteral("2"),
                      {{QStringLiteral("broadcaster_user_id"), world()->broadcasterId()},
                       {QStringLiteral("moderator_user_id"), viewer}},
                      probe->sessionId);
        QCOMPARE(r.status, 403);
    }

    void badRequestsAre400()
    {
        auto probe = connectProbe();
        QVERIFY(probe->waitWelcome());
        const QString mod = world()->demoUserId();
        const QString t = token(mod, {QStringLiteral("user:read:chat")});
        QCOMPARE(subscribe(t, QStringLiteral("channel.chat.message"), QStringLiteral("7"),
                           chatCondition(mod), probe->sessionId)
                     .status,
                 400);
        QCOMPARE(subscribe(t, QStringLiteral("channel.chat.message"), QStringLiteral("1"),
                           {{QStringLiteral("broadcaster_user_id"), world()->broadcasterId()}},
                           probe->sessionId)
                     .status,
                 400);
        QCOMPARE(subscribe(t, QStringLiteral("channel.chat.message"), QStringLiteral("1"),
                           chatCondition(mod), QStringLiteral("no-such-session"))
                     .status,
                 400);
        QCOMPARE(subscribe(t, QStringLiteral("channel.raid"), QStringLiteral("1"),
                           {{QStringLiteral("from_broadcaster_user_id"), world()->broadcasterId()},
                            {QStringLiteral("to_broadcaster_user_id"), mod}},
                           probe->sessionId)
                     .status,
                 400);
        QCOMPARE(subscribe(t, QStringLiteral("channel.follow"), QStringLiteral("1"),
                           {{QStringLiteral("broadcaster_user_id"), world()->broadcasterId()}},
                           probe->sessionId)
                     .status,
                 410);
    }

    void duplicateIs409()
    {
        auto probe = connectProbe();
        QVERIFY(probe->waitWelcome());
        const QString mod = world()->demoUserId();
        const QString t = token(mod, {QStringLiteral("user:read:chat")});
        QCOMPARE(subscribe(t, QStringLiteral("channel.chat.message"), QStringLiteral("1"),
                           chatCondition(mod), probe->sessionId)
                     .status,
                 202);
        QCOMPARE(subscribe(t, QStringLiteral("channel.chat.message"), QStringLiteral("1"),
                           chatCondition(mod), probe->sessionId)
                     .status,
                 409);
    }

    void costCountsAgainstMaxTotalCost()
    {
        auto probe = connectProbe();
        QVERIFY(probe->waitWelcome());
        const QString mod = world()->demoUserId();
        const QString t = token(mod, {});
        // Own channel: free (§4.4).
        const Reply own =
            subscribe(t, QStringLiteral("stream.online"), QStringLiteral("1"),
                      {{QStringLiteral("broadcaster_user_id"), mod}}, probe->sessionId);
        QCOMPARE(own.status, 202);
        QCOMPARE(own.object()
                     .value(QStringLiteral("data"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("cost"))
                     .toInt(),
                 0);
        Reply last;
        for (int i = 0; i < 10; ++i) {
            const QString channel = world()->addUser(QStringLiteral("chan_%1").arg(i)).id;
            last = subscribe(t, QStringLiteral("stream.online"), QStringLiteral("1"),
                             {{QStringLiteral("broadcaster_user_id"), channel}}, probe->sessionId);
            QCOMPARE(last.status, 202);
        }
        QCOMPARE(last.object().value(QStringLiteral("total_cost")).toInt(), 10);
        QCOMPARE(last.object().value(QStringLiteral("total")).toInt(), 11);
        const QString eleventh = world()->addUser(QStringLiteral("chan_x")).id;
        QCOMPARE(subscribe(t, QStringLiteral("stream.online"), QStringLiteral("1"),
                           {{QStringLiteral("broadcaster_user_id"), eleventh}}, probe->sessionId)
                     .status,
                 429);
    }

    void connectionLimitIsThree()
    {
        const QString mod = world()->demoUserId();
        const QString t = token(mod, {QStringLiteral("user:read:chat")});
        std::vector<std::unique_ptr<EventSubProbe>> probes;
        for (int i = 0; i < 4; ++i) {
            probes.push_back(connectProbe());
            QVERIFY(probes.back()->waitWelcome());
            const QString channel = world()->addUser(QStringLiteral("limit_%1").arg(i)).id;
            const Reply r =
                subscribe(t, QStringLiteral("channel.chat.message"), QStringLiteral("1"),
                          {{QStringLiteral("broadcaster_user_id"), channel},
                           {QStringLiteral("user_id"), mod}},
                          probes.back()->sessionId);
            QCOMPARE(r.status, i < 3 ? 202 : 429);
        }
    }

    void listFiltersAndDelete()
    {
        auto probe = connectProbe();
        QVERIFY(probe->waitWelcome());
        const QString mod = world()->demoUserId();
        const QString t = token(mod, {QStringLiteral("user:read:chat")});
        const Reply created = subscribe(t, QStringLiteral("channel.chat.message"),
                                        QStringLiteral("1"), chatCondition(mod), probe->sessionId);
        QCOMPARE(created.status, 202);
        QCOMPARE(subscribe(t, QStringLiteral("channel.chat.clear"), QStringLiteral("1"),
                           chatCondition(mod), probe->sessionId)
                     .status,
                 202);
        const QString id = created.object()
                               .value(QStringLiteral("data"))
                               .toArray()
                               .first()
                               .toObject()
                               .value(QStringLiteral("id"))
                               .toString();
        const Headers h = SandboxClient::authHeaders(m_sandbox->clientId(), t);

        QUrlQuery two;
        two.addQueryItem(QStringLiteral("type"), QStringLiteral("channel.chat.clear"));
        two.addQueryItem(QStringLiteral("status"), QStringLiteral("enabled"));
        QCOMPARE(m_http->get(subsUrl(two), h).status, 400);

        QUrlQuery byType;
        byType.addQueryItem(QStringLiteral("type"), QStringLiteral("channel.chat.clear"));
        const Reply list = m_http->get(subsUrl(byType), h);
        QCOMPARE(list.status, 200);
        QCOMPARE(list.object().value(QStringLiteral("data")).toArray().size(), 1);
        QVERIFY(list.object().contains(QStringLiteral("pagination")));
        QCOMPARE(list.object().value(QStringLiteral("max_total_cost")).toInt(), 10);

        QUrlQuery del;
        del.addQueryItem(QStringLiteral("id"), id);
        QCOMPARE(m_http->del(subsUrl(del), h).status, 204);
        QCOMPARE(m_http->del(subsUrl(del), h).status, 404);
        QCOMPARE(m_http->del(subsUrl(), h).status, 400);
        const Reply after = m_http->get(subsUrl(), h);
        QCOMPARE(after.object().value(QStringLiteral("data")).toArray().size(), 1);
    }

    void subscriptionsPerConnectionAreLimited()
    {
        // §4.4: 300 per connection in production; configurable, so 3 here.
        Config config;
        config.maxSubscriptionsPerConnection = 3;
        m_http.reset();
        m_sandbox = std::make_unique<Sandbox>(config);
        m_sandbox->eventSub()->setRequireSubscription(false);
        QString error;
        QVERIFY2(m_sandbox->start(&error), qPrintable(error));
        m_http = std::make_unique<SandboxClient>(m_sandbox->certificate());
        auto probe = connectProbe();
        QVERIFY(probe->waitWelcome());
        const QString mod = world()->demoUserId();
        const QString t = token(mod, {QStringLiteral("user:read:chat")});
        const QStringList types{QStringLiteral("channel.chat.message"),
                                QStringLiteral("channel.chat.clear"),
                                QStringLiteral("channel.chat.message_delete"),
                                QStringLiteral("channel.chat.notification")};
        for (int i = 0; i < types.size(); ++i) {
            QCOMPARE(
                subscribe(t, types.at(i), QStringLiteral("1"), chatCondition(mod), probe->sessionId)
                    .status,
                i < 3 ? 202 : 429);
        }
    }
};

ROOMWARDEN_TEST_MAIN_CORE(TestSandboxEventSubHelix)
#include "TestSandboxEventSubHelix.moc"
