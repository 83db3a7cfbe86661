#include "core/live/RoomState.h"

#include <algorithm>
#include <vector>

namespace roomwarden::live {

using K = model::RoomEventKind;

RoomState::RoomState(QString roomKey, int maxParticipants)
    : m_roomKey(std::move(roomKey)), m_max(std::max(16, maxParticipants))
{}

ParticipantState &RoomState::touch(const QString &userId, const QString &name, const QDateTime &at)
{
    auto it = m_people.find(userId);
    if (it == m_people.end()) {
        ParticipantState p;
        p.userId = userId;
        p.firstSeenAt = at;
        it = m_people.insert(userId, p);
        if (m_people.size() > m_max) {
            prune();
            it = m_people.find(userId);
        }
    }
    if (!name.isEmpty())
        it->name = name;
    if (at.isValid() && (!it->lastSeenAt.isValid() || at > it->lastSeenAt))
        it->lastSeenAt = at;
    return *it;
}

void RoomState::prune()
{
    // Forget the tenth seen least recently; the newest person is never among them.
    std::vector<std::pair<QDateTime, QString>> order;
    order.reserve(size_t(m_people.size()));
    for (auto it = m_people.cbegin(); it != m_people.cend(); ++it)
        order.emplace_back(it->lastSeenAt.isValid() ? it->lastSeenAt : it->firstSeenAt, it.key());
    const size_t drop = std::max<size_t>(1, order.size() / 10);
    std::nth_element(order.begin(), order.begin() + qsizetype(drop), order.end());
    for (size_t i = 0; i < drop; ++i)
        m_people.remove(order[i].second);
}

void RoomState::apply(const model::RoomEvent &e)
{
    switch (e.kind) {
    case K::ChatMessage: {
        ++m_counters.messages;
        ParticipantState &p = touch(e.actorId, e.actorName, e.occurredAt);
        p.roles =
            (p.roles & (model::Role::FirstTimeChatter | model::Role::Suspicious)) | e.actorRoles;
        if (p.messages == 0) {
            p.firstMessageAt = e.occurredAt;
            if (!m_known.contains(e.actorId)) {
                p.roles |= model::Role::FirstTimeChatter;
                ++m_counters.firstTimeChatters;
            }
        }
        ++p.messages;
        p.present = true;
        p.recentMessages.push_back(e.text.left(500));
        while (p.recentMessages.size() > size_t(ParticipantState::kRecentMessages))
            p.recentMessages.pop_front();
        break;
    }
    case K::ParticipantJoined: {
        ++m_counters.joins;
        touch(e.actorId, e.actorName, e.occurredAt).present = true;
        break;
    }
    case K::ParticipantLeft: {
        ++m_counters.leaves;
        if (auto it = m_people.find(e.actorId); it != m_people.end())
            it->present = false;
        break;
    }
    case K::UserBanned: {
        ++m_counters.bans;
        ParticipantState &p = touch(e.targetId, e.targetName, e.occurredAt);
        p.banned = true;
        p.timedOutUntil.reset();
        break;
    }
    case K::UserTimedOut: {
        ++m_counters.timeouts;
        ParticipantState &p = touch(e.targetId, e.targetName, e.occurredAt);
        if (e.durationSeconds)
            p.timedOutUntil = e.occurredAt.addSecs(*e.durationSeconds);
        break;
    }
    case K::UserUnbanned: {
        if (auto it = m_people.find(e.targetId); it != m_people.end()) {
            it->banned = false;
            it->timedOutUntil.reset();
        }
        break;
    }
    case K::MessageDeleted:
        ++m_counters.deletions;
        break;
    case K::AutoModHeld:
        ++m_counters.autoModHeld;
        break;
    case K::Gap:
        ++m_counters.gaps;
        break;
    case K::ShieldModeChanged:
        if (e.count)
            m_shieldMode = *e.count != 0;
        break;
    default:
        break;
    }
}

void RoomState::addKnownChatters(const QStringList &userIds)
{
    for (const QString &id : userIds)
        m_known.insert(id);
}

void RoomState::setAccountCreatedAt(const QString &userId, const QDateTime &createdAt)
{
    if (auto it = m_people.find(userId); it != m_people.end())
        it->accountCreatedAt = createdAt;
}

void RoomState::markSuspicious(const QString &userId, bool suspicious)
{
    if (auto it = m_people.find(userId); it != m_people.end())
        it->roles.setFlag(model::Role::Suspicious, suspicious);
}

const ParticipantState *RoomState::participant(const QString &userId) const
{
    const auto it = m_people.constFind(userId);
    return it == m_people.cend() ? nullptr : &*it;
}

QList<const ParticipantState *> RoomState::withRole(model::Role role) const
{
    QList<const ParticipantState *> out;
    for (const auto &p : m_people) {
        if (p.roles.testFlag(role))
            out << &p;
    }
    return out;
}

bool RoomState::isFirstTimeChatter(const QString &userId) const
{
    const auto *p = participant(userId);
    return p && p->roles.testFlag(model::Role::FirstTimeChatter);
}

} // namespace roomwarden::live
