// Platform actions become the EventSub events Twitch sends for them (specs/twitch.md §4.5/§4.6):
// channel.moderate v2 for Helix bans, timeouts, deletes, warnings, chat settings and blocked
// terms; channel.ban/unban; chat.*; shield mode; AutoMod hold/update. Real WSS + HTTPS.
#include "EventSubFixture.h"
#include "TestMain.h"

#include <memory>
#include <QJsonArray>
#include <tuple>

using namespace roomwarden::sandbox;
using namespace roomwarden::sandbox::test;

class TestSandboxEventSubModeration : public QObject
{
    Q_OBJECT

private:
    EventSubFixture m_fx;

private Q_SLOTS:
    void init()
    {
        QString error;
        QVERIFY2(m_fx.start(&error), qPrintable(error));
    }

    void cleanup() { m_fx.stop(); }

    void helixBanArrivesAsModerateV2()
    {
        auto probe = m_fx.connectProbe();
        QVERIFY(probe->waitWelcome());
        const QString mod = m_fx.mod();
        const QString b = m_fx.bid();
        const QString t = m_fx.token(moderateScopes());
        QCOMPARE(m_fx.subscribe(t, QStringLiteral("channel.moderate"), QStringLiteral("2"),
                                {{QStringLiteral("broadcaster_user_id"), b},
                                 {QStringLiteral("moderator_user_id"), mod}},
                                probe->sessionId)
                     .status,
                 202);
        const QUrlQuery q = m_fx.modQuery();
        const QString target = m_fx.viewer();
        const QJsonObject body{{QStringLiteral("data"),
                                QJsonObject{{QStringLiteral("user_id"), target},
                                            {QStringLiteral("reason"), QStringLiteral("spam")}}}};
        const Reply ban = m_fx.client->post(m_fx.helix(QStringLiteral("/moderation/bans"), q),
                                            m_fx.headers(t), SandboxClient::json(body));
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

    void platformActionsBecomeEvents()
    {
        auto probe = m_fx.connectProbe();
        QVERIFY(probe->waitWelcome());
        const QString b = m_fx.bid();
        QStringList scopes = moderateScopes();
        scopes << QStringLiteral("channel:moderate") << QStringLiteral("user:read:chat")
               << QStringLiteral("moderator:read:shield_mode");
        const QString t = m_fx.token(scopes, b);
        const QJsonObject asMod{{QStringLiteral("broadcaster_user_id"), b},
                                {QStringLiteral("moderator_user_id"), b}};
        const QJsonObject asReader{{QStringLiteral("broadcaster_user_id"), b},
                                   {QStringLiteral("user_id"), b}};
        const QJsonObject asBroadcaster{{QStringLiteral("broadcaster_user_id"), b}};
        const QList<std::tuple<QString, QString, QJsonObject>> subs = {
            {QStringLiteral("channel.moderate"), QStringLiteral("2"), asMod},
            {QStringLiteral("channel.ban"), QStringLiteral("1"), asBroadcaster},
            {QStringLiteral("channel.unban"), QStringLiteral("1"), asBroadcaster},
            {QStringLiteral("channel.chat.clear_user_messages"), QStringLiteral("1"), asReader},
            {QStringLiteral("channel.chat_settings.update"), QStringLiteral("1"), asReader},
            {QStringLiteral("channel.shield_mode.begin"), QStringLiteral("1"), asMod},
            {QStringLiteral("channel.warning.send"), QStringLiteral("1"), asMod}};
        for (const auto &[type, version, condition] : subs)
            QCOMPARE(m_fx.subscribe(t, type, version, condition, probe->sessionId).status, 202);

        const QString mod = m_fx.mod();
        const QString target = m_fx.viewer();
        m_fx.world()->applyAction({QStringLiteral("timeout"),
                                   b,
                                   mod,
                                   target,
                                   {{QStringLiteral("reason"), QStringLiteral("calm down")},
                                    {QStringLiteral("duration"), 600}},
                                   {}});
        m_fx.world()->applyAction({QStringLiteral("unban"), b, mod, target, {}, {}});
        m_fx.world()->applyAction(
            {QStringLiteral("shield_mode"), b, mod, {}, {{QStringLiteral("is_active"), true}}, {}});
        m_fx.world()->applyAction({QStringLiteral("warn"),
                                   b,
                                   mod,
                                   target,
                                   {{QStringLiteral("reason"), QStringLiteral("rule 2")}},
                                   {}});
        // Chat settings through Helix, as a client would change them.
        const QUrlQuery q = m_fx.modQuery(b);
        const Reply patch =
            m_fx.client->patch(m_fx.helix(QStringLiteral("/chat/settings"), q), m_fx.headers(t),
                               SandboxClient::json({{QStringLiteral("slow_mode"), true},
                                                    {QStringLiteral("slow_mode_wait_time"), 30}}));
        QCOMPARE(patch.status, 200);

        QTRY_COMPARE_WITH_TIMEOUT(probe->notifications(QStringLiteral("channel.moderate")).size(),
                                  4, 5000);
        QStringList actions;
        for (const QJsonObject &n : probe->notifications(QStringLiteral("channel.moderate")))
            actions << EventSubProbe::event(n).value(QStringLiteral("action")).toString();
        QCOMPARE(actions, (QStringList{QStringLiteral("timeout"), QStringLiteral("untimeout"),
                                       QStringLiteral("warn"), QStringLiteral("slow")}));
        const QJsonObject timeout =
            EventSubProbe::event(probe->notifications(QStringLiteral("channel.moderate")).at(0));
        QVERIFY(!timeout.value(QStringLiteral("timeout"))
                     .toObject()
                     .value(QStringLiteral("expires_at"))
                     .toString()
                     .isEmpty());
        const QJsonObject slow =
            EventSubProbe::event(probe->notifications(QStringLiteral("channel.moderate")).at(3));
        QCOMPARE(slow.value(QStringLiteral("slow"))
                     .toObject()
                     .value(QStringLiteral("wait_time_seconds"))
                     .toInt(),
                 30);

        QTRY_COMPARE_WITH_TIMEOUT(probe->notifications(QStringLiteral("channel.ban")).size(), 1,
                                  5000);
        const QJsonObject ban =
            EventSubProbe::event(probe->notifications(QStringLiteral("channel.ban")).first());
        QCOMPARE(ban.value(QStringLiteral("is_permanent")).toBool(), false);
        QVERIFY(ban.value(QStringLiteral("ends_at")).isString());
        QCOMPARE(ban.value(QStringLiteral("moderator_user_id")).toString(), mod);
        QCOMPARE(probe->notifications(QStringLiteral("channel.unban")).size(), 1);
        QCOMPARE(
            EventSubProbe::event(
                probe->notifications(QStringLiteral("channel.chat.clear_user_messages")).first())
                .value(QStringLiteral("target_user_id"))
                .toString(),
            target);
        QCOMPARE(probe->notifications(QStringLiteral("channel.shield_mode.begin")).size(), 1);
        QCOMPARE(probe->notifications(QStringLiteral("channel.warning.send")).size(), 1);
        const QJsonObject settings = EventSubProbe::event(
            probe->notifications(QStringLiteral("channel.chat_settings.update")).first());
        QCOMPARE(settings.value(QStringLiteral("slow_mode")).toBool(), true);
        QCOMPARE(settings.value(QStringLiteral("slow_mode_wait_time_seconds")).toInt(), 30);
        QVERIFY(!settings.contains(QStringLiteral("non_moderator_chat_delay")));
    }

    void deletesTermsAndAutoModBecomeEvents()
    {
        auto probe = m_fx.connectProbe();
        QVERIFY(probe->waitWelcome());
        const QString b = m_fx.bid();
        const QString mod = m_fx.mod();
        QStringList scopes = moderateScopes();
        scopes << QStringLiteral("user:read:chat") << QStringLiteral("moderator:manage:automod");
        const QString t = m_fx.token(scopes);
        const QJsonObject asMod{{QStringLiteral("broadcaster_user_id"), b},
                                {QStringLiteral("moderator_user_id"), mod}};
        QCOMPARE(m_fx.subscribe(t, QStringLiteral("channel.moderate"), QStringLiteral("2"), asMod,
                                probe->sessionId)
                     .status,
                 202);
        QCOMPARE(m_fx.subscribe(t, QStringLiteral("channel.chat.message_delete"),
                                QStringLiteral("1"), m_fx.chatCondition(mod), probe->sessionId)
                     .status,
                 202);
        QCOMPARE(m_fx.subscribe(t, QStringLiteral("automod.message.hold"), QStringLiteral("2"),
                                asMod, probe->sessionId)
                     .status,
                 202);
        QCOMPARE(m_fx.subscribe(t, QStringLiteral("automod.message.update"), QStringLiteral("2"),
                                asMod, probe->sessionId)
                     .status,
                 202);

        const QString viewer = m_fx.viewer();
        const QString messageId =
            m_fx.world()->recordChatMessage(b, viewer, QStringLiteral("oops"));
        m_fx.world()->applyAction({QStringLiteral("delete"),
                                   b,
                                   mod,
                                   viewer,
                                   {{QStringLiteral("message_id"), messageId}},
                                   {}});
        m_fx.world()->applyAction({QStringLiteral("blocked_term_add"),
                                   b,
                                   mod,
                                   {},
                                   {{QStringLiteral("text"), QStringLiteral("[term]")}},
                                   {}});
        const QString held = m_fx.world()->holdAutoModMessage(b, viewer, QStringLiteral("[insult]"),
                                                              QStringLiteral("bullying"), 2);
        QTRY_COMPARE_WITH_TIMEOUT(
            probe->notifications(QStringLiteral("automod.message.hold")).size(), 1, 5000);
        const QJsonObject hold = EventSubProbe::event(
            probe->notifications(QStringLiteral("automod.message.hold")).first());
        QCOMPARE(hold.value(QStringLiteral("message_id")).toString(), held);
        QCOMPARE(hold.value(QStringLiteral("automod"))
                     .toObject()
                     .value(QStringLiteral("category"))
                     .toString(),
                 QStringLiteral("bullying"));
        // Deny it through Helix, as a client would.
        const Reply deny = m_fx.client->post(
            m_fx.helix(QStringLiteral("/moderation/automod/message")), m_fx.headers(t),
            SandboxClient::json({{QStringLiteral("user_id"), mod},
                                 {QStringLiteral("msg_id"), held},
                                 {QStringLiteral("action"), QStringLiteral("DENY")}}));
        QCOMPARE(deny.status, 204);
        QTRY_COMPARE_WITH_TIMEOUT(
            probe->notifications(QStringLiteral("automod.message.update")).size(), 1, 5000);
        const QJsonObject update = EventSubProbe::event(
            probe->notifications(QStringLiteral("automod.message.update")).first());
        QCOMPARE(update.value(QStringLiteral("status")).toString(), QStringLiteral("Denied"));
        QCOMPARE(update.value(QStringLiteral("moderator_user_id")).toString(), mod);
        QCOMPARE(update.value(QStringLiteral("user_id")).toString(), viewer);

        QTRY_COMPARE_WITH_TIMEOUT(probe->notifications(QStringLiteral("channel.moderate")).size(),
                                  2, 5000);
        const QJsonObject del =
            EventSubProbe::event(probe->notifications(QStringLiteral("channel.moderate")).at(0));
        QCOMPARE(del.value(QStringLiteral("action")).toString(), QStringLiteral("delete"));
        QCOMPARE(del.value(QStringLiteral("delete"))
                     .toObject()
                     .value(QStringLiteral("message_body"))
                     .toString(),
                 QStringLiteral("oops"));
        const QJsonObject term =
            EventSubProbe::event(probe->notifications(QStringLiteral("channel.moderate")).at(1));
        QCOMPARE(term.value(QStringLiteral("action")).toString(),
                 QStringLiteral("add_blocked_term"));
        QCOMPARE(term.value(QStringLiteral("automod_terms"))
                     .toObject()
                     .value(QStringLiteral("terms"))
                     .toArray(),
                 QJsonArray{QStringLiteral("[term]")});
        QVERIFY(!term.contains(QStringLiteral("add_blocked_term")));
        const QJsonObject chatDelete = EventSubProbe::event(
            probe->notifications(QStringLiteral("channel.chat.message_delete")).first());
        QCOMPARE(chatDelete.value(QStringLiteral("message_id")).toString(), messageId);
        QCOMPARE(chatDelete.value(QStringLiteral("target_user_id")).toString(), viewer);
    }
};

ROOMWARDEN_TEST_MAIN_CORE(TestSandboxEventSubModeration)
#include "TestSandboxEventSubModeration.moc"
