#pragma once
#include "core/model/RoomEvent.h"
#include "core/moderation/TextFold.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QStringList>

#include <deque>
#include <limits>
#include <optional>

namespace roomwarden::moderation {

// Notices raid- and brigade-shaped floods, on event time (occurredAt), so a replayed session
// and a test give the same answer as the live room:
//  - Flood: many people who have not chatted here before, all at once, making up most of the
//    chat (first messages, or joins when the platform reports them);
//  - Brigade: many different people sending the same message once folded (case, width,
//    lookalike letters, zero-width and combining characters, digits: TextFolder).
// An incoming raid (RoomEventKind::RaidIncoming) just before a flood makes it a *friendly* raid:
// the alert says who raided, and only a brigade is called hostile. All counters are kept
// incrementally: a message costs O(1) (plus folding), whatever the window holds.
class RaidDetector : public QObject
{
    Q_OBJECT
public:
    struct Thresholds
    {
        qint64 windowMs = 30'000;    // look at the last 30 s
        int minNewChatters = 25;     // distinct first-time chatters in the window
        double minNewShare = 0.5;    // of all messages in the window
        int minDuplicateSenders = 8; // distinct people sending one folded message
        qint64 cooldownMs = 300'000; // one alert per flood, not one per message
        // At the start of a session everyone is "new" unless the store knows them: learn the
        // room for this long (event time) before judging it.
        qint64 warmupMs = 120'000;
        qint64 friendlyRaidWindowMs = 300'000; // a flood this soon after a raid is its crowd
    };

    struct Alert
    {
        enum class Kind
        {
            Flood,
            Brigade,
        };
        Kind kind = Kind::Flood;
        bool hostile = true;
        QString roomKey;
        QDateTime startedAt;
        QDateTime detectedAt;
        int newChatters = 0;
        int messages = 0;
        QStringList sampleUserIds; // up to 10
        QStringList userIds;       // everyone involved (newcomers, or the brigade's senders)
        QString repeatedText;      // Brigade: one of the messages as sent (plain text)
        QString raidFrom;          // the raiding channel when this follows an incoming raid
        QString raidFromId;
        std::optional<qint64> raidViewers;
        // Filled in by whoever looked the accounts up (Get Users): id → account creation.
        QHash<QString, QDateTime> accountCreatedAt;
        QString verdict; // why it is (not) called hostile, once the accounts were judged
    };

    explicit RaidDetector(QObject *parent = nullptr);
    RaidDetector(Thresholds thresholds, QObject *parent = nullptr);

    void observe(const model::RoomEvent &event);
    int knownChatters() const { return int(m_known.size()); }
    int windowSize() const { return int(m_window.size()); }

    // People already known before this session (e.g. regulars from the store) never count
    // as new.
    void addKnownChatters(const QStringList &userIds);

    // A crowd's accounts decide what a flood is. A raid crowd of real viewers has accounts of
    // every age and often spams one hype line; a hate raid is accounts made minutes ago. Judges
    // `alert` with the creation times in alert.accountCreatedAt (the raiding channel's too when
    // known): hostile when at least half the crowd's known accounts, or the raiding channel,
    // are younger than `youngDays`. Without any known age it keeps the detector's guess.
    static void judgeAccounts(Alert &alert, const QDateTime &now, qint64 youngDays = 7);

Q_SIGNALS:
    void raidSuspected(const roomwarden::moderation::RaidDetector::Alert &alert);

private:
    struct Seen
    {
        qint64 atMs;
        QString userId;
        bool firstTime;
        QString key; // folded text ("" for joins and short messages)
    };
    static constexpr qsizetype kMaxKnown = 500'000;
    static constexpr qsizetype kMaxWindow = 200'000;

    void push(Seen seen);
    void evictBefore(qint64 ms);
    void evictFront();
    void judge(const model::RoomEvent &event, qint64 now, const QString &key);
    QString keyFor(const QString &text) const;

    Thresholds m_thresholds;
    TextFolder m_folder;
    QSet<QString> m_known;
    std::deque<Seen> m_window;
    QHash<QString, int> m_inWindow;                // user → entries in the window
    QSet<QString> m_newcomers;                     // users whose first entry is in the window
    qint64 m_fromNewcomers = 0;                    // window entries by those users
    QHash<QString, QHash<QString, int>> m_senders; // folded text → user → count
    QHash<QString, QString> m_exampleText;         // folded text → one original
    qint64 m_lastAlertMs = std::numeric_limits<qint64>::min() / 2;
    std::optional<qint64> m_firstEventMs;
    std::optional<qint64> m_raidAtMs;
    QString m_raidFrom;
    QString m_raidFromId;
    std::optional<qint64> m_raidViewers;
};

} // namespace roomwarden::moderation
