#pragma once
#include "core/model/AuditEntry.h"
#include "core/model/ModerationAction.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace roomwarden::moderation {

// Promise 5: every moderation action is written down as an intent before it is sent and as an
// outcome after. An intent with no outcome after a restart is Unconfirmed: the process ended
// between the two, and the user decides whether to resume or drop it.
//
// Methods answer nullopt on success or a plain-language error.
class ActionJournal
{
public:
    struct Intent
    {
        model::ModerationAction action;
        QString moderatorId;
        QString moderatorName;
        QString bulkId; // actions planned together (a bulk ban) share one
    };

    virtual ~ActionJournal() = default;

    virtual std::optional<QString> recordIntents(const QList<Intent> &intents) = 0;
    virtual std::optional<QString> recordOutcome(const QString &intentId,
                                                 model::ActionOutcome outcome,
                                                 const QString &message, const QDateTime &at) = 0;
    // Newest first; an empty room key means every room.
    virtual QList<model::AuditEntry> entries(const QString &roomKey = {}, int limit = 1000) = 0;
    // Intents still Pending when this journal was opened (left by an earlier run), oldest
    // first. Opening a journal marks them Unconfirmed.
    virtual QList<Intent> unconfirmed() = 0;
    virtual std::optional<Intent> intent(const QString &intentId) = 0;

    std::optional<QString> recordIntent(const Intent &intent) { return recordIntents({intent}); }

    // The moderator's private notes about a person in a room (the user card), kept with the
    // journal. An empty text deletes the note.
    virtual QString note(const QString &roomKey, const QString &userId) = 0;
    virtual std::optional<QString> setNote(const QString &roomKey, const QString &userId,
                                           const QString &text, const QDateTime &at) = 0;
};

// The journal kept in memory: for unit tests, and what the demo uses when no profile database
// is wanted. Same behaviour as the SQLite one, minus surviving the process.
class MemoryActionJournal final : public ActionJournal
{
public:
    std::optional<QString> recordIntents(const QList<Intent> &intents) override;
    std::optional<QString> recordOutcome(const QString &intentId, model::ActionOutcome outcome,
                                         const QString &message, const QDateTime &at) override;
    QList<model::AuditEntry> entries(const QString &roomKey = {}, int limit = 1000) override;
    QList<Intent> unconfirmed() override;
    std::optional<Intent> intent(const QString &intentId) override;
    QString note(const QString &roomKey, const QString &userId) override;
    std::optional<QString> setNote(const QString &roomKey, const QString &userId,
                                   const QString &text, const QDateTime &at) override;

    // Test hook: the next write fails with this message (once).
    void failNextWrite(const QString &message) { m_failNext = message; }

private:
    struct Row
    {
        Intent intent;
        model::ActionOutcome outcome = model::ActionOutcome::Pending;
        QString message;
        QDateTime outcomeAt;
    };
    QList<Row> m_rows;
    QHash<QString, qsizetype> m_index;
    QHash<QString, QString> m_notes; // room key + '\x1f' + user id
    QString m_failNext;
};

// An audit line for a journaled action (shared by the journals and the dispatcher).
model::AuditEntry auditEntryFor(const ActionJournal::Intent &intent, model::ActionOutcome outcome,
                                const QString &message);
// "10 minutes", "slow 30 s, emote-only off", "on": what the action changes, in a few words.
QString describeActionDetail(const model::ModerationAction &action);

} // namespace roomwarden::moderation
