#pragma once
#include "core/model/Provider.h"
#include "core/model/Scope.h"

#include <QList>
#include <QString>

#include <optional>

namespace roomwarden::auth {

// How much harm a scope could do in the wrong hands; shown next to each scope before sign-in.
enum class ScopeRisk
{
    Low,    // reads what a moderator can already see in chat
    Medium, // reads private data, or changes a room's settings
    High,   // acts on people (bans, deletions) or on the channel itself
};

// What the user turns on. Each feature needs a fixed set of scopes; nothing else is asked for
// (promise 2: least privilege, requested per feature).
enum class Feature
{
    ReadChat,
    ChatAnalytics,
    FollowerAnalytics,
    Moderate, // ban, timeout, unban, delete, clear
    ChatModes,
    ShieldMode,
    AutoModQueue,
    BlockedTerms,
    UnbanRequests,
    Warnings,
    Announcements,
    SendChat,
    BroadcasterInsights,
};

enum class FeatureProfile
{
    AnalyticsOnly, // read scopes only
    Moderation,    // analytics plus the moderator's manage scopes
    Custom,        // the user's own feature set
};

struct ScopeInfo
{
    model::Scope scope;
    QString description; // plain language, translated: "Read chat in channels you moderate"
    ScopeRisk risk = ScopeRisk::Low;
    bool broadcasterOnly = false;
    // A read scope that a manage scope covers wherever the platform accepts either
    // (specs/twitch.md §3.2 "read or manage"); dropped from a request that has the other.
    QString impliedBy;
};

// Every scope Roomwarden may ask a provider for, what each feature needs, and the profiles.
// With ScopeGuard's operation table this is the only place that spells Twitch scope names
// (TwitchSubscriptionPlanner keeps its own EventSub table).
class ScopeCatalog
{
public:
    static QList<ScopeInfo> scopes(model::Provider provider);
    static std::optional<ScopeInfo> info(const model::Scope &scope);
    // The plain-language line, or the raw name for a scope the catalog does not know.
    static QString describe(const model::Scope &scope);

    static QList<Feature> allFeatures();
    static QString featureName(Feature feature);
    static QString featureDescription(Feature feature);
    // Exactly what one feature needs on `provider`.
    static model::ScopeSet scopesForFeature(model::Provider provider, Feature feature);
    // The union of the features' scopes, minimal: no duplicates, and no read scope whose manage
    // scope is also requested. In catalog order, so the dialog and the request agree.
    static model::ScopeSet scopesFor(model::Provider provider, const QList<Feature> &features);

    // Whether `granted` covers `scope`: it holds the scope, or the manage scope that implies it
    // (ScopeInfo::impliedBy).
    static bool covers(const model::ScopeSet &granted, const model::Scope &scope);
    // The features whose scopes `granted` all covers, in allFeatures() order. A feature that
    // needs nothing on `provider` is not "covered".
    static QList<Feature> featuresCoveredBy(model::Provider provider,
                                            const model::ScopeSet &granted);
    // What scopesFor(features) asks for that `granted` does not cover yet, in catalog order:
    // the scopes an upgrade adds.
    static model::ScopeSet missingFor(model::Provider provider, const model::ScopeSet &granted,
                                      const QList<Feature> &features);
    // An upgrade's request (promise 2: upgraded only when a feature needs more): everything
    // already granted — nothing is dropped, not even a scope the catalog does not know — plus
    // missingFor(). Catalog order, then the unknown granted scopes in their own order.
    static model::ScopeSet upgradeFor(model::Provider provider, const model::ScopeSet &granted,
                                      const QList<Feature> &features);

    static QList<Feature> featuresOf(FeatureProfile profile); // empty for Custom
    static QString profileName(FeatureProfile profile);
    static QString riskName(ScopeRisk risk);
};

} // namespace roomwarden::auth
