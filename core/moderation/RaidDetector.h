#pragma once
#include "core/model/RoomEvent.h"

#include <QDateTime>
#include <QObject>
#include <QSet>
#include <QStringList>

#include <deque>
#include <optional>

namespace roomwarden::moderation {

// Notices a raid-shaped flood: many people who have not chatted in this room before, all at
// once, making up most of the chat. Works on event time (occurredAt), not the wall clock, so
// it gives the same answer for a replayed session and in tests.
class RaidDetector : public QObject
{
    Q_OBJECT
public:
    struct Thresholds
    {
        qint64 windowMs = 30'000;    // look at the last 30 s
        int minNewChatters = 25;     // distinct first-time chatters in the window
        double minNewShare = 0.5;    // of all messages in the window
        qint64 cooldownMs = 300'000; // one alert per flood, not one per message
        // At the start of a session everyone is "new" unless the store knows them: learn the
        // room for this long (event time) before judging it.
        qint64 warmupMs = 120'000;
    };

    struct Alert
    {
        QString roomKey;
        QDateTime startedAt;
        QDateTime detectedAt;
        int newChatters = 0;
        int messages = 0;
        QStringList sampleUserIds; // up to 10
    };

    explicit RaidDetector(QObject *parent = nullptr);
    RaidDetector(Thresholds thresholds, QObject *parent = nullptr);

    void observe(const model::RoomEvent &event);
    int knownChatters() const { return int(m_known.size()); }

    // People already known before this session (e.g. regulars from the store) never count
    // as new.
    void addKnownChatters(const QStringList &userIds);

Q_SIGNALS:
    void raidSuspected(const roomwarden::moderation::RaidDetector::Alert &alert);

private:
    struct Seen
    {
        qint64 atMs;
        QString userId;
        bool firstTime;
    };
    static constexpr qsizetype kMaxKnown = 500'000;

    Thresholds m_thresholds;
    QSet<QString> m_known;
    std::deque<Seen> m_window;
    qint64 m_lastAlertMs = std::numeric_limits<qint64>::min() / 2;
    std::optional<qint64> m_firstEventMs;
};

} // namespace roomwarden::moderation
