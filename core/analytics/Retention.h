#pragma once
#include "core/storage/Database.h"

#include <QDateTime>
#include <QString>

#include <functional>
#include <memory>

namespace roomwarden::analytics {

// Forgetting, on its own read-write connection to the analytics database (the EventStore's
// writer may have it open too: each call is one IMMEDIATE transaction that waits for the busy
// timeout). docs/PRIVACY.md says what each call removes.
//
// Deleted rows are overwritten in the file (PRAGMA secure_delete) and the WAL is checkpointed
// and truncated afterwards, so removed text does not linger in free pages of either file when no
// other connection holds the WAL open.
class Retention
{
public:
    struct Removed
    {
        qint64 sessions = 0;
        qint64 events = 0;       // raw events (with their sealed names and text)
        qint64 participants = 0; // per-person aggregates (with sealed names)
        qint64 moderators = 0;   // per-moderator counts (with sealed names)
        bool operator==(const Removed &) const = default;
    };

    static storage::Result<std::unique_ptr<Retention>> open(const QString &path);

    // A session and everything recorded in it, aggregates included.
    storage::Result<Removed> forgetSession(qint64 sessionId);
    // Every session of a room, and the room.
    storage::Result<Removed> forgetRoom(const QString &roomKey);
    // A person's raw events (as actor or as target), per-session aggregates and moderator
    // counts. The per-minute rollups keep their counts: they hold no one's identity.
    storage::Result<Removed> forgetPerson(const QString &userId);
    // Everything: rooms, sessions, events, rollups, aggregates.
    storage::Result<Removed> forgetEverything();
    // The raw-content cache: raw events that occurred more than `hours` before `now` are
    // deleted; rollups and per-person aggregates stay, so every figure of a report stays the
    // same. (Twitch's developer terms allow keeping content as a cache of at most 24 hours:
    // the settings key privacy/rawRetentionHours defaults to 24.)
    storage::Result<Removed> purgeRawOlderThan(int hours, const QDateTime &now);

    storage::Database &database() { return *m_db; }

private:
    explicit Retention(std::unique_ptr<storage::Database> db);
    // Runs the steps in one transaction, each statement's parameters set by `bind`; each
    // step's change count is added to its field of Removed (none for bookkeeping steps).
    struct Step
    {
        QString sql;
        qint64 Removed::*counter = nullptr;
    };
    storage::Result<Removed> run(const QList<Step> &steps,
                                 const std::function<void(storage::Statement &)> &bind);

    std::unique_ptr<storage::Database> m_db;
};

} // namespace roomwarden::analytics
