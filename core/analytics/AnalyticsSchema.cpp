#include "core/analytics/AnalyticsSchema.h"

#include "core/storage/Database.h"

#include <array>
#include <utility>

namespace roomwarden::analytics {

namespace {
using K = model::RoomEventKind;

// Never renumber: these codes are in every events row already written.
constexpr std::array kCodes{
    std::pair{K::ChatMessage, 1},
    std::pair{K::MessageDeleted, 2},
    std::pair{K::ChatCleared, 3},
    std::pair{K::UserBanned, 4},
    std::pair{K::UserTimedOut, 5},
    std::pair{K::UserUnbanned, 6},
    std::pair{K::UserWarned, 7},
    std::pair{K::Follow, 8},
    std::pair{K::Subscription, 9},
    std::pair{K::RaidIncoming, 10},
    std::pair{K::RaidOutgoing, 11},
    std::pair{K::StreamOnline, 12},
    std::pair{K::StreamOffline, 13},
    std::pair{K::AutoModHeld, 14},
    std::pair{K::AutoModResolved, 15},
    std::pair{K::ChatSettingsChanged, 16},
    std::pair{K::ShieldModeChanged, 17},
    std::pair{K::UnbanRequestCreated, 18},
    std::pair{K::UnbanRequestResolved, 19},
    std::pair{K::ParticipantJoined, 20},
    std::pair{K::ParticipantLeft, 21},
    std::pair{K::SpeakerInvited, 22},
    std::pair{K::HandRaised, 23},
    std::pair{K::ViewerCountSample, 24},
    std::pair{K::Gap, 25},
};

// Version 1. Times are UTC milliseconds since the epoch; ids, kinds and counts are in the
// clear for queries; actor_name, target_name, text, participants.name and
// moderation_counts.moderator_name are FieldCipher blobs (docs/STORAGE.md).
const char *const kVersion1 =
    "CREATE TABLE event_kinds ("
    " code INTEGER PRIMARY KEY,"
    " id TEXT NOT NULL UNIQUE);"
    "CREATE TABLE rooms ("
    " room_key TEXT PRIMARY KEY,"
    " provider TEXT NOT NULL,"
    " name TEXT);"
    "CREATE TABLE sessions ("
    " id INTEGER PRIMARY KEY,"
    " room_key TEXT NOT NULL REFERENCES rooms(room_key),"
    " started_at_ms INTEGER NOT NULL,"
    " ended_at_ms INTEGER,"
    " source TEXT NOT NULL,"
    " end_reason TEXT,"
    " event_count INTEGER NOT NULL DEFAULT 0,"
    " last_event_ms INTEGER);"
    "CREATE INDEX sessions_room_time ON sessions(room_key, started_at_ms);"
    "CREATE INDEX sessions_time ON sessions(started_at_ms);"
    // One B-tree ordered by (session, seq): appends go to its right edge.
    "CREATE TABLE events ("
    " session_id INTEGER NOT NULL REFERENCES sessions(id),"
    " seq INTEGER NOT NULL,"
    " kind INTEGER NOT NULL,"
    " occurred_at_ms INTEGER NOT NULL,"
    " actor_id TEXT,"
    " target_id TEXT,"
    " message_id TEXT,"
    " count INTEGER,"
    " duration_s INTEGER,"
    " event_id TEXT,"
    " actor_name BLOB,"
    " target_name BLOB,"
    " text BLOB,"
    " PRIMARY KEY (session_id, seq)) WITHOUT ROWID;"
    "CREATE UNIQUE INDEX events_dedup ON events(session_id, event_id)"
    " WHERE event_id IS NOT NULL;"
    "CREATE TABLE minutes ("
    " session_id INTEGER NOT NULL REFERENCES sessions(id),"
    " minute_ms INTEGER NOT NULL,"
    " events INTEGER NOT NULL DEFAULT 0,"
    " messages INTEGER NOT NULL DEFAULT 0,"
    " chatters INTEGER NOT NULL DEFAULT 0,"
    " joins INTEGER NOT NULL DEFAULT 0,"
    " leaves INTEGER NOT NULL DEFAULT 0,"
    " follows INTEGER NOT NULL DEFAULT 0,"
    " subs INTEGER NOT NULL DEFAULT 0,"
    " bans INTEGER NOT NULL DEFAULT 0,"
    " timeouts INTEGER NOT NULL DEFAULT 0,"
    " deletions INTEGER NOT NULL DEFAULT 0,"
    " mod_actions INTEGER NOT NULL DEFAULT 0,"
    " automod_held INTEGER NOT NULL DEFAULT 0,"
    " raids_in INTEGER NOT NULL DEFAULT 0,"
    " raid_in_viewers INTEGER NOT NULL DEFAULT 0,"
    " raids_out INTEGER NOT NULL DEFAULT 0,"
    " raid_out_viewers INTEGER NOT NULL DEFAULT 0,"
    " viewers_max INTEGER NOT NULL DEFAULT 0,"
    " viewers_sum INTEGER NOT NULL DEFAULT 0,"
    " viewers_samples INTEGER NOT NULL DEFAULT 0,"
    " chatters_count_max INTEGER NOT NULL DEFAULT 0,"
    " chatters_count_sum INTEGER NOT NULL DEFAULT 0,"
    " chatters_count_samples INTEGER NOT NULL DEFAULT 0,"
    " gaps INTEGER NOT NULL DEFAULT 0,"
    " PRIMARY KEY (session_id, minute_ms)) WITHOUT ROWID;"
    "CREATE TABLE participants ("
    " session_id INTEGER NOT NULL REFERENCES sessions(id),"
    " user_id TEXT NOT NULL,"
    " name BLOB,"
    " first_seen_ms INTEGER NOT NULL,"
    " last_seen_ms INTEGER NOT NULL,"
    " messages INTEGER NOT NULL DEFAULT 0,"
    " joins INTEGER NOT NULL DEFAULT 0,"
    " present_ms INTEGER NOT NULL DEFAULT 0,"
    " present_since_ms INTEGER,"
    " PRIMARY KEY (session_id, user_id)) WITHOUT ROWID;"
    "CREATE TABLE moderation_counts ("
    " session_id INTEGER NOT NULL REFERENCES sessions(id),"
    " moderator_id TEXT NOT NULL,"
    " kind INTEGER NOT NULL,"
    " actions INTEGER NOT NULL DEFAULT 0,"
    " moderator_name BLOB,"
    " PRIMARY KEY (session_id, moderator_id, kind)) WITHOUT ROWID;";

storage::Status applyVersion1(storage::Database &db)
{
    if (storage::Status s = db.exec(QString::fromLatin1(kVersion1)))
        return s;
    auto insert = db.prepare(QStringLiteral("INSERT INTO event_kinds(code, id) VALUES (?, ?)"));
    if (!insert)
        return insert.error;
    for (const auto &[kind, code] : kCodes) {
        insert->bind(1, code).bind(2, model::eventKindId(kind));
        if (storage::Status s = insert->run())
            return s;
        insert->reset();
    }
    insert->bind(1, kChattersCountSampleCode).bind(2, QStringLiteral("chatters_count_sample"));
    return insert->run();
}
} // namespace

storage::Schema analyticsSchema()
{
    storage::Schema s;
    s.name = QStringLiteral("analytics");
    s.migrations << storage::Migration{
        1, QStringLiteral("analytics: rooms, sessions, events, rollups"), applyVersion1};
    return s;
}

int kindCode(model::RoomEventKind kind)
{
    for (const auto &[k, code] : kCodes) {
        if (k == kind)
            return code;
    }
    return 0;
}

std::optional<model::RoomEventKind> kindFromCode(int code)
{
    for (const auto &[k, c] : kCodes) {
        if (c == code)
            return k;
    }
    return std::nullopt;
}

} // namespace roomwarden::analytics
