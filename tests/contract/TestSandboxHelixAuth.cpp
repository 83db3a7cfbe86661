// Helix front-door conformance (specs/twitch.md §3.1): header errors, `Missing scope:` 401s,
// moderator_id and role rules (401 vs 403), B-only endpoints, rate-limit headers and 429s,
// 410 for removed endpoints, opaque pagination.
#include "SandboxFixture.h"
#include "TestMain.h"

#include <QJsonArray>

using namespace roomwarden::sandbox;
using namespace roomwarden::sandbox::test;

class TestSandboxHelixAuth : public QObject
{
    Q_OBJECT

private:
    SandboxFixture f;

private Q_SLOTS:
    void init() { QVERIFY(f.start()); }
    void cleanup() { f.stop(); }

    void headerErrors_data()
    {
        QTest::addColumn<int>("variant");
        QTest::addColumn<QString>("message");
        QTest::newRow("no token") << 0 << QStringLiteral("OAuth token is missing");
        QTest::newRow("bad token") << 1 << QStringLiteral("Invalid OAuth token");
        QTest::newRow("oauth scheme") << 2 << QStringLiteral("Invalid OAuth token");
        QTest::newRow("client mismatch")
            << 3 << QStringLiteral("Client ID and OAuth token do not match");
        QTest::newRow("client missing")
            << 4 << QStringLiteral("Client ID and OAuth token do not match");
    }
    void headerErrors()
    {
        QFETCH(int, variant);
        QFETCH(QString, message);
        const QByteArray good = f.token({}).toLatin1();
        const QByteArray cid = f.sandbox->clientId().toLatin1();
        Headers h;
        switch (variant) {
        case 0:
            h = {{"Client-Id", cid}};
            break;
        case 1:
            h = {{"Client-Id", cid}, {"Authorization", "Bearer nosuchtoken"}};
            break;
        case 2:
            h = {{"Client-Id", cid}, {"Authorization", "OAuth " + good}};
            break;
        case 3:
            h = {{"Client-Id", "someoneelse"}, {"Authorization", "Bearer " + good}};
            break;
        default:
            h = {{"Authorization", "Bearer " + good}};
            break;
        }
        const Reply r = f.client->get(f.helix(QStringLiteral("/users")), h);
        QCOMPARE(r.status, 401);
        QCOMPARE(r.object(), (QJsonObject{{QStringLiteral("error"), QStringLiteral("Unauthorized")},
                                          {QStringLiteral("status"), 401},
                                          {QStringLiteral("message"), message}}));
    }

    void revokedTokenIsRejected()
    {
        const QString t = f.token({});
        QCOMPARE(f.client->get(f.helix(QStringLiteral("/users")), f.headers(t)).status, 200);
        f.world()->revokeAccessToken(t);
        QCOMPARE(f.client->get(f.helix(QStringLiteral("/users")), f.headers(t)).message(),
                 QStringLiteral("Invalid OAuth token"));
    }

    void missingScope_data()
    {
        QTest::addColumn<QByteArray>("verb");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("scope");
        QTest::newRow("chatters") << QByteArray("GET") << QStringLiteral("/chat/chatters")
                                  << QStringLiteral("moderator:read:chatters");
        QTest::newRow("ban") << QByteArray("POST") << QStringLiteral("/moderation/bans")
                             << QStringLiteral("moderator:manage:banned_users");
        QTest::newRow("unban") << QByteArray("DELETE") << QStringLiteral("/moderation/bans")
                               << QStringLiteral("moderator:manage:banned_users");
        QTest::newRow("delete") << QByteArray("DELETE") << QStringLiteral("/moderation/chat")
                                << QStringLiteral("moderator:manage:chat_messages");
        QTest::newRow("settings") << QByteArray("PATCH") << QStringLiteral("/chat/settings")
                                  << QStringLiteral("moderator:manage:chat_settings");
        QTest::newRow("shield get")
            << QByteArray("GET") << QStringLiteral("/moderation/shield_mode")
            << QStringLiteral("moderator:manage:shield_mode");
        QTest::newRow("warn") << QByteArray("POST") << QStringLiteral("/moderation/warnings")
                              << QStringLiteral("moderator:manage:warnings");
        QTest::newRow("automod") << QByteArray("POST")
                                 << QStringLiteral("/moderation/automod/message")
                                 << QStringLiteral("moderator:manage:automod");
        QTest::newRow("terms get")
            << QByteArray("GET") << QStringLiteral("/moderation/blocked_terms")
            << QStringLiteral("moderator:manage:blocked_terms");
        QTest::newRow("unban requests")
            << QByteArray("GET") << QStringLiteral("/moderation/unban_requests")
            << QStringLiteral("moderator:manage:unban_requests");
        QTest::newRow("send chat") << QByteArray("POST") << QStringLiteral("/chat/messages")
                                   << QStringLiteral("user:write:chat");
        QTest::newRow("announce") << QByteArray("POST") << QStringLiteral("/chat/announcements")
                                  << QStringLiteral("moderator:manage:announcements");
        QTest::newRow("moderated channels")
            << QByteArray("GET") << QStringLiteral("/moderation/channels")
            << QStringLiteral("user:read:moderated_channels");
        QTest::newRow("banned") << QByteArray("GET") << QStringLiteral("/moderation/banned")
                                << QStringLiteral("moderator:manage:banned_users");
        QTest::newRow("moderators") << QByteArray("GET") << QStringLiteral("/moderation/moderators")
                                    << QStringLiteral("channel:manage:moderators");
        QTest::newRow("vips") << QByteArray("GET") << QStringLiteral("/channels/vips")
                              << QStringLiteral("channel:manage:vips");
    }
    void missingScope()
    {
        QFETCH(QByteArray, verb);
        QFETCH(QString, path);
        QFETCH(QString, scope);
        const QString t = f.token({QStringLiteral("user:read:chat")});
        const Reply r = f.client->send(verb, f.helix(path, f.modQuery()), f.headers(t), "{}");
        QCOMPARE(r.status, 401);
        QCOMPARE(r.message(), QStringLiteral("Missing scope: ") + scope);
        QCOMPARE(r.object().value(QStringLiteral("error")).toString(),
                 QStringLiteral("Unauthorized"));
    }

    void readScopeAlsoQualifies()
    {
        const QString t = f.token({QStringLiteral("moderator:read:shield_mode")});
        QCOMPARE(f.client
                     ->get(f.helix(QStringLiteral("/moderation/shield_mode"), f.modQuery()),
                           f.headers(t))
                     .status,
                 200);
    }

    void moderatorIdMustBeTokenUser()
    {
        const QString t = f.token({QStringLiteral("moderator:read:chatters")});
        const Reply r = f.client->get(
            f.helix(QStringLiteral("/chat/chatters"), f.modQuery(f.viewer())), f.headers(t));
        QCOMPARE(r.status, 401);
        QVERIFY(r.message().contains(QStringLiteral("moderator_id")));
    }

    void nonModeratorGets403()
    {
        const QString t = f.token({QStringLiteral("moderator:read:chatters")}, f.viewer());
        const Reply r = f.client->get(
            f.helix(QStringLiteral("/chat/chatters"), f.modQuery(f.viewer())), f.headers(t));
        QCOMPARE(r.status, 403);
        QCOMPARE(r.object().value(QStringLiteral("error")).toString(), QStringLiteral("Forbidden"));
    }

    void broadcasterPassesModeratorChecks()
    {
        const QString t = f.token({QStringLiteral("moderator:read:chatters")}, f.bid());
        QCOMPARE(
            f.client
                ->get(f.helix(QStringLiteral("/chat/chatters"), f.modQuery(f.bid())), f.headers(t))
                .status,
            200);
    }

    void broadcasterOnlyEndpoints_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("scope");
        QTest::newRow("banned") << QStringLiteral("/moderation/banned")
                                << QStringLiteral("moderation:read");
        QTest::newRow("moderators")
            << QStringLiteral("/moderation/moderators") << QStringLiteral("moderation:read");
        QTest::newRow("vips") << QStringLiteral("/channels/vips")
                              << QStringLiteral("channel:read:vips");
    }
    void broadcasterOnlyEndpoints()
    {
        QFETCH(QString, path);
        QFETCH(QString, scope);
        QUrlQuery q;
        q.addQueryItem(QStringLiteral("broadcaster_id"), f.bid());
        // A moderator with the scope is still refused: broadcaster_id must be the token user.
        const Reply asMod = f.client->get(f.helix(path, q), f.headers(f.token({scope})));
        QCOMPARE(asMod.status, 401);
        QVERIFY(asMod.message().contains(QStringLiteral("broadcaster_id")));
        const Reply asBroadcaster =
            f.client->get(f.helix(path, q), f.headers(f.token({scope}, f.bid())));
        QCOMPARE(asBroadcaster.status, 200);
        QVERIFY(asBroadcaster.object().value(QStringLiteral("pagination")).isObject());
    }

    void moderatorsAndVipsLists()
    {
        QUrlQuery q;
        q.addQueryItem(QStringLiteral("broadcaster_id"), f.bid());
        const Reply mods =
            f.client->get(f.helix(QStringLiteral("/moderation/moderators"), q),
                          f.headers(f.token({QStringLiteral("moderation:read")}, f.bid())));
        const QJsonArray data = mods.object().value(QStringLiteral("data")).toArray();
        QCOMPARE(data.size(), 3);
        QCOMPARE(data.at(0).toObject().value(QStringLiteral("user_id")).toString(), f.mod());
        QCOMPARE(data.at(0).toObject().value(QStringLiteral("user_login")).toString(),
                 QStringLiteral("demo_mod"));
    }

    void goneEndpoints_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("users/follows") << QStringLiteral("/users/follows");
        QTest::newRow("tags/streams") << QStringLiteral("/tags/streams");
        QTest::newRow("streams/tags") << QStringLiteral("/streams/tags");
    }
    void goneEndpoints()
    {
        QFETCH(QString, path);
        const Reply r = f.client->get(f.helix(path), f.headers(f.token({})));
        QCOMPARE(r.status, 410);
        QCOMPARE(r.object().value(QStringLiteral("error")).toString(), QStringLiteral("Gone"));
        QCOMPARE(r.object().value(QStringLiteral("status")).toInt(), 410);
    }

    void malformedJsonIs400()
    {
        const QString t = f.token({QStringLiteral("moderator:manage:banned_users")});
        const Reply r = f.client->post(f.helix(QStringLiteral("/moderation/bans"), f.modQuery()),
                                       f.headers(t), "{\"data\": {");
        QCOMPARE(r.status, 400);
        QCOMPARE(r.object().value(QStringLiteral("error")).toString(),
                 QStringLiteral("Bad Request"));
    }

    void rateLimitHeadersDecrease()
    {
        const QString t = f.token({});
        const Reply a = f.client->get(f.helix(QStringLiteral("/users")), f.headers(t));
        const Reply b = f.client->get(f.helix(QStringLiteral("/users")), f.headers(t));
        QCOMPARE(a.header("Ratelimit-Limit"), QByteArray("800"));
        QCOMPARE(a.header("Ratelimit-Remaining").toInt(), 799);
        QVERIFY(b.header("Ratelimit-Remaining").toInt() < a.header("Ratelimit-Remaining").toInt());
        const qint64 reset = a.header("Ratelimit-Reset").toLongLong();
        QVERIFY(reset >= QDateTime::currentSecsSinceEpoch());
        QVERIFY(reset <= QDateTime::currentSecsSinceEpoch() + 61);
        // Even errors carry the headers.
        const Reply err = f.client->get(f.helix(QStringLiteral("/chat/chatters")), f.headers(t));
        QVERIFY(!err.header("Ratelimit-Remaining").isEmpty());
    }

    void smallBucketRunsDryAndRefills()
    {
        f.stop();
        Config c;
        c.rateLimitPointsPerMinute = 3;
        QVERIFY(f.start(c));
        f.world()->useManualClock(QDateTime::currentDateTimeUtc());
        const QString t = f.token({});
        for (int i = 0; i < 3; ++i)
            QCOMPARE(f.client->get(f.helix(QStringLiteral("/users")), f.headers(t)).status, 200);
        const Reply limited = f.client->get(f.helix(QStringLiteral("/users")), f.headers(t));
        QCOMPARE(limited.status, 429);
        QCOMPARE(limited.object().value(QStringLiteral("error")).toString(),
                 QStringLiteral("Too Many Requests"));
        QCOMPARE(limited.object().value(QStringLiteral("status")).toInt(), 429);
        QVERIFY(!limited.message().isEmpty());
        QCOMPARE(limited.header("Ratelimit-Remaining"), QByteArray("0"));
        // Another user has their own bucket.
        QCOMPARE(
            f.client->get(f.helix(QStringLiteral("/users")), f.headers(f.token({}, f.viewer())))
                .status,
            200);
        // 20 s refill one point at 3/min.
        f.world()->advanceClock(20000);
        QCOMPARE(f.client->get(f.helix(QStringLiteral("/users")), f.headers(t)).status, 200);
        QCOMPARE(f.client->get(f.helix(QStringLiteral("/users")), f.headers(t)).status, 429);
    }

    void rateLimitStormFault()
    {
        f.sandbox->faults()->rateLimitStorm = 2;
        const QString t = f.token({});
        QCOMPARE(f.client->get(f.helix(QStringLiteral("/users")), f.headers(t)).status, 429);
        QCOMPARE(f.client->get(f.helix(QStringLiteral("/users")), f.headers(t)).status, 429);
        QCOMPARE(f.client->get(f.helix(QStringLiteral("/users")), f.headers(t)).status, 200);
    }

    void chattersPaginateUntilEmptyCursor()
    {
        f.world()->addViewers(45);
        for (const User &u : f.world()->users())
            f.world()->joinChat(f.bid(), u.id);
        const int total = int(f.world()->channel(f.bid())->chatters.size());
        const QString t = f.token({QStringLiteral("moderator:read:chatters")});
        QStringList seen;
        QString cursor;
        int pages = 0;
        do {
            QUrlQuery q = f.modQuery({}, {{QStringLiteral("first"), QStringLiteral("20")}});
            if (!cursor.isEmpty())
                q.addQueryItem(QStringLiteral("after"), cursor);
            const Reply r =
                f.client->get(f.helix(QStringLiteral("/chat/chatters"), q), f.headers(t));
            QCOMPARE(r.status, 200);
            QCOMPARE(r.object().value(QStringLiteral("total")).toInt(), total);
            for (const QJsonValue &v : r.object().value(QStringLiteral("data")).toArray())
                seen << v.toObject().value(QStringLiteral("user_id")).toString();
            const QJsonObject p = r.object().value(QStringLiteral("pagination")).toObject();
            cursor = p.value(QStringLiteral("cursor")).toString();
            if (cursor.isEmpty())
                QVERIFY(p.isEmpty()); // {} at the end
            QVERIFY(++pages < 10);
        } while (!cursor.isEmpty());
        QCOMPARE(pages, (total + 19) / 20);
        QCOMPARE(seen.size(), total);
        QCOMPARE(QSet<QString>(seen.begin(), seen.end()).size(), total);
    }

    void pageSizeBounds_data()
    {
        QTest::addColumn<QString>("first");
        QTest::addColumn<int>("status");
        QTest::newRow("0") << QStringLiteral("0") << 400;
        QTest::newRow("1000") << QStringLiteral("1000") << 200;
        QTest::newRow("1001") << QStringLiteral("1001") << 400;
        QTest::newRow("junk") << QStringLiteral("x") << 400;
    }
    void pageSizeBounds()
    {
        QFETCH(QString, first);
        QFETCH(int, status);
        const QString t = f.token({QStringLiteral("moderator:read:chatters")});
        const Reply r = f.client->get(f.helix(QStringLiteral("/chat/chatters"),
                                              f.modQuery({}, {{QStringLiteral("first"), first}})),
                                      f.headers(t));
        QCOMPARE(r.status, status);
    }

    void badCursorIs400()
    {
        const QString t = f.token({QStringLiteral("moderator:read:chatters")});
        const Reply r = f.client->get(
            f.helix(QStringLiteral("/chat/chatters"),
                    f.modQuery({}, {{QStringLiteral("after"), QStringLiteral("!!notbase64")}})),
            f.headers(t));
        QCOMPARE(r.status, 400);
    }
};

ROOMWARDEN_TEST_MAIN_CORE(TestSandboxHelixAuth)
#include "TestSandboxHelixAuth.moc"
