#include "core/providers/twitch/TwitchSubscriptionPlanner.h"

#include "TestMain.h"

using namespace roomwarden;
using namespace roomwarden::twitch;

namespace {
model::ScopeSet scopes(const QString &words)
{
    return model::scopesFromSpaceDelimited(model::Provider::Twitch, words);
}

// specs/twitch.md §2.8 "Moderator mode (core)" bundle.
const QString kModeratorBundle = QStringLiteral(
    "user:read:chat user:write:chat user:read:moderated_channels moderator:read:chatters "
    "moderator:read:followers moderator:manage:banned_users moderator:manage:chat_messages "
    "moderator:manage:chat_settings moderator:manage:warnings moderator:manage:automod "
    "moderator:manage:blocked_terms moderator:manage:unban_requests moderator:read:shield_mode "
    "moderator:read:suspicious_users moderator:read:moderators moderator:read:vips");

QStringList types(const SubscriptionPlan &plan)
{
    QStringList out;
    for (const auto &s : plan.subscriptions)
        out << s.type + u'/' + s.version;
    return out;
}
} // namespace

class TestSubscriptionPlanner : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void plans_data();
    void plans();
    void conditionsUseTheTokenUser();
    void moderateNeedsEveryScope();
    void nothingWithoutIds();
};

void TestSubscriptionPlanner::plans_data()
{
    QTest::addColumn<QString>("granted");
    QTest::addColumn<bool>("isBroadcaster");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("no scopes") << "" << false
                               << QStringList{"channel.raid/1", "channel.raid/1", "stream.online/1",
                                              "stream.offline/1"};
    QTest::newRow("chat only") << "user:read:chat" << false
                               << QStringList{"channel.chat.message/1",
                                              "channel.chat.message_delete/1",
                                              "channel.chat.clear/1",
                                              "channel.chat.clear_user_messages/1",
                                              "channel.chat_settings.update/1",
                                              "channel.raid/1",
                                              "channel.raid/1",
                                              "stream.online/1",
                                              "stream.offline/1"};
    QTest::newRow("moderator bundle") << kModeratorBundle << false
                                      << QStringList{"channel.moderate/2",
                                                     "channel.chat.message/1",
                                                     "channel.chat.clear_user_messages/1",
                                                     "channel.follow/2",
                                                     "automod.message.hold/2",
                                                     "automod.message.update/2",
                                                     "channel.shield_mode.begin/1",
                                                     "channel.shield_mode.end/1",
                                                     "channel.unban_request.create/1",
                                                     "channel.raid/1",
                                                     "stream.online/1",
                                                     "stream.offline/1"};
    // A broadcaster without the moderate bundle gets channel.ban/unban instead.
    QTest::newRow("broadcaster, channel:moderate")
        << "channel:moderate user:read:chat" << true
        << QStringList{"channel.chat.message/1",
                       "channel.chat.message_delete/1",
                       "channel.chat.clear/1",
                       "channel.chat.clear_user_messages/1",
                       "channel.chat_settings.update/1",
                       "channel.ban/1",
                       "channel.unban/1",
                       "channel.raid/1",
                       "channel.raid/1",
                       "stream.online/1",
                       "stream.offline/1"};
    QTest::newRow("moderator with channel:moderate is no broadcaster")
        << "channel:moderate" << false
        << QStringList{"channel.raid/1", "channel.raid/1", "stream.online/1", "stream.offline/1"};
    QTest::newRow("read-only warnings")
        << "moderator:read:warnings" << false
        << QStringList{"channel.warning.send/1", "channel.raid/1", "channel.raid/1",
                       "stream.online/1", "stream.offline/1"};
}

void TestSubscriptionPlanner::plans()
{
    QFETCH(QString, granted);
    QFETCH(bool, isBroadcaster);
    QFETCH(QStringList, expected);
    const auto plan = TwitchSubscriptionPlanner::plan(
        {scopes(granted), QStringLiteral("200"), QStringLiteral("100"), isBroadcaster});
    QCOMPARE(types(plan), expected);
}

void TestSubscriptionPlanner::conditionsUseTheTokenUser()
{
    const auto plan = TwitchSubscriptionPlanner::plan(
        {scopes(kModeratorBundle), QStringLiteral("200"), QStringLiteral("100"), false});
    for (const auto &s : plan.subscriptions) {
        const QJsonObject c = s.condition;
        if (s.type == u"channel.raid") {
            QVERIFY(c.value("to_broadcaster_user_id").toString() == u"100" ||
                    c.value("from_broadcaster_user_id").toString() == u"100");
            continue;
        }
        QCOMPARE(c.value("broadcaster_user_id").toString(), QStringLiteral("100"));
        if (c.contains("moderator_user_id"))
            QCOMPARE(c.value("moderator_user_id").toString(), QStringLiteral("200"));
        if (c.contains("user_id"))
            QCOMPARE(c.value("user_id").toString(), QStringLiteral("200"));
        if (s.type.startsWith(u"channel.chat."))
            QVERIFY(c.contains("user_id"));
    }
    // Skipped types explain why (for the UI).
    bool sawCovered = false;
    for (const auto &k : plan.skipped)
        sawCovered |= k.type == u"channel.chat.message_delete" && k.reason.contains(u"moderate");
    QVERIFY(sawCovered);
}

void TestSubscriptionPlanner::moderateNeedsEveryScope()
{
    // Drop each scope of the moderate bundle in turn: channel.moderate must disappear when a
    // requirement it lists loses its last alternative, and the covered types must come back.
    const QStringList needed = TwitchSubscriptionPlanner::requirementsOf("channel.moderate");
    QCOMPARE(needed.size(), 8);
    for (const QString &requirement : needed) {
        QStringList words = kModeratorBundle.split(u' ');
        for (const QString &alt : requirement.split(u'|'))
            words.removeAll(alt);
        const auto plan = TwitchSubscriptionPlanner::plan(
            {scopes(words.join(u' ')), QStringLiteral("200"), QStringLiteral("100"), false});
        QVERIFY2(!plan.contains("channel.moderate"), qPrintable(requirement));
        QVERIFY(plan.contains("channel.chat.message_delete"));
    }
    // A read alternative is as good as manage.
    QString readOnly = kModeratorBundle;
    readOnly.replace("moderator:manage:banned_users", "moderator:read:banned_users");
    QVERIFY(TwitchSubscriptionPlanner::plan(
                {scopes(readOnly), QStringLiteral("200"), QStringLiteral("100"), false})
                .contains("channel.moderate"));
}

void TestSubscriptionPlanner::nothingWithoutIds()
{
    QVERIFY(TwitchSubscriptionPlanner::plan({scopes(kModeratorBundle), {}, "100", false})
                .subscriptions.isEmpty());
    QVERIFY(TwitchSubscriptionPlanner::plan({scopes(kModeratorBundle), "200", {}, false})
                .subscriptions.isEmpty());
}

ROOMWARDEN_TEST_MAIN_CORE(TestSubscriptionPlanner)
#include "TestSubscriptionPlanner.moc"
