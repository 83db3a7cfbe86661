#include "core/analytics/SessionAccumulator.h"

#include "core/analytics/AnalyticsSchema.h"
#include "core/storage/Database.h"
#include "core/storage/FieldCipher.h"

#include <algorithm>

namespace roomwarden::analytics {

namespace {
using K = model::RoomEventKind;

constexpr qint64 kMinuteMs = 60'000;
// Per-minute chatter sets are kept this many minutes behind the newest minute; an event older
// than that (very late delivery) may count a chatter twice in its minute. Memory stays
// bounded by the chatters of the last few minutes instead of the whole stream.
constexpr qint64 kChatterSetMinutes = 10;

qint64 minuteOf(qint64 ms)
{
    qint64 m = ms / kMinuteMs;
    if (ms < 0 && ms % kMinuteMs != 0)
        --m;
    return m * kMinuteMs;
}

const char *const kMinuteUpsert =
    "INSERT INTO minutes(session_id, minute_ms, events, messages, chatters, joins, leaves, "
    "follows, subs, bans, timeouts, deletions, mod_actions, automod_held, raids_in, "
    "raid_in_viewers, raids_out, raid_out_viewers, viewers_max, viewers_sum, viewers_samples, "
    "chatters_count_max, chatters_count_sum, chatters_count_samples, gaps) VALUES (?, ?, ?, ?, "
    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT(session_id, minute_ms) DO UPDATE SET events = excluded.events, "
    "messages = excluded.messages, chatters = excluded.chatters, joins = excluded.joins, "
    "leaves = excluded.leaves, follows = excluded.follows, subs = excluded.subs, "
    "bans = excluded.bans, timeouts = excluded.timeouts, deletions = excluded.deletions, "
    "mod_actions = excluded.mod_actions, automod_held = excluded.automod_held, "
    "raids_in = excluded.raids_in, raid_in_viewers = excluded.raid_in_viewers, "
    "raids_out = excluded.raids_out, raid_out_viewers = excluded.raid_out_viewers, "
    "viewers_max = excluded.viewers_max, viewers_sum = excluded.viewers_sum, "
    "viewers_samples = excluded.viewers_samples, "
    "chatters_count_max = excluded.chatters_count_max, "
    "chatters_count_sum = excluded.chatters_count_sum, "
    "chatters_count_samples = excluded.chatters_count_samples, gaps = excluded.gaps";

const char *const kParticipantUpsert =
    "INSERT INTO participants(session_id, user_id, name, first_seen_ms, last_seen_ms, messages, "
    "joins, present_ms, present_since_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT(session_id, user_id) DO UPDATE SET name = excluded.name, "
    "first_seen_ms = excluded.first_seen_ms, last_seen_ms = excluded.last_seen_ms, "
    "messages = excluded.messages, joins = excluded.joins, present_ms = excluded.present_ms, "
    "present_since_ms = excluded.present_since_ms";

const char *const kModerationUpsert =
    "INSERT INTO moderation_counts(session_id, moderator_id, kind, actions, moderator_name) "
    "VALUES (?, ?, ?, ?, ?) ON CONFLICT(session_id, moderator_id, kind) DO UPDATE SET "
    "actions = excluded.actions, moderator_name = excluded.moderator_name";

const char *const kSessionUpdate =
    "UPDATE sessions SET event_count = ?, last_event_ms = ? WHERE id = ?";
} // namespace

SessionAccumulator::SessionAccumulator(qint64 id, QString roomKey, qint64 startedMs,
                                       const storage::FieldCipher &cipher)
    : m_id(id), m_roomKey(std::move(roomKey)), m_startedMs(startedMs), m_cipher(cipher),
      m_lastEventMs(startedMs), m_newestMinute(minuteOf(startedMs))
{}

void SessionAccumulator::mark(qint64 minuteMs, Minute &m)
{
    if (!m.dirty) {
        m.dirty = true;
        m_dirtyMinutes.push_back(minuteMs);
    }
}

SessionAccumulator::Minute &SessionAccumulator::minute(qint64 atMs)
{
    const qint64 key = minuteOf(atMs);
    Minute &m = m_minutes[key];
    mark(key, m);
    if (key > m_newestMinute) {
        m_newestMinute = key;
        // Drop the chatter sets of minutes that are now far behind.
        for (auto it = m_minutes.begin();
             it != m_minutes.end() && it->first < key - kChatterSetMinutes * kMinuteMs; ++it) {
            if (it->second.chattersKnown) {
                it->second.chattersKnown = false;
                std::unordered_set<QString>().swap(it->second.chatters);
            }
        }
    }
    return m;
}

SessionAccumulator::Participant *
SessionAccumulator::touch(const QString &userId, const QString &name, qint64 atMs, bool &ok)
{
    ok = true;
    if (userId.isEmpty())
        return nullptr;
    auto [it, inserted] = m_participants.try_emplace(userId);
    Participant &p = it->second;
    if (inserted) {
        p.userId = userId;
        p.firstSeen = p.lastSeen = atMs;
    } else {
        p.firstSeen = std::min(p.firstSeen, atMs);
        p.lastSeen = std::max(p.lastSeen, atMs);
    }
    if (!name.isEmpty() && name != p.name) {
        // Sealed once per person and session, not once per message: the participants row
        // is rewritten on every batch that touches the person.
        const QByteArray ad =
            "participants.name:" + QByteArray::number(m_id) + ':' + userId.toUtf8();
        QByteArray sealed = m_cipher.seal(name, ad);
        if (sealed.isEmpty()) {
            ok = false;
            return nullptr;
        }
        p.name = name;
        p.sealedName = std::move(sealed);
    }
    if (!p.dirty) {
        p.dirty = true;
        m_dirtyParticipants.push_back(&p);
    }
    return &p;
}

bool SessionAccumulator::countModeration(const model::RoomEvent &e, int code)
{
    auto [it, inserted] = m_moderation.try_emplace({e.actorId, code});
    ModCount &c = it->second;
    ++c.actions;
    if (!e.actorName.isEmpty() && e.actorName != c.name) {
        const QByteArray ad = "moderation_counts.moderator_name:" + QByteArray::number(m_id) + ':' +
                              e.actorId.toUtf8() + ':' + QByteArray::number(code);
        QByteArray sealed = m_cipher.seal(e.actorName, ad);
        if (sealed.isEmpty())
            return false;
        c.name = e.actorName;
        c.sealedName = std::move(sealed);
    }
    if (!c.dirty) {
        c.dirty = true;
        m_dirtyModeration.push_back({&it->first, &c});
    }
    return true;
}

bool SessionAccumulator::apply(const model::RoomEvent &e, qint64 atMs, int code)
{
    ++m_nextSeq;
    ++m_eventCount;
    m_lastEventMs = std::max(m_lastEventMs, atMs);
    Minute &m = minute(atMs);
    ++m.v[Events];
    bool ok = true;
    const QString &person = e.actorId.isEmpty() ? e.targetId : e.actorId;
    switch (e.kind) {
    case K::ChatMessage:
        if (Participant *p = touch(e.actorId, e.actorName, atMs, ok))
            ++p->messages;
        ++m.v[Messages];
        if (!e.actorId.isEmpty() && m.chattersKnown && m.chatters.insert(e.actorId).second)
            ++m.v[Chatters];
        else if (!e.actorId.isEmpty() && !m.chattersKnown)
            ++m.v[Chatters]; // late event for an old minute: may count someone twice
        break;
    case K::ParticipantJoined:
        if (Participant *p = touch(person, e.actorName, atMs, ok)) {
            if (p->presentSince < 0)
                p->presentSince = atMs;
            ++p->joins;
        }
        ++m.v[Joins];
        break;
    case K::ParticipantLeft:
        if (Participant *p = touch(person, e.actorName, atMs, ok)) {
            if (p->presentSince >= 0) {
                p->presentMs += std::max<qint64>(0, atMs - p->presentSince);
                p->presentSince = -1;
            }
        }
        ++m.v[Leaves];
        break;
    case K::Follow:
        touch(e.actorId, e.actorName, atMs, ok);
        ++m.v[Follows];
        break;
    case K::Subscription:
        touch(e.actorId, e.actorName, atMs, ok);
        ++m.v[Subs];
        break;
    case K::HandRaised:
        touch(e.actorId, e.actorName, atMs, ok);
        break;
    case K::RaidIncoming:
        ++m.v[RaidsIn];
        m.v[RaidInViewers] += e.count.value_or(0);
        break;
    case K::RaidOutgoing:
        ++m.v[RaidsOut];
        m.v[RaidOutViewers] += e.count.value_or(0);
        break;
    case K::ViewerCountSample:
        if (e.count) {
            m.v[ViewersMax] = std::max(m.v[ViewersMax], *e.count);
            m.v[ViewersSum] += *e.count;
            ++m.v[ViewersSamples];
        }
        break;
    case K::AutoModHeld:
        ++m.v[AutomodHeld];
        break;
    case K::Gap:
        ++m.v[Gaps];
        break;
    case K::UserBanned:
        ++m.v[Bans];
        break;
    case K::UserTimedOut:
        ++m.v[Timeouts];
        break;
    case K::MessageDeleted:
        ++m.v[Deletions];
        break;
    default:
        break;
    }
    if (ok && model::isModerationEvent(e.kind)) {
        ++m.v[ModActions];
        ok = countModeration(e, code);
    }
    return ok;
}

bool SessionAccumulator::applyChattersSample(qint64 atMs, qint64 count)
{
    ++m_nextSeq;
    ++m_eventCount;
    m_lastEventMs = std::max(m_lastEventMs, atMs);
    Minute &m = minute(atMs);
    ++m.v[Events];
    m.v[ChattersCountMax] = std::max(m.v[ChattersCountMax], count);
    m.v[ChattersCountSum] += count;
    ++m.v[ChattersCountSamples];
    return true;
}

void SessionAccumulator::finish(qint64 endMs)
{
    for (auto &[id, p] : m_participants) {
        if (p.presentSince < 0)
            continue;
        p.presentMs += std::max<qint64>(0, endMs - p.presentSince);
        p.presentSince = -1;
        if (!p.dirty) {
            p.dirty = true;
            m_dirtyParticipants.push_back(&p);
        }
    }
    m_lastEventMs = std::max(m_lastEventMs, m_startedMs);
}

storage::Status SessionAccumulator::writeDirty(storage::Database &db)
{
    if (!m_dirtyMinutes.empty()) {
        auto st = db.cached(QString::fromLatin1(kMinuteUpsert));
        if (!st)
            return st.error;
        for (qint64 key : m_dirtyMinutes) {
            Minute &m = m_minutes[key];
            storage::Statement &s = **st;
            s.reset();
            s.bind(1, m_id).bind(2, key);
            for (int c = 0; c < ColCount; ++c)
                s.bind(3 + c, m.v[c]);
            if (storage::Status e = s.run())
                return e;
            m.dirty = false;
        }
        m_dirtyMinutes.clear();
    }
    if (!m_dirtyParticipants.empty()) {
        auto st = db.cached(QString::fromLatin1(kParticipantUpsert));
        if (!st)
            return st.error;
        for (Participant *p : m_dirtyParticipants) {
            storage::Statement &s = **st;
            s.reset();
            s.bind(1, m_id).bind(2, p->userId);
            if (p->sealedName.isEmpty())
                s.bindNull(3);
            else
                s.bind(3, p->sealedName);
            s.bind(4, p->firstSeen).bind(5, p->lastSeen).bind(6, p->messages);
            s.bind(7, p->joins).bind(8, p->presentMs);
            if (p->presentSince < 0)
                s.bindNull(9);
            else
                s.bind(9, p->presentSince);
            if (storage::Status e = s.run())
                return e;
            p->dirty = false;
        }
        m_dirtyParticipants.clear();
    }
    if (!m_dirtyModeration.empty()) {
        auto st = db.cached(QString::fromLatin1(kModerationUpsert));
        if (!st)
            return st.error;
        for (auto &[key, c] : m_dirtyModeration) {
            storage::Statement &s = **st;
            s.reset();
            s.bind(1, m_id).bind(2, key->first).bind(3, key->second).bind(4, c->actions);
            if (c->sealedName.isEmpty())
                s.bindNull(5);
            else
                s.bind(5, c->sealedName);
            if (storage::Status e = s.run())
                return e;
            c->dirty = false;
        }
        m_dirtyModeration.clear();
    }
    auto st = db.cached(QString::fromLatin1(kSessionUpdate));
    if (!st)
        return st.error;
    (*st)->bind(1, m_eventCount).bind(2, m_lastEventMs).bind(3, m_id);
    return (*st)->run();
}

} // namespace roomwarden::analytics
