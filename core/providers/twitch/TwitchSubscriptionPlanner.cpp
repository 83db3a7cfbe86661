#include "core/providers/twitch/TwitchSubscriptionPlanner.h"

#include <algorithm>
#include <array>
#include <initializer_list>
#include <vector>

namespace roomwarden::twitch {

namespace {

enum class Condition
{
    BroadcasterAndUser,      // broadcaster_user_id + user_id (chat types)
    BroadcasterAndModerator, // broadcaster_user_id + moderator_user_id
    Broadcaster,             // broadcaster_user_id
    RaidTo,                  // to_broadcaster_user_id
    RaidFrom,                // from_broadcaster_user_id
};

// One requirement is satisfied by any of its alternatives; a type needs all its requirements.
using Requirement = std::vector<const char16_t *>;

struct Entry
{
    const char16_t *type;
    const char16_t *version;
    Condition condition;
    std::vector<Requirement> requires_;
    bool broadcasterOnly = false;
    bool coveredByModerate = false; // channel.moderate v2 delivers the same facts
};

// specs/twitch.md §4.5 (types, versions, conditions, scopes) and §2.8.
const std::vector<Entry> &table()
{
    static const std::vector<Entry> kTable{
        {u"channel.moderate",
         u"2",
         Condition::BroadcasterAndModerator,
         {{u"moderator:read:blocked_terms", u"moderator:manage:blocked_terms"},
          {u"moderator:read:chat_settings", u"moderator:manage:chat_settings"},
          {u"moderator:read:unban_requests", u"moderator:manage:unban_requests"},
          {u"moderator:read:banned_users", u"moderator:manage:banned_users"},
          {u"moderator:read:chat_messages", u"moderator:manage:chat_messages"},
          {u"moderator:read:warnings", u"moderator:manage:warnings"},
          {u"moderator:read:moderators"},
          {u"moderator:read:vips"}}},
        {u"channel.chat.message", u"1", Condition::BroadcasterAndUser, {{u"user:read:chat"}}},
        {u"channel.chat.message_delete",
         u"1",
         Condition::BroadcasterAndUser,
         {{u"user:read:chat"}},
         false,
         true},
        {u"channel.chat.clear",
         u"1",
         Condition::BroadcasterAndUser,
         {{u"user:read:chat"}},
         false,
         true},
        {u"channel.chat.clear_user_messages",
         u"1",
         Condition::BroadcasterAndUser,
         {{u"user:read:chat"}}},
        {u"channel.chat_settings.update",
         u"1",
         Condition::BroadcasterAndUser,
         {{u"user:read:chat"}},
         false,
         true},
        {u"channel.follow",
         u"2",
         Condition::BroadcasterAndModerator,
         {{u"moderator:read:followers"}}},
        {u"automod.message.hold",
         u"2",
         Condition::BroadcasterAndModerator,
         {{u"moderator:manage:automod"}}},
        {u"automod.message.update",
         u"2",
         Condition::BroadcasterAndModerator,
         {{u"moderator:manage:automod"}}},
        {u"channel.warning.send",
         u"1",
         Condition::BroadcasterAndModerator,
         {{u"moderator:read:warnings", u"moderator:manage:warnings"}},
         false,
         true},
        {u"channel.shield_mode.begin",
         u"1",
         Condition::BroadcasterAndModerator,
         {{u"moderator:read:shield_mode", u"moderator:manage:shield_mode"}}},
        {u"channel.shield_mode.end",
         u"1",
         Condition::BroadcasterAndModerator,
         {{u"moderator:read:shield_mode", u"moderator:manage:shield_mode"}}},
        {u"channel.unban_request.create",
         u"1",
         Condition::BroadcasterAndModerator,
         {{u"moderator:read:unban_requests", u"moderator:manage:unban_requests"}}},
        {u"channel.unban_request.resolve",
         u"1",
         Condition::BroadcasterAndModerator,
         {{u"moderator:read:unban_requests", u"moderator:manage:unban_requests"}},
         false,
         true},
        // §1.4: broadcaster-only; a moderator token does not apply.
        {u"channel.ban", u"1", Condition::Broadcaster, {{u"channel:moderate"}}, true, true},
        {u"channel.unban", u"1", Condition::Broadcaster, {{u"channel:moderate"}}, true, true},
        // No scope. For another user's channel these cost 1 each against max_total_cost 10
        // (§4.4), which is why outgoing raids defer to channel.moderate when it is there.
        {u"channel.raid", u"1", Condition::RaidTo, {}},
        {u"channel.raid", u"1", Condition::RaidFrom, {}, false, true},
        {u"stream.online", u"1", Condition::Broadcaster, {}},
        {u"stream.offline", u"1", Condition::Broadcaster, {}},
    };
    return kTable;
}

bool granted(const model::ScopeSet &scopes, const char16_t *name)
{
    return containsScope(scopes, model::Scope{model::Provider::Twitch, QString::fromUtf16(name)});
}

QString alternatives(const Requirement &r)
{
    QStringList names;
    for (const char16_t *s : r)
        names << QString::fromUtf16(s);
    return names.join(u'|');
}

QJsonObject conditionFor(Condition c, const TwitchSubscriptionPlanner::Input &in)
{
    switch (c) {
    case Condition::BroadcasterAndUser:
        return {{QStringLiteral("broadcaster_user_id"), in.broadcasterId},
                {QStringLiteral("user_id"), in.userId}};
    case Condition::BroadcasterAndModerator:
        return {{QStringLiteral("broadcaster_user_id"), in.broadcasterId},
                {QStringLiteral("moderator_user_id"), in.userId}};
    case Condition::Broadcaster:
        return {{QStringLiteral("broadcaster_user_id"), in.broadcasterId}};
    case Condition::RaidTo:
        return {{QStringLiteral("to_broadcaster_user_id"), in.broadcasterId}};
    case Condition::RaidFrom:
        return {{QStringLiteral("from_broadcaster_user_id"), in.broadcasterId}};
    }
    return {};
}

} // namespace

bool SubscriptionPlan::contains(const QString &type) const
{
    return std::any_of(subscriptions.cbegin(), subscriptions.cend(),
                       [&](const PlannedSubscription &s) { return s.type == type; });
}

QStringList TwitchSubscriptionPlanner::requirementsOf(const QString &type)
{
    for (const Entry &e : table()) {
        if (type == QStringView(e.type)) {
            QStringList out;
            for (const Requirement &r : e.requires_)
                out << alternatives(r);
            return out;
        }
    }
    return {};
}

SubscriptionPlan TwitchSubscriptionPlanner::plan(const Input &in)
{
    SubscriptionPlan plan;
    if (in.userId.isEmpty() || in.broadcasterId.isEmpty())
        return plan;
    bool moderatePlanned = false;
    for (const Entry &e : table()) {
        const QString type = QString::fromUtf16(e.type);
        if (e.broadcasterOnly && !in.isBroadcaster) {
            plan.skipped.append({type, QStringLiteral("broadcaster only")});
            continue;
        }
        QStringList missing;
        for (const Requirement &r : e.requires_) {
            if (std::none_of(r.cbegin(), r.cend(),
                             [&](const char16_t *s) { return granted(in.grantedScopes, s); }))
                missing << alternatives(r);
        }
        if (!missing.isEmpty()) {
            plan.skipped.append({type, QStringLiteral("missing scope: ") + missing.join(u", ")});
            continue;
        }
        // channel.moderate comes first in the table, so this is known by the time it matters.
        if (e.coveredByModerate && moderatePlanned) {
            plan.skipped.append({type, QStringLiteral("covered by channel.moderate")});
            continue;
        }
        if (type == u"channel.moderate")
            moderatePlanned = true;
        plan.subscriptions.append(
            {type, QString::fromUtf16(e.version), conditionFor(e.condition, in)});
    }
    return plan;
}

} // namespace roomwarden::twitch
