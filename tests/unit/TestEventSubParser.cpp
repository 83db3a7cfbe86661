#include "core/providers/twitch/EventSubEventMapper.h"
#include "core/providers/twitch/EventSubParser.h"

#include "TestMain.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>

using namespace roomwarden;
using namespace roomwarden::twitch;
using K = model::RoomEventKind;

Q_DECLARE_METATYPE(std::optional<qint64>)

namespace {
QByteArray fixture(const QString &name)
{
    // ctest sets ROOMWARDEN_SOURCE_DIR; a direct run falls back to this file's folder.
    const QString root = qEnvironmentVariable("ROOMWARDEN_SOURCE_DIR");
    const QString dir = root.isEmpty() ? QStringLiteral(QT_TESTCASE_SOURCEDIR)
                                       : root + QStringLiteral("/tests/unit");
    QFile f(dir + QStringLiteral("/fixtures/eventsub/") + name);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

// A WebSocket notification frame around an event, as in specs/twitch.md §4.6.
QByteArray notification(const QString &type, const QString &version, const QJsonObject &event,
                        const QJsonObject &condition = {})
{
    const QJsonObject meta{{"message_id", QString("m-" + type)},
                           {"message_type", "notification"},
                           {"message_timestamp", "2024-05-01T10:00:00.123456789Z"},
                           {"subscription_type", type},
                           {"subscription_version", version}};
    const QJsonObject sub{{"id", "s1"},
                          {"status", "enabled"},
                          {"type", type},
                          {"version", version},
                          {"condition", condition}};
    const QJsonObject root{{"metadata", meta},
                           {"payload", QJsonObject{{"subscription", sub}, {"event", event}}}};
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

QJsonObject room(const QJsonObject &extra)
{
    QJsonObject o = extra;
    o.insert("broadcaster_user_id", "100");
    o.insert("broadcaster_user_name", "Streamer");
    return o;
}

QJsonObject moderator(const QJsonObject &extra)
{
    QJsonObject o = room(extra);
    o.insert("moderator_user_id", "200");
    o.insert("moderator_user_name", "Mod");
    return o;
}

QJsonObject moderate(const QString &action, const QJsonObject &detail)
{
    QJsonObject o = moderator({{"action", action}});
    o.insert(action, detail);
    return o;
}

const QJsonObject kUser{{"user_id", "300"}, {"user_login", "bad"}, {"user_name", "Bad"}};

QJsonObject withUser(QJsonObject o)
{
    for (auto it = kUser.begin(); it != kUser.end(); ++it)
        o.insert(it.key(), it.value());
    return o;
}
} // namespace

class TestEventSubParser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void envelopes();
    void timestampsKeepMilliseconds_data();
    void timestampsKeepMilliseconds();
    void mapsNotifications_data();
    void mapsNotifications();
    void specFixtures();
    void unknownTypesAreIgnored_data();
    void unknownTypesAreIgnored();
    void malformedFramesAreErrors_data();
    void malformedFramesAreErrors();
    void mutatedFramesNeverCrash();
    void shieldModeCarriesOnOrOff();
};

void TestEventSubParser::envelopes()
{
    QString error;
    auto welcome = EventSubParser::parse(fixture("session_welcome.json"), &error);
    QVERIFY2(welcome, qPrintable(error));
    QCOMPARE(welcome->type, EventSubMessageType::Welcome);
    QCOMPARE(welcome->session->id, QStringLiteral("AQoQILE98gtqShGmLD7AM6yJThAB"));
    QCOMPARE(welcome->session->keepaliveTimeoutSeconds, std::optional<int>(10));
    QVERIFY(welcome->session->reconnectUrl.isEmpty());
    QCOMPARE(welcome->timestamp, QDateTime(QDate(2023, 7, 19), QTime(14, 56, 51, 634), Qt::UTC));

    auto keepalive = EventSubParser::parse(fixture("session_keepalive.json"));
    QVERIFY(keepalive);
    QCOMPARE(keepalive->type, EventSubMessageType::Keepalive);

    auto reconnect = EventSubParser::parse(fixture("session_reconnect.json"));
    QVERIFY(reconnect);
    QCOMPARE(reconnect->type, EventSubMessageType::Reconnect);
    QCOMPARE(reconnect->session->reconnectUrl,
             QUrl("wss://eventsub.wss.twitch.tv?reconnect_id=abc"));
    QVERIFY(!reconnect->session->keepaliveTimeoutSeconds);

    auto revocation = EventSubParser::parse(fixture("revocation.json"));
    QVERIFY(revocation);
    QCOMPARE(revocation->type, EventSubMessageType::Revocation);
    QCOMPARE(revocation->subscriptionType, QStringLiteral("channel.follow"));
    QCOMPARE(revocation->subscriptionStatus(), QStringLiteral("authorization_revoked"));
    QVERIFY(!EventSubEventMapper::toRoomEvent(*revocation)); // not an event
}

void TestEventSubParser::timestampsKeepMilliseconds_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDateTime>("expected");
    const QDateTime t(QDate(2023, 7, 19), QTime(14, 56, 51, 634), Qt::UTC);
    QTest::newRow("nanoseconds") << "2023-07-19T14:56:51.634234626Z" << t;
    QTest::newRow("milliseconds") << "2023-07-19T14:56:51.634Z" << t;
    QTest::newRow("one digit") << "2023-07-19T14:56:51.6Z" << t.addMSecs(-34);
    QTest::newRow("no fraction") << "2023-07-19T14:56:51Z" << t.addMSecs(-634);
    QTest::newRow("offset") << "2023-07-19T16:56:51.634+02:00" << t;
    QTest::newRow("empty") << "" << QDateTime();
    QTest::newRow("garbage") << "yesterday" << QDateTime();
}

void TestEventSubParser::timestampsKeepMilliseconds()
{
    QFETCH(QString, text);
    QFETCH(QDateTime, expected);
    QCOMPARE(EventSubParser::parseTimestamp(text), expected);
}

void TestEventSubParser::mapsNotifications_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("roomKey");
    QTest::addColumn<QString>("actorId");
    QTest::addColumn<QString>("targetId");
    QTest::addColumn<QString>("messageId");
    QTest::addColumn<QString>("text");
    QTest::addColumn<std::optional<qint64>>("duration");
    const std::optional<qint64> none;
    const QString key = QStringLiteral("twitch:100");

    QTest::newRow("chat.message_delete")
        << notification("channel.chat.message_delete", "1",
                        room({{"target_user_id", "300"}, {"message_id", "msg1"}}))
        << int(K::MessageDeleted) << key << ""
        << "300"
        << "msg1"
        << "" << none;
    QTest::newRow("chat.clear") << notification("channel.chat.clear", "1", room({}))
                                << int(K::ChatCleared) << key << ""
                                << ""
                                << ""
                                << "" << none;
    QTest::newRow("chat.clear_user_messages")
        << notification("channel.chat.clear_user_messages", "1", room({{"target_user_id", "300"}}))
        << int(K::MessageDeleted) << key << ""
        << "300"
        << ""
        << "" << none;
    QTest::newRow("chat_settings.update")
        << notification("channel.chat_settings.update", "1",
                        room({{"slow_mode", true}, {"slow_mode_wait_time_seconds", 30}}))
        << int(K::ChatSettingsChanged) << key << ""
        << ""
        << ""
        << "emote=off followers=off slow=on subscribers=off unique=off"
        << std::optional<qint64>(30);
    QTest::newRow("moderate ban") << notification("channel.moderate", "2",
                                                  moderate("ban", withUser({{"reason", "spam"}})))
                                  << int(K::UserBanned) << key << "200"
                                  << "300"
                                  << ""
                                  << "spam" << none;
    QTest::newRow("moderate timeout")
        << notification("channel.moderate", "2",
                        moderate("timeout", withUser({{"reason", "calm"},
                                                      {"expires_at", "2024-05-01T10:10:00.123Z"}})))
        << int(K::UserTimedOut) << key << "200"
        << "300"
        << ""
        << "calm" << std::optional<qint64>(600);
    QTest::newRow("moderate unban")
        << notification("channel.moderate", "2", moderate("unban", kUser)) << int(K::UserUnbanned)
        << key << "200"
        << "300"
        << ""
        << "" << none;
    QTest::newRow("moderate untimeout")
        << notification("channel.moderate", "2", moderate("untimeout", kUser))
        << int(K::UserUnbanned) << key << "200"
        << "300"
        << ""
        << "" << none;
    QTest::newRow("moderate delete")
        << notification("channel.moderate", "2",
                        moderate("delete", withUser({{"message_id", "m9"}, {"message_body", "x"}})))
        << int(K::MessageDeleted) << key << "200"
        << "300"
        << "m9"
        << "x" << none;
    QTest::newRow("moderate clear") << notification("channel.moderate", "2", moderate("clear", {}))
                                    << int(K::ChatCleared) << key << "200"
                                    << ""
                                    << ""
                                    << "" << none;
    QTest::newRow("moderate slow")
        << notification("channel.moderate", "2", moderate("slow", {{"wait_time_seconds", 10}}))
        << int(K::ChatSettingsChanged) << key << "200"
        << ""
        << ""
        << "slow" << std::optional<qint64>(10);
    QTest::newRow("moderate followers")
        << notification("channel.moderate", "2",
                        moderate("followers", {{"follow_duration_minutes", 5}}))
        << int(K::ChatSettingsChanged) << key << "200"
        << ""
        << ""
        << "followers" << std::optional<qint64>(300);
    QTest::newRow("moderate emoteonly")
        << notification("channel.moderate", "2", moderate("emoteonly", {}))
        << int(K::ChatSettingsChanged) << key << "200"
        << ""
        << ""
        << "emoteonly" << none;
    QTest::newRow("moderate shared_chat_ban")
        << notification("channel.moderate", "2", moderate("shared_chat_ban", kUser))
        << int(K::UserBanned) << key << "200"
        << "300"
        << ""
        << "" << none;
    QTest::newRow("channel.ban permanent")
        << notification(
               "channel.ban", "1",
               withUser(moderator(
                   {{"reason", "r"}, {"is_permanent", true}, {"ends_at", QJsonValue::Null}})))
        << int(K::UserBanned) << key << "200"
        << "300"
        << ""
        << "r" << none;
    QTest::newRow("channel.unban") << notification("channel.unban", "1", withUser(moderator({})))
                                   << int(K::UserUnbanned) << key << "200"
                                   << "300"
                                   << ""
                                   << "" << none;
    QTest::newRow("follow v2") << notification("channel.follow", "2", withUser(room({})))
                               << int(K::Follow) << key << "300"
                               << ""
                               << ""
                               << "" << none;
    const QJsonObject raid{
        {"from_broadcaster_user_id", "500"}, {"to_broadcaster_user_id", "100"}, {"viewers", 42}};
    QTest::newRow("raid incoming")
        << notification("channel.raid", "1", raid, {{"to_broadcaster_user_id", "100"}})
        << int(K::RaidIncoming) << key << "500"
        << "100"
        << ""
        << "" << std::optional<qint64>();
    QTest::newRow("stream.online") << notification("stream.online", "1", room({{"type", "live"}}))
                                   << int(K::StreamOnline) << key << ""
                                   << ""
                                   << ""
                                   << "live" << none;
    QTest::newRow("stream.offline")
        << notification("stream.offline", "1", room({})) << int(K::StreamOffline) << key << ""
        << ""
        << ""
        << "" << none;
    QTest::newRow("automod hold v2")
        << notification("automod.message.hold", "2",
                        withUser(room({{"message_id", "h1"},
                                       {"message", QJsonObject{{"text", "held text"}}}})))
        << int(K::AutoModHeld) << key << "300"
        << ""
        << "h1"
        << "held text" << none;
    QTest::newRow("automod update v2")
        << notification("automod.message.update", "2",
                        withUser(moderator({{"message_id", "h1"}, {"status", "Approved"}})))
        << int(K::AutoModResolved) << key << "200"
        << "300"
        << "h1"
        << "approved" << none;
    QTest::newRow("warning.send") << notification("channel.warning.send", "1",
                                                  withUser(moderator({{"reason", "stop"}})))
                                  << int(K::UserWarned) << key << "200"
                                  << "300"
                                  << ""
                                  << "stop" << none;
    QTest::newRow("shield begin") << notification("channel.shield_mode.begin", "1", moderator({}))
                                  << int(K::ShieldModeChanged) << key << "200"
                                  << ""
                                  << ""
                                  << "" << none;
    QTest::newRow("shield end") << notification("channel.shield_mode.end", "1", moderator({}))
                                << int(K::ShieldModeChanged) << key << "200"
                                << ""
                                << ""
                                << "" << none;
    QTest::newRow("unban_request.create")
        << notification("channel.unban_request.create", "1",
                        withUser(room({{"id", "ur1"}, {"text", "sorry"}})))
        << int(K::UnbanRequestCreated) << key << "300"
        << ""
        << "ur1"
        << "sorry" << none;
    QTest::newRow("unban_request.resolve")
        << notification(
               "channel.unban_request.resolve", "1",
               withUser(room({{"id", "ur1"}, {"moderator_id", "200"}, {"status", "approved"}})))
        << int(K::UnbanRequestResolved) << key << "200"
        << "300"
        << "ur1"
        << "approved" << none;
}

void TestEventSubParser::mapsNotifications()
{
    QFETCH(QByteArray, frame);
    QFETCH(int, kind);
    QFETCH(QString, roomKey);
    QFETCH(QString, actorId);
    QFETCH(QString, targetId);
    QFETCH(QString, messageId);
    QFETCH(QString, text);
    QFETCH(std::optional<qint64>, duration);
    QString error;
    const auto env = EventSubParser::parse(frame, &error);
    QVERIFY2(env, qPrintable(error));
    const auto event = EventSubEventMapper::toRoomEvent(*env);
    QVERIFY(event);
    QCOMPARE(int(event->kind), kind);
    QCOMPARE(event->roomKey, roomKey);
    QCOMPARE(event->actorId, actorId);
    QCOMPARE(event->targetId, targetId);
    QCOMPARE(event->messageId, messageId);
    QCOMPARE(event->text, text);
    QCOMPARE(event->durationSeconds, duration);
    QVERIFY(!event->eventId.isEmpty());
    QVERIFY(event->occurredAt.isValid());
}

void TestEventSubParser::specFixtures()
{
    // Snapshot-style: the spec's own examples in, normalised events out.
    auto chat = EventSubParser::parse(fixture("channel_chat_message.json"));
    QVERIFY(chat);
    auto e = EventSubEventMapper::toRoomEvent(*chat);
    QVERIFY(e);
    model::RoomEvent want;
    want.kind = K::ChatMessage;
    want.eventId = "befa7b53-d79d-478f-86b9-120f112b044e";
    want.roomKey = "twitch:1971641";
    want.occurredAt = QDateTime(QDate(2023, 11, 6), QTime(18, 11, 47, 492), Qt::UTC);
    want.actorId = "4145994";
    want.actorName = "viewer32";
    want.messageId = "cc106a89-1814-919d-454c-f4f2f970aae7";
    want.text = "Hi chat";
    // badges: moderator, subscriber, sub-gifter (not a standing)
    want.actorRoles = model::Role::Moderator | model::Role::Subscriber;
    QCOMPARE(*e, want);

    auto ban = EventSubParser::parse(fixture("channel_ban_timeout.json"));
    QVERIFY(ban);
    e = EventSubEventMapper::toRoomEvent(*ban);
    QVERIFY(e);
    QCOMPARE(e->kind, K::UserTimedOut);
    QCOMPARE(e->roomKey, QStringLiteral("twitch:1337"));
    QCOMPARE(e->actorName, QStringLiteral("Mod_User"));
    QCOMPARE(e->targetId, QStringLiteral("1234"));
    QCOMPARE(e->text, QStringLiteral("Offensive language"));
    QCOMPARE(e->durationSeconds, std::optional<qint64>(60));
    QCOMPARE(e->occurredAt, QDateTime(QDate(2020, 7, 15), QTime(18, 15, 11, 171), Qt::UTC));

    auto warn = EventSubParser::parse(fixture("channel_moderate_warn.json"));
    QVERIFY(warn);
    e = EventSubEventMapper::toRoomEvent(*warn);
    QVERIFY(e);
    QCOMPARE(e->kind, K::UserWarned);
    QCOMPARE(e->roomKey, QStringLiteral("twitch:423374343"));
    QCOMPARE(e->actorId, QStringLiteral("424596340"));
    QCOMPARE(e->targetId, QStringLiteral("141981764"));
    QCOMPARE(e->targetName, QStringLiteral("TwitchDev"));
    QCOMPARE(e->text, QStringLiteral("cut it out"));
}

void TestEventSubParser::unknownTypesAreIgnored_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::newRow("unknown type") << notification("channel.poll.begin", "1", room({}));
    QTest::newRow("follow v1") << notification("channel.follow", "1", room({}));
    QTest::newRow("moderate v1") << notification("channel.moderate", "1", moderate("ban", kUser));
    QTest::newRow("moderate mod") << notification("channel.moderate", "2", moderate("mod", kUser));
    QTest::newRow("moderate unknown action")
        << notification("channel.moderate", "2", moderate("teleport", kUser));
    QTest::newRow("suspicious message")
        << notification("channel.suspicious_user.message", "1", withUser(moderator({})));
    QTest::newRow("unknown message type") << QByteArray(
        R"({"metadata":{"message_id":"x","message_type":"session_party"},"payload":{}})");
}

void TestEventSubParser::unknownTypesAreIgnored()
{
    QFETCH(QByteArray, frame);
    const auto env = EventSubParser::parse(frame);
    QVERIFY(env);
    QVERIFY(!EventSubEventMapper::toRoomEvent(*env));
}

void TestEventSubParser::malformedFramesAreErrors_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("not json") << QByteArray("hello");
    QTest::newRow("truncated") << fixture("session_welcome.json").left(40);
    QTest::newRow("array") << QByteArray("[1,2,3]");
    QTest::newRow("no metadata") << QByteArray(R"({"payload":{}})");
    QTest::newRow("metadata not object") << QByteArray(R"({"metadata":"x","payload":{}})");
    QTest::newRow("no message_type") << QByteArray(R"({"metadata":{"message_id":"1"}})");
    QTest::newRow("welcome without session") << QByteArray(
        R"({"metadata":{"message_id":"1","message_type":"session_welcome"},"payload":{}})");
    QTest::newRow("reconnect without url") << QByteArray(
        R"({"metadata":{"message_type":"session_reconnect"},"payload":{"session":{"id":"s"}}})");
    QTest::newRow("trailing comma (doc typo)")
        << QByteArray(R"({"metadata":{"message_type":"notification",},"payload":{}})");
    QTest::newRow("too large") << QByteArray(EventSubParser::kMaxFrameBytes + 1, ' ');
}

void TestEventSubParser::malformedFramesAreErrors()
{
    QFETCH(QByteArray, frame);
    QString error;
    QVERIFY(!EventSubParser::parse(frame, &error));
    QVERIFY(!error.isEmpty());
}

void TestEventSubParser::mutatedFramesNeverCrash()
{
    // Hostile input: flipped, dropped and duplicated bytes of real frames, and fields of the
    // wrong JSON type. Parsing may fail; it must never crash or throw.
    QRandomGenerator rng(20240501);
    const QList<QByteArray> seeds{
        fixture("channel_chat_message.json"), fixture("channel_ban_timeout.json"),
        fixture("channel_moderate_warn.json"), fixture("session_reconnect.json")};
    int parsed = 0;
    for (int i = 0; i < 3000; ++i) {
        QByteArray f = seeds.at(i % seeds.size());
        const int edits = 1 + int(rng.bounded(4));
        for (int k = 0; k < edits && !f.isEmpty(); ++k) {
            const int pos = int(rng.bounded(f.size()));
            switch (rng.bounded(3)) {
            case 0:
                f[pos] = char(rng.bounded(256));
                break;
            case 1:
                f.remove(pos, 1 + int(rng.bounded(8)));
                break;
            default:
                f.insert(pos, f.mid(pos, 5));
                break;
            }
        }
        if (auto env = EventSubParser::parse(f)) {
            ++parsed;
            (void)EventSubEventMapper::toRoomEvent(*env);
        }
    }
    // Type confusion: every event field replaced by numbers, arrays and nulls.
    for (const QJsonValue &v :
         {QJsonValue(1), QJsonValue(QJsonArray{1}), QJsonValue(QJsonValue::Null)}) {
        QJsonObject ev;
        for (const char *k : {"broadcaster_user_id", "user_id", "message", "action", "ban",
                              "timeout", "ends_at", "is_permanent", "viewers", "message_id"})
            ev.insert(QLatin1String(k), v);
        for (const char *t : {"channel.chat.message", "channel.moderate", "channel.ban",
                              "channel.raid", "automod.message.hold"}) {
            const auto env = EventSubParser::parse(notification(QLatin1String(t), "2", ev));
            QVERIFY(env);
            (void)EventSubEventMapper::toRoomEvent(*env);
        }
    }
    QVERIFY(parsed > 0);
}

void TestEventSubParser::shieldModeCarriesOnOrOff()
{
    for (const auto &[type, expected] :
         {std::pair{QStringLiteral("channel.shield_mode.begin"), qint64(1)},
          std::pair{QStringLiteral("channel.shield_mode.end"), qint64(0)}}) {
        const auto env =
            EventSubParser::parse(notification(type, QStringLiteral("1"), moderator({})));
        QVERIFY(env);
        const auto e = EventSubEventMapper::toRoomEvent(*env);
        QVERIFY(e);
        QCOMPARE(e->kind, roomwarden::model::RoomEventKind::ShieldModeChanged);
        QCOMPARE(e->count, std::optional<qint64>(expected));
    }
}

ROOMWARDEN_TEST_MAIN_CORE(TestEventSubParser)
#include "TestEventSubParser.moc"
