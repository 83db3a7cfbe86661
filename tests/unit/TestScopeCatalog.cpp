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
    void featuresCoveredBy_data();
    void featuresCoveredBy();
    void missingFor_data();
    void missingFor();
    void upgradeKeepsEverythingGranted_data();
    void upgradeKeepsEverythingGranted();
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

void TestScopeCatalog::featuresCoveredBy_data()
{
    QTest::addColumn<QStringList>("granted");
    QTest::addColumn<QList<Feature>>("expected");
    QTest::newRow("nothing") << QStringList{} << QList<Feature>{};
    QTest::newRow("half of read chat") << QStringList{"user:read:chat"} << QList<Feature>{};
    QTest::newRow("read chat") << QStringList{"user:read:moderated_channels", "user:read:chat"}
                               << QList<Feature>{Feature::ReadChat};
    QTest::newRow("analytics profile")
        << model::scopeNames(ScopeCatalog::scopesFor(
               model::Provider::Twitch, ScopeCatalog::featuresOf(FeatureProfile::AnalyticsOnly)))
        << QList<Feature>{Feature::ReadChat, Feature::ChatAnalytics, Feature::FollowerAnalytics};
    // Moderate needs read:shield_mode; Shield Mode's manage scope covers it (impliedBy).
    QTest::newRow("manage covers read")
        << QStringList{"moderator:manage:banned_users", "moderator:manage:chat_messages",
                       "moderator:read:moderators",     "moderator:read:vips",
                       "moderator:manage:shield_mode",  "moderator:read:suspicious_users"}
        << QList<Feature>{Feature::Moderate, Feature::ShieldMode};
    // ... but a read scope does not cover its manage scope.
    QTest::newRow("read does not cover manage")
        << QStringList{"moderator:read:shield_mode"} << QList<Feature>{};
    QTest::newRow("chat settings read is not implied")
        << QStringList{"moderator:manage:chat_settings"} << QList<Feature>{};
    QTest::newRow("unknown scopes are ignored")
        << QStringList{"x:y", "user:write:chat"} << QList<Feature>{Feature::SendChat};
    QTest::newRow("moderation profile")
        << model::scopeNames(ScopeCatalog::scopesFor(
               model::Provider::Twitch, ScopeCatalog::featuresOf(FeatureProfile::Moderation)))
        << ScopeCatalog::featuresOf(FeatureProfile::Moderation);
}

void TestScopeCatalog::featuresCoveredBy()
{
    QFETCH(QStringList, granted);
    QFETCH(QList<Feature>, expected);
    QCOMPARE(ScopeCatalog::featuresCoveredBy(
                 model::Provider::Twitch, model::scopesFromWords(model::Provider::Twitch, granted)),
             expected);
    // Nothing is covered on a provider without OAuth scopes.
    QVERIFY(ScopeCatalog::featuresCoveredBy(
                model::Provider::Discord, model::scopesFromWords(model::Provider::Discord, granted))
                .isEmpty());
}

void TestScopeCatalog::missingFor_data()
{
    QTest::addColumn<QStringList>("granted");
    QTest::addColumn<QList<Feature>>("features");
    QTest::addColumn<QStringList>("expected");
    const QStringList analytics = model::scopeNames(ScopeCatalog::scopesFor(
        model::Provider::Twitch, ScopeCatalog::featuresOf(FeatureProfile::AnalyticsOnly)));
    QTest::newRow("nothing wanted") << analytics << QList<Feature>{} << QStringList{};
    QTest::newRow("already granted")
        << analytics << QList<Feature>{Feature::ReadChat, Feature::ChatAnalytics} << QStringList{};
    QTest::newRow("from nothing") << QStringList{} << QList<Feature>{Feature::ReadChat}
                                  << QStringList{"user:read:chat", "user:read:moderated_channels"};
    QTest::newRow("analytics to moderation")
        << analytics << ScopeCatalog::featuresOf(FeatureProfile::Moderation)
        << QStringList{"user:write:chat",
                       "moderator:manage:banned_users",
                       "moderator:manage:chat_messages",
                       "moderator:manage:chat_settings",
                       "moderator:manage:warnings",
                       "moderator:manage:automod",
                       "moderator:manage:blocked_terms",
                       "moderator:manage:unban_requests",
                       "moderator:read:shield_mode",
                       "moderator:read:suspicious_users",
                       "moderator:read:moderators",
                       "moderator:read:vips",
                       "moderator:read:chat_settings"};
    // A granted manage scope covers the read scope a new feature needs.
    QTest::newRow("granted manage covers wanted read")
        << QStringList{"moderator:manage:shield_mode"} << QList<Feature>{Feature::Moderate}
        << QStringList{"moderator:manage:banned_users", "moderator:manage:chat_messages",
                       "moderator:read:moderators", "moderator:read:vips",
                       "moderator:read:suspicious_users"};
    // A granted read scope does not cover the manage scope a new feature needs.
    QTest::newRow("granted read, manage wanted")
        << QStringList{"moderator:read:shield_mode"} << QList<Feature>{Feature::ShieldMode}
        << QStringList{"moderator:manage:shield_mode"};
    QTest::newRow("partly granted feature")
        << QStringList{"user:read:chat"} << QList<Feature>{Feature::ReadChat}
        << QStringList{"user:read:moderated_channels"};
}

void TestScopeCatalog::missingFor()
{
    QFETCH(QStringList, granted);
    QFETCH(QList<Feature>, features);
    QFETCH(QStringList, expected);
    const auto missing = ScopeCatalog::missingFor(
        model::Provider::Twitch, model::scopesFromWords(model::Provider::Twitch, granted),
        features);
    QCOMPARE(names(missing), sorted(expected));
    // Never one already granted, and together with what is granted, every feature is covered.
    for (const auto &s : missing)
        QVERIFY2(!granted.contains(s.name), qPrintable(s.name));
    const auto together =
        model::scopesFromWords(model::Provider::Twitch, granted + model::scopeNames(missing));
    const auto covered = ScopeCatalog::featuresCoveredBy(model::Provider::Twitch, together);
    for (Feature f : features)
        QVERIFY(covered.contains(f));
}

void TestScopeCatalog::upgradeKeepsEverythingGranted_data()
{
    QTest::addColumn<QStringList>("granted");
    QTest::addColumn<QList<Feature>>("features");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("analytics + moderate")
        << QStringList{"user:read:chat", "user:read:moderated_channels", "moderator:read:chatters",
                       "moderator:read:followers"}
        << QList<Feature>{Feature::Moderate}
        << QStringList{"user:read:chat",
                       "user:read:moderated_channels",
                       "moderator:read:chatters",
                       "moderator:read:followers",
                       "moderator:read:moderators",
                       "moderator:read:vips",
                       "moderator:read:shield_mode",
                       "moderator:read:suspicious_users",
                       "moderator:manage:banned_users",
                       "moderator:manage:chat_messages"};
    // A granted read scope stays even when the new manage scope would make it redundant, and
    // so does a scope the catalog does not know.
    QTest::newRow("nothing dropped")
        << QStringList{"moderator:read:shield_mode", "x:unknown"}
        << QList<Feature>{Feature::ShieldMode}
        << QStringList{"moderator:read:shield_mode", "moderator:manage:shield_mode", "x:unknown"};
    QTest::newRow("nothing new") << QStringList{"user:write:chat"}
                                 << QList<Feature>{Feature::SendChat}
                                 << QStringList{"user:write:chat"};
}

void TestScopeCatalog::upgradeKeepsEverythingGranted()
{
    QFETCH(QStringList, granted);
    QFETCH(QList<Feature>, features);
    QFETCH(QStringList, expected);
    const auto upgrade = ScopeCatalog::upgradeFor(
        model::Provider::Twitch, model::scopesFromWords(model::Provider::Twitch, granted),
        features);
    QCOMPARE(names(upgrade), sorted(expected));
    // In catalog order, unknown scopes last: the dialog and the request agree.
    if (granted.contains(QStringLiteral("x:unknown")))
        QCOMPARE(upgrade.constLast().name, QStringLiteral("x:unknown"));
}

ROOMWARDEN_TEST_MAIN_CORE(TestScopeCatalog)
#include "TestScopeCatalog.moc"
