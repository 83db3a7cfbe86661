#pragma once
#include "core/model/ChatModes.h"

#include <optional>
#include <QDateTime>
#include <QString>
#include <QStringView>

namespace roomwarden::model {

// What a moderator asks the platform to do. It is journaled as an intent before the call and
// as an outcome after it (moderation::ActionDispatcher), so every field must be meaningful
// without the platform's reply.
enum class ModerationActionKind
{
    Ban,
    Timeout,
    Unban,
    DeleteMessage,
    ClearChat,
    Warn,
    ApproveHeldMessage,
    DenyHeldMessage,
    ApproveUnbanRequest,
    DenyUnbanRequest,
    // Room settings: also journaled and audited, sent through the same dispatcher.
    UpdateChatModes,
    SetShieldMode,
    AddBlockedTerm,
    RemoveBlockedTerm,
    SendAnnouncement,
    // Discord Stage
    InviteToSpeak,
    MoveToAudience,
    Mute,
    Disconnect,
    Kick,
};

enum class ActionOutcome
{
    Pending,     // journaled as an intent, not answered yet
    Applied,     // the platform confirmed it
    AlreadyDone, // nothing to do: already banned, not banned, already resolved
    Conflict,    // another moderator acted first (409) or the target cannot be acted on
    Refused,     // not sent: a missing scope or role (ScopeGuard) or invalid input
    Failed,      // sent and refused by the platform, or the network failed before an answer
    Unconfirmed  // the intent was journaled but no outcome was (the process ended mid-call)
};

QString outcomeId(ActionOutcome outcome);
std::optional<ActionOutcome> outcomeFromId(QStringView id);

QString actionKindId(ModerationActionKind kind);
std::optional<ModerationActionKind> actionKindFromId(QStringView id);

struct ModerationAction
{
    // Twitch limits: a timeout lasts 1 s to 2 weeks; reasons are at most 500 characters.
    static constexpr qint64 kMaxTimeoutSeconds = 1'209'600;
    static constexpr qsizetype kMaxReasonLength = 500;

    ModerationActionKind kind = ModerationActionKind::Ban;
    QString intentId; // local id, unique per action, for the journal and idempotence
    QString roomKey;
    QString targetUserId;
    QString targetName;
    QString messageId; // DeleteMessage; held-message id; unban-request id; blocked-term id
    QString reason;    // also: the unban request's resolution text
    QString text;      // AddBlockedTerm: the term; SendAnnouncement: the message
    std::optional<ChatModesPatch> chatModes; // UpdateChatModes
    std::optional<bool> active;              // SetShieldMode
    // Unban only: the intent id of the ban or timeout this undoes. Undoing a *timeout* must
    // never lift a permanent ban that replaced it, so the backend checks before it sends.
    QString undoOf;
    bool undoesTimeout = false;
    std::optional<qint64> durationSeconds; // Timeout only
    QDateTime requestedAt;
    ActionOutcome outcome = ActionOutcome::Pending;

    // A clear, user-facing reason why this action cannot be sent, or nullopt when it can.
    std::optional<QString> validationError() const;
    bool needsTarget() const;
    // A room setting rather than an action against a person.
    bool isRoomSetting() const;

    friend bool operator==(const ModerationAction &, const ModerationAction &) = default;
};

} // namespace roomwarden::model
