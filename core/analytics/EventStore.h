#pragma once
#include "core/model/RoomEvent.h"
#include "core/storage/Database.h"
#include "core/storage/FieldCipher.h"

#include <QList>
#include <QObject>
#include <QString>

#include <memory>

namespace roomwarden::analytics {

class EventWriter;

// The analytics event store (docs/ANALYTICS.md). This facade lives on the caller's thread;
// a writer thread owns its own connection to the "analytics" database.
//
// append() only puts the event on a queue under a mutex and returns: it never waits for
// SQLite. The writer commits a batch in one transaction, with its prepared statements reused,
// at least every kMaxLatencyMs or as soon as kBatchEvents are waiting, and updates the minute
// rollups and per-participant aggregates in the same transaction.
//
// Sessions: one per live stream (StreamOnline begins one, StreamOffline ends it). When the
// stream state is unknown, the first event of a room with no open session begins a
// "connected" session that lasts until the next StreamOnline/StreamOffline, endSession(), or
// the store closing. beginSession()/endSession() bound one explicitly.
//
// When a write fails (disk full, I/O error, a field that could not be encrypted) the batch
// is rolled back, storageFailed() tells why, and the store stops writing: later events are
// dropped, never written in clear and never half-written.
class EventStore : public QObject
{
    Q_OBJECT
public:
    // A batch is committed once this many events wait, or once the oldest waiting event is
    // this old. 100 ms (not the 250 ms the issue allows) because a crash can lose the batch
    // being written and the one forming behind it: together they stay within 250 ms.
    static constexpr int kBatchEvents = 5000;
    static constexpr int kMaxLatencyMs = 100;

    struct Options
    {
        int batchEvents = kBatchEvents;
        int maxLatencyMs = kMaxLatencyMs;
        // Caps the file's size in pages (PRAGMA max_page_count): tests use it to make the
        // disk "full". 0: no cap.
        int maxPageCount = 0;
    };

    // Opens (creating or migrating) the database at `path` on the writer thread and waits for
    // that open: it runs quick_check on an existing file, so call it at start-up, not in
    // reaction to a click. `cipher` seals personal text; without a valid key nothing is
    // opened (personal text is never stored in clear).
    static storage::Result<std::unique_ptr<EventStore>> open(const QString &path,
                                                             storage::FieldCipher cipher,
                                                             Options options,
                                                             storage::OpenReport *report = nullptr);
    static storage::Result<std::unique_ptr<EventStore>> open(const QString &path,
                                                             storage::FieldCipher cipher);

    // Writes what is queued, closes the open sessions (end reason "shutdown") and stops the
    // writer thread.
    ~EventStore() override;

    void append(const model::RoomEvent &event);
    void append(const QList<model::RoomEvent> &events);
    // The size of the room's chatter list, polled at a rate-limit-friendly interval.
    void appendChattersSample(const QString &roomKey, const QDateTime &at, qint64 count);

    // Ends the room's open session, if any (end reason "superseded"), and begins one.
    void beginSession(const QString &roomKey, const QDateTime &startedAt,
                      const QString &roomName = {});
    void endSession(const QString &roomKey, const QDateTime &endedAt);

    // Asks the writer to commit everything appended so far now; flushed(ticket) follows.
    quint64 flush();
    // Flushes and waits (tests, shutdown). False when the store failed or the wait timed out.
    bool flushAndWait(int timeoutMs = 30000);

    qint64 committedEvents() const; // stored by this store since it opened (not duplicates)
    qint64 duplicateEvents() const; // dropped because their event id was already stored
    qint64 pendingEvents() const;   // appended, not yet taken by the writer
    bool hasFailed() const;
    QString path() const { return m_path; }

    // Test hook: a paused writer takes nothing from the queue (append must still return).
    void setWriterPaused(bool paused);

Q_SIGNALS:
    void committed(qint64 totalEvents);
    void flushed(quint64 ticket);
    void storageFailed(const QString &message);

private:
    EventStore(QString path, std::unique_ptr<EventWriter> writer);

    QString m_path;
    std::unique_ptr<EventWriter> m_writer;
};

} // namespace roomwarden::analytics
