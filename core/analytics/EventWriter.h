#pragma once
#include "core/analytics/EventStore.h"
#include "core/model/RoomEvent.h"
#include "core/storage/Database.h"
#include "core/storage/FieldCipher.h"

#include <QHash>
#include <QThread>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace roomwarden::analytics {

class SessionAccumulator;

// EventStore's writer: a thread that owns its own Database connection (opened, used and
// closed on that thread). The queue between it and the facade is a vector under a mutex:
// append() swaps nothing and waits for nothing but that mutex, which the writer only holds
// to swap the vector out.
class EventWriter : public QThread
{
    Q_OBJECT
public:
    struct Command
    {
        enum class Type : quint8
        {
            Event,
            Begin,
            End,
            ChattersSample
        };
        Type type = Type::Event;
        model::RoomEvent event; // Begin/End/ChattersSample use roomKey, occurredAt, text, count
    };

    EventWriter(QString path, storage::FieldCipher cipher, EventStore::Options options);
    ~EventWriter() override;

    // Starts the thread and waits for the database to be open (or not).
    storage::Status start(storage::OpenReport *report);
    // Writes what is queued, closes open sessions and ends the thread.
    void stop();

    void enqueue(Command command);
    void enqueue(const QList<model::RoomEvent> &events);
    quint64 requestFlush();
    bool waitFlushed(quint64 ticket, int timeoutMs);
    void setPaused(bool paused);

    qint64 committed() const { return m_committed.load(); }
    qint64 duplicates() const { return m_duplicates.load(); }
    qint64 pending() const;
    bool failed() const { return m_failed.load(); }

Q_SIGNALS:
    void committedTotal(qint64 total);
    void flushedTicket(quint64 ticket);
    void failedWith(const QString &message);

protected:
    void run() override;

private:
    using SteadyClock = std::chrono::steady_clock;

    storage::Status openAndRecover();
    void loop();
    storage::Status writeChunk(const Command *begin, const Command *end);
    storage::Status handle(const Command &command);
    storage::Status insertEvent(SessionAccumulator &session, const model::RoomEvent &e, qint64 atMs,
                                int code, bool &stored);
    storage::Result<SessionAccumulator *> openSession(const QString &roomKey, qint64 atMs,
                                                      const char *source,
                                                      const QString &roomName = {});
    storage::Status closeSession(const QString &roomKey, qint64 atMs, const char *reason);
    storage::Status closeAll(const char *reason);
    void fail(const storage::StorageError &error);
    QByteArray seal(const QString &text, const char *column, qint64 session, qint64 seq,
                    bool &ok) const;

    // Set before start(), read on the thread.
    QString m_path;
    storage::FieldCipher m_cipher;
    EventStore::Options m_options;

    // Only touched on the writer thread.
    std::unique_ptr<storage::Database> m_db;
    QHash<QString, std::shared_ptr<SessionAccumulator>> m_open;
    storage::Statement *m_insert = nullptr; // owned by m_db's statement cache
    qint64 m_chunkStored = 0;
    qint64 m_chunkDuplicates = 0;

    // Shared, under m_mutex.
    mutable std::mutex m_mutex;
    std::condition_variable m_wake; // the writer waits for work
    std::condition_variable m_done; // start() and waitFlushed() wait for the writer
    std::vector<Command> m_queue;
    SteadyClock::time_point m_oldest;
    quint64 m_flushRequested = 0;
    quint64 m_flushDone = 0;
    bool m_paused = false;
    bool m_stop = false;
    bool m_opened = false;
    storage::Status m_openStatus;
    storage::OpenReport m_report;

    std::atomic<qint64> m_committed{0};
    std::atomic<qint64> m_duplicates{0};
    std::atomic<qint64> m_pending{0};
    std::atomic<bool> m_failed{false};
};

} // namespace roomwarden::analytics
