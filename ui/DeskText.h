#pragma once
#include "core/model/AuditEntry.h"

#include <QList>
#include <QString>

namespace roomwarden::ui {

// The words the moderation desk uses for actions and their outcomes, in one place so that the
// room's status line, the user card and the audit log say the same thing. Everything returned
// is meant to be shown as plain text (it quotes user names and reasons as they are).

// Timeout lengths offered in menus, shortest first: 1 min, 10 min, 1 h, 24 h.
QList<qint64> timeoutPresets();
// "1 minute", "10 minutes", "1 hour", "2 days", "90 seconds".
QString durationText(qint64 seconds);
// "Ban", "Delete message", ... for an actionKindId(); other ids (platform names) unchanged.
QString actionLabel(const QString &actionId);
QString outcomeLabel(model::ActionOutcome outcome);
// The sentence for a room's status line: "Banned alice", "alice was already banned",
// "Another moderator acted first", "Not sent: <reason>", "Failed: <message>".
QString outcomeSentence(const model::AuditEntry &entry);
// One line of a user's history: "2024-05-01 10:00 · Timeout · 10 minutes · spam · by mod".
QString historyLine(const model::AuditEntry &entry);

} // namespace roomwarden::ui
