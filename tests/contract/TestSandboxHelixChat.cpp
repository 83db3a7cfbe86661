// Chat and channel endpoint conformance (specs/twitch.md §3.3): chat settings pairing and range
// rules, Send Chat Message, announcements (1 per 2 s), blocked terms, unban requests, followers
// (total only without scope/role), users/streams/channels.
#include "SandboxFixture.h"
#include "TestMain.h"

#include <QJsonArray>

using namespace roomwarden::sandbox;
using namespace roomwarden::sandbox::test;

class TestSandboxHelixChat : public QObject
{
    Q_OBJECT

private:
    SandboxFixture f;
    QString m_token;

    QJsonObject first(const Reply &r) const
    {
        return r.object().value(QStringLiteral("data")).toArray().at(0).toObject();
    }
    Reply patchSettings(const QJsonObject &body)
    {
        return f.client->patch(f.helix(QStringLiteral("/chat/settings"), f.modQuery()),
                               f.headers(m_token), SandboxClient::json(body));
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(f.start());
        m_token = f.token({QStringLiteral("moderator:manage:chat_settings"),
                           QStringLiteral("user:write:chat"),
                           QStringLiteral("moderator:manage:announcements"),
                           QStringLiteral("moderator:manage:blocked_terms"),
                           QStringLiteral("moderator:manage:unban_requests"),
                           QStringLiteral("moderator:read:followers")});
    }
    void cleanup() { f.stop(); }

    void getSettingsShape()
    {
        QUrlQuery q;
        q.addQueryItem(QStringLiteral("broadcaster_id"), f.bid());
        const QJsonObject plain = first(
            f.client->get(f.helix(QStringLiteral("/chat/settings"), q), f.headers(f.token({}))));
        QCOMPARE(plain.value(QStringLiteral("broadcaster_id")).toString(), f.bid());
        QVERIFY(plain.value(QStringLiteral("slow_mode_wait_time")).isNull());
        QVERIFY(!plain.contains(QStringLiteral("non_moderator_chat_delay")));
        QVERIFY(!plain.contains(QStringLiteral("moderator_id")));
        const QJsonObject mod = first(
            f.client->get(f.helix(QStringLiteral("/chat/settings"), f.modQuery()),
                          f.headers(f.token({QStringLiteral("moderator:read:chat_settings")}))));
        QCOMPARE(mod.value(QStringLiteral("moderator_id")).toString(), f.mod());
        QVERIFY(mod.contains(QStringLiteral("non_moderator_chat_delay")));
    }

    void settingsValidation_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        QTest::newRow("slow 2") << QByteArray("{\"slow_mode\":true,\"slow_mode_wait_time\":2}")
                                << 400
                                << QStringLiteral("slow_mode_wait_time must be greater than or "
                                                  "equal to 3, and less than or equal to 120");
        QTest::newRow("slow 121") << QByteArray("{\"slow_mode\":true,\"slow_mode_wait_time\":121}")
                                  << 400
                                  << QStringLiteral("slow_mode_wait_time must be greater than or "
                                                    "equal to 3, and less than or equal to 120");
        QTest::newRow("follower -1")
            << QByteArray("{\"follower_mode\":true,\"follower_mode_duration\":-1}") << 400
            << QStringLiteral("follower_mode_duration must be greater than or equal to 0, and less "
                              "than or equal to 129600");
        QTest::newRow("delay 3")
            << QByteArray(
                   "{\"non_moderator_chat_delay\":true,\"non_moderator_chat_delay_duration\":3}")
            << 400
            << QStringLiteral("non_moderator_chat_delay_duration must be one of the following "
                              "values: 2, 4, 6");
        QTest::newRow("duration without mode")
            << QByteArray("{\"slow_mode_wait_time\":10}") << 400 << QString();
        QTest::newRow("duration with mode false")
            << QByteArray("{\"slow_mode\":false,\"slow_mode_wait_time\":10}") << 400 << QString();
        QTest::newRow("bool as string")
            << QByteArray("{\"emote_mode\":\"true\"}") << 400 << QString();
        QTest::newRow("ok slow 10")
            << QByteArray("{\"slow_mode\":true,\"slow_mode_wait_time\":10}") << 200 << QString();
        QTest::newRow("ok delay 4")
            << QByteArray(
                   "{\"non_moderator_chat_delay\":true,\"non_moderator_chat_delay_duration\":4}")
            << 200 << QString();
    }
    void settingsValidation()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, message);
        const Reply r = f.client->patch(f.helix(QStringLiteral("/chat/settings"), f.modQuery()),
                                        f.headers(m_token), body);
        QCOMPARE(r.status, status);
        if (!message.isEmpty())
            QCOMPARE(r.message(), message);
        QCOMPARE(f.world()->actions().size(), status == 200 ? 1 : 0);
    }

    void settingsPairingRules()
    {
        // Mode true without a duration uses the default (slow 30 s, followers 0 min).
        QJsonObject o = first(patchSettings(
            {{QStringLiteral("slow_mode"), true}, {QStringLiteral("follower_mode"), true}}));
        QCOMPARE(o.value(QStringLiteral("slow_mode_wait_time")).toInt(), 30);
        QCOMPARE(o.value(QStringLiteral("follower_mode_duration")).toInt(), 0);
        QVERIFY(!o.value(QStringLiteral("follower_mode_duration")).isNull());
        // Mode false clears the duration.
        o = first(patchSettings({{QStringLiteral("slow_mode"), false}}));
        QCOMPARE(o.value(QStringLiteral("slow_mode")).toBool(), false);
        QVERIFY(o.value(QStringLiteral("slow_mode_wait_time")).isNull());
        QCOMPARE(o.value(QStringLiteral("follower_mode")).toBool(), true); // untouched
        QCOMPARE(f.world()->actions().last().kind, QStringLiteral("chat_settings"));
    }

    void sendChatMessage()
    {
        const QJsonObject body{{QStringLiteral("broadcaster_id"), f.bid()},
                               {QStringLiteral("sender_id"), f.mod()},
                               {QStringLiteral("message"), QStringLiteral("hello")}};
        const Reply r = f.client->post(f.helix(QStringLiteral("/chat/messages")),
                                       f.headers(m_token), SandboxClient::json(body));
        QCOMPARE(r.status, 200);
        QCOMPARE(first(r).value(QStringLiteral("is_sent")).toBool(), true);
        const QString id = first(r).value(QStringLiteral("message_id")).toString();
        QCOMPARE(f.world()->channel(f.bid())->messages.last().id, id);
        QJsonObject other = body;
        other.insert(QStringLiteral("sender_id"), f.viewer());
        QCOMPARE(f.client
                     ->post(f.helix(QStringLiteral("/chat/messages")), f.headers(m_token),
                            SandboxClient::json(other))
                     .status,
                 401);
        QJsonObject tooLong = body;
        tooLong.insert(QStringLiteral("message"), QString(501, QLatin1Char('x')));
        QCOMPARE(f.client
                     ->post(f.helix(QStringLiteral("/chat/messages")), f.headers(m_token),
                            SandboxClient::json(tooLong))
                     .status,
                 422);
    }

    void announcementsLimitedPerChannel()
    {
        f.world()->useManualClock(QDateTime::currentDateTimeUtc());
        const QUrl url = f.helix(QStringLiteral("/chat/announcements"), f.modQuery());
        const QByteArray body = "{\"message\":\"Hello chat!\",\"color\":\"purple\"}";
        QCOMPARE(f.client->post(url, f.headers(m_token), body).status, 204);
        const Reply again = f.client->post(url, f.headers(m_token), body);
        QCOMPARE(again.status, 429);
        QCOMPARE(again.object().value(QStringLiteral("error")).toString(),
                 QStringLiteral("Too Many Requests"));
        f.world()->advanceClock(2000);
        QCOMPARE(f.client->post(url, f.headers(m_token), body).status, 204);
        f.world()->advanceClock(2000);
        QCOMPARE(f.client
                     ->post(url, f.headers(m_token),
                            QByteArray("{\"message\":\"x\",\"color\":\"Purple\"}"))
                     .status,
                 400);
    }

    void blockedTerms()
    {
        const QUrl url = f.helix(QStringLiteral("/moderation/blocked_terms"), f.modQuery());
        const Reply added =
            f.client->post(url, f.headers(m_token), QByteArray("{\"text\":\"badword*\"}"));
        QCOMPARE(added.status, 200);
        const QString id = first(added).value(QStringLiteral("id")).toString();
        QVERIFY(first(added).value(QStringLiteral("expires_at")).isNull());
        // The same term again returns the existing one.
        QCOMPARE(
            first(f.client->post(url, f.headers(m_token), QByteArray("{\"text\":\"BADWORD*\"}")))
                .value(QStringLiteral("id"))
                .toString(),
            id);
        QCOMPARE(f.client->post(url, f.headers(m_token), QByteArray("{\"text\":\"x\"}")).status,
                 400);
        QCOMPARE(f.client->post(url, f.headers(m_token), QByteArray("{\"text\":\"ba*d\"}")).status,
                 400);
        const Reply list = f.client->get(url, f.headers(m_token));
        QCOMPARE(list.object().value(QStringLiteral("data")).toArray().size(), 1);
        const QUrl del = f.helix(QStringLiteral("/moderation/blocked_terms"),
                                 f.modQuery({}, {{QStringLiteral("id"), id}}));
        QCOMPARE(f.client->del(del, f.headers(m_token)).status, 204);
        QCOMPARE(f.client->del(del, f.headers(m_token)).status, 204); // unknown id: still 204
        QCOMPARE(f.world()->actions().last().kind, QStringLiteral("blocked_term_remove"));
    }

    void unbanRequests()
    {
        f.world()->applyAction({QStringLiteral("ban"), f.bid(), f.mod(), f.viewer(), {}, {}});
        const QString reqId =
            f.world()->createUnbanRequest(f.bid(), f.viewer(), QStringLiteral("sorry"));
        const QUrl noStatus = f.helix(QStringLiteral("/moderation/unban_requests"), f.modQuery());
        QCOMPARE(f.client->get(noStatus, f.headers(m_token)).status, 400);
        const Reply pending = f.client->get(
            f.helix(QStringLiteral("/moderation/unban_requests"),
                    f.modQuery({}, {{QStringLiteral("status"), QStringLiteral("pending")}})),
            f.headers(m_token));
        QCOMPARE(pending.status, 200);
        const QJsonObject o = first(pending);
        QCOMPARE(o.value(QStringLiteral("id")).toString(), reqId);
        QCOMPARE(o.value(QStringLiteral("text")).toString(), QStringLiteral("sorry"));
        QVERIFY(o.value(QStringLiteral("resolved_at")).isNull());
        QVERIFY(o.value(QStringLiteral("resolution_text")).isNull());

        const Reply resolved = f.client->patch(
            f.helix(QStringLiteral("/moderation/unban_requests"),
                    f.modQuery({}, {{QStringLiteral("unban_request_id"), reqId},
                                    {QStringLiteral("status"), QStringLiteral("approved")},
                                    {QStringLiteral("resolution_text"), QStringLiteral("ok")}})),
            f.headers(m_token));
        QCOMPARE(resolved.status, 200);
        QCOMPARE(first(resolved).value(QStringLiteral("status")).toString(),
                 QStringLiteral("approved"));
        QCOMPARE(first(resolved).value(QStringLiteral("moderator_id")).toString(), f.mod());
        QVERIFY(!f.world()->isBanned(f.bid(), f.viewer()));
        const Reply missing = f.client->patch(
            f.helix(QStringLiteral("/moderation/unban_requests"),
                    f.modQuery({}, {{QStringLiteral("unban_request_id"), QStringLiteral("nope")},
                                    {QStringLiteral("status"), QStringLiteral("denied")}})),
            f.headers(m_token));
        QCOMPARE(missing.status, 404);
    }

    void followersTotalOnlyWithoutScopeOrRole()
    {
        QUrlQuery q;
        q.addQueryItem(QStringLiteral("broadcaster_id"), f.bid());
        const Reply full =
            f.client->get(f.helix(QStringLiteral("/channels/followers"), q), f.headers(m_token));
        QCOMPARE(full.object().value(QStringLiteral("total")).toInt(), 10);
        QCOMPARE(full.object().value(QStringLiteral("data")).toArray().size(), 10);
        const QJsonArray data = full.object().value(QStringLiteral("data")).toArray();
        QVERIFY(
            data.at(0).toObject().value(QStringLiteral("followed_at")).toString() >
            data.at(1).toObject().value(QStringLiteral("followed_at")).toString()); // newest first
        const Reply viewer = f.client->get(
            f.helix(QStringLiteral("/channels/followers"), q),
            f.headers(f.token({QStringLiteral("moderator:read:followers")}, f.viewer())));
        QCOMPARE(viewer.status, 200);
        QCOMPARE(viewer.object().value(QStringLiteral("total")).toInt(), 10);
        QVERIFY(viewer.object().value(QStringLiteral("data")).toArray().isEmpty());
    }

    void usersStreamsChannels()
    {
        const Reply me = f.client->get(f.helix(QStringLiteral("/users")), f.headers(m_token));
        QCOMPARE(first(me).value(QStringLiteral("login")).toString(), QStringLiteral("demo_mod"));
        QUrlQuery q;
        q.addQueryItem(QStringLiteral("user_id"), f.bid());
        QVERIFY(f.client->get(f.helix(QStringLiteral("/streams"), q), f.headers(m_token))
                    .object()
                    .value(QStringLiteral("data"))
                    .toArray()
                    .isEmpty());
        f.world()->setStreamLive(f.bid(), true);
        f.world()->setViewerCount(f.bid(), 42);
        const QJsonObject s =
            first(f.client->get(f.helix(QStringLiteral("/streams"), q), f.headers(m_token)));
        QCOMPARE(s.value(QStringLiteral("viewer_count")).toInt(), 42);
        QCOMPARE(s.value(QStringLiteral("type")).toString(), QStringLiteral("live"));
        QCOMPARE(s.value(QStringLiteral("user_login")).toString(),
                 QStringLiteral("sandbox_streamer"));
        QUrlQuery c;
        c.addQueryItem(QStringLiteral("broadcaster_id"), f.bid());
        const QJsonObject ch =
            first(f.client->get(f.helix(QStringLiteral("/channels"), c), f.headers(m_token)));
        QCOMPARE(ch.value(QStringLiteral("broadcaster_login")).toString(),
                 QStringLiteral("sandbox_streamer"));
        QVERIFY(ch.value(QStringLiteral("tags")).isArray());
    }
};

ROOMWARDEN_TEST_MAIN_CORE(TestSandboxHelixChat)
#include "TestSandboxHelixChat.moc"
