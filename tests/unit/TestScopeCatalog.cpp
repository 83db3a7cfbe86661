// The scope catalog and the feature profiles: plain words for every scope, minimal unions.
#include "core/auth/ScopeCatalog.h"

#include "TestMain.h"

using namespace roomwarden;
using auth::Feature;
using auth::FeatureProfile;
using auth::ScopeCatalog;

Q_DECLARE_METATYPE(QList<roomwarden::auth::Feature>)

namespace {
QStringList names(const model::ScopeSet &s)
{
    QStringList out = model::scopeNames(s);
    out.sort();
    return out;
}
QStringList sorted(QStringList l)
{
    l.sort();
    return l;
}
} // namespace

class TestScopeCatalog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyScopeHasWordsAndNoDuplicates();
    void everyFeatureNeedsOnlyCatalogScopes();
    void scopesFor_data();
    void scopesFor();
    void analyticsProfileIsReadOnly();
    void moderationProfileCoversTheSpecBundle();
    void unknownScopeIsShownByName();
};

void TestScopeCatalog::everyScopeHasWordsAndNoDuplicates()
{
    QStringList seen;
    for (const auto &info : ScopeCatalog::scopes(model::Provider::Twitch)) {
        QVERIFY2(!seen.contains(info.scope.name), qPrintable(info.scope.name));
        seen << info.scope.name;
        QVERIFY2(info.description.size() > 10, qPrintable(info.scope.name));
        QVERIFY2(!info.description.contains(u':'), qPrintable(info.description));
        QVERIFY(!ScopeCatalog::riskName(info.risk).isEmpty());
        if (!info.impliedBy.isEmpty())
            QVERIFY(ScopeCatalog::info({model::Provider::Twitch, info.impliedBy}));
    }
    QVERIFY(seen.size() >= 30);
    QVERIFY(!seen.contains(QStringLiteral("analytics:read:extensions")));
    QVERIFY(ScopeCatalog::scopes(model::Provider::Discord).isEmpty());
}

void TestScopeCatalog::everyFeatureNeedsOnlyCatalogScopes()
{
    for (Feature f : ScopeCatalog::allFeatures()) {
        QVERIFY(!ScopeCatalog::featureName(f).isEmpty());
        QVERIFY(!ScopeCatalog::featureDescription(f).isEmpty());
        const auto scopes = ScopeCatalog::scopesForFeature(model::Provider::Twitch, f);
        QVERIFY(!scopes.isEmpty());
        for (const auto &s : scopes)
            QVERIFY2(ScopeCatalog::info(s), qPrintable(s.name));
    }
}

void TestScopeCatalog::scopesFor_data()
{
    QTest::addColumn<QList<Feature>>("features");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("nothing") << QList<Feature>{} << QStringList{};
    QTest::newRow("read chat") << QList<Feature>{Feature::ReadChat}
                               << QStringList{"user:read:chat", "user:read:moderated_channels"};
    QTest::newRow("twice is once")
        << QList<Feature>{Feature::SendChat, Feature::SendChat} << QStringList{"user:write:chat"};
    // Shield Mode's manage scope covers Moderate's read:shield_mode (read or manage, §3.2).
    QTest::newRow("manage covers read")
        << QList<Feature>{Feature::Moderate, Feature::ShieldMode}
        << QStringList{"moderator:manage:banned_users", "moderator:manage:chat_messages",
                       "moderator:read:moderators",     "moderator:read:vips",
                       "moderator:manage:shield_mode",  "moderator:read:suspicious_users"};
    // ... but chat_settings read stays: whether manage implies it is unverified (§2.8).
    QTest::newRow("chat settings read stays")
        << QList<Feature>{Feature::ChatModes}
        << QStringList{"moderator:manage:chat_settings", "moderator:read:chat_settings"};
    QTest::newRow("analytics") << ScopeCatalog::featuresOf(FeatureProfile::AnalyticsOnly)
                               << QStringList{"user:read:chat", "user:read:moderated_channels",
                                              "moderator:read:chatters",
                                              "moderator:read:followers"};
}

void TestScopeCatalog::scopesFor()
{
    QFETCH(QList<Feature>, features);
    QFETCH(QStringList, expected);
    QCOMPARE(names(ScopeCatalog::scopesFor(model::Provider::Twitch, features)), sorted(expected));
}

void TestScopeCatalog::analyticsProfileIsReadOnly()
{
    const auto scopes = ScopeCatalog::scopesFor(
        model::Provider::Twitch, ScopeCatalog::featuresOf(FeatureProfile::AnalyticsOnly));
    for (const auto &s : scopes) {
        QVERIFY2(s.name.contains(QStringLiteral(":read:")), qPrintable(s.name));
        QCOMPARE(ScopeCatalog::info(s)->risk, auth::ScopeRisk::Low);
    }
    QVERIFY(ScopeCatalog::featuresOf(FeatureProfile::Custom).isEmpty());
}

void TestScopeCatalog::moderationProfileCoversTheSpecBundle()
{
    // specs/twitch.md §2.8 "Moderator mode (core)", plus the chat-delay read scope.
    const QStringList bundle =
        QStringLiteral("user:read:chat user:write:chat user:read:moderated_channels "
                       "moderator:read:chatters moderator:read:followers "
                       "moderator:manage:banned_users moderator:manage:chat_messages "
                       "moderator:manage:chat_settings moderator:manage:warnings "
                       "moderator:manage:automod moderator:manage:blocked_terms "
                       "moderator:manage:unban_requests moderator:read:shield_mode "
                       "moderator:read:suspicious_users moderator:read:moderators "
                       "moderator:read:vips moderator:read:chat_settings")
            .split(u' ');
    const auto scopes = ScopeCatalog::scopesFor(
        model::Provider::Twitch, ScopeCatalog::featuresOf(FeatureProfile::Moderation));
    QCOMPARE(names(scopes), sorted(bundle));
    for (const auto &s : scopes)
        QVERIFY2(!ScopeCatalog::info(s)->broadcasterOnly, qPrintable(s.name));
}

void TestScopeCatalog::unknownScopeIsShownByName()
{
    QCOMPARE(ScopeCatalog::describe({model::Provider::Twitch, QStringLiteral("x:y")}),
             QStringLiteral("x:y"));
    QCOMPARE(ScopeCatalog::describe({model::Provider::Twitch, QStringLiteral("user:read:chat")}),
             QStringLiteral("Read chat in channels you moderate"));
}

ROOMWARDEN_TEST_MAIN_CORE(TestScopeCatalog)
#include "TestScopeCatalog.moc"
