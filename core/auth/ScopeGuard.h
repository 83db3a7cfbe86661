#pragma once
#include "core/model/Account.h"
#include "core/model/Role.h"
#include "core/model/Scope.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace roomwarden::auth {

// Every platform API call Roomwarden makes or will make (specs/twitch.md §3.2–3.4).
enum class ApiOperation
{
    GetUsers,
    GetStreams,
    GetChannelInformation,
    GetChatters,
    GetChannelFollowers,
    GetModeratedChannels,
    BanUser,
    TimeoutUser,
    UnbanUser,
    GetBannedUsers,
    DeleteChatMessage,
    ClearChat,
    GetChatSettings,
    UpdateChatSettings,
    GetShieldMode,
    UpdateShieldMode,
    WarnUser,
    ManageHeldMessage,
    GetAutoModSettings,
    CheckAutoModStatus,
    GetBlockedTerms,
    AddBlockedTerm,
    RemoveBlockedTerm,
    GetUnbanRequests,
    ResolveUnbanRequest,
    SendChatMessage,
    SendAnnouncement,
    AddSuspiciousStatus,
    GetModerators,
    AddModerator,
    RemoveModerator,
    GetVips,
    GetBroadcasterSubscriptions,
    GetHypeTrainStatus,
    StartRaid,
    CancelRaid,
    GetSharedChatSession,
    CreateEventSubSubscription,
    GetEventSubSubscriptions,
    DeleteEventSubSubscription,
};

// Who must the signed-in user be in the room for the platform to accept the call.
enum class RequiredRole
{
    Any,
    Moderator,       // a moderator of the channel, or its broadcaster
    BroadcasterOnly, // the token user must be the broadcaster (B-only in §3.2)
};

struct OperationRule
{
    ApiOperation operation = ApiOperation::GetUsers;
    model::Provider provider = model::Provider::Twitch;
    // All groups must be met; a group is met by any one of its scopes ("read or manage").
    QList<QStringList> requires_;
    RequiredRole role = RequiredRole::Any;
};

struct ScopeRefusal
{
    enum class Kind
    {
        MissingScope,
        WrongRole,
    };
    ApiOperation operation = ApiOperation::GetUsers;
    model::ScopeSet missingScopes; // per unmet group, its least-privileged alternative
    QString reason;                // plain language, for a tooltip or an error line
    Kind kind = Kind::MissingScope;
};

// Promise 2, the client half: ONE table says what each API operation needs, and check() refuses
// an operation before any network call when the platform did not *grant* (validate) a scope it
// needs, or when the user's role in the room cannot perform it. The UI asks the same function
// to disable actions and show why; HelixClient asks it before sending.
class ScopeGuard
{
public:
    static QList<ApiOperation> allOperations();
    static OperationRule rule(ApiOperation operation);
    static QString operationId(ApiOperation operation); // "ban_user": stable, for logs and tests
    // Every scope name the table mentions (a test checks they are all in ScopeCatalog).
    static QStringList mentionedScopes();

    // nullopt = allowed. `roleInRoom` is the user's standing in the room the call is about
    // (Role::None when the call is not about a room).
    static std::optional<ScopeRefusal> check(ApiOperation operation, const model::Account &account,
                                             model::Roles roleInRoom);
};

} // namespace roomwarden::auth
