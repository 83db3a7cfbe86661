#pragma once
#include "core/model/ChatModes.h"
#include "core/model/Role.h"
#include "core/model/RoomEvent.h"

#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

#include <deque>
#include <optional>

namespace roomwarden::live {

// One person as the room has seen them in this session.
struct ParticipantState
{
    static constexpr int kRecentMessages = 5;

    QString userId;
    QString name;
    model::Roles roles;
    QDateTime firstSeenAt; // joined, or first spoke, in this session
    QDateTime lastSeenAt;
    QDateTime firstMessageAt;
    qint64 messages = 0;
    std::optional<QDateTime> accountCreatedAt; // when known (Get Users)
    std::deque<QString> recentMessages;        // newest last; user-supplied, plain text
    bool banned = false;
    std::optional<QDateTime> timedOutUntil;
    bool present = true; // joined and not left

    bool isRestricted(const QDateTime &now) const
    {
        return banned || (timedOutUntil && *timedOutUntil > now);
    }
    bool isProtected() const
    {
        return roles.testAnyFlags(model::Role::Broadcaster | model::Role::Moderator |
                                  model::Role::Vip);
    }
};

struct RoomCounters
{
    qint64 messages = 0;
    qint64 joins = 0;
    qint64 leaves = 0;
    qint64 firstTimeChatters = 0;
    qint64 bans = 0;
    qint64 timeouts = 0;
    qint64 deletions = 0;
    qint64 autoModHeld = 0;
    qint64 gaps = 0;
};

// What one live room looks like now, from its normalised events: who is here and in what
// standing (broadcaster, moderators, VIPs, subscribers, first-time chatters, suspicious users),
// live counters, the chat modes and shield mode. Bounded: past `maxParticipants`, the people
// seen least recently are forgotten (the store keeps them).
class RoomState
{
public:
    static constexpr int kDefaultMaxParticipants = 50'000;

    explicit RoomState(QString roomKey, int maxParticipants = kDefaultMaxParticipants);

    void apply(const model::RoomEvent &event);
    // People the store already knows from earlier sessions: never first-time chatters.
    void addKnownChatters(const QStringList &userIds);
    void setAccountCreatedAt(const QString &userId, const QDateTime &createdAt);
    void markSuspicious(const QString &userId, bool suspicious);
    void setChatModes(const model::ChatModes &modes) { m_chatModes = modes; }
    void setShieldMode(bool active) { m_shieldMode = active; }

    const QString &roomKey() const { return m_roomKey; }
    const ParticipantState *participant(const QString &userId) const;
    const QHash<QString, ParticipantState> &participants() const { return m_people; }
    QList<const ParticipantState *> withRole(model::Role role) const;
    bool isFirstTimeChatter(const QString &userId) const;
    const RoomCounters &counters() const { return m_counters; }
    const model::ChatModes &chatModes() const { return m_chatModes; }
    bool shieldMode() const { return m_shieldMode; }
    int size() const { return int(m_people.size()); }

private:
    ParticipantState &touch(const QString &userId, const QString &name, const QDateTime &at);
    void prune();

    QString m_roomKey;
    int m_max;
    QHash<QString, ParticipantState> m_people;
    QSet<QString> m_known;
    RoomCounters m_counters;
    model::ChatModes m_chatModes;
    bool m_shieldMode = false;
};

} // namespace roomwarden::live
