#include "core/moderation/RaidDetector.h"

#include <QRegularExpression>

namespace roomwarden::moderation {

using K = model::RoomEventKind;

RaidDetector::RaidDetector(QObject *parent) : RaidDetector(Thresholds{}, parent) {}

RaidDetector::RaidDetector(Thresholds thresholds, QObject *parent)
    : QObject(parent), m_thresholds(thresholds)
{}

void RaidDetector::addKnownChatters(const QStringList &userIds)
{
    for (const QString &id : userIds)
        m_known.insert(id);
}

QString RaidDetector::keyFor(const QString &text) const
{
    // Spam varies digits and punctuation to look unique ("join 1", "join 2!!").
    static const QRegularExpression kNoise(QStringLiteral("[\\d\\p{P}\\p{S}\\s]+"),
                                           QRegularExpression::UseUnicodePropertiesOption);
    QString key = m_folder.fold(text.left(400));
    key.replace(kNoise, QStringLiteral(" "));
    key = key.simplified();
    return key.size() >= 4 ? key.left(200) : QString();
}

void RaidDetector::push(Seen seen)
{
    int &count = m_inWindow[seen.userId];
    ++count;
    if (seen.firstTime) {
        m_newcomers.insert(seen.userId);
        m_fromNewcomers += count; // count is 1: a first-time entry is a user's first
    } else if (m_newcomers.contains(seen.userId)) {
        ++m_fromNewcomers;
    }
    if (!seen.key.isEmpty())
        ++m_senders[seen.key][seen.userId];
    m_window.push_back(std::move(seen));
    if (m_window.size() > size_t(kMaxWindow))
        evictFront();
}

void RaidDetector::evictFront()
{
    const Seen s = std::move(m_window.front());
    m_window.pop_front();
    auto it = m_inWindow.find(s.userId);
    const int left = --*it;
    if (m_newcomers.contains(s.userId)) {
        --m_fromNewcomers;
        if (s.firstTime) { // their first entry leaves: they are no longer new in the window
            m_newcomers.remove(s.userId);
            m_fromNewcomers -= left;
        }
    }
    if (left == 0)
        m_inWindow.erase(it);
    if (!s.key.isEmpty()) {
        auto senders = m_senders.find(s.key);
        if (senders != m_senders.end()) {
            auto user = senders->find(s.userId);
            if (user != senders->end() && --*user == 0)
                senders->erase(user);
            if (senders->isEmpty()) {
                m_senders.erase(senders);
                m_exampleText.remove(s.key);
            }
        }
    }
}

void RaidDetector::evictBefore(qint64 ms)
{
    while (!m_window.empty() && m_window.front().atMs < ms)
        evictFront();
}

void RaidDetector::observe(const model::RoomEvent &event)
{
    if (!event.occurredAt.isValid())
        return;
    const qint64 now = event.occurredAt.toMSecsSinceEpoch();
    if (event.kind == K::RaidIncoming) {
        m_raidAtMs = now;
        m_raidFrom = event.actorName.isEmpty() ? event.actorId : event.actorName;
        m_raidFromId = event.actorId;
        m_raidViewers = event.count;
        return;
    }
    const bool chat = event.kind == K::ChatMessage;
    if ((!chat && event.kind != K::ParticipantJoined) || event.actorId.isEmpty())
        return;
    if (!m_firstEventMs)
        m_firstEventMs = now;
    const bool firstTime = !m_known.contains(event.actorId);
    if (firstTime && m_known.size() < kMaxKnown)
        m_known.insert(event.actorId);
    const QString key = chat ? keyFor(event.text) : QString();
    if (!key.isEmpty() && !m_exampleText.contains(key))
        m_exampleText.insert(key, event.text.left(500));
    evictBefore(now - m_thresholds.windowMs);
    push({now, event.actorId, firstTime, key});
    judge(event, now, key);
}

void RaidDetector::judge(const model::RoomEvent &event, qint64 now, const QString &key)
{
    if (now - *m_firstEventMs < m_thresholds.warmupMs ||
        now - m_lastAlertMs < m_thresholds.cooldownMs)
        return;
    const bool afterRaid = m_raidAtMs && now - *m_raidAtMs <= m_thresholds.friendlyRaidWindowMs;

    Alert alert;
    alert.roomKey = event.roomKey;
    alert.startedAt = QDateTime::fromMSecsSinceEpoch(m_window.front().atMs, Qt::UTC);
    alert.detectedAt = event.occurredAt;
    alert.messages = int(m_window.size());
    alert.newChatters = int(m_newcomers.size());
    if (afterRaid) {
        alert.raidFrom = m_raidFrom;
        alert.raidFromId = m_raidFromId;
        alert.raidViewers = m_raidViewers;
    }

    const auto senders = key.isEmpty() ? m_senders.cend() : m_senders.constFind(key);
    if (senders != m_senders.cend() && senders->size() >= m_thresholds.minDuplicateSenders) {
        // Many people, one message: a brigade — unless it is a raid's crowd with its hype line
        // (then the accounts decide: judgeAccounts).
        alert.kind = Alert::Kind::Brigade;
        alert.hostile = !afterRaid;
        alert.userIds = senders->keys();
        alert.userIds.sort();
        alert.repeatedText = m_exampleText.value(key);
    } else if (m_newcomers.size() >= m_thresholds.minNewChatters &&
               double(m_fromNewcomers) >= m_thresholds.minNewShare * double(m_window.size())) {
        alert.kind = Alert::Kind::Flood;
        alert.hostile = !afterRaid;
        alert.userIds = QStringList(m_newcomers.cbegin(), m_newcomers.cend());
        alert.userIds.sort();
    } else {
        return;
    }
    m_lastAlertMs = now;
    alert.sampleUserIds = alert.userIds.mid(0, 10);
    Q_EMIT raidSuspected(alert);
}

void RaidDetector::judgeAccounts(Alert &alert, const QDateTime &now, qint64 youngDays)
{
    const qint64 limitSecs = youngDays * 86'400;
    int known = 0;
    int young = 0;
    for (const QString &id : std::as_const(alert.userIds)) {
        const auto it = alert.accountCreatedAt.constFind(id);
        if (it == alert.accountCreatedAt.cend() || !it->isValid())
            continue;
        ++known;
        young += it->secsTo(now) < limitSecs ? 1 : 0;
    }
    const auto channel = alert.accountCreatedAt.constFind(alert.raidFromId);
    const bool youngChannel = !alert.raidFromId.isEmpty() &&
                              channel != alert.accountCreatedAt.cend() && channel->isValid() &&
                              channel->secsTo(now) < limitSecs;
    if (known == 0 && !youngChannel)
        return;
    alert.hostile = youngChannel || young * 2 >= known;
    alert.verdict =
        youngChannel
            ? tr("the raiding channel is less than %n day(s) old", nullptr, int(youngDays))
            : tr("%1 of %2 accounts checked are less than %n day(s) old", nullptr, int(youngDays))
                  .arg(young)
                  .arg(known);
}

} // namespace roomwarden::moderation
