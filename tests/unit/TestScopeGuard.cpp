// ScopeGuard's one table: every operation, with and without its scopes, and with the wrong role.
#include "core/auth/ScopeCatalog.h"
#include "core/auth/ScopeGuard.h"

#include "TestMain.h"

using namespace roomwarden;
using auth::ApiOperation;
using auth::RequiredRole;
using auth::ScopeGuard;
using auth::ScopeRefusal;

Q_DECLARE_METATYPE(roomwarden::auth::ApiOperation)
Q_DECLARE_METATYPE(roomwarden::model::Roles)

namespace {
model::Account accountWith(const QStringList &scopes,
                           model::Provider provider = model::Provider::Twitch)
{
    model::Account a;
    a.provider = provider;
    a.accountId = QStringLiteral("1001");
    a.login = QStringLiteral("mod");
    a.grantedScopes = model::scopesFromWords(provider, scopes);
    return a;
}

model::Roles satisfyingRole(RequiredRole role)
{
    switch (role) {
    case RequiredRole::Any:
        return model::Role::None;
    case RequiredRole::Moderator:
        return model::Role::Moderator;
    case RequiredRole::BroadcasterOnly:
        return model::Role::Broadcaster;
    }
    return model::Role::None;
}

QStringList firstAlternatives(const auth::OperationRule &rule, int skipGroup = -1)
{
    QStringList out;
    for (int i = 0; i < rule.requires_.size(); ++i) {
        if (i != skipGroup)
            out << rule.requires_.at(i).first();
    }
    return out;
}

QStringList allCatalogScopes()
{
    QStringList out;
    for (const auto &info : auth::ScopeCatalog::scopes(model::Provider::Twitch))
        out << info.scope.name;
    return out;
}
} // namespace

class TestScopeGuard : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyOperationHasARow();
    void everyScopeIsInTheCatalog();
    void check_data();
    void check();
    void matchesTheSpec_data();
    void matchesTheSpec();
    void scopesOfAnotherProviderDoNotCount();
    void refusalExplainsInPlainWords();
};

void TestScopeGuard::everyOperationHasARow()
{
    const auto ops = ScopeGuard::allOperations();
    // The enum is contiguous from GetUsers to DeleteEventSubSubscription.
    const int last = int(ApiOperation::DeleteEventSubSubscription);
    QCOMPARE(ops.size(), last + 1);
    QStringList ids;
    for (int i = 0; i <= last; ++i) {
        QVERIFY(ops.contains(ApiOperation(i)));
        ids << ScopeGuard::operationId(ApiOperation(i));
    }
    ids.removeDuplicates();
    QCOMPARE(ids.size(), last + 1);
}

void TestScopeGuard::everyScopeIsInTheCatalog()
{
    const QStringList catalog = allCatalogScopes();
    for (const QString &s : ScopeGuard::mentionedScopes())
        QVERIFY2(catalog.contains(s), qPrintable(s));
}

void TestScopeGuard::check_data()
{
    QTest::addColumn<ApiOperation>("op");
    QTest::addColumn<QStringList>("granted");
    QTest::addColumn<model::Roles>("role");
    QTest::addColumn<bool>("allowed");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QStringList>("missing");

    const QStringList everything = allCatalogScopes();
    for (ApiOperation op : ScopeGuard::allOperations()) {
        const auto rule = ScopeGuard::rule(op);
        const QByteArray id = ScopeGuard::operationId(op).toLatin1();
        const model::Roles role = satisfyingRole(rule.role);
        QTest::addRow("%s/with", id.constData())
            << op << firstAlternatives(rule) << role << true << -1 << QStringList();
        // Every alternative of an any-of group is enough on its own.
        for (int g = 0; g < rule.requires_.size(); ++g) {
            for (int a = 1; a < rule.requires_.at(g).size(); ++a) {
                QStringList granted = firstAlternatives(rule, g);
                granted << rule.requires_.at(g).at(a);
                QTest::addRow("%s/alternative-%d-%d", id.constData(), g, a)
                    << op << granted << role << true << -1 << QStringList();
            }
        }
        // Each group missing in turn, everything else granted.
        for (int g = 0; g < rule.requires_.size(); ++g) {
            QStringList granted = everything;
            for (const QString &s : rule.requires_.at(g))
                granted.removeAll(s);
            QTest::addRow("%s/without-%d", id.constData(), g)
                << op << granted << role << false << int(ScopeRefusal::Kind::MissingScope)
                << QStringList{rule.requires_.at(g).first()};
        }
        if (rule.requires_.isEmpty()) {
            QTest::addRow("%s/no-scopes-needed", id.constData())
                << op << QStringList() << role << true << -1 << QStringList();
        }
        if (rule.role == RequiredRole::Moderator) {
            QTest::addRow("%s/viewer", id.constData())
                << op << everything << model::Roles(model::Role::Vip) << false
                << int(ScopeRefusal::Kind::WrongRole) << QStringList();
        } else if (rule.role == RequiredRole::BroadcasterOnly) {
            QTest::addRow("%s/moderator", id.constData())
                << op << everything << model::Roles(model::Role::Moderator) << false
                << int(ScopeRefusal::Kind::WrongRole) << QStringList();
        }
    }
}

void TestScopeGuard::check()
{
    QFETCH(ApiOperation, op);
    QFETCH(QStringList, granted);
    QFETCH(model::Roles, role);
    QFETCH(bool, allowed);
    QFETCH(int, kind);
    QFETCH(QStringList, missing);
    const auto refusal = ScopeGuard::check(op, accountWith(granted), role);
    QCOMPARE(!refusal.has_value(), allowed);
    if (refusal) {
        QCOMPARE(int(refusal->kind), kind);
        QCOMPARE(refusal->operation, op);
        QCOMPARE(model::scopeNames(refusal->missingScopes), missing);
        QVERIFY(!refusal->reason.isEmpty());
    }
}

// An independent reading of specs/twitch.md §3.2: "a|b" is one any-of group.
void TestScopeGuard::matchesTheSpec_data()
{
    QTest::addColumn<ApiOperation>("op");
    QTest::addColumn<QStringList>("groups");
    QTest::addColumn<int>("role");
    const auto add = [](const char *name, ApiOperation op, QStringList groups, RequiredRole role) {
        QTest::newRow(name) << op << groups << int(role);
    };
    add("users", ApiOperation::GetUsers, {}, RequiredRole::Any);
    add("chatters", ApiOperation::GetChatters, {"moderator:read:chatters"},
        RequiredRole::Moderator);
    add("followers", ApiOperation::GetChannelFollowers, {"moderator:read:followers"},
        RequiredRole::Moderator);
    add("moderated", ApiOperation::GetModeratedChannels, {"user:read:moderated_channels"},
        RequiredRole::Any);
    add("ban", ApiOperation::BanUser, {"moderator:manage:banned_users"}, RequiredRole::Moderator);
    add("timeout", ApiOperation::TimeoutUser, {"moderator:manage:banned_users"},
        RequiredRole::Moderator);
    add("banned", ApiOperation::GetBannedUsers, {"moderation:read|moderator:manage:banned_users"},
        RequiredRole::BroadcasterOnly);
    add("delete", ApiOperation::DeleteChatMessage, {"moderator:manage:chat_messages"},
        RequiredRole::Moderator);
    add("clear", ApiOperation::ClearChat, {"moderator:manage:chat_messages"},
        RequiredRole::Moderator);
    add("settings", ApiOperation::GetChatSettings, {}, RequiredRole::Any);
    add("update settings", ApiOperation::UpdateChatSettings, {"moderator:manage:chat_settings"},
        RequiredRole::Moderator);
    add("shield", ApiOperation::GetShieldMode,
        {"moderator:read:shield_mode|moderator:manage:shield_mode"}, RequiredRole::Moderator);
    add("warn", ApiOperation::WarnUser, {"moderator:manage:warnings"}, RequiredRole::Moderator);
    add("held", ApiOperation::ManageHeldMessage, {"moderator:manage:automod"},
        RequiredRole::Moderator);
    add("terms", ApiOperation::GetBlockedTerms,
        {"moderator:read:blocked_terms|moderator:manage:blocked_terms"}, RequiredRole::Moderator);
    add("unban requests", ApiOperation::ResolveUnbanRequest, {"moderator:manage:unban_requests"},
        RequiredRole::Moderator);
    add("send", ApiOperation::SendChatMessage, {"user:write:chat"}, RequiredRole::Any);
    add("announce", ApiOperation::SendAnnouncement, {"moderator:manage:announcements"},
        RequiredRole::Moderator);
    add("mods", ApiOperation::GetModerators, {"moderation:read|channel:manage:moderators"},
        RequiredRole::BroadcasterOnly);
    add("vips", ApiOperation::GetVips, {"channel:read:vips|channel:manage:vips"},
        RequiredRole::BroadcasterOnly);
    add("subs", ApiOperation::GetBroadcasterSubscriptions, {"channel:read:subscriptions"},
        RequiredRole::BroadcasterOnly);
    add("eventsub", ApiOperation::CreateEventSubSubscription, {}, RequiredRole::Any);
}

void TestScopeGuard::matchesTheSpec()
{
    QFETCH(ApiOperation, op);
    QFETCH(QStringList, groups);
    QFETCH(int, role);
    const auto rule = ScopeGuard::rule(op);
    QStringList actual;
    for (const QStringList &g : rule.requires_)
        actual << g.join(u'|');
    QCOMPARE(actual, groups);
    QCOMPARE(int(rule.role), role);
}

void TestScopeGuard::scopesOfAnotherProviderDoNotCount()
{
    const auto discord =
        accountWith({QStringLiteral("moderator:manage:banned_users")}, model::Provider::Discord);
    const auto refusal = ScopeGuard::check(ApiOperation::BanUser, discord, model::Role::Moderator);
    QVERIFY(refusal);
    QCOMPARE(refusal->kind, ScopeRefusal::Kind::MissingScope);
}

void TestScopeGuard::refusalExplainsInPlainWords()
{
    const auto refusal =
        ScopeGuard::check(ApiOperation::BanUser, accountWith({}), model::Role::Moderator);
    QVERIFY(refusal);
    // The catalog's line, not the raw scope name.
    QVERIFY2(refusal->reason.contains(QStringLiteral("Ban, time out and unban chatters")),
             qPrintable(refusal->reason));
    const auto role = ScopeGuard::check(ApiOperation::GetVips, accountWith(allCatalogScopes()),
                                        model::Role::Moderator);
    QVERIFY(role);
    QVERIFY(role->reason.contains(QStringLiteral("broadcaster")));
}

ROOMWARDEN_TEST_MAIN_CORE(TestScopeGuard)
#include "TestScopeGuard.moc"
