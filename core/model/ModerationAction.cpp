#include "core/model/ModerationAction.h"

#include <QCoreApplication>

#include <array>
#include <utility>

namespace roomwarden::model {

namespace {
using K = ModerationActionKind;
constexpr std::array kKindIds{
    std::pair{K::Ban, u"ban"},
    std::pair{K::Timeout, u"timeout"},
    std::pair{K::Unban, u"unban"},
    std::pair{K::DeleteMessage, u"delete_message"},
    std::pair{K::ClearChat, u"clear_chat"},
    std::pair{K::Warn, u"warn"},
    std::pair{K::ApproveHeldMessage, u"approve_held_message"},
    std::pair{K::DenyHeldMessage, u"deny_held_message"},
    std::pair{K::ApproveUnbanRequest, u"approve_unban_request"},
    std::pair{K::DenyUnbanRequest, u"deny_unban_request"},
    std::pair{K::UpdateChatModes, u"update_chat_modes"},
    std::pair{K::SetShieldMode, u"set_shield_mode"},
    std::pair{K::AddBlockedTerm, u"add_blocked_term"},
    std::pair{K::RemoveBlockedTerm, u"remove_blocked_term"},
    std::pair{K::SendAnnouncement, u"send_announcement"},
    std::pair{K::InviteToSpeak, u"invite_to_speak"},
    std::pair{K::MoveToAudience, u"move_to_audience"},
    std::pair{K::Mute, u"mute"},
    std::pair{K::Disconnect, u"disconnect"},
    std::pair{K::Kick, u"kick"},
};

using O = ActionOutcome;
constexpr std::array kOutcomeIds{
    std::pair{O::Pending, u"pending"},          std::pair{O::Applied, u"applied"},
    std::pair{O::AlreadyDone, u"already_done"}, std::pair{O::Conflict, u"conflict"},
    std::pair{O::Refused, u"refused"},          std::pair{O::Failed, u"failed"},
    std::pair{O::Unconfirmed, u"unconfirmed"},
};

QString tr(const char *text)
{
    return QCoreApplication::translate("roomwarden::model::ModerationAction", text);
}
} // namespace

QString actionKindId(ModerationActionKind kind)
{
    for (const auto &[k, id] : kKindIds) {
        if (k == kind)
            return QString::fromUtf16(id);
    }
    return QStringLiteral("unknown");
}

std::optional<ModerationActionKind> actionKindFromId(QStringView id)
{
    for (const auto &[k, name] : kKindIds) {
        if (id == QStringView(name))
            return k;
    }
    return std::nullopt;
}

QString outcomeId(ActionOutcome outcome)
{
    for (const auto &[o, id] : kOutcomeIds) {
        if (o == outcome)
            return QString::fromUtf16(id);
    }
    return QStringLiteral("unknown");
}

std::optional<ActionOutcome> outcomeFromId(QStringView id)
{
    for (const auto &[o, name] : kOutcomeIds) {
        if (id == QStringView(name))
            return o;
    }
    return std::nullopt;
}

bool ModerationAction::isRoomSetting() const
{
    switch (kind) {
    case K::ClearChat:
    case K::UpdateChatModes:
    case K::SetShieldMode:
    case K::AddBlockedTerm:
    case K::RemoveBlockedTerm:
    case K::SendAnnouncement:
        return true;
    default:
        return false;
    }
}

bool ModerationAction::needsTarget() const
{
    if (isRoomSetting())
        return false;
    switch (kind) {
    case K::ClearChat:
    case K::DeleteMessage:
    case K::ApproveHeldMessage:
    case K::DenyHeldMessage:
    case K::ApproveUnbanRequest:
    case K::DenyUnbanRequest:
        return false;
    default:
        return true;
    }
}

std::optional<QString> ModerationAction::validationError() const
{
    if (roomKey.isEmpty())
        return tr("No room is selected.");
    if (needsTarget() && targetUserId.isEmpty())
        return tr("No user is selected.");
    switch (kind) {
    case K::DeleteMessage:
    case K::ApproveHeldMessage:
    case K::DenyHeldMessage:
    case K::ApproveUnbanRequest:
    case K::DenyUnbanRequest:
    case K::RemoveBlockedTerm:
        if (messageId.isEmpty())
            return tr("No message or request is selected.");
        break;
    case K::UpdateChatModes:
        if (!chatModes || chatModes->isEmpty())
            return tr("No chat mode is changed.");
        if (auto slow = chatModes->slowSeconds; slow && *slow && (**slow < 3 || **slow > 120))
            return tr("Slow mode waits from 3 to 120 seconds.");
        if (auto f = chatModes->followerMinutes; f && *f && (**f < 0 || **f > 129'600))
            return tr("Follower-only mode lasts from 0 minutes to 3 months.");
        if (auto d = chatModes->nonModeratorDelaySeconds;
            d && *d && **d != 2 && **d != 4 && **d != 6)
            return tr("The non-moderator chat delay is 2, 4 or 6 seconds.");
        break;
    case K::SetShieldMode:
        if (!active)
            return tr("Say whether shield mode goes on or off.");
        break;
    case K::AddBlockedTerm:
        if (text.trimmed().size() < 2 || text.size() > 500)
            return tr("A blocked term has 2 to 500 characters.");
        break;
    case K::SendAnnouncement:
        if (text.trimmed().isEmpty())
            return tr("An announcement needs a message.");
        if (text.size() > 500)
            return tr("An announcement is at most 500 characters.");
        break;
    case K::Timeout:
        if (!durationSeconds)
            return tr("A timeout needs a duration.");
        if (*durationSeconds < 1 || *durationSeconds > kMaxTimeoutSeconds)
            return tr("A timeout lasts from 1 second to 2 weeks.");
        break;
    case K::Warn:
        if (reason.trimmed().isEmpty())
            return tr("A warning needs a reason.");
        break;
    default:
        break;
    }
    if (kind != K::Timeout && durationSeconds)
        return tr("Only a timeout has a duration.");
    if (reason.size() > kMaxReasonLength)
        return tr("The reason is longer than 500 characters.");
    return std::nullopt;
}

} // namespace roomwarden::model
