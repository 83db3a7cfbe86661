#include "core/providers/twitch/TwitchRoomConnection.h"

#include "core/providers/twitch/HelixClient.h"
#include "core/providers/twitch/TwitchResync.h"
#include "core/providers/twitch/TwitchSubscriptionPlanner.h"
#include "core/util/Clock.h"
#include "core/util/Logging.h"

#include <QCoreApplication>

namespace roomwarden::twitch {

TwitchRoomConnection::TwitchRoomConnection(Options options, HelixClient *helix, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_helix(helix),
      m_client(std::make_unique<EventSubClient>(m_options.eventSub))
{
    m_client->setRoomKeys({m_options.room.key()});
    connect(m_client.get(), &EventSubClient::welcomed, this, &TwitchRoomConnection::subscribe);
    connect(m_client.get(), &EventSubClient::sessionMigrated, this, [this] {
        if (m_state == State::Reconnecting)
            setState(State::Live);
    });
    connect(m_client.get(), &EventSubClient::needsResubscribe, this, [this] {
        if (m_state == State::Idle)
            return;
        noteDrop(now(), QString());
        setState(State::Reconnecting);
    });
    connect(m_client.get(), &EventSubClient::connectionLost, this,
            [this](int closeCode, const QString &reason) {
                if (m_state == State::Idle)
                    return;
                noteDrop(now(), closeCode != 0 ? tr("close code %1").arg(closeCode) : reason);
                setState(State::Reconnecting);
            });
    connect(m_client.get(), &EventSubClient::eventReceived, this,
            &TwitchRoomConnection::onEventSubEvent);
    connect(m_client.get(), &EventSubClient::subscriptionRevoked, this,
            [this](const QString &type, const QString &status) {
                Q_EMIT degraded(
                    QCoreApplication::translate("roomwarden::twitch::TwitchRoomConnection",
                                                "Twitch ended the %1 subscription (%2).")
                        .arg(type, status));
            });
}

TwitchRoomConnection::~TwitchRoomConnection() = default;

void TwitchRoomConnection::start()
{
    setState(State::Connecting);
    m_client->start();
}

void TwitchRoomConnection::stop()
{
    ++m_generation;
    ++m_resyncGeneration;
    m_dropSince = QDateTime();
    m_dropReason.clear();
    m_wasLive = false;
    m_client->stop();
    setState(State::Idle);
}

void TwitchRoomConnection::subscribe(const QString &sessionId)
{
    const quint64 generation = ++m_generation;
    const auto plan = TwitchSubscriptionPlanner::plan({m_options.grantedScopes, m_options.userId,
                                                       m_options.room.roomId,
                                                       m_options.userId == m_options.room.roomId});
    m_pending = int(plan.subscriptions.size());
    m_created = 0;
    m_errors.clear();
    setState(State::Subscribing);
    if (m_pending == 0) {
        setState(State::Failed);
        Q_EMIT degraded(QCoreApplication::translate(
            "roomwarden::twitch::TwitchRoomConnection",
            "None of the granted permissions allows reading this room."));
        return;
    }
    // All at once: the window after the welcome is short (§4.2, 10 s by default).
    for (const PlannedSubscription &s : plan.subscriptions) {
        m_helix->createEventSubSubscription(
            s, sessionId, this,
            [this, generation, type = s.type](const HelixResult<CreatedSubscription> &r) {
                if (generation != m_generation)
                    return;
                if (r.ok()) {
                    ++m_created;
                } else {
                    const QString why = r.error ? r.error->message : QString();
                    m_errors << QStringLiteral("%1: %2").arg(type, why);
                    qCWarning(lcLive) << "subscription" << type << "failed:" << why;
                    Q_EMIT degraded(
                        QCoreApplication::translate("roomwarden::twitch::TwitchRoomConnection",
                                                    "Could not follow %1: %2")
                            .arg(type, why));
                }
                if (--m_pending > 0)
                    return;
                if (m_created > 0)
                    onSubscribed();
                else
                    setState(State::Failed);
            });
    }
}

QDateTime TwitchRoomConnection::now() const
{
    const util::Clock *clock = m_options.eventSub.clock;
    return clock ? clock->now() : QDateTime::currentDateTimeUtc();
}

void TwitchRoomConnection::onEventSubEvent(const model::RoomEvent &event)
{
    if (event.kind != model::RoomEventKind::Gap) {
        Q_EMIT eventReceived(event);
        return;
    }
    // EventSubClient reports its gap at the new welcome, from the last frame it saw. The room's
    // gap ends later, once the new subscriptions exist (§4.1: they die with the socket), so it
    // is held and reported by onSubscribed().
    noteDrop(event.occurredAt, QString());
}

void TwitchRoomConnection::noteDrop(const QDateTime &since, const QString &reason)
{
    // Only a room that was Live can miss anything; a first connection that fails is no gap.
    if (!m_wasLive || !since.isValid())
        return;
    if (!m_dropSince.isValid() || since < m_dropSince)
        m_dropSince = since;
    if (m_dropReason.isEmpty())
        m_dropReason = reason;
}

void TwitchRoomConnection::onSubscribed()
{
    m_wasLive = true;
    if (m_dropSince.isValid()) {
        model::RoomEvent gap;
        gap.kind = model::RoomEventKind::Gap;
        gap.roomKey = m_options.room.key();
        gap.eventId =
            QStringLiteral("gap:%1:%2").arg(gap.roomKey).arg(m_dropSince.toMSecsSinceEpoch());
        gap.occurredAt = m_dropSince;
        gap.gapEnd = std::max(now(), m_dropSince);
        gap.text = m_dropReason.isEmpty() ? tr("connection lost")
                                          : tr("connection lost (%1)").arg(m_dropReason);
        m_dropSince = QDateTime();
        m_dropReason.clear();
        qCInfo(lcLive) << "room resubscribed after a gap of" << gap.occurredAt.msecsTo(*gap.gapEnd)
                       << "ms";
        Q_EMIT eventReceived(gap);
    }
    setState(State::Live);
    resync();
}

void TwitchRoomConnection::resync()
{
    const quint64 generation = ++m_resyncGeneration;
    const TwitchResync::Target target{m_options.room.key(), m_options.room.roomId,
                                      m_options.userId};
    TwitchResync::run(m_helix, target, now(), this,
                      [this, generation](const RoomSnapshot &snapshot) {
                          if (generation != m_resyncGeneration)
                              return; // a newer resync is under way, or the room stopped
                          m_lastSnapshot = snapshot;
                          Q_EMIT resynced(snapshot);
                      });
}

void TwitchRoomConnection::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

QString TwitchRoomConnection::stateText(State state)
{
    const char *text = "";
    switch (state) {
    case State::Idle:
        text = QT_TRANSLATE_NOOP("roomwarden::twitch::TwitchRoomConnection", "Offline");
        break;
    case State::Connecting:
        text = QT_TRANSLATE_NOOP("roomwarden::twitch::TwitchRoomConnection", "Connecting…");
        break;
    case State::Subscribing:
        text = QT_TRANSLATE_NOOP("roomwarden::twitch::TwitchRoomConnection", "Subscribing…");
        break;
    case State::Live:
        text = QT_TRANSLATE_NOOP("roomwarden::twitch::TwitchRoomConnection", "Live");
        break;
    case State::Reconnecting:
        text = QT_TRANSLATE_NOOP("roomwarden::twitch::TwitchRoomConnection", "Reconnecting…");
        break;
    case State::Failed:
        text = QT_TRANSLATE_NOOP("roomwarden::twitch::TwitchRoomConnection", "Not connected");
        break;
    }
    return QCoreApplication::translate("roomwarden::twitch::TwitchRoomConnection", text);
}

} // namespace roomwarden::twitch
