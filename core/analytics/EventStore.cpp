#include "core/analytics/EventStore.h"

#include "core/analytics/EventWriter.h"

namespace roomwarden::analytics {

storage::Result<std::unique_ptr<EventStore>> EventStore::open(const QString &path,
                                                              storage::FieldCipher cipher,
                                                              Options options,
                                                              storage::OpenReport *report)
{
    auto writer = std::make_unique<EventWriter>(path, std::move(cipher), options);
    if (storage::Status s = writer->start(report))
        return *s;
    return std::unique_ptr<EventStore>(new EventStore(path, std::move(writer)));
}

storage::Result<std::unique_ptr<EventStore>> EventStore::open(const QString &path,
                                                              storage::FieldCipher cipher)
{
    return open(path, std::move(cipher), Options{});
}

EventStore::EventStore(QString path, std::unique_ptr<EventWriter> writer)
    : m_path(std::move(path)), m_writer(std::move(writer))
{
    // The writer emits on its own thread; these connections queue to this object's thread.
    connect(m_writer.get(), &EventWriter::committedTotal, this, &EventStore::committed);
    connect(m_writer.get(), &EventWriter::flushedTicket, this, &EventStore::flushed);
    connect(m_writer.get(), &EventWriter::failedWith, this, &EventStore::storageFailed);
}

EventStore::~EventStore()
{
    m_writer->stop();
}

void EventStore::append(const model::RoomEvent &event)
{
    m_writer->enqueue(EventWriter::Command{EventWriter::Command::Type::Event, event});
}

void EventStore::append(const QList<model::RoomEvent> &events)
{
    m_writer->enqueue(events);
}

void EventStore::appendChattersSample(const QString &roomKey, const QDateTime &at, qint64 count)
{
    EventWriter::Command c{EventWriter::Command::Type::ChattersSample, {}};
    c.event.roomKey = roomKey;
    c.event.occurredAt = at;
    c.event.count = count;
    m_writer->enqueue(std::move(c));
}

void EventStore::beginSession(const QString &roomKey, const QDateTime &startedAt,
                              const QString &roomName)
{
    EventWriter::Command c{EventWriter::Command::Type::Begin, {}};
    c.event.roomKey = roomKey;
    c.event.occurredAt = startedAt;
    c.event.text = roomName;
    m_writer->enqueue(std::move(c));
}

void EventStore::endSession(const QString &roomKey, const QDateTime &endedAt)
{
    EventWriter::Command c{EventWriter::Command::Type::End, {}};
    c.event.roomKey = roomKey;
    c.event.occurredAt = endedAt;
    m_writer->enqueue(std::move(c));
}

quint64 EventStore::flush()
{
    return m_writer->requestFlush();
}

bool EventStore::flushAndWait(int timeoutMs)
{
    return m_writer->waitFlushed(m_writer->requestFlush(), timeoutMs);
}

qint64 EventStore::committedEvents() const
{
    return m_writer->committed();
}

qint64 EventStore::duplicateEvents() const
{
    return m_writer->duplicates();
}

qint64 EventStore::pendingEvents() const
{
    return m_writer->pending();
}

bool EventStore::hasFailed() const
{
    return m_writer->failed();
}

void EventStore::setWriterPaused(bool paused)
{
    m_writer->setPaused(paused);
}

} // namespace roomwarden::analytics
