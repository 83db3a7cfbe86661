#pragma once
#include <optional>
#include <QDateTime>
#include <QString>

namespace roomwarden::model {

// One occurrence of a room being live: a Twitch stream, a Discord stage instance.
struct RoomSession
{
    QString sessionId; // the platform's stream / stage-instance id
    QString roomKey;   // Room::key()
    QString title;
    QDateTime startedAt;
    std::optional<QDateTime> endedAt;

    bool isOpen() const { return !endedAt.has_value(); }
    // Seconds live: up to `now` while open. Never negative, even if clocks disagree.
    qint64 durationSeconds(const QDateTime &now) const;

    friend bool operator==(const RoomSession &, const RoomSession &) = default;
};

} // namespace roomwarden::model
