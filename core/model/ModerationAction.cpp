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
    std::pair{K::InviteToSpeak, u"invite_to_speak"},
    std::pair{K::MoveToAudience, u"move_to_audience"},
    std::pair{K::Mute, u"mute"},
    std::pair{K::Disconnect, u"disconnect"},
    std::pair{K::Kick, u"kick"},
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

bool ModerationAction::needsTarget() const
{
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
        if (messageId.isEmpty())
            return tr("No message or request is selected.");
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
