#pragma once
#include "core/model/ModerationAction.h"

#include <QDateTime>
#include <QString>

namespace roomwarden::model {

// One line of the audit log: an action this user sent through Roomwarden (from the action
// journal: intent, then outcome), or one the platform reported that any moderator took
// (Twitch channel.moderate), including while this user was away.
struct AuditEntry
{
    enum class Source
    {
        Local,    // sent by this user through Roomwarden (journaled)
        Platform, // reported by the platform (another moderator, another tool, or us echoed)
    };

    qint64 id = 0; // storage row id; 0 when not stored
    Source source = Source::Local;
    QDateTime at;
    QString roomKey;
    QString moderatorId;
    QString moderatorName;
    QString action; // actionKindId() for Local, the platform's action name for Platform ("slow")
    QString targetId;
    QString targetName;
    QString reason;   // user-supplied: plain text only
    QString detail;   // e.g. "10 minutes", "slow 30 s"; plain text
    QString intentId; // Local only
    ActionOutcome outcome = ActionOutcome::Applied;
    QString outcomeMessage; // why it failed, "already banned", ...

    friend bool operator==(const AuditEntry &, const AuditEntry &) = default;
};

} // namespace roomwarden::model
