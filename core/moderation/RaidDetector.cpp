#include "core/moderation/RaidDetector.h"

namespace roomwarden::moderation {

RaidDetector::RaidDetector(QObject *parent) : RaidDetector(Thresholds{}, parent) {}

RaidDetector::RaidDetector(Thresholds thresholds, QObject *parent)
    : QObject(parent), m_thresholds(thresholds)
{}

void RaidDetector::addKnownChatters(const QStringList &userIds)
{
    for (const QString &id : userIds)
        m_known.insert(id);
}

void RaidDetector::observe(const model::RoomEvent &event)
{
    if (event.kind != model::RoomEventKind::ChatMessage || event.actorId.isEmpty() ||
        !event.occurredAt.isValid())
        return;
    const qint64 now = event.occurredAt.toMSecsSinceEpoch();
    if (!m_firstEventMs)
        m_firstEventMs = now;
    const bool firstTime = !m_known.contains(event.actorId);
    if (firstTime && m_known.size() < kMaxKnown)
        m_known.insert(event.actorId);
    m_window.push_back({now, event.actorId, firstTime});
    while (!m_window.empty() && m_window.front().atMs < now - m_thresholds.windowMs)
        m_window.pop_front();

    if (now - *m_firstEventMs < m_thresholds.warmupMs ||
        now - m_lastAlertMs < m_thresholds.cooldownMs)
        return;
    QSet<QString> newcomers;
    QStringList sample;
    for (const Seen &s : m_window) {
        if (!s.firstTime)
            continue;
        // A first-time chatter stays "new" for all of their messages in the window.
        if (!newcomers.contains(s.userId) && sample.size() < 10)
            sample << s.userId;
        newcomers.insert(s.userId);
    }
    int fromNewcomers = 0;
    for (const Seen &s : m_window)
        fromNewcomers += newcomers.contains(s.userId) ? 1 : 0;
    const int messages = int(m_window.size());
    if (newcomers.size() < m_thresholds.minNewChatters ||
        fromNewcomers < m_thresholds.minNewShare * messages)
        return;
    m_lastAlertMs = now;
    Alert alert;
    alert.roomKey = event.roomKey;
    alert.startedAt = QDateTime::fromMSecsSinceEpoch(m_window.front().atMs, Qt::UTC);
    alert.detectedAt = event.occurredAt;
    alert.newChatters = int(newcomers.size());
    alert.messages = messages;
    alert.sampleUserIds = sample;
    Q_EMIT raidSuspected(alert);
}

} // namespace roomwarden::moderation
