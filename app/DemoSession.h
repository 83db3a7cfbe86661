#pragma once
#include "app/CommandLine.h"
#include "core/model/Account.h"
#include "core/model/Room.h"
#include "core/model/RoomEvent.h"
#include "core/moderation/RaidDetector.h"
#include "core/providers/twitch/RoomSnapshot.h"

#include <QHash>
#include <QObject>
#include <QSet>

#include <memory>

namespace roomwarden::util {
class Redactor;
}
namespace roomwarden::sandbox {
class Sandbox;
}
namespace roomwarden::net {
class ApiClient;
}
namespace roomwarden::auth {
class DeviceAuthorization;
class TokenValidator;
struct TokenSet;
} // namespace roomwarden::auth
namespace roomwarden::twitch {
class HelixClient;
class TwitchRoomConnection;
} // namespace roomwarden::twitch

namespace roomwarden::analytics {
class EventStore;
}

namespace roomwarden::app {

// Demo mode: the sandbox platform on loopback plus the real client, wired together. This is the
// one place where the two meet (docs/ARCHITECTURE.md). Everything after start() is what a user
// of real Twitch would go through: the device grant (the sandbox approves it at once), validate
// for the granted scopes, Get Moderated Channels for the rooms, EventSub for each room.
class DemoSession : public QObject
{
    Q_OBJECT
public:
    struct Summary
    {
        QHash<model::RoomEventKind, qint64> eventsByKind;
        QSet<QString> chatters;
        qint64 events = 0;
        qint64 eventSubFrames = 0;
        qint64 duplicatesDropped = 0;
        qint64 reconnects = 0;
        int subscriptions = 0;
        int raidAlerts = 0;
        QStringList actions; // what the demo moderator did, with the platform's answer
    };

    DemoSession(const Options &options, util::Redactor &redactor, QObject *parent = nullptr);
    ~DemoSession() override;

    bool start(QString *error);
    void stop();

    const Summary &summary() const { return m_summary; }
    const model::Account &account() const { return m_account; }
    QList<model::Room> rooms() const { return m_rooms; }
    int liveRoomCount() const;
    sandbox::Sandbox *sandbox() const { return m_sandbox.get(); }
    // The signed-in client (valid after signedIn): the desk sends its actions through these.
    twitch::HelixClient *helix() const { return m_helix.get(); }
    // Every event from now on is also recorded here (not owned; null = not recorded).
    void setEventStore(analytics::EventStore *store) { m_store = store; }
    // The headless demo's moderator answers a hostile raid by itself (shield mode). In the
    // window the desk offers the prepared response instead, through the dispatcher and the
    // journal, so the window turns this off: no action may bypass the journal there.
    void setAutoRespond(bool on) { m_autoRespond = on; }
    net::ApiClient *api() const { return m_api.get(); }

Q_SIGNALS:
    void status(const QString &text);
    void signedIn(const roomwarden::model::Account &account);
    void roomOpened(const roomwarden::model::Room &room);
    void roomStateChanged(const QString &roomKey, const QString &stateText);
    void eventReceived(const roomwarden::model::RoomEvent &event);
    void actionTaken(const QString &description);
    void raidAlert(const roomwarden::moderation::RaidDetector::Alert &alert);
    void roomSnapshot(const roomwarden::twitch::RoomSnapshot &snapshot);
    void failed(const QString &reason);

private:
    void onTokens(const auth::TokenSet &tokens);
    void openRooms();
    void openRoom(const model::Room &room);
    void onEvent(const model::RoomEvent &event);
    void onRaid(const moderation::RaidDetector::Alert &detected);
    void onJudgedRaid(const moderation::RaidDetector::Alert &alert);

    Options m_options;
    util::Redactor &m_redactor;
    std::unique_ptr<sandbox::Sandbox> m_sandbox;
    std::unique_ptr<net::ApiClient> m_api;
    std::unique_ptr<auth::DeviceAuthorization> m_device;
    std::unique_ptr<auth::TokenValidator> m_validator;
    std::unique_ptr<twitch::HelixClient> m_helix;
    std::vector<std::unique_ptr<twitch::TwitchRoomConnection>> m_connections;
    moderation::RaidDetector m_raids;
    analytics::EventStore *m_store = nullptr;
    bool m_autoRespond = true;
    model::Account m_account;
    QList<model::Room> m_rooms;
    QString m_accessToken;
    Summary m_summary;
};

} // namespace roomwarden::app
