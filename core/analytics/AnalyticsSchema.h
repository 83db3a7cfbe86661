#pragma once
#include "core/model/RoomEvent.h"
#include "core/storage/Schema.h"

#include <optional>

namespace roomwarden::analytics {

// The "analytics" database (docs/ANALYTICS.md): rooms, sessions, raw events with sealed
// personal text, and the per-minute rollups and per-participant aggregates that the metrics
// read so that a dashboard never scans raw events.
storage::Schema analyticsSchema();

// Events are stored with a small integer kind. The codes are fixed here, once and for all,
// rather than taken from the enum's order, so that reordering model::RoomEventKind never
// changes the meaning of rows already written. The table event_kinds maps them to the stable
// string ids for anyone reading the file with other tools.
int kindCode(model::RoomEventKind kind);
std::optional<model::RoomEventKind> kindFromCode(int code);

// Not a RoomEvent: the number of people in the chatter list, polled by the app at a
// rate-limit-friendly interval (EventStore::appendChattersSample).
constexpr int kChattersCountSampleCode = 100;

// Why a session ended (sessions.end_reason).
namespace endReason {
inline constexpr auto kOffline = "offline";         // StreamOffline
inline constexpr auto kEnded = "ended";             // endSession()
inline constexpr auto kSuperseded = "superseded";   // a new session began in the same room
inline constexpr auto kShutdown = "shutdown";       // the store was closed
inline constexpr auto kInterrupted = "interrupted"; // found still open at the next start
} // namespace endReason

// How a session began (sessions.source).
namespace sessionSource {
inline constexpr auto kStream = "stream";       // StreamOnline
inline constexpr auto kConnected = "connected"; // events arrived while no session was open
inline constexpr auto kExplicit = "explicit";   // beginSession()
} // namespace sessionSource

} // namespace roomwarden::analytics
