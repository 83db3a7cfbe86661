#pragma once
#include "core/model/Room.h"
#include "core/model/RoomEvent.h"
#include "core/model/Scope.h"
#include "core/providers/twitch/EventSubClient.h"

#include <QObject>

#include <memory>

namespace roomwarden::twitch {

class HelixClient;

// One live Twitch room: an EventSub socket plus the subscriptions the account's *granted*
// scopes and role allow (TwitchSubscriptionPlanner). It creates them within the welcome window
// (§4.2), again after an unplanned drop (§4.1: subscriptions die with the socket), never after
// a planned reconnect (§4.2: they move by themselves), and hands normalised RoomEvents on.
class TwitchRoomConnection : public QObject
{
    Q_OBJECT
public:
    enum class State
    {
        Idle,
        Connecting,
        Subscribing,
        Live,
        Reconnecting,
        Failed
    };
    Q_ENUM(State)

    struct Options
    {
        model::Room room;
        QString userId; // the signed-in account (the moderator)
        model::ScopeSet grantedScopes;
        EventSubClient::Options eventSub;
    };

    // `helix` is not owned and must carry the account's access token.
    TwitchRoomConnection(Options options, HelixClient *helix, QObject *parent = nullptr);
    ~TwitchRoomConnection() override;

    void start();
    void stop();

    State state() const { return m_state; }
    const model::Room &room() const { return m_options.room; }
    int subscriptionsCreated() const { return m_created; }
    QStringList subscriptionErrors() const { return m_errors; }
    EventSubClient *eventSub() const { return m_client.get(); }
    static QString stateText(State state);

Q_SIGNALS:
    void stateChanged(roomwarden::twitch::TwitchRoomConnection::State state);
    void eventReceived(const roomwarden::model::RoomEvent &event);
    // A subscription could not be created or was revoked: the room sees less than planned.
    void degraded(const QString &reason);

private:
    void subscribe(const QString &sessionId);
    void setState(State state);

    Options m_options;
    HelixClient *m_helix;
    std::unique_ptr<EventSubClient> m_client;
    State m_state = State::Idle;
    int m_pending = 0;
    int m_created = 0;
    QStringList m_errors;
    quint64 m_generation = 0; // replies from an older session are ignored
};

} // namespace roomwarden::twitch
