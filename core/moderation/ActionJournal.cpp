#include "core/moderation/ActionJournal.h"

#include <QCoreApplication>
#include <QStringList>

namespace roomwarden::moderation {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("roomwarden::moderation::ActionJournal", text);
}

QString durationText(qint64 seconds)
{
    if (seconds % 86'400 == 0)
        return QCoreApplication::translate("roomwarden::moderation::ActionJournal", "%n day(s)",
                                           nullptr, int(seconds / 86'400));
    if (seconds % 3600 == 0)
        return tr("%1 h").arg(seconds / 3600);
    if (seconds % 60 == 0)
        return tr("%1 min").arg(seconds / 60);
    return tr("%1 s").arg(seconds);
}

QString onOff(bool on)
{
    return on ? tr("on") : tr("off");
}

QString lengthMode(const QString &name, const std::optional<int> &value, const QString &unit)
{
    return value ? QStringLiteral("%1 %2 %3").arg(name).arg(*value).arg(unit)
                 : QStringLiteral("%1 %2").arg(name, onOff(false));
}
} // namespace

QString describeActionDetail(const model::ModerationAction &action)
{
    using K = model::ModerationActionKind;
    switch (action.kind) {
    case K::Timeout:
        return action.durationSeconds ? durationText(*action.durationSeconds) : QString();
    case K::SetShieldMode:
        return action.active ? onOff(*action.active) : QString();
    case K::AddBlockedTerm:
    case K::SendAnnouncement:
        return action.text;
    case K::UpdateChatModes: {
        if (!action.chatModes)
            return {};
        const model::ChatModesPatch &p = *action.chatModes;
        QStringList parts;
        if (p.slowSeconds)
            parts << lengthMode(tr("slow"), *p.slowSeconds, tr("s"));
        if (p.followerMinutes)
            parts << lengthMode(tr("followers-only"), *p.followerMinutes, tr("min"));
        if (p.emoteOnly)
            parts << tr("emote-only %1").arg(onOff(*p.emoteOnly));
        if (p.subscriberOnly)
            parts << tr("subscribers-only %1").arg(onOff(*p.subscriberOnly));
        if (p.uniqueChat)
            parts << tr("unique chat %1").arg(onOff(*p.uniqueChat));
        if (p.nonModeratorDelaySeconds)
            parts << lengthMode(tr("chat delay"), *p.nonModeratorDelaySeconds, tr("s"));
        return parts.join(QStringLiteral(", "));
    }
    default:
        return {};
    }
}

model::AuditEntry auditEntryFor(const ActionJournal::Intent &intent, model::ActionOutcome outcome,
                                const QString &message)
{
    model::AuditEntry e;
    e.source = model::AuditEntry::Source::Local;
    e.at = intent.action.requestedAt;
    e.roomKey = intent.action.roomKey;
    e.moderatorId = intent.moderatorId;
    e.moderatorName = intent.moderatorName;
    e.action = model::actionKindId(intent.action.kind);
    e.targetId = intent.action.targetUserId;
    e.targetName = intent.action.targetName;
    e.reason = intent.action.reason;
    e.detail = describeActionDetail(intent.action);
    e.intentId = intent.action.intentId;
    e.outcome = outcome;
    e.outcomeMessage = message;
    return e;
}

std::optional<QString> MemoryActionJournal::recordIntents(const QList<Intent> &intents)
{
    if (!m_failNext.isEmpty())
        return std::exchange(m_failNext, QString());
    for (const Intent &i : intents) {
        if (m_index.contains(i.action.intentId))
            return tr("The action %1 is already in the journal.").arg(i.action.intentId);
    }
    for (const Intent &i : intents) {
        m_index.insert(i.action.intentId, m_rows.size());
        m_rows.append(Row{i, model::ActionOutcome::Pending, {}, {}});
    }
    return std::nullopt;
}

std::optional<QString> MemoryActionJournal::recordOutcome(const QString &intentId,
                                                          model::ActionOutcome outcome,
                                                          const QString &message,
                                                          const QDateTime &at)
{
    if (!m_failNext.isEmpty())
        return std::exchange(m_failNext, QString());
    const auto it = m_index.constFind(intentId);
    if (it == m_index.cend())
        return tr("No intent %1 in the journal.").arg(intentId);
    Row &row = m_rows[*it];
    row.outcome = outcome;
    row.message = message;
    row.outcomeAt = at;
    return std::nullopt;
}

QList<model::AuditEntry> MemoryActionJournal::entries(const QString &roomKey, int limit)
{
    QList<model::AuditEntry> out;
    for (auto it = m_rows.crbegin(); it != m_rows.crend() && out.size() < limit; ++it) {
        if (!roomKey.isEmpty() && it->intent.action.roomKey != roomKey)
            continue;
        out.append(auditEntryFor(it->intent, it->outcome, it->message));
    }
    return out;
}

QList<ActionJournal::Intent> MemoryActionJournal::unconfirmed()
{
    return {}; // nothing outlives the process here
}

QString MemoryActionJournal::note(const QString &roomKey, const QString &userId)
{
    return m_notes.value(roomKey + QLatin1Char('\x1f') + userId);
}

std::optional<QString> MemoryActionJournal::setNote(const QString &roomKey, const QString &userId,
                                                    const QString &text, const QDateTime &)
{
    const QString k = roomKey + QLatin1Char('\x1f') + userId;
    if (text.isEmpty())
        m_notes.remove(k);
    else
        m_notes.insert(k, text);
    return std::nullopt;
}

std::optional<ActionJournal::Intent> MemoryActionJournal::intent(const QString &intentId)
{
    const auto it = m_index.constFind(intentId);
    if (it == m_index.cend())
        return std::nullopt;
    return m_rows.at(*it).intent;
}

} // namespace roomwarden::moderation
