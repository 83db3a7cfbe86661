#pragma once
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace roomwarden::analytics {

// One figure of a report. `estimate` is true when the figure can't be exact from what the
// platform tells us; `method` then says how it was computed (plain text, translated), so a
// dashboard can show it beside the number.
struct Figure
{
    double value = 0;
    bool estimate = false;
    QString method;
};

struct SessionSummary
{
    qint64 id = 0;
    QString roomKey;
    QDateTime startedAt;
    std::optional<QDateTime> endedAt; // none while the session is open
    QString source;                   // "stream", "connected", "explicit"
    QString endReason;                // "offline", "ended", "superseded", "shutdown", "interrupted"
    qint64 events = 0;
    QDateTime lastEventAt;
};

struct TopChatter
{
    QString userId;
    QString name; // decrypted; "(unreadable)" when sealed with another key
    qint64 messages = 0;
};

struct ModeratorActions
{
    QString moderatorId;
    QString name;
    QMap<QString, qint64> byKind; // event kind id ("user_banned", ...) -> actions
    qint64 total = 0;
};

// Per minute, from the rollups.
struct TimelinePoint
{
    QDateTime minute;
    qint64 joins = 0;
    qint64 leaves = 0;
    qint64 present = 0; // joins minus leaves so far (people whose joins were seen)
    qint64 messages = 0;
    qint64 chatters = 0;
    std::optional<double> viewers; // mean of that minute's viewer-count samples
};

struct RetentionPoint
{
    int minutesAfterArrival = 0;
    double share = 0; // of participants, those who stayed at least that long
};

struct RaidEffect
{
    QDateTime minute;
    bool incoming = true;
    qint64 raidViewers = 0;              // as the platform reported the raid
    std::optional<double> viewersBefore; // last sampled minute before the raid
    std::optional<double> viewersAfter;  // mean over the next kRaidWindowMinutes
    double messagesPerMinuteBefore = 0;  // over kRaidWindowMinutes before
    double messagesPerMinuteAfter = 0;   // over kRaidWindowMinutes from the raid on
};

struct SessionReport
{
    SessionSummary session;
    bool open = false; // still being recorded: figures run to the last event

    // Direcon's eight (listeners = viewers here) ...
    Figure durationSeconds;
    Figure peakViewers;        // max of the viewer-count samples
    Figure peakPresent;        // max people present at once from joins/leaves
    Figure totalUnique;        // distinct people seen
    Figure totalTimeSeconds;   // sum of everyone's time present
    Figure averageTimeSeconds; // per person
    Figure averageStickiness;  // 0..1
    Figure totalSpeakers;      // people who sent at least one message
    Figure newFollowers;
    // ... Twitch's stream summary ...
    Figure averageViewers;
    Figure viewerMinutes;
    Figure uniqueChatters;
    Figure chatMessages;
    Figure messagesPerMinute;
    Figure peakChattersListed; // from the chatter-count samples
    // ... and moderation.
    Figure bans;
    Figure timeouts;
    Figure deletions;
    Figure moderationActions;
    Figure automodHeld;
    Figure gaps; // connection gaps: events in them may be missing from every figure

    QList<TopChatter> topChatters;
    QMap<QString, qint64> actionsByKind;
    QList<ModeratorActions> byModerator;
    QList<TimelinePoint> timeline;
    QList<RetentionPoint> retention;
    QList<RaidEffect> raids;
};

} // namespace roomwarden::analytics
