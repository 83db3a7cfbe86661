#include "core/auth/ScopeCatalog.h"

#include <QCoreApplication>

#include <algorithm>
#include <vector>

namespace roomwarden::auth {

namespace {

constexpr const char *kContext = "roomwarden::auth::ScopeCatalog";

QString tr(const char *text)
{
    return QCoreApplication::translate(kContext, text);
}

struct ScopeRow
{
    const char16_t *name;
    const char *description; // translated at use, so a language switch takes effect
    ScopeRisk risk;
    bool broadcasterOnly = false;
    const char16_t *impliedBy = nullptr;
};

// specs/twitch.md §2.8. analytics:read:extensions/games are left out on purpose (§3.6: no
// room analytics in them), as is user:read:email (never needed).
const std::vector<ScopeRow> &twitchScopes()
{
    static const std::vector<ScopeRow> kRows{
        {u"user:read:chat", QT_TRANSLATE_NOOP(kContext, "Read chat in channels you moderate"),
         ScopeRisk::Low},
        {u"user:read:moderated_channels",
         QT_TRANSLATE_NOOP(kContext, "See the list of channels you moderate"), ScopeRisk::Low},
        {u"moderator:read:chatters",
         QT_TRANSLATE_NOOP(kContext, "See who is in chat, to count chatters"), ScopeRisk::Low},
        {u"moderator:read:followers",
         QT_TRANSLATE_NOOP(kContext, "See who follows the channels you moderate"), ScopeRisk::Low},
        {u"moderator:read:moderators",
         QT_TRANSLATE_NOOP(kContext, "See who the other moderators are"), ScopeRisk::Low},
        {u"moderator:read:vips", QT_TRANSLATE_NOOP(kContext, "See who the channel's VIPs are"),
         ScopeRisk::Low},
        {u"moderator:read:shield_mode",
         QT_TRANSLATE_NOOP(kContext, "See whether Shield Mode is on"), ScopeRisk::Low, false,
         u"moderator:manage:shield_mode"},
        {u"moderator:read:suspicious_users",
         QT_TRANSLATE_NOOP(kContext, "See which chatters Twitch flags as suspicious"),
         ScopeRisk::Low},
        {u"moderator:read:banned_users",
         QT_TRANSLATE_NOOP(kContext, "See bans and timeouts in channels you moderate"),
         ScopeRisk::Low, false, u"moderator:manage:banned_users"},
        {u"moderator:read:chat_messages",
         QT_TRANSLATE_NOOP(kContext, "See which chat messages moderators deleted"), ScopeRisk::Low,
         false, u"moderator:manage:chat_messages"},
        // Not implied by the manage scope: whether it is is [UNVERIFIED] (§2.8), and Get Chat
        // Settings returns the chat delay only with this one.
        {u"moderator:read:chat_settings",
         QT_TRANSLATE_NOOP(kContext, "See chat settings, including the chat delay"),
         ScopeRisk::Low},
        {u"moderator:read:warnings", QT_TRANSLATE_NOOP(kContext, "See warnings given to chatters"),
         ScopeRisk::Low, false, u"moderator:manage:warnings"},
        {u"moderator:read:blocked_terms",
         QT_TRANSLATE_NOOP(kContext, "See the channel's blocked terms"), ScopeRisk::Low, false,
         u"moderator:manage:blocked_terms"},
        {u"moderator:read:unban_requests", QT_TRANSLATE_NOOP(kContext, "See unban requests"),
         ScopeRisk::Low, false, u"moderator:manage:unban_requests"},
        {u"moderator:read:automod_settings",
         QT_TRANSLATE_NOOP(kContext, "See the channel's AutoMod settings"), ScopeRisk::Low, false,
         u"moderator:manage:automod_settings"},
        {u"user:write:chat", QT_TRANSLATE_NOOP(kContext, "Send chat messages as you"),
         ScopeRisk::Medium},
        {u"moderator:manage:chat_settings",
         QT_TRANSLATE_NOOP(kContext, "Change chat modes (slow, followers-only, emote-only…)"),
         ScopeRisk::Medium},
        {u"moderator:manage:shield_mode",
         QT_TRANSLATE_NOOP(kContext, "Turn Shield Mode on and off"), ScopeRisk::Medium},
        {u"moderator:manage:warnings", QT_TRANSLATE_NOOP(kContext, "Warn chatters in your name"),
         ScopeRisk::Medium},
        {u"moderator:manage:automod",
         QT_TRANSLATE_NOOP(kContext, "Allow or deny messages AutoMod held back"),
         ScopeRisk::Medium},
        {u"moderator:manage:blocked_terms",
         QT_TRANSLATE_NOOP(kContext, "Add and remove blocked terms"), ScopeRisk::Medium},
        {u"moderator:manage:unban_requests",
         QT_TRANSLATE_NOOP(kContext, "Approve or deny unban requests"), ScopeRisk::Medium},
        {u"moderator:manage:announcements",
         QT_TRANSLATE_NOOP(kContext, "Post announcements in chat"), ScopeRisk::Medium},
        {u"moderator:manage:banned_users",
         QT_TRANSLATE_NOOP(kContext, "Ban, time out and unban chatters"), ScopeRisk::High},
        {u"moderator:manage:chat_messages",
         QT_TRANSLATE_NOOP(kContext, "Delete chat messages and clear chat"), ScopeRisk::High},
        {u"moderator:manage:automod_settings",
         QT_TRANSLATE_NOOP(kContext, "Change the channel's AutoMod settings"), ScopeRisk::High},
        {u"moderator:manage:suspicious_users",
         QT_TRANSLATE_NOOP(kContext, "Restrict or monitor suspicious chatters"), ScopeRisk::High},
        // Broadcaster add-on (§2.8): asked for only when the user is the broadcaster.
        {u"moderation:read",
         QT_TRANSLATE_NOOP(kContext, "See your channel's moderators and banned users"),
         ScopeRisk::Low, true},
        {u"channel:moderate",
         QT_TRANSLATE_NOOP(kContext, "Receive ban and unban events for your channel"),
         ScopeRisk::Low, true},
        {u"channel:read:vips", QT_TRANSLATE_NOOP(kContext, "See your channel's VIPs"),
         ScopeRisk::Low, true, u"channel:manage:vips"},
        {u"bits:read", QT_TRANSLATE_NOOP(kContext, "See Bits cheered in your channel"),
         ScopeRisk::Low, true},
        {u"channel:read:hype_train", QT_TRANSLATE_NOOP(kContext, "See your channel's Hype Trains"),
         ScopeRisk::Low, true},
        {u"channel:read:subscriptions",
         QT_TRANSLATE_NOOP(kContext, "See who subscribes to your channel"), ScopeRisk::Medium,
         true},
        {u"channel:manage:vips", QT_TRANSLATE_NOOP(kContext, "Add and remove your channel's VIPs"),
         ScopeRisk::High, true},
        {u"channel:manage:moderators",
         QT_TRANSLATE_NOOP(kContext, "Add and remove your channel's moderators"), ScopeRisk::High,
         true},
        {u"channel:manage:raids",
         QT_TRANSLATE_NOOP(kContext, "Start and cancel raids from your channel"), ScopeRisk::High,
         true},
    };
    return kRows;
}

struct FeatureRow
{
    Feature feature;
    const char *name;
    const char *description;
    std::vector<const char16_t *> twitchScopes;
};

// Which scopes each feature needs. Moderate includes what channel.moderate v2 requires besides
// the manage scopes (moderators, VIPs), so the moderation log works with the feature alone.
const std::vector<FeatureRow> &features()
{
    static const std::vector<FeatureRow> kRows{
        {Feature::ReadChat,
         QT_TRANSLATE_NOOP(kContext, "Read chat"),
         QT_TRANSLATE_NOOP(kContext, "Show chat live in the rooms you moderate."),
         {u"user:read:chat", u"user:read:moderated_channels"}},
        {Feature::ChatAnalytics,
         QT_TRANSLATE_NOOP(kContext, "Chat analytics"),
         QT_TRANSLATE_NOOP(kContext, "Count chatters and messages over a session."),
         {u"moderator:read:chatters"}},
        {Feature::FollowerAnalytics,
         QT_TRANSLATE_NOOP(kContext, "Follower analytics"),
         QT_TRANSLATE_NOOP(kContext, "Count new followers over a session."),
         {u"moderator:read:followers"}},
        {Feature::Moderate,
         QT_TRANSLATE_NOOP(kContext, "Moderate"),
         QT_TRANSLATE_NOOP(kContext, "Ban, time out and unban chatters; delete messages."),
         {u"moderator:manage:banned_users", u"moderator:manage:chat_messages",
          u"moderator:read:moderators", u"moderator:read:vips", u"moderator:read:shield_mode",
          u"moderator:read:suspicious_users"}},
        {Feature::ChatModes,
         QT_TRANSLATE_NOOP(kContext, "Chat modes"),
         QT_TRANSLATE_NOOP(kContext, "Switch slow, followers-only, subscribers-only and "
                                     "emote-only mode."),
         {u"moderator:manage:chat_settings", u"moderator:read:chat_settings"}},
        {Feature::ShieldMode,
         QT_TRANSLATE_NOOP(kContext, "Shield Mode"),
         QT_TRANSLATE_NOOP(kContext, "Turn Shield Mode on during a raid."),
         {u"moderator:manage:shield_mode"}},
        {Feature::AutoModQueue,
         QT_TRANSLATE_NOOP(kContext, "AutoMod queue"),
         QT_TRANSLATE_NOOP(kContext, "Allow or deny messages AutoMod held back."),
         {u"moderator:manage:automod"}},
        {Feature::BlockedTerms,
         QT_TRANSLATE_NOOP(kContext, "Blocked terms"),
         QT_TRANSLATE_NOOP(kContext, "Manage the channel's blocked terms."),
         {u"moderator:manage:blocked_terms"}},
        {Feature::UnbanRequests,
         QT_TRANSLATE_NOOP(kContext, "Unban requests"),
         QT_TRANSLATE_NOOP(kContext, "Review and resolve unban requests."),
         {u"moderator:manage:unban_requests"}},
        {Feature::Warnings,
         QT_TRANSLATE_NOOP(kContext, "Warnings"),
         QT_TRANSLATE_NOOP(kContext, "Warn chatters."),
         {u"moderator:manage:warnings"}},
        {Feature::Announcements,
         QT_TRANSLATE_NOOP(kContext, "Announcements"),
         QT_TRANSLATE_NOOP(kContext, "Post highlighted announcements in chat."),
         {u"moderator:manage:announcements"}},
        {Feature::SendChat,
         QT_TRANSLATE_NOOP(kContext, "Send chat"),
         QT_TRANSLATE_NOOP(kContext, "Write in chat from Roomwarden."),
         {u"user:write:chat"}},
        {Feature::BroadcasterInsights,
         QT_TRANSLATE_NOOP(kContext, "Broadcaster insights"),
         QT_TRANSLATE_NOOP(kContext, "For your own channel: subscribers, Bits, Hype Trains, "
                                     "VIPs and moderators."),
         {u"moderation:read", u"channel:moderate", u"channel:read:vips",
          u"channel:read:subscriptions", u"bits:read", u"channel:read:hype_train"}},
    };
    return kRows;
}

const FeatureRow *featureRow(Feature feature)
{
    for (const FeatureRow &row : features()) {
        if (row.feature == feature)
            return &row;
    }
    return nullptr;
}

ScopeInfo toInfo(const ScopeRow &row)
{
    return {model::Scope{model::Provider::Twitch, QString::fromUtf16(row.name)},
            tr(row.description), row.risk, row.broadcasterOnly,
            row.impliedBy ? QString::fromUtf16(row.impliedBy) : QString()};
}

} // namespace

QList<ScopeInfo> ScopeCatalog::scopes(model::Provider provider)
{
    QList<ScopeInfo> out;
    // Discord uses a bot token with a permission integer, not OAuth scopes (ARCHITECTURE).
    if (provider != model::Provider::Twitch)
        return out;
    for (const ScopeRow &row : twitchScopes())
        out.append(toInfo(row));
    return out;
}

std::optional<ScopeInfo> ScopeCatalog::info(const model::Scope &scope)
{
    if (scope.provider != model::Provider::Twitch)
        return std::nullopt;
    for (const ScopeRow &row : twitchScopes()) {
        if (scope.name == QStringView(row.name))
            return toInfo(row);
    }
    return std::nullopt;
}

QString ScopeCatalog::describe(const model::Scope &scope)
{
    const auto i = info(scope);
    return i ? i->description : scope.name;
}

QList<Feature> ScopeCatalog::allFeatures()
{
    QList<Feature> out;
    for (const FeatureRow &row : features())
        out.append(row.feature);
    return out;
}

QString ScopeCatalog::featureName(Feature feature)
{
    const FeatureRow *row = featureRow(feature);
    return row ? tr(row->name) : QString();
}

QString ScopeCatalog::featureDescription(Feature feature)
{
    const FeatureRow *row = featureRow(feature);
    return row ? tr(row->description) : QString();
}

model::ScopeSet ScopeCatalog::scopesForFeature(model::Provider provider, Feature feature)
{
    model::ScopeSet out;
    const FeatureRow *row = featureRow(feature);
    if (!row || provider != model::Provider::Twitch)
        return out;
    for (const char16_t *name : row->twitchScopes)
        out.append(model::Scope{provider, QString::fromUtf16(name)});
    return out;
}

model::ScopeSet ScopeCatalog::scopesFor(model::Provider provider, const QList<Feature> &wanted)
{
    model::ScopeSet requested;
    for (Feature f : wanted) {
        for (const model::Scope &s : scopesForFeature(provider, f)) {
            if (!model::containsScope(requested, s))
                requested.append(s);
        }
    }
    model::ScopeSet out;
    for (const ScopeInfo &i : scopes(provider)) {
        if (!model::containsScope(requested, i.scope))
            continue;
        if (!i.impliedBy.isEmpty() &&
            model::containsScope(requested, model::Scope{provider, i.impliedBy}))
            continue;
        out.append(i.scope);
    }
    return out;
}

bool ScopeCatalog::covers(const model::ScopeSet &granted, const model::Scope &scope)
{
    if (model::containsScope(granted, scope))
        return true;
    const auto i = info(scope);
    return i && !i->impliedBy.isEmpty() &&
           model::containsScope(granted, model::Scope{scope.provider, i->impliedBy});
}

QList<Feature> ScopeCatalog::featuresCoveredBy(model::Provider provider,
                                               const model::ScopeSet &granted)
{
    QList<Feature> out;
    for (Feature f : allFeatures()) {
        const model::ScopeSet needed = scopesForFeature(provider, f);
        if (needed.isEmpty())
            continue;
        if (std::all_of(needed.cbegin(), needed.cend(),
                        [&granted](const model::Scope &s) { return covers(granted, s); }))
            out.append(f);
    }
    return out;
}

model::ScopeSet ScopeCatalog::missingFor(model::Provider provider, const model::ScopeSet &granted,
                                         const QList<Feature> &features)
{
    model::ScopeSet out;
    for (const model::Scope &s : scopesFor(provider, features)) {
        if (!covers(granted, s))
            out.append(s);
    }
    return out;
}

model::ScopeSet ScopeCatalog::upgradeFor(model::Provider provider, const model::ScopeSet &granted,
                                         const QList<Feature> &features)
{
    const model::ScopeSet missing = missingFor(provider, granted, features);
    model::ScopeSet out;
    for (const ScopeInfo &i : scopes(provider)) {
        if (model::containsScope(granted, i.scope) || model::containsScope(missing, i.scope))
            out.append(i.scope);
    }
    for (const model::Scope &s : granted) {
        if (s.provider == provider && !model::containsScope(out, s))
            out.append(s);
    }
    return out;
}

QList<Feature> ScopeCatalog::featuresOf(FeatureProfile profile)
{
    switch (profile) {
    case FeatureProfile::AnalyticsOnly:
        return {Feature::ReadChat, Feature::ChatAnalytics, Feature::FollowerAnalytics};
    case FeatureProfile::Moderation:
        return {Feature::ReadChat,     Feature::ChatAnalytics, Feature::FollowerAnalytics,
                Feature::Moderate,     Feature::ChatModes,     Feature::AutoModQueue,
                Feature::BlockedTerms, Feature::UnbanRequests, Feature::Warnings,
                Feature::SendChat};
    case FeatureProfile::Custom:
        return {};
    }
    return {};
}

QString ScopeCatalog::profileName(FeatureProfile profile)
{
    switch (profile) {
    case FeatureProfile::AnalyticsOnly:
        return tr("Analytics only");
    case FeatureProfile::Moderation:
        return tr("Moderation");
    case FeatureProfile::Custom:
        return tr("Custom");
    }
    return {};
}

QString ScopeCatalog::riskName(ScopeRisk risk)
{
    switch (risk) {
    case ScopeRisk::Low:
        return tr("Low risk");
    case ScopeRisk::Medium:
        return tr("Medium risk");
    case ScopeRisk::High:
        return tr("High risk");
    }
    return {};
}

} // namespace roomwarden::auth
