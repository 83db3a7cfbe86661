// Moderation endpoint conformance (specs/twitch.md §3.3): ban/timeout/unban bodies and error
// strings, banned list, Delete Chat Messages (404, 6 h, mods' messages, clear), warnings, held
// AutoMod messages, Shield Mode, and that every change lands in ground truth via actionApplied.
#include "SandboxFixture.h"
#include "TestMain.h"

#include <QJsonArray>
#include <QSignalSpy>

using namespace roomwarden::sandbox;
using namespace roomwarden::sandbox::test;

class TestSandboxHelixModeration : public QObject
{
    Q_OBJECT

private:
    SandboxFixture f;
    QString m_token;

    Reply ban(const QString &userId, std::optional<int> duration = std::nullopt,
              const QString &reason = QStringLiteral("spam"))
    {
        QJsonObject data{{QStringLiteral("user_id"), userId}, {QStringLiteral("reason"), reason}};
        if (duration)
            data.insert(QStringLiteral("duration"), *duration);
        return f.client->post(f.helix(QStringLiteral("/moderation/bans"), f.modQuery()),
                              f.headers(m_token),
                              SandboxClient::json({{QStringLiteral("data"), data}}));
    }
    Reply unban(const QString &userId)
    {
        return f.client->del(f.helix(QStringLiteral("/moderation/bans"),
                                     f.modQuery({}, {{QStringLiteral("user_id"), userId}})),
                             f.headers(m_token));
    }
    Reply deleteMessage(const QString &messageId)
    {
        QList<QPair<QString, QString>> extra;
        if (!messageId.isEmpty())
            extra.append({QStringLiteral("message_id"), messageId});
        return f.client->del(f.helix(QStringLiteral("/moderation/chat"), f.modQuery({}, extra)),
                             f.headers(m_token));
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(f.start());
        m_token = f.token({QStringLiteral("moderator:manage:banned_users"),
                           QStringLiteral("moderator:manage:chat_messages"),
                           QStringLiteral("moderator:manage:warnings"),
                           QStringLiteral("moderator:manage:automod"),
                           QStringLiteral("moderator:manage:shield_mode")});
    }
    void cleanup() { f.stop(); }

    void banShape()
    {
        QSignalSpy applied(f.world(), &World::actionApplied);
        const Reply r = ban(f.viewer());
        QCOMPARE(r.status, 200);
        const QJsonArray data = r.object().value(QStringLiteral("data")).toArray();
        QCOMPARE(data.size(), 1);
        const QJsonObject o = data.at(0).toObject();
        QCOMPARE(o.value(QStringLiteral("broadcaster_id")).toString(), f.bid());
        QCOMPARE(o.value(QStringLiteral("moderator_id")).toString(), f.mod());
        QVERIFY(!o.contains(QStringLiteral("moderator_Id"))); // twitch-cli's typo, §3.3
        QCOMPARE(o.value(QStringLiteral("user_id")).toString(), f.viewer());
        QVERIFY(o.value(QStringLiteral("end_time")).isNull());
        QVERIFY(o.value(QStringLiteral("created_at")).toString().endsWith(QLatin1Char('Z')));
        QVERIFY(f.world()->isBanned(f.bid(), f.viewer()));
        QCOMPARE(applied.count(), 1);
        const auto a = applied.at(0).at(0).value<AppliedAction>();
        QCOMPARE(a.kind, QStringLiteral("ban"));
        QCOMPARE(a.moderatorId, f.mod());
        QCOMPARE(a.targetUserId, f.viewer());
        QCOMPARE(a.details.value(QStringLiteral("reason")).toString(), QStringLiteral("spam"));
        QCOMPARE(f.world()->actions().last().kind, QStringLiteral("ban"));
    }

    void timeoutShapeAndExpiry()
    {
        f.world()->useManualClock(QDateTime::currentDateTimeUtc());
        const Reply r = ban(f.viewer(), 300);
        QCOMPARE(r.status, 200);
        const QJsonObject o = r.object().value(QStringLiteral("data")).toArray().at(0).toObject();
        const QDateTime created =
            QDateTime::fromString(o.value(QStringLiteral("created_at")).toString(), Qt::ISODate);
        const QDateTime end =
            QDateTime::fromString(o.value(QStringLiteral("end_time")).toString(), Qt::ISODate);
        QCOMPARE(created.secsTo(end), 300);
        QVERIFY(f.world()->isTimedOut(f.bid(), f.viewer()));
        // A timed-out user can be re-timed-out and banned.
        QCOMPARE(ban(f.viewer(), 600).status, 200);
        f.world()->advanceClock(601 * 1000);
        QVERIFY(!f.world()->isTimedOut(f.bid(), f.viewer()));
        QCOMPARE(unban(f.viewer()).message(), QStringLiteral("user is not banned"));
        QCOMPARE(ban(f.viewer(), 60).status, 200);
        QCOMPARE(ban(f.viewer()).status, 200);
        QVERIFY(f.world()->isBanned(f.bid(), f.viewer()));
    }

    void alreadyBanned()
    {
        QCOMPARE(ban(f.viewer()).status, 200);
        for (std::optional<int> d : {std::optional<int>(), std::optional<int>(60)}) {
            const Reply r = ban(f.viewer(), d);
            QCOMPARE(r.status, 400);
            QCOMPARE(r.object(),
                     (QJsonObject{
                         {QStringLiteral("error"), QStringLiteral("Bad Request")},
                         {QStringLiteral("status"), 400},
                         {QStringLiteral("message"), QStringLiteral("user is already banned")}}));
        }
    }

    void invalidBans_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("data array") << QByteArray("{\"data\":[{\"user_id\":\"X\"}]}");
        QTest::newRow("no user") << QByteArray("{\"data\":{\"reason\":\"x\"}}");
        QTest::newRow("duration 0") << QByteArray("{\"data\":{\"user_id\":\"X\",\"duration\":0}}");
        QTest::newRow("duration > 2w")
            << QByteArray("{\"data\":{\"user_id\":\"X\",\"duration\":1209601}}");
        QTest::newRow("duration string")
            << QByteArray("{\"data\":{\"user_id\":\"X\",\"duration\":\"60\"}}");
        QTest::newRow("unknown user") << QByteArray("{\"data\":{\"user_id\":\"999\"}}");
        QTest::newRow("broadcaster") << QByteArray("{\"data\":{\"user_id\":\"B\"}}");
        QTest::newRow("moderator") << QByteArray("{\"data\":{\"user_id\":\"M\"}}");
    }
    void invalidBans()
    {
        QFETCH(QByteArray, body);
        body.replace("\"X\"", QByteArray("\"" + f.viewer().toLatin1() + "\""));
        body.replace("\"B\"", QByteArray("\"" + f.bid().toLatin1() + "\""));
        const QByteArray otherMod = f.world()->channel(f.bid())->moderators.at(1).toLatin1();
        body.replace("\"M\"", QByteArray("\"" + otherMod + "\""));
        const Reply r = f.client->post(f.helix(QStringLiteral("/moderation/bans"), f.modQuery()),
                                       f.headers(m_token), body);
        QCOMPARE(r.status, 400);
        QVERIFY(!f.world()->activeBan(f.bid(), f.viewer()));
        QVERIFY(f.world()->actions().isEmpty());
    }

    void reasonTooLong()
    {
        QCOMPARE(ban(f.viewer(), std::nullopt, QString(501, QLatin1Char('x'))).status, 400);
        QCOMPARE(ban(f.viewer(), std::nullopt, QString(500, QLatin1Char('x'))).status, 200);
    }

    void unbanShapes()
    {
        const Reply notBanned = unban(f.viewer());
        QCOMPARE(notBanned.status, 400);
        QCOMPARE(notBanned.message(), QStringLiteral("user is not banned"));
        QCOMPARE(ban(f.viewer()).status, 200);
        const Reply ok = unban(f.viewer());
        QCOMPARE(ok.status, 204);
        QVERIFY(ok.body.isEmpty());
        QVERIFY(!f.world()->isBanned(f.bid(), f.viewer()));
        QCOMPARE(f.world()->actions().last().kind, QStringLiteral("unban"));
    }

    void conflictFault()
    {
        f.sandbox->faults()->moderationConflicts = 1;
        QCOMPARE(ban(f.viewer()).status, 409);
        QCOMPARE(ban(f.viewer()).status, 200);
    }

    void bannedList()
    {
        QCOMPARE(ban(f.viewer(), std::nullopt, QStringLiteral("rude")).status, 200);
        QUrlQuery q;
        q.addQueryItem(QStringLiteral("broadcaster_id"), f.bid());
        const Reply r =
            f.client->get(f.helix(QStringLiteral("/moderation/banned"), q),
                          f.headers(f.token({QStringLiteral("moderation:read")}, f.bid())));
        QCOMPARE(r.status, 200);
        const QJsonObject o = r.object().value(QStringLiteral("data")).toArray().at(0).toObject();
        QCOMPARE(o.value(QStringLiteral("user_id")).toString(), f.viewer());
        QCOMPARE(o.value(QStringLiteral("expires_at")).toString(), QString());
        QCOMPARE(o.value(QStringLiteral("reason")).toString(), QStringLiteral("rude"));
        QCOMPARE(o.value(QStringLiteral("moderator_login")).toString(), QStringLiteral("demo_mod"));
        QCOMPARE(r.object().value(QStringLiteral("pagination")).toObject(), QJsonObject());
    }

    void deleteSingleMessage()
    {
        const QString id = f.world()->recordChatMessage(f.bid(), f.viewer(), QStringLiteral("hi"));
        QCOMPARE(deleteMessage(id).status, 204);
        QCOMPARE(f.world()->actions().last().kind, QStringLiteral("delete"));
        QCOMPARE(f.world()->actions().last().details.value(QStringLiteral("message_id")).toString(),
                 id);
        QCOMPARE(deleteMessage(id).status, 404); // already gone
        QCOMPARE(deleteMessage(QStringLiteral("no-such-id")).status, 404);
    }

    void deleteOlderThanSixHoursIs404()
    {
        f.world()->useManualClock(QDateTime::currentDateTimeUtc());
        const QDateTime now = f.world()->now();
        const QString old = f.world()->recordChatMessage(f.bid(), f.viewer(), QStringLiteral("old"),
                                                         now.addSecs(-6 * 3600 - 1));
        const QString recent = f.world()->recordChatMessage(
            f.bid(), f.viewer(), QStringLiteral("recent"), now.addSecs(-6 * 3600 + 60));
        QCOMPARE(deleteMessage(old).status, 404);
        QCOMPARE(deleteMessage(recent).status, 204);
    }

    void deleteModMessageIs400()
    {
        const QString other = f.world()->channel(f.bid())->moderators.at(1);
        const QString id = f.world()->recordChatMessage(f.bid(), other, QStringLiteral("mod says"));
        QCOMPARE(deleteMessage(id).status, 400);
        const QString b =
            f.world()->recordChatMessage(f.bid(), f.bid(), QStringLiteral("streamer"));
        QCOMPARE(deleteMessage(b).status, 400);
    }

    void clearChat()
    {
        f.world()->recordChatMessage(f.bid(), f.viewer(), QStringLiteral("a"));
        QCOMPARE(deleteMessage({}).status, 204);
        QCOMPARE(f.world()->actions().last().kind, QStringLiteral("clear"));
        QVERIFY(f.world()->channel(f.bid())->messages.last().deleted);
    }

    void warn()
    {
        const QByteArray body = "{\"data\":{\"user_id\":\"" + f.viewer().toLatin1() +
                                "\",\"reason\":\"stop doing that!\"}}";
        const Reply r =
            f.client->post(f.helix(QStringLiteral("/moderation/warnings"), f.modQuery()),
                           f.headers(m_token), body);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.object().value(QStringLiteral("data")).toArray().at(0).toObject(),
                 (QJsonObject{{QStringLiteral("broadcaster_id"), f.bid()},
                              {QStringLiteral("user_id"), f.viewer()},
                              {QStringLiteral("moderator_id"), f.mod()},
                              {QStringLiteral("reason"), QStringLiteral("stop doing that!")}}));
        QCOMPARE(f.world()->actions().last().kind, QStringLiteral("warn"));
        const QByteArray noReason = "{\"data\":{\"user_id\":\"" + f.viewer().toLatin1() + "\"}}";
        QCOMPARE(f.client
                     ->post(f.helix(QStringLiteral("/moderation/warnings"), f.modQuery()),
                            f.headers(m_token), noReason)
                     .status,
                 400);
    }

    void automodAllowDeny_data()
    {
        QTest::addColumn<QString>("action");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("kind");
        QTest::newRow("allow") << QStringLiteral("ALLOW") << 204 << QStringLiteral("automod_allow");
        QTest::newRow("deny") << QStringLiteral("DENY") << 204 << QStringLiteral("automod_deny");
        QTest::newRow("lower case") << QStringLiteral("allow") << 400 << QString();
    }
    void automodAllowDeny()
    {
        QFETCH(QString, action);
        QFETCH(int, status);
        QFETCH(QString, kind);
        const QString held =
            f.world()->holdAutoModMessage(f.bid(), f.viewer(), QStringLiteral("borderline"));
        const auto post = [&](const QString &msgId) {
            return f.client->post(f.helix(QStringLiteral("/moderation/automod/message")),
                                  f.headers(m_token),
                                  SandboxClient::json({{QStringLiteral("user_id"), f.mod()},
                                                       {QStringLiteral("msg_id"), msgId},
                                                       {QStringLiteral("action"), action}}));
        };
        QCOMPARE(post(held).status, status);
        if (status == 204) {
            QCOMPARE(f.world()->actions().last().kind, kind);
            QCOMPARE(post(held).status, 404); // resolved already
        }
        QCOMPARE(post(QStringLiteral("nope")).status, status == 204 ? 404 : 400);
    }

    void shieldMode()
    {
        const QUrl url = f.helix(QStringLiteral("/moderation/shield_mode"), f.modQuery());
        const QJsonObject never = f.client->get(url, f.headers(m_token))
                                      .object()
                                      .value(QStringLiteral("data"))
                                      .toArray()
                                      .at(0)
                                      .toObject();
        QCOMPARE(never.value(QStringLiteral("is_active")).toBool(), false);
        QCOMPARE(never.value(QStringLiteral("moderator_id")).toString(), QString());
        QCOMPARE(never.value(QStringLiteral("last_activated_at")).toString(), QString());
        const Reply on = f.client->put(url, f.headers(m_token), "{\"is_active\":true}");
        QCOMPARE(on.status, 200);
        const QJsonObject o = on.object().value(QStringLiteral("data")).toArray().at(0).toObject();
        QCOMPARE(o.value(QStringLiteral("is_active")).toBool(), true);
        QCOMPARE(o.value(QStringLiteral("moderator_id")).toString(), f.mod());
        QVERIFY(!o.value(QStringLiteral("last_activated_at")).toString().isEmpty());
        QVERIFY(f.world()->shieldModeActive(f.bid()));
        QCOMPARE(f.client->put(url, f.headers(m_token), "{\"is_active\":\"yes\"}").status, 400);
    }
};

ROOMWARDEN_TEST_MAIN_CORE(TestSandboxHelixModeration)
#include "TestSandboxHelixModeration.moc"
