#pragma once
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
    // Discord Stage
    InviteToSpeak,
    MoveToAudience,
    Mute,
    Disconnect,
    Kick,
};

enum class ActionOutcome
{
    Pending,
    Applied,
    Failed,
    Unconfirmed
};

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
    QString messageId; // DeleteMessage; held-message id; unban-request id
    QString reason;
    std::optional<qint64> durationSeconds; // Timeout only
    QDateTime requestedAt;
    ActionOutcome outcome = ActionOutcome::Pending;

    // A clear, user-facing reason why this action cannot be sent, or nullopt when it can.
    std::optional<QString> validationError() const;
    bool needsTarget() const;

    friend bool operator==(const ModerationAction &, const ModerationAction &) = default;
};

} // namespace roomwarden::model
