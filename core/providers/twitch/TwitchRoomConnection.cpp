#include "core/providers/twitch/TwitchRoomConnection.h"

#include "core/providers/twitch/HelixClient.h"
#include "core/providers/twitch/TwitchSubscriptionPlanner.h"
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
    connect(m_client.get(), &EventSubClient::needsResubscribe, this,
            [this] { setState(State::Reconnecting); });
    connect(m_client.get(), &EventSubClient::connectionLost, this, [this] {
        if (m_state != State::Idle)
            setState(State::Reconnecting);
    });
    connect(m_client.get(), &EventSubClient::eventReceived, this,
            &TwitchRoomConnection::eventReceived);
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
                if (--m_pending == 0)
                    setState(m_created > 0 ? State::Live : State::Failed);
            });
    }
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
