#include "core/analytics/EventWriter.h"

#include "core/analytics/AnalyticsSchema.h"
#include "core/analytics/SessionAccumulator.h"
#include "core/util/Logging.h"

#include <QCoreApplication>

#include <algorithm>

namespace roomwarden::analytics {

namespace {
using K = model::RoomEventKind;
using storage::Status;
using storage::StorageError;

QString tr(const char *text)
{
    return QCoreApplication::translate("roomwarden::analytics::EventStore", text);
}

StorageError error(StorageError::Code code, const char *message)
{
    StorageError e;
    e.code = code;
    e.message = tr(message);
    return e;
}

const char *const kInsertEvent =
    "INSERT OR IGNORE INTO events(session_id, seq, kind, occurred_at_ms, actor_id, target_id, "
    "message_id, count, duration_s, event_id, actor_name, target_name, text) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

// Empty ids are stored as NULL: smaller rows, and the dedup index skips them.
void bindId(storage::Statement &st, int index, const QString &value)
{
    if (value.isEmpty())
        st.bindNull(index);
    else
        st.bind(index, value);
}

void bindBlob(storage::Statement &st, int index, const QByteArray &value)
{
    if (value.isEmpty())
        st.bindNull(index);
    else
        st.bind(index, value);
}

qint64 msOf(const QDateTime &at)
{
    // An event without a time is stored at the moment the writer sees it.
    return at.isValid() ? at.toMSecsSinceEpoch() : QDateTime::currentMSecsSinceEpoch();
}
} // namespace

EventWriter::EventWriter(QString path, storage::FieldCipher cipher, EventStore::Options options)
    : m_path(std::move(path)), m_cipher(std::move(cipher)), m_options(options)
{
    setObjectName(QStringLiteral("analytics-writer")); // names the thread in profilers
    m_options.batchEvents = std::max(1, m_options.batchEvents);
    m_options.maxLatencyMs = std::max(1, m_options.maxLatencyMs);
}

EventWriter::~EventWriter()
{
    stop();
}

Status EventWriter::start(storage::OpenReport *report)
{
    QThread::start();
    std::unique_lock lock(m_mutex);
    m_done.wait(lock, [this] { return m_opened; });
    if (report)
        *report = m_report;
    return m_openStatus;
}

void EventWriter::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    wait();
}

void EventWriter::enqueue(Command command)
{
    if (m_failed.load())
        return; // the store stopped writing; storageFailed() said why
    {
        std::lock_guard lock(m_mutex);
        if (m_queue.empty())
            m_oldest = SteadyClock::now();
        m_queue.push_back(std::move(command));
        ++m_pending;
        if (m_queue.size() < size_t(m_options.batchEvents))
            return;
    }
    m_wake.notify_one();
}

void EventWriter::enqueue(const QList<model::RoomEvent> &events)
{
    if (m_failed.load() || events.isEmpty())
        return;
    bool full = false;
    {
        std::lock_guard lock(m_mutex);
        if (m_queue.empty())
            m_oldest = SteadyClock::now();
        for (const model::RoomEvent &e : events)
            m_queue.push_back(Command{Command::Type::Event, e});
        m_pending += events.size();
        full = m_queue.size() >= size_t(m_options.batchEvents);
    }
    if (full)
        m_wake.notify_one();
}

quint64 EventWriter::requestFlush()
{
    quint64 ticket = 0;
    {
        std::lock_guard lock(m_mutex);
        ticket = ++m_flushRequested;
    }
    m_wake.notify_one();
    return ticket;
}

bool EventWriter::waitFlushed(quint64 ticket, int timeoutMs)
{
    std::unique_lock lock(m_mutex);
    const bool done = m_done.wait_for(lock, std::chrono::milliseconds(timeoutMs),
                                      [&] { return m_flushDone >= ticket; });
    return done && !m_failed.load();
}

void EventWriter::setPaused(bool paused)
{
    {
        std::lock_guard lock(m_mutex);
        m_paused = paused;
    }
    m_wake.notify_one();
}

qint64 EventWriter::pending() const
{
    return m_pending.load();
}

void EventWriter::run()
{
    Status status = openAndRecover();
    {
        std::lock_guard lock(m_mutex);
        m_openStatus = status;
        m_opened = true;
    }
    m_done.notify_all();
    if (status) {
        m_db.reset();
        return;
    }
    loop();
    if (!m_failed.load()) {
        Status s;
        {
            storage::Transaction tx = m_db->transaction();
            s = tx.beginStatus();
            if (!s)
                s = closeAll(endReason::kShutdown);
            if (!s)
                s = tx.commit();
        }
        if (s)
            fail(*s);
    }
    m_open.clear();
    m_insert = nullptr;
    m_db.reset(); // closed on the thread that used it
}

Status EventWriter::openAndRecover()
{
    if (!m_cipher.isValid())
        return error(StorageError::Code::KeyUnavailable,
                     "The analytics encryption key is not available, so nothing is recorded.");
    auto db = storage::Database::open(m_path, analyticsSchema(), {}, &m_report);
    if (!db)
        return db.error;
    m_db = std::move(*db);
    // 64 MiB of page cache for the writer: the de-duplication index takes event ids in no
    // particular order, and with SQLite's default 2 MiB most inserts would read a page back.
    if (Status s = m_db->exec(QStringLiteral("PRAGMA cache_size = -65536")))
        return s;
    if (m_options.maxPageCount > 0) {
        if (Status s = m_db->exec(
                QStringLiteral("PRAGMA max_page_count = %1").arg(m_options.maxPageCount)))
            return s;
    }
    // A session still open was left by a run that ended without closing it (a crash, a
    // kill): it ends where its last committed batch ended, and so do its open presences.
    storage::Transaction tx = m_db->transaction();
    if (tx.beginStatus())
        return tx.beginStatus();
    auto presences = m_db->prepare(QStringLiteral(
        "UPDATE participants SET present_ms = present_ms + MAX(0, (SELECT "
        "COALESCE(s.last_event_ms, s.started_at_ms) FROM sessions s WHERE s.id = "
        "participants.session_id) - present_since_ms), present_since_ms = NULL WHERE "
        "present_since_ms IS NOT NULL AND session_id IN (SELECT id FROM sessions WHERE "
        "ended_at_ms IS NULL)"));
    if (!presences)
        return presences.error;
    if (Status s = presences->run())
        return s;
    auto sessions = m_db->prepare(
        QStringLiteral("UPDATE sessions SET ended_at_ms = MAX(started_at_ms, "
                       "COALESCE(last_event_ms, started_at_ms)), end_reason = ? WHERE "
                       "ended_at_ms IS NULL"));
    if (!sessions)
        return sessions.error;
    sessions->bind(1, QString::fromLatin1(endReason::kInterrupted));
    if (Status s = sessions->run())
        return s;
    if (m_db->changes() > 0)
        qCInfo(lcAnalytics) << "closed" << m_db->changes()
                            << "analytics session(s) left open by the previous run";
    return tx.commit();
}

void EventWriter::loop()
{
    for (;;) {
        std::vector<Command> work;
        quint64 ticket = 0;
        bool stopping = false;
        {
            std::unique_lock lock(m_mutex);
            const auto latency = std::chrono::milliseconds(m_options.maxLatencyMs);
            for (;;) {
                if (m_stop)
                    break;
                const bool flushWanted = m_flushRequested > m_flushDone;
                if (!m_paused && (flushWanted || m_queue.size() >= size_t(m_options.batchEvents)))
                    break;
                if (!m_paused && !m_queue.empty()) {
                    if (SteadyClock::now() >= m_oldest + latency)
                        break;
                    m_wake.wait_until(lock, m_oldest + latency);
                } else {
                    m_wake.wait(lock);
                }
            }
            work.swap(m_queue);
            // The next batch gets a buffer of the same size, so appends don't regrow it.
            m_queue.reserve(std::min<size_t>(work.size(), 4 * size_t(m_options.batchEvents)));
            m_pending = 0;
            ticket = m_flushRequested;
            stopping = m_stop;
        }
        // Everything taken is written in transactions of at most batchEvents commands.
        const size_t step = size_t(m_options.batchEvents);
        for (size_t i = 0; i < work.size() && !m_failed.load(); i += step) {
            const Command *first = work.data() + i;
            const Command *last = work.data() + std::min(work.size(), i + step);
            if (Status s = writeChunk(first, last))
                fail(*s);
            else
                Q_EMIT committedTotal(m_committed.load());
        }
        {
            std::lock_guard lock(m_mutex);
            m_flushDone = std::max(m_flushDone, ticket);
        }
        m_done.notify_all();
        if (ticket > 0)
            Q_EMIT flushedTicket(ticket);
        if (stopping)
            return;
    }
}

Status EventWriter::writeChunk(const Command *begin, const Command *end)
{
    storage::Transaction tx = m_db->transaction();
    if (tx.beginStatus())
        return tx.beginStatus();
    m_chunkStored = 0;
    m_chunkDuplicates = 0;
    for (const Command *c = begin; c != end; ++c) {
        if (Status s = handle(*c))
            return s;
    }
    for (const auto &session : std::as_const(m_open)) {
        if (Status s = session->writeDirty(*m_db))
            return s;
    }
    if (Status s = tx.commit())
        return s;
    m_committed += m_chunkStored;
    m_duplicates += m_chunkDuplicates;
    return std::nullopt;
}

Status EventWriter::handle(const Command &command)
{
    const model::RoomEvent &e = command.event;
    if (e.roomKey.isEmpty())
        return std::nullopt; // nothing to file it under; providers always set it
    const qint64 at = msOf(e.occurredAt);
    switch (command.type) {
    case Command::Type::Begin: {
        if (Status s = closeSession(e.roomKey, at, endReason::kSuperseded))
            return s;
        auto opened = openSession(e.roomKey, at, sessionSource::kExplicit, e.text);
        return opened ? std::nullopt : opened.error;
    }
    case Command::Type::End:
        return closeSession(e.roomKey, at, endReason::kEnded);
    case Command::Type::ChattersSample:
    case Command::Type::Event:
        break;
    }

    SessionAccumulator *session = nullptr;
    if (auto it = m_open.constFind(e.roomKey); it != m_open.constEnd())
        session = it->get();
    const bool online = command.type == Command::Type::Event && e.kind == K::StreamOnline;
    if (online && !(session && !e.eventId.isEmpty() && session->openingEventId == e.eventId)) {
        if (Status s = closeSession(e.roomKey, at, endReason::kSuperseded))
            return s;
        auto opened = openSession(e.roomKey, at, sessionSource::kStream);
        if (!opened)
            return opened.error;
        session = *opened;
        session->openingEventId = e.eventId;
    } else if (!session) {
        auto opened = openSession(e.roomKey, at, sessionSource::kConnected);
        if (!opened)
            return opened.error;
        session = *opened;
    }

    const int code =
        command.type == Command::Type::ChattersSample ? kChattersCountSampleCode : kindCode(e.kind);
    bool stored = false;
    if (Status s = insertEvent(*session, e, at, code, stored))
        return s;
    if (!stored) {
        ++m_chunkDuplicates;
        return std::nullopt;
    }
    ++m_chunkStored;
    const bool ok = command.type == Command::Type::ChattersSample
                        ? session->applyChattersSample(at, e.count.value_or(0))
                        : session->apply(e, at, code);
    if (!ok)
        return error(StorageError::Code::Crypto,
                     "Roomwarden could not encrypt a name, so it stopped recording analytics. "
                     "Nothing was saved unencrypted.");
    if (command.type == Command::Type::Event && e.kind == K::StreamOffline)
        return closeSession(e.roomKey, at, endReason::kOffline);
    return std::nullopt;
}

QByteArray EventWriter::seal(const QString &text, const char *column, qint64 session, qint64 seq,
                             bool &ok) const
{
    if (text.isEmpty())
        return {};
    // Binds the blob to its row and column: copied elsewhere, it does not open.
    const QByteArray ad = QByteArray("events.") + column + ':' + QByteArray::number(session) + ':' +
                          QByteArray::number(seq);
    QByteArray sealed = m_cipher.seal(text, ad);
    if (sealed.isEmpty())
        ok = false;
    return sealed;
}

Status EventWriter::insertEvent(SessionAccumulator &session, const model::RoomEvent &e, qint64 atMs,
                                int code, bool &stored)
{
    const qint64 seq = session.nextSeq();
    bool ok = true;
    const QByteArray actorName = seal(e.actorName, "actor_name", session.id(), seq, ok);
    const QByteArray targetName = seal(e.targetName, "target_name", session.id(), seq, ok);
    const QByteArray text = seal(e.text, "text", session.id(), seq, ok);
    if (!ok)
        return error(StorageError::Code::Crypto,
                     "Roomwarden could not encrypt a message, so it stopped recording "
                     "analytics. Nothing was saved unencrypted.");
    // Kept from the first use: Database::cached() would look the SQL text up per event.
    if (!m_insert) {
        auto st = m_db->cached(QString::fromLatin1(kInsertEvent));
        if (!st)
            return st.error;
        m_insert = *st;
    }
    storage::Statement &s = *m_insert;
    s.bind(1, session.id()).bind(2, seq).bind(3, code).bind(4, atMs);
    bindId(s, 5, e.actorId);
    bindId(s, 6, e.targetId);
    bindId(s, 7, e.messageId);
    s.bind(8, e.count).bind(9, e.durationSeconds);
    bindId(s, 10, e.eventId);
    bindBlob(s, 11, actorName);
    bindBlob(s, 12, targetName);
    bindBlob(s, 13, text);
    if (Status status = s.run())
        return status;
    stored = m_db->changes() > 0;
    return std::nullopt;
}

storage::Result<SessionAccumulator *> EventWriter::openSession(const QString &roomKey, qint64 atMs,
                                                               const char *source,
                                                               const QString &roomName)
{
    auto room = m_db->cached(QStringLiteral(
        "INSERT INTO rooms(room_key, provider, name) VALUES (?, ?, ?) ON CONFLICT(room_key) "
        "DO UPDATE SET name = COALESCE(excluded.name, rooms.name)"));
    if (!room)
        return *room.error;
    (*room)->bind(1, roomKey).bind(2, roomKey.section(QLatin1Char(':'), 0, 0));
    if (roomName.isEmpty())
        (*room)->bindNull(3);
    else
        (*room)->bind(3, roomName);
    if (Status s = (*room)->run())
        return *s;
    auto insert = m_db->cached(
        QStringLiteral("INSERT INTO sessions(room_key, started_at_ms, source) VALUES (?, ?, ?)"));
    if (!insert)
        return *insert.error;
    (*insert)->bind(1, roomKey).bind(2, atMs).bind(3, QString::fromLatin1(source));
    if (Status s = (*insert)->run())
        return *s;
    auto session =
        std::make_shared<SessionAccumulator>(m_db->lastInsertRowId(), roomKey, atMs, m_cipher);
    m_open.insert(roomKey, session);
    return session.get();
}

Status EventWriter::closeSession(const QString &roomKey, qint64 atMs, const char *reason)
{
    auto it = m_open.find(roomKey);
    if (it == m_open.end())
        return std::nullopt;
    std::shared_ptr<SessionAccumulator> session = *it;
    const qint64 endMs = std::max(atMs, session->startedMs());
    session->finish(endMs);
    if (Status s = session->writeDirty(*m_db))
        return s;
    auto st = m_db->cached(
        QStringLiteral("UPDATE sessions SET ended_at_ms = ?, end_reason = ? WHERE id = ?"));
    if (!st)
        return st.error;
    (*st)->bind(1, endMs).bind(2, QString::fromLatin1(reason)).bind(3, session->id());
    if (Status s = (*st)->run())
        return s;
    m_open.erase(it);
    return std::nullopt;
}

Status EventWriter::closeAll(const char *reason)
{
    const QStringList rooms = m_open.keys();
    for (const QString &room : rooms) {
        const qint64 at = m_open.value(room)->lastEventMs();
        if (Status s = closeSession(room, at, reason))
            return s;
    }
    return std::nullopt;
}

void EventWriter::fail(const StorageError &e)
{
    if (m_failed.exchange(true))
        return;
    // The user-facing message names the file, never a value; SQLite's detail neither.
    qCWarning(lcAnalytics).noquote() << "analytics writing stopped:" << e.message << e.detail;
    Q_EMIT failedWith(e.message);
}

} // namespace roomwarden::analytics
