#pragma once
#include "core/moderation/ActionJournal.h"
#include "core/storage/Database.h"
#include "core/storage/FieldCipher.h"

#include <memory>

namespace roomwarden::moderation {

// The action journal in the profile's SQLite database ("journal" schema, docs/STORAGE.md).
// Each intent is one row written before the call; the outcome updates that row after it.
// Names, reasons and texts are sealed with the FieldCipher (AES-256-GCM, key in the keychain),
// bound to their row and column; ids, kinds, times and outcomes stay in the clear for queries.
//
// Opening it turns every row still `pending` — left by a run that ended between intent and
// outcome — into `unconfirmed`, and unconfirmed() lists them for the user to resume or drop.
class SqliteActionJournal final : public ActionJournal
{
public:
    static storage::Schema schema();

    static storage::Result<std::unique_ptr<SqliteActionJournal>>
    open(const QString &path, storage::FieldCipher cipher, storage::OpenReport *report = nullptr);

    std::optional<QString> recordIntents(const QList<Intent> &intents) override;
    std::optional<QString> recordOutcome(const QString &intentId, model::ActionOutcome outcome,
                                         const QString &message, const QDateTime &at) override;
    QList<model::AuditEntry> entries(const QString &roomKey = {}, int limit = 1000) override;
    QList<Intent> unconfirmed() override { return m_unconfirmed; }
    std::optional<Intent> intent(const QString &intentId) override;
    // Sealed like every personal text, bound to room and person.
    QString note(const QString &roomKey, const QString &userId) override;
    std::optional<QString> setNote(const QString &roomKey, const QString &userId,
                                   const QString &text, const QDateTime &at) override;

    // Deletes the journal rows of one room, or of every room with an empty key (the privacy
    // page's "delete"). Returns the number of rows, or -1 on error.
    int forget(const QString &roomKey);

    storage::Database &database() { return *m_db; }

private:
    SqliteActionJournal(std::unique_ptr<storage::Database> db, storage::FieldCipher cipher);
    std::optional<QString> loadUnconfirmed();
    QByteArray seal(const QString &text, const char *column, const QString &intentId) const;
    QString unseal(const QByteArray &blob, const char *column, const QString &intentId) const;
    struct Row;
    Row readRow(storage::Statement &st) const;

    std::unique_ptr<storage::Database> m_db;
    storage::FieldCipher m_cipher;
    QList<Intent> m_unconfirmed;
};

} // namespace roomwarden::moderation
