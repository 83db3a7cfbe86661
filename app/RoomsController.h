#pragma once
#include "app/LocalStorage.h"
#include "core/model/Room.h"
#include "core/util/Clock.h"
#include "core/util/Paths.h"
#include "ui/AlertPlayer.h" // complete: held in a QPointer

#include <QHash>
#include <QObject>
#include <QPointer>

#include <map>
#include <memory>
#include <vector>

namespace roomwarden::auth {
class AccountSession;
}
namespace roomwarden::twitch {
class HelixClient;
class TwitchRoomConnection;
} // namespace roomwarden::twitch
namespace roomwarden::analytics {
class EventStore;
}
namespace roomwarden::ui {
class MainWindow;
}

namespace roomwarden::app {

class AccountsController;
class DeskController;

// The rooms of a signed-in account (not the demo's): once its session holds a valid token, the
// account's own channel and every channel it moderates (Get Moderated Channels) open, each in a
// tab, live over EventSub, with the desk (dispatcher, journal, audit log) and analytics
// recording. When the session must stop (the token is gone or revoked, sign-out) its rooms
// stop and say why. A room already open in the window (e.g. by the demo) is left alone.
class RoomsController : public QObject
{
    Q_OBJECT
public:
    RoomsController(ui::MainWindow *window, AccountsController *accounts, util::ProfilePaths paths,
                    QObject *parent = nullptr);
    ~RoomsController() override;

    void setAlertPlayer(ui::AlertPlayer *player) { m_alerts = player; }
    QList<model::Room> rooms(const QString &accountKey) const;
    DeskController *desk(const QString &accountKey) const;

Q_SIGNALS:
    void roomsOpened(const QString &accountKey, int count);

private:
    struct Account;
    void watch(auth::AccountSession *session);
    void open(auth::AccountSession *session);
    void openRoom(Account &a, const model::Room &room, model::Roles roles);
    void stop(const QString &accountKey, const QString &reason);

    QPointer<ui::MainWindow> m_window;
    QPointer<AccountsController> m_accounts;
    util::ProfilePaths m_paths;
    util::SystemClock m_clock;
    QPointer<ui::AlertPlayer> m_alerts;
    std::map<QString, std::unique_ptr<Account>> m_open;
    std::vector<std::unique_ptr<Account>> m_stopped;
};

} // namespace roomwarden::app
