// The EventSub part of the control API (/sandbox/eventsub/..., documented in sandbox/Sandbox.h),
// end to end: HTTPS with the pinned certificate on the control side, a real WSS client
// (EventSubProbe) on the other, and the effect of every route seen by that client.
#include "EventSubProbe.h"
#include "sandbox/EventSubServer.h"
#include "SandboxFixture.h"
#include "TestMain.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>

#include <memory>

using namespace roomwarden::sandbox;
using namespace roomwarden::sandbox::test;

class TestSandboxControlEventSub : public QObject
{
    Q_OBJECT

private:
    SandboxFixture f;
    QString m_chatToken;

    Headers admin() const
    {
        return {{"Authorization", "Bearer " + f.sandbox->adminToken().toLatin1()},
                {"Content-Type", "application/json"}};
    }
    QUrl control(const QString &path) const
    {
        return SandboxClient::url(f.sandbox->controlBaseUrl(), QStringLiteral("/eventsub") + path);
    }
    Reply post(const QString &path, const QJsonObject &body)
    {
        return f.client->post(control(path), admin(), SandboxClient::json(body));
    }
    Reply postRaw(const QString &path, const QByteArray &body)
    {
        return f.client->post(control(path), admin(), body);
    }
    QJsonArray sessions()
    {
        const Reply r = f.client->get(control(QStringLiteral("/sessions")), admin());
        return r.object().value(QStringLiteral("data")).toArray();
    }
    QJsonObject sessionEntry(const QString &id)
    {
        for (const QJsonValue &v : sessions()) {
            if (v.toObject().value(QStringLiteral("id")).toString() == id)
                return v.toObject();
        }
        return {};
    }
    std::unique_ptr<EventSubProbe> connected(const QUrl &url = {})
    {
        auto probe = std::make_unique<EventSubProbe>(f.sandbox->certificate());
        probe->open(url.isEmpty() ? f.sandbox->eventSubUrl() : url);
        return probe;
    }
    QJsonObject chatCondition() const
    {
        return {{QStringLiteral("broadcaster_user_id"), f.bid()},
                {QStringLiteral("user_id"), f.mod()}};
    }
    // Subscribes the demo moderator to channel.chat.message on the probe's session; returns the
    // subscription object of the 202 reply (empty on failure).
    QJsonObject subscribeChat(const EventSubProbe &probe)
    {
        const QJsonObject body{{QStringLiteral("type"), QStringLiteral("channel.chat.message")},
                               {QStringLiteral("version"), QStringLiteral("1")},
                               {QStringLiteral("condition"), chatCondition()},
                               {QStringLiteral("transport"),
                                QJsonObject{{QStringLiteral("method"), QStringLiteral("websocket")},
                                            {QStringLiteral("session_id"), probe.sessionId}}}};
        const Reply r = f.client->post(f.helix(QStringLiteral("/eventsub/subscriptions")),
                                       f.headers(m_chatToken), SandboxClient::json(body));
        if (r.status != 202)
            return {};
        return r.object().value(QStringLiteral("data")).toArray().first().toObject();
    }
    QString helixStatus(const QString &subscriptionId)
    {
        QUrlQuery q;
        q.addQueryItem(QStringLiteral("subscription_id"), subscriptionId);
        const Reply r = f.client->get(f.helix(QStringLiteral("/eventsub/subscriptions"), q),
                                      f.headers(m_chatToken));
        return r.object()
            .value(QStringLiteral("data"))
            .toArray()
            .first()
            .toObject()
            .value(QStringLiteral("status"))
            .toString();
    }
    QJsonObject chatEvent(const QString &broadcasterId, const QString &text) const
    {
        return {
            {QStringLiteral("broadcaster_user_id"), broadcasterId},
            {QStringLiteral("broadcaster_user_login"), QStringLiteral("injected_channel")},
            {QStringLiteral("broadcaster_user_name"), QStringLiteral("Injected_Channel")},
            {QStringLiteral("chatter_user_id"), f.viewer()},
            {QStringLiteral("chatter_user_login"), QStringLiteral("injected_viewer")},
            {QStringLiteral("chatter_user_name"), QStringLiteral("Injected_Viewer")},
            {QStringLiteral("message_id"), QStringLiteral("cc106a89-1814-919d-454c-f4f2f970aae7")},
            {QStringLiteral("message"),
             QJsonObject{{QStringLiteral("text"), text},
                         {QStringLiteral("fragments"),
                          QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                                 {QStringLiteral("text"), text},
                                                 {QStringLiteral("cheermote"), QJsonValue::Null},
                                                 {QStringLiteral("emote"), QJsonValue::Null},
                                                 {QStringLiteral("mention"), QJsonValue::Null}}}}}},
            {QStringLiteral("message_type"), QStringLiteral("text")},
            {QStringLiteral("badges"), QJsonArray()},
            {QStringLiteral("cheer"), QJsonValue::Null},
            {QStringLiteral("color"), QStringLiteral("#00FF7F")},
            {QStringLiteral("reply"), QJsonValue::Null},
            {QStringLiteral("channel_points_custom_reward_id"), QJsonValue::Null}};
    }
    QJsonObject publishBody(const QJsonObject &event) const
    {
        return {{QStringLiteral("type"), QStringLiteral("channel.chat.message")},
                {QStringLiteral("version"), QStringLiteral("1")},
                {QStringLiteral("event"), event}};
    }
    static void verifyHelixError(const Reply &r, int status)
    {
        QCOMPARE(r.status, status);
        QCOMPARE(r.object().value(QStringLiteral("status")).toInt(), status);
        QVERIFY(!r.object().value(QStringLiteral("error")).toString().isEmpty());
        QVERIFY(!r.message().isEmpty());
    }
    static QJsonObject sessionOf(const QJsonObject &message)
    {
        return message.value(QStringLiteral("payload"))
            .toObject()
            .value(QStringLiteral("session"))
            .toObject();
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(f.start());
        // keepalive 10 s → 0.5 s, reconnect grace 30 s → 1.5 s; sockets may stay unsubscribed.
        f.sandbox->eventSub()->setTimeScale(0.05);
        f.sandbox->eventSub()->setRequireSubscription(false);
        m_chatToken = f.token({QStringLiteral("user:read:chat")});
    }
    void cleanup() { f.stop(); }

    void everyRouteRequiresTheAdminToken_data()
    {
        QTest::addColumn<QByteArray>("verb");
        QTest::addColumn<QString>("path");
        QTest::newRow("sessions") << QByteArray("GET") << "/sessions";
        for (const char *p :
             {"/reconnect", "/drop", "/close", "/revoke", "/keepalive", "/duplicates", "/publish"})
            QTest::newRow(p) << QByteArray("POST") << QString::fromLatin1(p);
    }
    void everyRouteRequiresTheAdminToken()
    {
        QFETCH(QByteArray, verb);
        QFETCH(QString, path);
        auto probe = connected();
        QVERIFY(probe->waitWelcome());
        const QByteArray body =
            SandboxClient::json({{QStringLiteral("session_id"), probe->sessionId},
                                 {QStringLiteral("code"), 4006},
                                 {QStringLiteral("enabled"), false}});
        const Headers none{{"Content-Type", "application/json"}};
        verifyHelixError(f.client->send(verb, control(path), none, body), 401);
        const Headers wrong{{"Authorization", "Bearer not-the-admin-token"},
                            {"Content-Type", "application/json"}};
        verifyHelixError(f.client->send(verb, control(path), wrong, body), 401);
        // A user access token is no admin token either.
        verifyHelixError(f.client->send(verb, control(path), f.headers(m_chatToken), body), 401);
        // Nothing happened to the socket or the switches.
        QVERIFY(!probe->disconnected);
        QVERIFY(probe->ofType(QStringLiteral("session_reconnect")).isEmpty());
        QVERIFY(f.sandbox->eventSub()->keepaliveEnabled());
        QVERIFY(!f.sandbox->eventSub()->duplicateDelivery());
    }

    void sessionsListsSocketsAndTheirSubscriptions()
    {
        const Reply empty = f.client->get(control(QStringLiteral("/sessions")), admin());
        QCOMPARE(empty.status, 200);
        QCOMPARE(empty.object().value(QStringLiteral("total")).toInt(), 0);
        QVERIFY(empty.object().value(QStringLiteral("data")).toArray().isEmpty());

        auto a = connected();
        auto b = connected();
        QVERIFY(a->waitWelcome());
        QVERIFY(b->waitWelcome());
        const QJsonObject sub = subscribeChat(*a);
        QVERIFY(!sub.isEmpty());

        const Reply r = f.client->get(control(QStringLiteral("/sessions")), admin());
        QCOMPARE(r.status, 200);
        QCOMPARE(r.object().value(QStringLiteral("total")).toInt(), 2);
        QCOMPARE(r.object().value(QStringLiteral("keepalive_enabled")).toBool(), true);
        QCOMPARE(r.object().value(QStringLiteral("duplicate_delivery")).toBool(), false);
        const QJsonObject sa = sessionEntry(a->sessionId);
        const QJsonObject sb = sessionEntry(b->sessionId);
        QCOMPARE(sa.value(QStringLiteral("status")).toString(), QStringLiteral("connected"));
        // The same connected_at the client saw in its welcome.
        QCOMPARE(sa.value(QStringLiteral("connected_at")).toString(),
                 sessionOf(a->ofType(QStringLiteral("session_welcome")).first())
                     .value(QStringLiteral("connected_at"))
                     .toString());
        QCOMPARE(sa.value(QStringLiteral("keepalive_timeout_seconds")).toInt(), 10);
        QCOMPARE(sa.value(QStringLiteral("subscription_count")).toInt(), 1);
        QCOMPARE(sa.value(QStringLiteral("enabled_subscription_count")).toInt(), 1);
        const QJsonObject listed =
            sa.value(QStringLiteral("subscriptions")).toArray().first().toObject();
        QCOMPARE(listed.value(QStringLiteral("id")).toString(),
                 sub.value(QStringLiteral("id")).toString());
        QCOMPARE(listed.value(QStringLiteral("type")).toString(),
                 QStringLiteral("channel.chat.message"));
        QCOMPARE(listed.value(QStringLiteral("version")).toString(), QStringLiteral("1"));
        QCOMPARE(listed.value(QStringLiteral("status")).toString(), QStringLiteral("enabled"));
        QCOMPARE(listed.value(QStringLiteral("condition")).toObject(), chatCondition());
        QCOMPARE(sb.value(QStringLiteral("subscription_count")).toInt(), 0);
        QVERIFY(sb.value(QStringLiteral("subscriptions")).toArray().isEmpty());

        // A socket the client closes leaves the list.
        b->socket().close();
        QTRY_COMPARE_WITH_TIMEOUT(sessions().size(), 1, 5000);
    }

    void dropBreaksTheSocketWithoutACloseFrame()
    {
        auto probe = connected();
        QVERIFY(probe->waitWelcome());
        const QString subId = subscribeChat(*probe).value(QStringLiteral("id")).toString();
        QVERIFY(!subId.isEmpty());
        // A close handshake (received close frame) makes QWebSocket emit aboutToClose; a
        // connection that just breaks goes straight to disconnected.
        QSignalSpy aboutToClose(&probe->socket(), &QWebSocket::aboutToClose);
        const Reply r =
            post(QStringLiteral("/drop"), {{QStringLiteral("session_id"), probe->sessionId}});
        QCOMPARE(r.status, 200);
        QVERIFY(probe->waitDisconnected());
        QCOMPARE(aboutToClose.count(), 0);
        QVERIFY(probe->socket().closeReason().isEmpty());
        QVERIFY(probe->closeCode < 4000);
        QTRY_COMPARE_WITH_TIMEOUT(helixStatus(subId), QStringLiteral("websocket_network_error"),
                                  5000);
        QTRY_VERIFY_WITH_TIMEOUT(sessionEntry(probe->sessionId).isEmpty(), 5000);
        // The session is gone now.
        verifyHelixError(
            post(QStringLiteral("/drop"), {{QStringLiteral("session_id"), probe->sessionId}}), 404);
    }

    void reconnectSendsSessionReconnectAndTheSubscriptionsMove()
    {
        auto a = connected();
        auto b = connected();
        QVERIFY(a->waitWelcome());
        QVERIFY(b->waitWelcome());
        const QString subId = subscribeChat(*a).value(QStringLiteral("id")).toString();
        QVERIFY(!subId.isEmpty());

        const Reply one =
            post(QStringLiteral("/reconnect"), {{QStringLiteral("session_id"), a->sessionId}});
        QCOMPARE(one.status, 200);
        QCOMPARE(one.object().value(QStringLiteral("sent")).toInt(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(a->ofType(QStringLiteral("session_reconnect")).size(), 1, 5000);
        const QJsonObject session =
            sessionOf(a->ofType(QStringLiteral("session_reconnect")).first());
        QCOMPARE(session.value(QStringLiteral("id")).toString(), a->sessionId);
        QCOMPARE(session.value(QStringLiteral("status")).toString(),
                 QStringLiteral("reconnecting"));
        const QUrl reconnectUrl(session.value(QStringLiteral("reconnect_url")).toString());
        QCOMPARE(reconnectUrl.scheme(), QStringLiteral("wss"));
        QCOMPARE(reconnectUrl.host(), QStringLiteral("127.0.0.1"));
        QCOMPARE(sessionEntry(a->sessionId).value(QStringLiteral("status")).toString(),
                 QStringLiteral("reconnecting"));

        // Without session_id: every open session not already reconnecting — only b here.
        const Reply all = f.client->post(control(QStringLiteral("/reconnect")), admin());
        QCOMPARE(all.status, 200);
        QCOMPARE(all.object().value(QStringLiteral("sent")).toInt(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(b->ofType(QStringLiteral("session_reconnect")).size(), 1, 5000);
        QCOMPARE(a->ofType(QStringLiteral("session_reconnect")).size(), 1);

        // Following the reconnect_url carries the subscription to the new session.
        auto moved = connected(reconnectUrl);
        QVERIFY(moved->waitWelcome());
        a->socket().close();
        QTRY_COMPARE_WITH_TIMEOUT(sessionEntry(moved->sessionId)
                                      .value(QStringLiteral("subscriptions"))
                                      .toArray()
                                      .first()
                                      .toObject()
                                      .value(QStringLiteral("id"))
                                      .toString(),
                                  subId, 5000);
        QCOMPARE(helixStatus(subId), QStringLiteral("enabled"));
    }

    void closeSendsTheCode_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("status");
        QTest::newRow("4000") << 4000 << "websocket_internal_error";
        QTest::newRow("4005") << 4005 << "websocket_network_timeout";
        QTest::newRow("4006") << 4006 << "websocket_network_error";
    }
    void closeSendsTheCode()
    {
        QFETCH(int, code);
        QFETCH(QString, status);
        auto probe = connected();
        QVERIFY(probe->waitWelcome());
        const QString subId = subscribeChat(*probe).value(QStringLiteral("id")).toString();
        QSignalSpy aboutToClose(&probe->socket(), &QWebSocket::aboutToClose);
        const Reply r =
            post(QStringLiteral("/close"), {{QStringLiteral("session_id"), probe->sessionId},
                                            {QStringLiteral("code"), code}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.object().value(QStringLiteral("code")).toInt(), code);
        QVERIFY(probe->waitDisconnected());
        QCOMPARE(probe->closeCode, code);
        QVERIFY(aboutToClose.count() > 0); // a real close handshake, unlike /drop
        QVERIFY(!probe->socket().closeReason().isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(helixStatus(subId), status, 5000);
    }

    void closeRejectsOtherCodes_data()
    {
        QTest::addColumn<QString>("codeJson");
        QTest::newRow("missing") << QString();
        QTest::newRow("1000") << "1000";
        QTest::newRow("3999") << "3999";
        QTest::newRow("4008") << "4008";
        QTest::newRow("fraction") << "4006.5";
        QTest::newRow("string") << "\"4006\"";
        QTest::newRow("null") << "null";
    }
    void closeRejectsOtherCodes()
    {
        QFETCH(QString, codeJson);
        auto probe = connected();
        QVERIFY(probe->waitWelcome());
        QByteArray body = "{\"session_id\":\"" + probe->sessionId.toLatin1() + "\"";
        if (!codeJson.isEmpty())
            body += ",\"code\":" + codeJson.toLatin1();
        body += "}";
        verifyHelixError(postRaw(QStringLiteral("/close"), body), 400);
        QVERIFY(!sessionEntry(probe->sessionId).isEmpty());
        QVERIFY(!probe->disconnected);
    }

    void unknownSessionIs404_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("drop") << "/drop";
        QTest::newRow("close") << "/close";
        QTest::newRow("reconnect") << "/reconnect";
    }
    void unknownSessionIs404()
    {
        QFETCH(QString, path);
        verifyHelixError(post(path, {{QStringLiteral("session_id"), QStringLiteral("AQoQnope")},
                                     {QStringLiteral("code"), 4006}}),
                         404);
    }

    void missingOrIllTypedFieldsAre400_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("malformed json") << "/drop" << QByteArray("{\"session_id\":");
        QTest::newRow("not an object") << "/reconnect" << QByteArray("[\"x\"]");
        QTest::newRow("drop: no session") << "/drop" << QByteArray();
        QTest::newRow("drop: number") << "/drop" << QByteArray("{\"session_id\":7}");
        QTest::newRow("close: no session") << "/close" << QByteArray("{\"code\":4006}");
        QTest::newRow("reconnect: empty id") << "/reconnect" << QByteArray("{\"session_id\":\"\"}");
        QTest::newRow("revoke: no id") << "/revoke" << QByteArray("{}");
        QTest::newRow("revoke: bad status")
            << "/revoke" << QByteArray("{\"subscription_id\":\"x\",\"status\":\"enabled\"}");
        QTest::newRow("keepalive: missing") << "/keepalive" << QByteArray("{}");
        QTest::newRow("keepalive: string") << "/keepalive" << QByteArray("{\"enabled\":\"no\"}");
        QTest::newRow("duplicates: number") << "/duplicates" << QByteArray("{\"enabled\":1}");
        QTest::newRow("publish: no type")
            << "/publish" << QByteArray("{\"version\":\"1\",\"event\":{}}");
        QTest::newRow("publish: no version")
            << "/publish" << QByteArray("{\"type\":\"stream.offline\",\"event\":{}}");
        QTest::newRow("publish: no event")
            << "/publish" << QByteArray("{\"type\":\"stream.offline\",\"version\":\"1\"}");
        QTest::newRow("publish: event array")
            << "/publish"
            << QByteArray("{\"type\":\"stream.offline\",\"version\":\"1\",\"event\":[]}");
        QTest::newRow("publish: unknown type")
            << "/publish"
            << QByteArray("{\"type\":\"channel.nope\",\"version\":\"1\",\"event\":{}}");
        QTest::newRow("publish: removed version")
            << "/publish"
            << QByteArray("{\"type\":\"channel.follow\",\"version\":\"1\",\"event\":{}}");
        QTest::newRow("publish: match not strings")
            << "/publish"
            << QByteArray("{\"type\":\"stream.offline\",\"version\":\"1\",\"event\":{},"
                          "\"match\":{\"broadcaster_user_id\":1}}");
    }
    void missingOrIllTypedFieldsAre400()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        verifyHelixError(postRaw(path, body), 400);
        // The sandbox is still answering.
        QCOMPARE(f.client->get(control(QStringLiteral("/sessions")), admin()).status, 200);
    }

    void unknownRouteOrVerbIs404()
    {
        verifyHelixError(f.client->get(control(QStringLiteral("/reconnect")), admin()), 404);
        verifyHelixError(f.client->post(control(QStringLiteral("/sessions")), admin()), 404);
        verifyHelixError(post(QStringLiteral("/nope"), {}), 404);
    }

    void revokeSendsARevocationMessage_data()
    {
        QTest::addColumn<QString>("status"); // empty = the default
        QTest::newRow("default") << QString();
        QTest::newRow("user_removed") << "user_removed";
    }
    void revokeSendsARevocationMessage()
    {
        QFETCH(QString, status);
        const QString expected =
            status.isEmpty() ? QStringLiteral("authorization_revoked") : status;
        auto probe = connected();
        QVERIFY(probe->waitWelcome());
        const QString subId = subscribeChat(*probe).value(QStringLiteral("id")).toString();
        QVERIFY(!subId.isEmpty());
        QJsonObject body{{QStringLiteral("subscription_id"), subId}};
        if (!status.isEmpty())
            body.insert(QStringLiteral("status"), status);
        const Reply r = post(QStringLiteral("/revoke"), body);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.object().value(QStringLiteral("status")).toString(), expected);
        QTRY_COMPARE_WITH_TIMEOUT(probe->ofType(QStringLiteral("revocation")).size(), 1, 5000);
        const QJsonObject rev = probe->ofType(QStringLiteral("revocation")).first();
        const QJsonObject meta = rev.value(QStringLiteral("metadata")).toObject();
        QCOMPARE(meta.value(QStringLiteral("subscription_type")).toString(),
                 QStringLiteral("channel.chat.message"));
        QCOMPARE(meta.value(QStringLiteral("subscription_version")).toString(),
                 QStringLiteral("1"));
        const QJsonObject payload = rev.value(QStringLiteral("payload")).toObject();
        QVERIFY(!payload.contains(QStringLiteral("event")));
        const QJsonObject sub = payload.value(QStringLiteral("subscription")).toObject();
        QCOMPARE(sub.value(QStringLiteral("id")).toString(), subId);
        QCOMPARE(sub.value(QStringLiteral("status")).toString(), expected);
        QCOMPARE(helixStatus(subId), expected);

        // Published events no longer reach it.
        const Reply pub = post(QStringLiteral("/publish"),
                               publishBody(chatEvent(f.bid(), QStringLiteral("unheard"))));
        QCOMPARE(pub.object().value(QStringLiteral("delivered")).toInt(), 0);

        // Twice: no longer enabled. Unknown id: 404.
        verifyHelixError(
            post(QStringLiteral("/revoke"), {{QStringLiteral("subscription_id"), subId}}), 409);
        verifyHelixError(post(QStringLiteral("/revoke"),
                              {{QStringLiteral("subscription_id"),
                                QStringLiteral("00000000-0000-4000-8000-000000000000")}}),
                         404);
    }

    void publishDeliversTheExactEnvelope()
    {
        auto probe = connected();
        QVERIFY(probe->waitWelcome());
        QJsonObject sub = subscribeChat(*probe);
        QVERIFY(!sub.isEmpty());

        // Another channel's event matches no condition: nobody gets it.
        const Reply elsewhere =
            post(QStringLiteral("/publish"),
                 publishBody(chatEvent(QStringLiteral("999999"), QStringLiteral("elsewhere"))));
        QCOMPARE(elsewhere.status, 200);
        QCOMPARE(elsewhere.object().value(QStringLiteral("delivered")).toInt(), 0);

        const QJsonObject event = chatEvent(f.bid(), QStringLiteral("hello from control"));
        const Reply r = post(QStringLiteral("/publish"), publishBody(event));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.object().value(QStringLiteral("delivered")).toInt(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(probe->notifications().size(), 1, 5000);
        const QJsonObject n = probe->notifications().first();
        QCOMPARE(n.keys(), (QStringList{QStringLiteral("metadata"), QStringLiteral("payload")}));

        const QJsonObject meta = n.value(QStringLiteral("metadata")).toObject();
        QCOMPARE(meta.keys(),
                 (QStringList{QStringLiteral("message_id"), QStringLiteral("message_timestamp"),
                              QStringLiteral("message_type"), QStringLiteral("subscription_type"),
                              QStringLiteral("subscription_version")}));
        QCOMPARE(meta.value(QStringLiteral("message_type")).toString(),
                 QStringLiteral("notification"));
        QCOMPARE(meta.value(QStringLiteral("subscription_type")).toString(),
                 QStringLiteral("channel.chat.message"));
        QCOMPARE(meta.value(QStringLiteral("subscription_version")).toString(),
                 QStringLiteral("1"));
        static const QRegularExpression uuid(QStringLiteral(
            "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));
        QVERIFY(uuid.match(meta.value(QStringLiteral("message_id")).toString()).hasMatch());
        static const QRegularExpression rfc3339ns(
            QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z$"));
        QVERIFY(
            rfc3339ns.match(meta.value(QStringLiteral("message_timestamp")).toString()).hasMatch());

        const QJsonObject payload = n.value(QStringLiteral("payload")).toObject();
        QCOMPARE(payload.keys(),
                 (QStringList{QStringLiteral("event"), QStringLiteral("subscription")}));
        // The event exactly as posted; the subscription as Helix created it, minus the
        // Helix-only transport.connected_at (§3.4 vs §4.6).
        QCOMPARE(payload.value(QStringLiteral("event")).toObject(), event);
        QJsonObject transport = sub.value(QStringLiteral("transport")).toObject();
        transport.remove(QStringLiteral("connected_at"));
        sub.insert(QStringLiteral("transport"), transport);
        QCOMPARE(payload.value(QStringLiteral("subscription")).toObject(), sub);
        QCOMPARE(probe->notifications().size(), 1);
    }

    void publishWithAnExplicitMatch()
    {
        auto probe = connected();
        QVERIFY(probe->waitWelcome());
        QVERIFY(!subscribeChat(*probe).isEmpty());
        QJsonObject body =
            publishBody(chatEvent(QStringLiteral("999999"), QStringLiteral("routed")));
        body.insert(QStringLiteral("match"),
                    QJsonObject{{QStringLiteral("broadcaster_user_id"), f.bid()}});
        const Reply r = post(QStringLiteral("/publish"), body);
        QCOMPARE(r.object().value(QStringLiteral("delivered")).toInt(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(probe->notifications().size(), 1, 5000);
        // A known type nobody subscribed to: accepted, delivered nowhere.
        const Reply offline =
            post(QStringLiteral("/publish"),
                 {{QStringLiteral("type"), QStringLiteral("stream.offline")},
                  {QStringLiteral("version"), QStringLiteral("1")},
                  {QStringLiteral("event"),
                   QJsonObject{{QStringLiteral("broadcaster_user_id"), f.bid()}}}});
        QCOMPARE(offline.status, 200);
        QCOMPARE(offline.object().value(QStringLiteral("delivered")).toInt(), 0);
    }

    void duplicatesSendEveryNotificationTwice()
    {
        auto probe = connected();
        QVERIFY(probe->waitWelcome());
        QVERIFY(!subscribeChat(*probe).isEmpty());
        const Reply on = post(QStringLiteral("/duplicates"), {{QStringLiteral("enabled"), true}});
        QCOMPARE(on.status, 200);
        QCOMPARE(on.object().value(QStringLiteral("enabled")).toBool(), true);
        QCOMPARE(post(QStringLiteral("/publish"),
                      publishBody(chatEvent(f.bid(), QStringLiteral("twice"))))
                     .object()
                     .value(QStringLiteral("delivered"))
                     .toInt(),
                 1);
        QTRY_COMPARE_WITH_TIMEOUT(probe->notifications().size(), 2, 5000);
        QCOMPARE(probe->notifications().at(0), probe->notifications().at(1));

        QCOMPARE(post(QStringLiteral("/duplicates"), {{QStringLiteral("enabled"), false}}).status,
                 200);
        post(QStringLiteral("/publish"), publishBody(chatEvent(f.bid(), QStringLiteral("once"))));
        QTRY_COMPARE_WITH_TIMEOUT(probe->notifications().size(), 3, 5000);
        QVERIFY(EventSubProbe::messageId(probe->notifications().at(2)) !=
                EventSubProbe::messageId(probe->notifications().at(0)));
        // Proof that "once" came once: the next keepalive arrives with nothing before it.
        const qsizetype seen = probe->messages.size();
        QTRY_VERIFY_WITH_TIMEOUT(probe->messages.size() > seen &&
                                     EventSubProbe::type(probe->messages.last()) ==
                                         QLatin1String("session_keepalive"),
                                 5000);
        QCOMPARE(probe->notifications().size(), 3);
    }

    void keepaliveCanBeSwitchedOffAndOn()
    {
        auto probe = connected();
        QVERIFY(probe->waitWelcome());
        // Keepalives flow at first (0.5 s at this time scale).
        QTRY_VERIFY_WITH_TIMEOUT(!probe->ofType(QStringLiteral("session_keepalive")).isEmpty(),
                                 5000);
        const Reply off = post(QStringLiteral("/keepalive"), {{QStringLiteral("enabled"), false}});
        QCOMPARE(off.status, 200);
        QCOMPARE(off.object().value(QStringLiteral("enabled")).toBool(), false);
        QCOMPARE(f.client->get(control(QStringLiteral("/sessions")), admin())
                     .object()
                     .value(QStringLiteral("keepalive_enabled"))
                     .toBool(),
                 false);
        // Three keepalive periods pass in silence...
        QSignalSpy frames(&probe->socket(), &QWebSocket::textMessageReceived);
        QVERIFY(!frames.wait(1500));
        // ...until they are switched back on.
        QCOMPARE(post(QStringLiteral("/keepalive"), {{QStringLiteral("enabled"), true}}).status,
                 200);
        QVERIFY(frames.wait(5000));
        QCOMPARE(EventSubProbe::type(probe->messages.last()), QStringLiteral("session_keepalive"));
    }
};

ROOMWARDEN_TEST_MAIN_CORE(TestSandboxControlEventSub)
#include "TestSandboxControlEventSub.moc"
