// Black-box conformance of the sandbox's EventSub WebSocket side (specs/twitch.md §3.4, §4):
// a real WSS socket trusting only the pinned certificate, subscriptions through Helix over HTTPS.
#include "EventSubProbe.h"
#include "sandbox/EventSubServer.h"
#include "sandbox/Sandbox.h"
#include "sandbox/World.h"
#include "SandboxClient.h"
#include "TestMain.h"

#include <memory>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSignalSpy>

using namespace roomwarden::sandbox;
using namespace roomwarden::sandbox::test;

namespace {
const QRegularExpression
    kNanoTimestamp(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z$"));
const QRegularExpression
    kUuid(QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));

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

class TestSandboxEventSub : public QObject
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

    void welcomeHasTheExactShape()
    {
        auto probe = connectProbe(QStringLiteral("keepalive_timeout_seconds=30"));
        QVERIFY(probe->waitWelcome());
        const QJsonObject welcome = probe->messages.first();
        const QJsonObject meta = welcome.value(QStringLiteral("metadata")).toObject();
        QCOMPARE(meta.keys().size(), 3);
        QCOMPARE(meta.value(QStringLiteral("message_type")).toString(),
                 QStringLiteral("session_welcome"));
        QVERIFY(kUuid.match(meta.value(QStringLiteral("message_id")).toString()).hasMatch());
        QVERIFY(kNanoTimestamp.match(meta.value(QStringLiteral("message_timestamp")).toString())
                    .hasMatch());
        const QJsonObject session = welcome.value(QStringLiteral("payload"))
                                        .toObject()
                                        .value(QStringLiteral("session"))
                                        .toObject();
        QVERIFY(!session.value(QStringLiteral("id")).toString().isEmpty());
        QCOMPARE(session.value(QStringLiteral("status")).toString(), QStringLiteral("connected"));
        QCOMPARE(session.value(QStringLiteral("keepalive_timeout_seconds")).toInt(), 30);
        QVERIFY(session.value(QStringLiteral("reconnect_url")).isNull());
        QVERIFY(kNanoTimestamp.match(session.value(QStringLiteral("connected_at")).toString())
                    .hasMatch());
    }

    void keepaliveIsClamped_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<int>("expected");
        QTest::newRow("default") << QString() << 10;
        QTest::newRow("below") << QStringLiteral("keepalive_timeout_seconds=3") << 10;
        QTest::newRow("above") << QStringLiteral("keepalive_timeout_seconds=9000") << 600;
        QTest::newRow("inside") << QStringLiteral("keepalive_timeout_seconds=45") << 45;
    }

    void keepaliveIsClamped()
    {
        QFETCH(QString, query);
        QFETCH(int, expected);
        auto probe = connectProbe(query);
        QVERIFY(probe->waitWelcome());
        const QJsonObject session = probe->messages.first()
                                        .value(QStringLiteral("payload"))
                                        .toObject()
                                        .value(QStringLiteral("session"))
                                        .toObject();
        QCOMPARE(session.value(QStringLiteral("keepalive_timeout_seconds")).toInt(), expected);
    }

    void keepaliveArrivesWhenIdle()
    {
        auto probe = connectProbe();
        QVERIFY(probe->waitWelcome());
        QTRY_VERIFY_WITH_TIMEOUT(!probe->ofType(QStringLiteral("session_keepalive")).isEmpty(),
                                 5000);
        const QJsonObject keepalive = probe->ofType(QStringLiteral("session_keepalive")).first();
        QCOMPARE(keepalive.value(QStringLiteral("payload")).toObject(), QJsonObject());
        QVERIFY(!keepalive.value(QStringLiteral("metadata"))
                     .toObject()
                     .contains(QStringLiteral("subscription_type")));
    }

    void inboundTextClosesWith4001()
    {
        auto probe = connectProbe();
        QVERIFY(probe->waitWelcome());
        probe->socket().sendTextMessage(QStringLiteral("{\"hello\":1}"));
        QVERIFY(probe->waitDisconnected());
        QCOMPARE(probe->closeCode, 4001);
    }

    void noSubscriptionClosesWith4003()
    {
        m_sandbox->eventSub()->setRequireSubscription(true);
        auto probe = connectProbe();
        QVERIFY(probe->waitWelcome());
        QVERIFY(probe->waitDisconnected());
        QCOMPARE(probe->closeCode, 4003);
    }

    void subscribeThenReceiveNotification()
    {
        m_sandbox->eventSub()->setRequireSubscription(true);
        auto probe = connectProbe(QStringLiteral("keepalive_timeout_seconds=120"));
        QVERIFY(probe->waitWelcome());
        const QString mod = world()->demoUserId();
        const Reply r = subscribe(token(mod, {QStringLiteral("user:read:chat")}),
                                  QStringLiteral("channel.chat.message"), QStringLiteral("1"),
                                  chatCondition(mod), probe->sessionId);
        QCOMPARE(r.status, 202);
        const QJsonObject body = r.object();
        QCOMPARE(body.value(QStringLiteral("total")).toInt(), 1);
        QCOMPARE(body.value(QStringLiteral("total_cost")).toInt(), 0);
        QCOMPARE(body.value(QStringLiteral("max_total_cost")).toInt(), 10);
        const QJsonObject sub = body.value(QStringLiteral("data")).toArray().first().toObject();
        QCOMPARE(sub.value(QStringLiteral("status")).toString(), QStringLiteral("enabled"));
        QCOMPARE(sub.value(QStringLiteral("cost")).toInt(), 0);
        QCOMPARE(sub.value(QStringLiteral("transport"))
                     .toObject()
                     .value(QStringLiteral("session_id"))
                     .toString(),
                 probe->sessionId);
        QVERIFY(sub.value(QStringLiteral("transport"))
                    .toObject()
                    .contains(QStringLiteral("connected_at")));

        const QString viewer = world()->viewerId();
        const QString text = QStringLiteral("Hi chat Kappa <b>bold</b> مرحبا 🎉");
        const QString messageId =
            world()->recordChatMessage(world()->broadcasterId(), viewer, text);
        QTRY_COMPARE_WITH_TIMEOUT(probe->notifications().size(), 1, 5000);
        const QJsonObject n = probe->notifications().first();
        const QJsonObject meta = n.value(QStringLiteral("metadata")).toObject();
        QCOMPARE(meta.value(QStringLiteral("subscription_type")).toString(),
                 QStringLiteral("channel.chat.message"));
        QCOMPARE(meta.value(QStringLiteral("subscription_version")).toString(),
                 QStringLiteral("1"));
        QVERIFY(kNanoTimestamp.match(meta.value(QStringLiteral("message_timestamp")).toString())
                    .hasMatch());
        const QJsonObject payloadSub = n.value(QStringLiteral("payload"))
                                           .toObject()
                                           .value(QStringLiteral("subscription"))
                                           .toObject();
        QCOMPARE(payloadSub.value(QStringLiteral("id")).toString(),
                 sub.value(QStringLiteral("id")).toString());
        QCOMPARE(payloadSub.value(QStringLiteral("condition")).toObject(), chatCondition(mod));
        QCOMPARE(payloadSub.value(QStringLiteral("transport")).toObject(),
                 (QJsonObject{{QStringLiteral("method"), QStringLiteral("websocket")},
                              {QStringLiteral("session_id"), probe->sessionId}}));
        const QJsonObject e = EventSubProbe::event(n);
        QCOMPARE(e.value(QStringLiteral("message_id")).toString(), messageId);
        QCOMPARE(e.value(QStringLiteral("chatter_user_id")).toString(), viewer);
        QCOMPARE(e.value(QStringLiteral("chatter_user_login")).toString(),
                 world()->user(viewer)->login);
        QCOMPARE(e.value(QStringLiteral("broadcaster_user_id")).toString(),
                 world()->broadcasterId());
        QCOMPARE(
            e.value(QStringLiteral("message")).toObject().value(QStringLiteral("text")).toString(),
            text);
        const QJsonArray fragments = e.value(QStringLiteral("message"))
                                         .toObject()
                                         .value(QStringLiteral("fragments"))
                                         .toArray();
        QCOMPARE(fragments.size(), 3); // "Hi chat ", Kappa, " <b>bold</b> مرحبا 🎉"
        QCOMPARE(fragments.at(1).toObject().value(QStringLiteral("type")).toString(),
                 QStringLiteral("emote"));
        QVERIFY(e.value(QStringLiteral("reply")).isNull());
        QCOMPARE(e.value(QStringLiteral("message_type")).toString(), QStringLiteral("text"));
        // A subscription made in time keeps the socket open past the 4003 window.
        QTRY_VERIFY_WITH_TIMEOUT(!probe->ofType(QStringLiteral("session_keepalive")).isEmpty() ||
                                     probe->disconnected,
                                 10000);
        QVERIFY(!probe->disconnected);
    }

    void onlyMatchingConditionsAreNotified()
    {
        auto probe = connectProbe();
        QVERIFY(probe->waitWelcome());
        const QString mod = world()->demoUserId();
        QCOMPARE(subscribe(token(mod, {QStringLiteral("user:read:chat")}),
                           QStringLiteral("channel.chat.message"), QStringLiteral("1"),
                           chatCondition(mod), probe->sessionId)
                     .status,
                 202);
        const QString other = world()->addUser(QStringLiteral("other_streamer")).id;
        world()->ensureChannel(other);
        world()->recordChatMessage(other, world()->viewerId(), QStringLiteral("elsewhere"));
        world()->recordChatMessage(world()->broadcasterId(), world()->viewerId(),
                                   QStringLiteral("here"));
        QTRY_COMPARE_WITH_TIMEOUT(probe->notifications().size(), 1, 5000);
        QCOMPARE(EventSubProbe::event(probe->notifications().first())
                     .value(QStringLiteral("message"))
                     .toObject()
                     .value(QStringLiteral("text"))
                     .toString(),
                 QStringLiteral("here"));
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

    void helixBanArrivesAsModerateV2()
    {
        auto probe = connectProbe();
        QVERIFY(probe->waitWelcome());
        const QString mod = world()->demoUserId();
        const QString b = world()->broadcasterId();
        const QString t = token(mod, moderateScopes());
        QCOMPARE(subscribe(t, QStringLiteral("channel.moderate"), QStringLiteral("2"),
                           {{QStringLiteral("broadcaster_user_id"), b},
                            {QStringLiteral("moderator_user_id"), mod}},
                           probe->sessionId)
                     .status,
                 202);
        QUrlQuery q;
        q.addQueryItem(QStringLiteral("broadcaster_id"), b);
        q.addQueryItem(QStringLiteral("moderator_id"), mod);
        const QString target = world()->viewerId();
        const QJsonObject body{{QStringLiteral("data"),
                                QJsonObject{{QStringLiteral("user_id"), target},
                                            {QStringLiteral("reason"), QStringLiteral("spam")}}}};
        const Reply ban = m_http->post(
            SandboxClient::url(m_sandbox->helixBaseUrl(), QStringLiteral("/moderation/bans"), q),
            SandboxClient::jsonHeaders(m_sandbox->clientId(), t), SandboxClient::json(body));
        QCOMPARE(ban.status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(probe->notifications(QStringLiteral("channel.moderate")).size(),
                                  1, 5000);
        const QJsonObject n = probe->notifications(QStringLiteral("channel.moderate")).first();
        QCOMPARE(n.value(QStringLiteral("metadata"))
                     .toObject()
                     .value(QStringLiteral("subscription_version"))
                     .toString(),
                 QStringLiteral("2"));
        const QJsonObject e = EventSubProbe::event(n);
        QCOMPARE(e.value(QStringLiteral("action")).toString(), QStringLiteral("ban"));
        QCOMPARE(e.value(QStringLiteral("moderator_user_id")).toString(), mod);
        QCOMPARE(e.value(QStringLiteral("broadcaster_user_id")).toString(), b);
        QVERIFY(e.contains(QStringLiteral("source_broadcaster_user_id")));
        QCOMPARE(
            e.value(QStringLiteral("ban")).toObject().value(QStringLiteral("user_id")).toString(),
            target);
        QCOMPARE(
            e.value(QStringLiteral("ban")).toObject().value(QStringLiteral("reason")).toString(),
            QStringLiteral("spam"));
        for (const char *k :
             {"timeout", "unban", "warn", "delete", "followers", "slow", "automod_terms"})
            QVERIFY2(e.value(QLatin1String(k)).isNull(), k);
    }
};

ROOMWARDEN_TEST_MAIN_CORE(TestSandboxEventSub)
#include "TestSandboxEventSub.moc"
