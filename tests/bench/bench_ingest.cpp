// Analytics ingest (issue: "Ingest at least 100,000 events per second sustained on this
// machine, and print beside it the rate of a raw sqlite3 bulk insert of the same rows measured
// in the same run (the ceiling), as a ratio. A session of 1,000,000 events: its dashboard
// computes in under 200 ms. A history of 10,000,000 events: open and list sessions in under
// 500 ms. Print the database size per million events.")
//
//   bench_ingest [events=1000000] [history-events=0]
//
// A realistic mix: 90 % chat messages with 20-80 character texts (sealed, with the chatter's
// name), 4 % joins, 4 % leaves, 1 % bans/timeouts/deletions, 1 % follows, plus one viewer
// count sample per minute of stream time. The ceiling inserts the same rows into the same
// events table with one prepared statement in one transaction, in clear, nothing else.
// history-events > 0 also writes a history of that many events (sessions of 100,000 events
// over 10 rooms) and times opening it and listing its sessions.
#include "core/analytics/AnalyticsSchema.h"
#include "core/analytics/EventStore.h"
#include "core/analytics/SessionMetrics.h"
#include "core/storage/Database.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QThread>
#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace roomwarden;
using K = model::RoomEventKind;

namespace {

void out(const QString &line)
{
    std::fputs(qPrintable(line + QLatin1Char('\n')), stdout);
    std::fflush(stdout);
}

constexpr int kPeople = 20000;
constexpr int kTexts = 4096;
constexpr qint64 kStreamMs = 4LL * 3600 * 1000; // a session's events spread over 4 hours

struct Pools
{
    QStringList texts, ids, names;
};

Pools makePools()
{
    Pools p;
    QRandomGenerator rng(42);
    const QString letters = QStringLiteral("abcdefghijklmnopqrstuvwxyz     ");
    for (int i = 0; i < kTexts; ++i) {
        const int len = 20 + int(rng.bounded(61));
        QString t;
        t.reserve(len);
        for (int j = 0; j < len; ++j)
            t += letters.at(int(rng.bounded(letters.size())));
        p.texts << t;
    }
    for (int i = 0; i < kPeople; ++i) {
        p.ids << QString::number(100000 + i);
        p.names << QStringLiteral("viewer_%1").arg(i);
    }
    return p;
}

// The i-th event of a session of n events in `room`.
model::RoomEvent makeEvent(const Pools &p, const QString &room, qint64 startMs, qint64 i, qint64 n,
                           quint32 r)
{
    model::RoomEvent e;
    e.roomKey = room;
    e.occurredAt = QDateTime::fromMSecsSinceEpoch(startMs + i * kStreamMs / n, Qt::UTC);
    e.eventId = room + QLatin1Char('-') + QString::number(i);
    const int who = int(r % kPeople);
    e.actorId = p.ids.at(who);
    e.actorName = p.names.at(who);
    const quint32 mix = (r >> 16) % 100;
    if (i == 0) {
        e.kind = K::StreamOnline;
        e.actorId.clear();
        e.actorName.clear();
    } else if ((startMs + i * kStreamMs / n) / 60000 !=
               (startMs + (i - 1) * kStreamMs / n) / 60000) {
        e.kind = K::ViewerCountSample;
        e.count = 1000 + (r % 500);
        e.actorId.clear();
        e.actorName.clear();
    } else if (mix < 90) {
        e.kind = K::ChatMessage;
        e.messageId = e.eventId;
        e.text = p.texts.at(int((r >> 8) % kTexts));
    } else if (mix < 94) {
        e.kind = K::ParticipantJoined;
    } else if (mix < 98) {
        e.kind = K::ParticipantLeft;
    } else if (mix < 99) {
        e.kind = (r & 1) ? K::UserBanned : ((r & 2) ? K::UserTimedOut : K::MessageDeleted);
        e.targetId = p.ids.at(int((r >> 4) % kPeople));
        e.targetName = p.names.at(int((r >> 4) % kPeople));
        e.actorId = QStringLiteral("mod-1");
        e.actorName = QStringLiteral("TheMod");
        if (e.kind == K::UserTimedOut)
            e.durationSeconds = 600;
        e.text = QStringLiteral("reason: spam");
    } else {
        e.kind = K::Follow;
    }
    return e;
}

qint64 fileSize(const QString &path)
{
    qint64 size = QFileInfo(path).size();
    for (const char *suffix : {"-wal", "-shm"})
        size += QFileInfo(path + QLatin1String(suffix)).size();
    return size;
}

struct Ingest
{
    double seconds = 0;
    qint64 committed = 0;
};

// Appends `sessions` sessions of `perSession` events, in rooms round-robin, through the
// store, keeping at most ~200k events queued (the bench's own pacing; append never blocks).
Ingest ingest(analytics::EventStore &store, const Pools &p, int sessions, qint64 perSession,
              int rooms)
{
    QRandomGenerator rng(7);
    QElapsedTimer t;
    t.start();
    const qint64 base = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    for (int s = 0; s < sessions; ++s) {
        const QString room = QStringLiteral("twitch:%1").arg(1000 + s % rooms);
        const qint64 startMs = base + qint64(s) * (kStreamMs + 3600 * 1000);
        QList<model::RoomEvent> chunk;
        chunk.reserve(10000);
        for (qint64 i = 0; i < perSession; ++i) {
            chunk << makeEvent(p, room, startMs, i, perSession, rng.generate());
            if (chunk.size() == 10000) {
                store.append(chunk);
                chunk.clear();
                while (store.pendingEvents() > 200000)
                    QThread::msleep(1);
            }
        }
        model::RoomEvent off;
        off.kind = K::StreamOffline;
        off.roomKey = room;
        off.eventId = room + QStringLiteral("-off-") + QString::number(s);
        off.occurredAt = QDateTime::fromMSecsSinceEpoch(startMs + kStreamMs, Qt::UTC);
        chunk << off;
        store.append(chunk);
    }
    store.flushAndWait(600000);
    return {double(t.nsecsElapsed()) / 1e9, store.committedEvents()};
}

// The ceiling: the same rows, raw sqlite3, one prepared statement, one transaction, no
// encryption, no rollups.
double rawCeiling(const QString &path, const Pools &p, qint64 n)
{
    sqlite3 *db = nullptr;
    sqlite3_open(QFile::encodeName(path).constData(), &db);
    sqlite3_exec(db,
                 "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                 "CREATE TABLE events (session_id INTEGER NOT NULL, seq INTEGER NOT NULL,"
                 " kind INTEGER NOT NULL, occurred_at_ms INTEGER NOT NULL, actor_id TEXT,"
                 " target_id TEXT, message_id TEXT, count INTEGER, duration_s INTEGER,"
                 " event_id TEXT, actor_name BLOB, target_name BLOB, text BLOB,"
                 " PRIMARY KEY (session_id, seq)) WITHOUT ROWID;"
                 "CREATE UNIQUE INDEX events_dedup ON events(session_id, event_id)"
                 " WHERE event_id IS NOT NULL;",
                 nullptr, nullptr, nullptr);
    sqlite3_stmt *st = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", -1,
                       &st, nullptr);
    QRandomGenerator rng(7);
    const qint64 startMs = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    const QString room = QStringLiteral("twitch:1000");
    auto text = [&](int index, const QString &value) {
        if (value.isEmpty()) {
            sqlite3_bind_null(st, index);
            return;
        }
        const QByteArray utf8 = value.toUtf8();
        sqlite3_bind_text(st, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
    };
    QElapsedTimer t;
    t.start();
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    for (qint64 i = 0; i < n; ++i) {
        const model::RoomEvent e = makeEvent(p, room, startMs, i, n, rng.generate());
        sqlite3_bind_int64(st, 1, 1);
        sqlite3_bind_int64(st, 2, i + 1);
        sqlite3_bind_int(st, 3, analytics::kindCode(e.kind));
        sqlite3_bind_int64(st, 4, e.occurredAt.toMSecsSinceEpoch());
        text(5, e.actorId);
        text(6, e.targetId);
        text(7, e.messageId);
        if (e.count)
            sqlite3_bind_int64(st, 8, *e.count);
        else
            sqlite3_bind_null(st, 8);
        if (e.durationSeconds)
            sqlite3_bind_int64(st, 9, *e.durationSeconds);
        else
            sqlite3_bind_null(st, 9);
        text(10, e.eventId);
        text(11, e.actorName);
        text(12, e.targetName);
        text(13, e.text);
        sqlite3_step(st);
        sqlite3_reset(st);
    }
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    const double seconds = double(t.nsecsElapsed()) / 1e9;
    sqlite3_finalize(st);
    sqlite3_close(db);
    return seconds;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const qint64 n = args.size() > 1 ? args.at(1).toLongLong() : 1000000;
    const qint64 history = args.size() > 2 ? args.at(2).toLongLong() : 0;
    QTemporaryDir dir;
    const QByteArray key = storage::FieldCipher::generateKey();
    const Pools pools = makePools();

    out(QStringLiteral("machine: %1 logical cores, %2, %3")
            .arg(QThread::idealThreadCount())
            .arg(QSysInfo::prettyProductName(), QSysInfo::currentCpuArchitecture()));
    out(QStringLiteral("sqlite %1; batch %2 events or %3 ms")
            .arg(QString::fromLatin1(sqlite3_libversion()))
            .arg(analytics::EventStore::kBatchEvents)
            .arg(analytics::EventStore::kMaxLatencyMs));

    // 0. What making the events costs the producing thread (part of every figure below).
    {
        QRandomGenerator rng(7);
        QElapsedTimer t;
        t.start();
        qint64 sink = 0;
        for (qint64 i = 0; i < n; ++i)
            sink += makeEvent(pools, QStringLiteral("twitch:1000"), 0, i, n, rng.generate())
                        .text.size();
        out(QStringLiteral("making the events alone: %1 events/s (checksum %2)")
                .arg(double(n) / (double(t.nsecsElapsed()) / 1e9), 0, 'f', 0)
                .arg(sink));
    }

    {
        const storage::FieldCipher cipher(key);
        QElapsedTimer t;
        t.start();
        qint64 sink = 0;
        for (int i = 0; i < 100000; ++i)
            sink += cipher.seal(pools.texts.at(i % kTexts), "events.text:1:1").size();
        out(QStringLiteral("FieldCipher::seal alone: %1 seals/s (checksum %2)")
                .arg(100000 / (double(t.nsecsElapsed()) / 1e9), 0, 'f', 0)
                .arg(sink));
    }

    // 1. Through the EventStore: one session of n events.
    const QString path = dir.filePath(QStringLiteral("analytics.sqlite"));
    Ingest in;
    {
        auto store = analytics::EventStore::open(path, storage::FieldCipher(key));
        if (!store) {
            out(QStringLiteral("cannot open: ") + store.error->message);
            return 1;
        }
        in = ingest(**store, pools, 1, n, 1);
    }
    const double rate = double(in.committed) / in.seconds;
    out(QStringLiteral("EventStore ingest: %1 events in %2 s = %3 events/s (sealed text and "
                       "names, rollups, participants)")
            .arg(in.committed)
            .arg(in.seconds, 0, 'f', 2)
            .arg(rate, 0, 'f', 0));

    // 2. The ceiling.
    const QString rawPath = dir.filePath(QStringLiteral("raw.sqlite"));
    const double rawSeconds = rawCeiling(rawPath, pools, n);
    const double rawRate = double(n) / rawSeconds;
    out(QStringLiteral("raw sqlite3 ceiling: %1 rows in %2 s = %3 rows/s (one statement, one "
                       "transaction, clear text)")
            .arg(n)
            .arg(rawSeconds, 0, 'f', 2)
            .arg(rawRate, 0, 'f', 0));
    out(QStringLiteral("ratio EventStore / ceiling: %1").arg(rate / rawRate, 0, 'f', 2));
    out(QStringLiteral("database size: %1 MB per million events (raw table in clear: %2 MB)")
            .arg(double(fileSize(path)) / 1e6 / double(n) * 1e6, 0, 'f', 1)
            .arg(double(fileSize(rawPath)) / 1e6 / double(n) * 1e6, 0, 'f', 1));
    QFile::remove(rawPath);

    // 3. The dashboard of that session.
    {
        QElapsedTimer t;
        t.start();
        auto metrics = analytics::SessionMetrics::open(path, storage::FieldCipher(key));
        const double openMs = double(t.nsecsElapsed()) / 1e6;
        if (!metrics) {
            out(QStringLiteral("cannot open for reading: ") + metrics.error->message);
            return 1;
        }
        auto sessions = (*metrics)->listSessions();
        const qint64 id = sessions->first().id;
        std::vector<double> times;
        for (int i = 0; i < 5; ++i) {
            t.restart();
            auto report = (*metrics)->compute(id);
            times.push_back(double(t.nsecsElapsed()) / 1e6);
            if (i == 0)
                out(QStringLiteral("  session: %1 events, %2 participants seen, %3 messages")
                        .arg(sessions->first().events)
                        .arg(report->totalUnique.value)
                        .arg(report->chatMessages.value));
        }
        std::sort(times.begin(), times.end());
        out(QStringLiteral("dashboard of a %1-event session: compute %2 ms (median of 5, min "
                           "%3 ms); opening the read connection %4 ms")
                .arg(sessions->first().events)
                .arg(times[2], 0, 'f', 1)
                .arg(times[0], 0, 'f', 1)
                .arg(openMs, 0, 'f', 1));
    }

    // 4. A long history (optional: it takes minutes).
    if (history > 0) {
        QFile::remove(path);
        const QString histPath = dir.filePath(QStringLiteral("history.sqlite"));
        const qint64 perSession = 100000;
        const int sessions = int(std::max<qint64>(1, history / perSession));
        Ingest h;
        {
            auto store = analytics::EventStore::open(histPath, storage::FieldCipher(key));
            h = ingest(**store, pools, sessions, perSession, 10);
        }
        out(QStringLiteral("history: %1 events in %2 sessions written in %3 s (%4 events/s), "
                           "%5 MB")
                .arg(h.committed)
                .arg(sessions)
                .arg(h.seconds, 0, 'f', 1)
                .arg(double(h.committed) / h.seconds, 0, 'f', 0)
                .arg(double(fileSize(histPath)) / 1e6, 0, 'f', 0));
        for (int run = 0; run < 2; ++run) {
            QElapsedTimer t;
            t.start();
            auto metrics = analytics::SessionMetrics::open(histPath, storage::FieldCipher(key));
            const double openMs = double(t.nsecsElapsed()) / 1e6;
            t.restart();
            auto one = (*metrics)->listSessions(QStringLiteral("twitch:1003"));
            auto all = (*metrics)->listSessions();
            const double listMs = double(t.nsecsElapsed()) / 1e6;
            out(QStringLiteral("history open + list (%1): open %2 ms (includes quick_check), "
                               "list one room (%3 sessions) + all (%4) %5 ms, total %6 ms")
                    .arg(run == 0 ? QStringLiteral("first") : QStringLiteral("again"))
                    .arg(openMs, 0, 'f', 1)
                    .arg(one->size())
                    .arg(all->size())
                    .arg(listMs, 0, 'f', 1)
                    .arg(openMs + listMs, 0, 'f', 1));
        }
    }
    return 0;
}
