#pragma once
#include "core/model/RoomEvent.h"
#include "core/storage/StorageError.h"

#include <QByteArray>
#include <QString>

#include <map>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace roomwarden::storage {
class Database;
class FieldCipher;
} // namespace roomwarden::storage

namespace roomwarden::analytics {

// The writer's in-memory state of one open session: its minute rollups, its participants and
// its moderation counts. Events update it with a few hash operations; writeDirty() then
// upserts only the rows that changed, inside the writer's batch transaction, so the rollups
// on disk always match the events committed with them.
//
// The memory is authoritative while the session is open (rows are written with absolute
// values), which is why a session left open by a crash is closed at the next start and never
// resumed.
class SessionAccumulator
{
public:
    SessionAccumulator(qint64 id, QString roomKey, qint64 startedMs,
                       const storage::FieldCipher &cipher);

    qint64 id() const { return m_id; }
    const QString &roomKey() const { return m_roomKey; }
    qint64 startedMs() const { return m_startedMs; }
    qint64 eventCount() const { return m_eventCount; }
    qint64 lastEventMs() const { return m_lastEventMs; }
    qint64 nextSeq() const { return m_nextSeq; }

    // The StreamOnline delivery that opened this session, to tell a redelivery apart.
    QString openingEventId;

    // An event was stored with seq nextSeq(): count it and fold it into the aggregates.
    // Returns false when sealing a name failed (then nothing may be written).
    bool apply(const model::RoomEvent &e, qint64 atMs, int code);
    bool applyChattersSample(qint64 atMs, qint64 count);
    // Closes every open presence at the session's end.
    void finish(qint64 endMs);

    storage::Status writeDirty(storage::Database &db);

private:
    // The columns of `minutes` after (session_id, minute_ms), in order.
    enum Col
    {
        Events,
        Messages,
        Chatters,
        Joins,
        Leaves,
        Follows,
        Subs,
        Bans,
        Timeouts,
        Deletions,
        ModActions,
        AutomodHeld,
        RaidsIn,
        RaidInViewers,
        RaidsOut,
        RaidOutViewers,
        ViewersMax,
        ViewersSum,
        ViewersSamples,
        ChattersCountMax,
        ChattersCountSum,
        ChattersCountSamples,
        Gaps,
        ColCount
    };
    struct Minute
    {
        qint64 v[ColCount] = {};
        bool dirty = false;
        bool chattersKnown = true; // false once the set below was dropped to save memory
        std::unordered_set<QString> chatters;
    };
    struct Participant
    {
        QString userId;
        QString name;
        QByteArray sealedName;
        qint64 firstSeen = 0;
        qint64 lastSeen = 0;
        qint64 messages = 0;
        qint64 joins = 0;
        qint64 presentMs = 0;
        qint64 presentSince = -1;
        bool dirty = false;
    };
    struct ModCount
    {
        QString name;
        QByteArray sealedName;
        qint64 actions = 0;
        bool dirty = false;
    };

    Minute &minute(qint64 atMs);
    void mark(qint64 minuteMs, Minute &m);
    Participant *touch(const QString &userId, const QString &name, qint64 atMs, bool &ok);
    bool countModeration(const model::RoomEvent &e, int code);

    qint64 m_id;
    QString m_roomKey;
    qint64 m_startedMs;
    const storage::FieldCipher &m_cipher;
    qint64 m_nextSeq = 1;
    qint64 m_eventCount = 0;
    qint64 m_lastEventMs = 0;
    qint64 m_newestMinute = 0;

    std::map<qint64, Minute> m_minutes;
    std::vector<qint64> m_dirtyMinutes;
    std::unordered_map<QString, Participant> m_participants;
    std::vector<Participant *> m_dirtyParticipants;
    std::map<std::pair<QString, int>, ModCount> m_moderation;
    std::vector<std::pair<const std::pair<QString, int> *, ModCount *>> m_dirtyModeration;
};

} // namespace roomwarden::analytics
