#pragma once
#include "core/model/Room.h"
#include "core/model/RoomEvent.h"
#include "core/model/Scope.h"
#include "core/providers/twitch/EventSubClient.h"
#include "core/providers/twitch/RoomSnapshot.h"

#include <QDateTime>
#include <QObject>

#include <memory>
#include <optional>

namespace roomwarden::twitch {

class HelixClient;

// One live Twitch room: an EventSub socket plus the subscriptions the account's *granted*
// scopes and role allow (TwitchSubscriptionPlanner). It creates them within the welcome window
// (§4.2), again after an unplanned drop (§4.1: subscriptions die with the socket), never after
// a planned reconnect (§4.2: they move by themselves), and hands normalised RoomEvents on.
//
// EventSub has no replay (§4.1), so after an unplanned drop the room is told twice: one Gap
// event (from the last frame before the drop to the moment the new session's subscriptions are
// up, so that nothing is lost silently), then a RoomSnapshot read by REST (TwitchResync) of what
// can be read back: chat modes, shield mode, chatters, banned users, each only where
// ScopeGuard allows it. The first snapshot is read as soon as the room is first Live.
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
    // The latest complete resync, nullopt before the first one has answered.
    const std::optional<RoomSnapshot> &lastSnapshot() const { return m_lastSnapshot; }
    static QString stateText(State state);

Q_SIGNALS:
    void stateChanged(roomwarden::twitch::TwitchRoomConnection::State state);
    void eventReceived(const roomwarden::model::RoomEvent &event);
    // A subscription could not be created or was revoked: the room sees less than planned.
    void degraded(const QString &reason);
    // A resync finished (after the first subscribe, and after each recovered drop).
    void resynced(const roomwarden::twitch::RoomSnapshot &snapshot);

private:
    void subscribe(const QString &sessionId);
    void setState(State state);
    void onEventSubEvent(const model::RoomEvent &event);
    void noteDrop(const QDateTime &since, const QString &reason);
    void onSubscribed();
    void resync();
    QDateTime now() const;

    Options m_options;
    HelixClient *m_helix;
    std::unique_ptr<EventSubClient> m_client;
    State m_state = State::Idle;
    int m_pending = 0;
    int m_created = 0;
    QStringList m_errors;
    quint64 m_generation = 0; // replies from an older session are ignored
    // An unplanned drop not yet reported: from when (the earliest sign), and why.
    QDateTime m_dropSince;
    QString m_dropReason;
    bool m_wasLive = false;         // Live at least once since start()
    quint64 m_resyncGeneration = 0; // only the newest resync may answer
    std::optional<RoomSnapshot> m_lastSnapshot;
};

} // namespace roomwarden::twitch
