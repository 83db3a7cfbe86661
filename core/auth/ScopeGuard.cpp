#include "core/auth/ScopeGuard.h"

#include "core/auth/ScopeCatalog.h"

#include <QCoreApplication>

#include <vector>

namespace roomwarden::auth {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("roomwarden::auth::ScopeGuard", text);
}

struct Row
{
    ApiOperation op;
    const char *id;
    std::vector<std::vector<const char16_t *>> requires_;
    RequiredRole role;
};

using R = RequiredRole;

// specs/twitch.md §3.2 (endpoint → scope) and §3.3 (who may call). The first alternative of a
// group is the least-privileged one: it is what a refusal suggests.
// EventSub subscription calls need no scope of their own: each subscription type's scopes are
// decided by TwitchSubscriptionPlanner's table (§4.5), which only plans granted types.
const std::vector<Row> &table()
{
    static const std::vector<Row> kRows{
        {ApiOperation::GetUsers, "get_users", {}, R::Any},
        {ApiOperation::GetStreams, "get_streams", {}, R::Any},
        {ApiOperation::GetChannelInformation, "get_channel_information", {}, R::Any},
        {ApiOperation::GetChatters, "get_chatters", {{u"moderator:read:chatters"}}, R::Moderator},
        {ApiOperation::GetChannelFollowers,
         "get_channel_followers",
         {{u"moderator:read:followers"}},
         R::Moderator},
        {ApiOperation::GetModeratedChannels,
         "get_moderated_channels",
         {{u"user:read:moderated_channels"}},
         R::Any},
        {ApiOperation::BanUser, "ban_user", {{u"moderator:manage:banned_users"}}, R::Moderator},
        {ApiOperation::TimeoutUser,
         "timeout_user",
         {{u"moderator:manage:banned_users"}},
         R::Moderator},
        {ApiOperation::UnbanUser, "unban_user", {{u"moderator:manage:banned_users"}}, R::Moderator},
        {ApiOperation::GetBannedUsers,
         "get_banned_users",
         {{u"moderation:read", u"moderator:manage:banned_users"}},
         R::BroadcasterOnly},
        {ApiOperation::DeleteChatMessage,
         "delete_chat_message",
         {{u"moderator:manage:chat_messages"}},
         R::Moderator},
        {ApiOperation::ClearChat,
         "clear_chat",
         {{u"moderator:manage:chat_messages"}},
         R::Moderator},
        // App or user token; the delay fields need moderator:read:chat_settings, which the
        // reply simply leaves out without it.
        {ApiOperation::GetChatSettings, "get_chat_settings", {}, R::Any},
        {ApiOperation::UpdateChatSettings,
         "update_chat_settings",
         {{u"moderator:manage:chat_settings"}},
         R::Moderator},
        {ApiOperation::GetShieldMode,
         "get_shield_mode",
         {{u"moderator:read:shield_mode", u"moderator:manage:shield_mode"}},
         R::Moderator},
        {ApiOperation::UpdateShieldMode,
         "update_shield_mode",
         {{u"moderator:manage:shield_mode"}},
         R::Moderator},
        {ApiOperation::WarnUser, "warn_user", {{u"moderator:manage:warnings"}}, R::Moderator},
        {ApiOperation::ManageHeldMessage,
         "manage_held_message",
         {{u"moderator:manage:automod"}},
         R::Moderator},
        {ApiOperation::GetAutoModSettings,
         "get_automod_settings",
         {{u"moderator:read:automod_settings", u"moderator:manage:automod_settings"}},
         R::Moderator},
        {ApiOperation::CheckAutoModStatus,
         "check_automod_status",
         {{u"moderation:read"}},
         R::BroadcasterOnly},
        {ApiOperation::GetBlockedTerms,
         "get_blocked_terms",
         {{u"moderator:read:blocked_terms", u"moderator:manage:blocked_terms"}},
         R::Moderator},
        {ApiOperation::AddBlockedTerm,
         "add_blocked_term",
         {{u"moderator:manage:blocked_terms"}},
         R::Moderator},
        {ApiOperation::RemoveBlockedTerm,
         "remove_blocked_term",
         {{u"moderator:manage:blocked_terms"}},
         R::Moderator},
        {ApiOperation::GetUnbanRequests,
         "get_unban_requests",
         {{u"moderator:read:unban_requests", u"moderator:manage:unban_requests"}},
         R::Moderator},
        {ApiOperation::ResolveUnbanRequest,
         "resolve_unban_request",
         {{u"moderator:manage:unban_requests"}},
         R::Moderator},
        // Any user may chat where the channel lets them; the platform decides the rest (403).
        {ApiOperation::SendChatMessage, "send_chat_message", {{u"user:write:chat"}}, R::Any},
        {ApiOperation::SendAnnouncement,
         "send_announcement",
         {{u"moderator:manage:announcements"}},
         R::Moderator},
        {ApiOperation::AddSuspiciousStatus,
         "add_suspicious_status",
         {{u"moderator:manage:suspicious_users"}},
         R::Moderator},
        {ApiOperation::GetModerators,
         "get_moderators",
         {{u"moderation:read", u"channel:manage:moderators"}},
         R::BroadcasterOnly},
        {ApiOperation::AddModerator,
         "add_moderator",
         {{u"channel:manage:moderators"}},
         R::BroadcasterOnly},
        {ApiOperation::RemoveModerator,
         "remove_moderator",
         {{u"channel:manage:moderators"}},
         R::BroadcasterOnly},
        {ApiOperation::GetVips,
         "get_vips",
         {{u"channel:read:vips", u"channel:manage:vips"}},
         R::BroadcasterOnly},
        {ApiOperation::GetBroadcasterSubscriptions,
         "get_broadcaster_subscriptions",
         {{u"channel:read:subscriptions"}},
         R::BroadcasterOnly},
        {ApiOperation::GetHypeTrainStatus,
         "get_hype_train_status",
         {{u"channel:read:hype_train"}},
         R::BroadcasterOnly},
        {ApiOperation::StartRaid, "start_raid", {{u"channel:manage:raids"}}, R::BroadcasterOnly},
        {ApiOperation::CancelRaid, "cancel_raid", {{u"channel:manage:raids"}}, R::BroadcasterOnly},
        {ApiOperation::GetSharedChatSession, "get_shared_chat_session", {}, R::Any},
        {ApiOperation::CreateEventSubSubscription, "create_eventsub_subscription", {}, R::Any},
        {ApiOperation::GetEventSubSubscriptions, "get_eventsub_subscriptions", {}, R::Any},
        {ApiOperation::DeleteEventSubSubscription, "delete_eventsub_subscription", {}, R::Any},
    };
    return kRows;
}

const Row &rowOf(ApiOperation op)
{
    for (const Row &row : table()) {
        if (row.op == op)
            return row;
    }
    Q_UNREACHABLE(); // every enumerator has a row: TestScopeGuard checks it
}

bool roleAllows(RequiredRole required, model::Roles roles)
{
    switch (required) {
    case RequiredRole::Any:
        return true;
    case RequiredRole::Moderator:
        return roles.testAnyFlags(model::Roles(model::Role::Moderator) | model::Role::Broadcaster);
    case RequiredRole::BroadcasterOnly:
        return roles.testFlag(model::Role::Broadcaster);
    }
    return false;
}

} // namespace

QList<ApiOperation> ScopeGuard::allOperations()
{
    QList<ApiOperation> out;
    for (const Row &row : table())
        out.append(row.op);
    return out;
}

OperationRule ScopeGuard::rule(ApiOperation operation)
{
    const Row &row = rowOf(operation);
    OperationRule r;
    r.operation = row.op;
    r.provider = model::Provider::Twitch;
    r.role = row.role;
    for (const auto &group : row.requires_) {
        QStringList alternatives;
        for (const char16_t *name : group)
            alternatives << QString::fromUtf16(name);
        r.requires_.append(alternatives);
    }
    return r;
}

QString ScopeGuard::operationId(ApiOperation operation)
{
    return QString::fromLatin1(rowOf(operation).id);
}

QStringList ScopeGuard::mentionedScopes()
{
    QStringList out;
    for (const Row &row : table()) {
        for (const auto &group : row.requires_) {
            for (const char16_t *name : group) {
                const QString s = QString::fromUtf16(name);
                if (!out.contains(s))
                    out << s;
            }
        }
    }
    return out;
}

std::optional<ScopeRefusal> ScopeGuard::check(ApiOperation operation, const model::Account &account,
                                              model::Roles roleInRoom)
{
    const OperationRule r = rule(operation);
    // The role first: more scopes would not help someone who may not do this at all.
    if (!roleAllows(r.role, roleInRoom)) {
        ScopeRefusal refusal;
        refusal.operation = operation;
        refusal.kind = ScopeRefusal::Kind::WrongRole;
        refusal.reason = r.role == RequiredRole::BroadcasterOnly
                             ? tr("Only the channel's broadcaster can do this.")
                             : tr("Only the channel's moderators can do this.");
        return refusal;
    }
    model::ScopeSet missing;
    for (const QStringList &group : r.requires_) {
        bool met = false;
        for (const QString &name : group)
            met = met || model::containsScope(account.grantedScopes, {r.provider, name});
        if (!met)
            missing.append(model::Scope{r.provider, group.first()});
    }
    if (missing.isEmpty())
        return std::nullopt;
    QStringList lines;
    for (const model::Scope &s : missing)
        lines << ScopeCatalog::describe(s);
    ScopeRefusal refusal;
    refusal.operation = operation;
    refusal.kind = ScopeRefusal::Kind::MissingScope;
    refusal.missingScopes = missing;
    refusal.reason = tr("Twitch has not granted Roomwarden the permission to: %1. Turn on the "
                        "feature that needs it and sign in again.")
                         .arg(lines.join(QStringLiteral("; ")));
    return refusal;
}

} // namespace roomwarden::auth
