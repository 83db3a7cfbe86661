#include "ui/DeskText.h"

#include <QCoreApplication>

namespace roomwarden::ui {

using model::ActionOutcome;
using model::ModerationActionKind;

namespace {
QString text(const char *source, int n = -1)
{
    return QCoreApplication::translate("roomwarden::ui::DeskText", source, nullptr, n);
}

QString targetOf(const model::AuditEntry &e)
{
    return e.targetName.isEmpty() ? e.targetId : e.targetName;
}

QString appliedSentence(const model::AuditEntry &e)
{
    const QString who = targetOf(e);
    const std::optional<ModerationActionKind> kind = model::actionKindFromId(e.action);
    if (!kind)
        return text("Done: %1").arg(actionLabel(e.action));
    switch (*kind) {
    case ModerationActionKind::Ban:
        return text("Banned %1").arg(who);
    case ModerationActionKind::Timeout:
        return e.detail.isEmpty() ? text("Timed out %1").arg(who)
                                  : text("Timed out %1 for %2").arg(who, e.detail);
    case ModerationActionKind::Unban:
        return text("Unbanned %1").arg(who);
    case ModerationActionKind::DeleteMessage:
        return who.isEmpty() ? text("Deleted the message")
                             : text("Deleted a message from %1").arg(who);
    case ModerationActionKind::ClearChat:
        return text("Cleared the chat");
    case ModerationActionKind::Warn:
        return text("Warned %1").arg(who);
    case ModerationActionKind::ApproveHeldMessage:
        return text("Approved the held message");
    case ModerationActionKind::DenyHeldMessage:
        return text("Denied the held message");
    case ModerationActionKind::ApproveUnbanRequest:
        return text("Approved the unban request");
    case ModerationActionKind::DenyUnbanRequest:
        return text("Denied the unban request");
    case ModerationActionKind::UpdateChatModes:
        return text("Chat modes updated");
    case ModerationActionKind::SetShieldMode:
        return text("Shield mode changed");
    case ModerationActionKind::AddBlockedTerm:
        return text("Blocked term added");
    case ModerationActionKind::RemoveBlockedTerm:
        return text("Blocked term removed");
    case ModerationActionKind::SendAnnouncement:
        return text("Announcement sent");
    default:
        return text("Done: %1").arg(actionLabel(e.action));
    }
}

QString alreadyDoneSentence(const model::AuditEntry &e)
{
    const QString who = targetOf(e);
    const std::optional<ModerationActionKind> kind = model::actionKindFromId(e.action);
    if (kind == ModerationActionKind::Ban)
        return text("%1 was already banned").arg(who);
    if (kind == ModerationActionKind::Timeout)
        return text("%1 was already timed out").arg(who);
    if (kind == ModerationActionKind::Unban)
        return text("%1 was not banned").arg(who);
    if (!e.outcomeMessage.isEmpty())
        return text("Nothing to do: %1").arg(e.outcomeMessage);
    return text("Nothing to do: %1 was already done").arg(actionLabel(e.action));
}
} // namespace

QList<qint64> timeoutPresets()
{
    return {60, 600, 3600, 86400};
}

QString durationText(qint64 seconds)
{
    const int n = static_cast<int>(std::min<qint64>(seconds, std::numeric_limits<int>::max()));
    if (seconds >= 2 * 86400 && seconds % 86400 == 0)
        return text("%n day(s)", n / 86400);
    if (seconds >= 3600 && seconds % 3600 == 0)
        return text("%n hour(s)", n / 3600);
    if (seconds >= 60 && seconds % 60 == 0)
        return text("%n minute(s)", n / 60);
    return text("%n second(s)", n);
}

QString actionLabel(const QString &actionId)
{
    const std::optional<ModerationActionKind> kind = model::actionKindFromId(actionId);
    if (!kind)
        return actionId;
    switch (*kind) {
    case ModerationActionKind::Ban:
        return text("Ban");
    case ModerationActionKind::Timeout:
        return text("Timeout");
    case ModerationActionKind::Unban:
        return text("Unban");
    case ModerationActionKind::DeleteMessage:
        return text("Delete message");
    case ModerationActionKind::ClearChat:
        return text("Clear chat");
    case ModerationActionKind::Warn:
        return text("Warn");
    case ModerationActionKind::ApproveHeldMessage:
        return text("Approve held message");
    case ModerationActionKind::DenyHeldMessage:
        return text("Deny held message");
    case ModerationActionKind::ApproveUnbanRequest:
        return text("Approve unban request");
    case ModerationActionKind::DenyUnbanRequest:
        return text("Deny unban request");
    case ModerationActionKind::UpdateChatModes:
        return text("Chat modes");
    case ModerationActionKind::SetShieldMode:
        return text("Shield mode");
    case ModerationActionKind::AddBlockedTerm:
        return text("Add blocked term");
    case ModerationActionKind::RemoveBlockedTerm:
        return text("Remove blocked term");
    case ModerationActionKind::SendAnnouncement:
        return text("Announcement");
    default:
        return actionId;
    }
}

QString outcomeLabel(ActionOutcome outcome)
{
    switch (outcome) {
    case ActionOutcome::Pending:
        return text("Sending");
    case ActionOutcome::Applied:
        return text("Done");
    case ActionOutcome::AlreadyDone:
        return text("Already done");
    case ActionOutcome::Conflict:
        return text("Conflict");
    case ActionOutcome::Refused:
        return text("Not sent");
    case ActionOutcome::Failed:
        return text("Failed");
    case ActionOutcome::Unconfirmed:
        return text("Unconfirmed");
    }
    return {};
}

QString outcomeSentence(const model::AuditEntry &entry)
{
    QString target = targetOf(entry);
    const QString what = target.isEmpty() ? actionLabel(entry.action)
                                          : text("%1 %2").arg(actionLabel(entry.action), target);
    switch (entry.outcome) {
    case ActionOutcome::Pending:
        return text("Sending: %1").arg(what);
    case ActionOutcome::Applied:
        return appliedSentence(entry);
    case ActionOutcome::AlreadyDone:
        return alreadyDoneSentence(entry);
    case ActionOutcome::Conflict:
        return text("Another moderator acted first");
    case ActionOutcome::Refused:
        return text("Not sent: %1").arg(entry.outcomeMessage);
    case ActionOutcome::Failed:
        return text("Failed: %1").arg(entry.outcomeMessage);
    case ActionOutcome::Unconfirmed:
        return text("Not confirmed: %1").arg(what);
    }
    return {};
}

QString historyLine(const model::AuditEntry &entry)
{
    QStringList parts{entry.at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                      actionLabel(entry.action)};
    if (!entry.detail.isEmpty())
        parts << entry.detail;
    if (!entry.reason.isEmpty())
        parts << entry.reason;
    const QString moderator =
        entry.moderatorName.isEmpty() ? entry.moderatorId : entry.moderatorName;
    if (!moderator.isEmpty())
        parts << text("by %1").arg(moderator);
    if (entry.outcome != ActionOutcome::Applied)
        parts << outcomeLabel(entry.outcome);
    return parts.join(QStringLiteral(" · "));
}

} // namespace roomwarden::ui
