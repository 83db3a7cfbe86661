#include "app/RoomsController.h"

#include "app/AccountsController.h"
#include "app/DeskController.h"
#include "core/analytics/EventStore.h"
#include "core/auth/AccountSession.h"
#include "core/providers/twitch/HelixClient.h"
#include "core/providers/twitch/TwitchEndpoints.h"
#include "core/providers/twitch/TwitchRoomConnection.h"
#include "ui/MainWindow.h"
#include "ui/RoomView.h"

namespace roomwarden::app {

struct RoomsController::Account
{
    QPointer<auth::AccountSession> session;
    std::unique_ptr<twitch::HelixClient> helix;
    std::unique_ptr<LocalStorage> storage;
    std::unique_ptr<analytics::EventStore> events;
    DeskController *desk = nullptr;
    std::vector<std::unique_ptr<twitch::TwitchRoomConnection>> connections;
    QList<model::Room> rooms;
    QList<std::pair<model::Room, model::Roles>> waiting; // rooms found before the desk was ready
};

RoomsController::RoomsController(ui::MainWindow *window, AccountsController *accounts,
                                 util::ProfilePaths paths, QObject *parent)
    : QObject(parent), m_window(window), m_accounts(accounts), m_paths(std::move(paths))
{
    connect(accounts, &AccountsController::sessionStarted, this, &RoomsController::watch);
    for (auth::AccountSession *s : accounts->sessions())
        watch(s);
}

RoomsController::~RoomsController()
{
    for (auto &[key, a] : m_open) {
        for (auto &c : a->connections)
            c->stop();
    }
}

QList<model::Room> RoomsController::rooms(const QString &accountKey) const
{
    const auto it = m_open.find(accountKey);
    return it == m_open.end() ? QList<model::Room>() : it->second->rooms;
}

DeskController *RoomsController::desk(const QString &accountKey) const
{
    const auto it = m_open.find(accountKey);
    return it == m_open.end() ? nullptr : it->second->desk;
}

void RoomsController::watch(auth::AccountSession *session)
{
    const QString key = session->key();
    connect(session, &auth::AccountSession::stateChanged, this,
            [this, session](auth::AccountSession::State state) {
                if (state == auth::AccountSession::State::Valid)
                    open(session);
            });
    connect(session, &auth::AccountSession::sessionsMustStop, this,
            [this, key](const QString &reason) { stop(key, reason); });
    connect(session, &auth::AccountSession::signedOut, this,
            [this, key] { stop(key, tr("Signed out.")); });
    connect(session, &QObject::destroyed, this, [this, key] { stop(key, tr("Session ended.")); });
    if (session->state() == auth::AccountSession::State::Valid)
        open(session);
}

void RoomsController::open(auth::AccountSession *session)
{
    const QString key = session->key();
    if (m_open.count(key) || !m_accounts || !m_window)
        return; // already open (a refresh re-validates; the rooms keep running)
    auto a = std::make_unique<Account>();
    Account &account = *a;
    m_open[key] = std::move(a);
    account.session = session;
    const twitch::TwitchEndpoints &ep = m_accounts->endpoints();
    account.helix =
        std::make_unique<twitch::HelixClient>(m_accounts->api(), ep.helixBase, ep.clientId);
    account.helix->setAccessToken(session->accessToken());
    account.helix->setAccount(session->account());
    twitch::HelixClient *helix = account.helix.get();
    connect(session, &auth::AccountSession::accessTokenChanged, this,
            [helix, session] { helix->setAccessToken(session->accessToken()); });
    connect(session, &auth::AccountSession::accountUpdated, this,
            [helix](const model::Account &updated) { helix->setAccount(updated); });

    // The desk needs the journal, which needs the data key from the keychain.
    account.storage = std::make_unique<LocalStorage>(
        m_paths, ep.sandbox ? LocalStorage::demoNames() : LocalStorage::realNames());
    account.storage->open([this, key](LocalStorage::Opened opened) {
        const auto it = m_open.find(key);
        if (it == m_open.end() || !m_window)
            return;
        Account &acc = *it->second;
        if (!opened.notice.isEmpty())
            m_window->setStatusText(opened.notice);
        acc.events = std::move(opened.events);
        acc.desk = new DeskController(m_window, acc.helix.get(), m_accounts->api(),
                                      std::move(opened.journal), &m_clock, this);
        const model::Account &me = acc.helix->account();
        acc.desk->setAlerts(m_alerts, {me.login, me.displayName});
        const auto waiting = std::exchange(acc.waiting, {});
        for (const auto &[room, roles] : waiting)
            openRoom(acc, room, roles);
    });

    // The account's own channel, then every channel it moderates.
    const model::Account &me = session->account();
    const model::Room own{model::Provider::Twitch, me.accountId, me.login, me.displayName};
    account.waiting.append({own, model::Role::Broadcaster});
    helix->getModeratedChannels(
        me.accountId, this,
        [this, key](const twitch::HelixResult<QList<twitch::ModeratedChannel>> &r) {
            const auto it = m_open.find(key);
            if (it == m_open.end())
                return;
            Account &acc = *it->second;
            if (!r.ok()) {
                if (m_window)
                    m_window->setStatusText(tr("Could not list the channels you moderate: %1")
                                                .arg(r.refusal ? r.refusal->reason
                                                     : r.error ? r.error->message
                                                               : QString()));
                return;
            }
            for (const twitch::ModeratedChannel &c : *r.value) {
                const model::Room room{model::Provider::Twitch, c.broadcasterId, c.login, c.name};
                if (acc.desk)
                    openRoom(acc, room, model::Role::Moderator);
                else
                    acc.waiting.append({room, model::Role::Moderator});
            }
        });
}

void RoomsController::openRoom(Account &a, const model::Room &room, model::Roles roles)
{
    if (!m_window || !m_accounts || !a.session)
        return;
    if (m_window->roomView(room.key()))
        return; // open already (the demo's, or another account's)
    a.helix->setRoomRoles(room.roomId, roles);
    auto *view = new ui::RoomView(room);
    m_window->addRoom(view);
    a.desk->attachRoom(view);
    a.rooms << room;

    const twitch::TwitchEndpoints &ep = m_accounts->endpoints();
    twitch::TwitchRoomConnection::Options o;
    o.room = room;
    o.userId = a.session->account().accountId;
    o.grantedScopes = a.session->account().grantedScopes;
    o.eventSub.url = ep.eventSubUrl;
    o.eventSub.tls = ep.tls;
    o.eventSub.egress = ep.egress;
    auto connection = std::make_unique<twitch::TwitchRoomConnection>(o, a.helix.get());
    auto *c = connection.get();
    QPointer<ui::RoomView> v = view;
    DeskController *desk = a.desk;
    analytics::EventStore *events = a.events.get();
    connect(c, &twitch::TwitchRoomConnection::stateChanged, view,
            [v](twitch::TwitchRoomConnection::State s) {
                if (v)
                    v->setConnectionState(twitch::TwitchRoomConnection::stateText(s));
            });
    connect(c, &twitch::TwitchRoomConnection::eventReceived, view,
            [v, desk, events](const model::RoomEvent &e) {
                desk->observe(e);
                if (events)
                    events->append(e);
                if (v)
                    v->queueEvent(e);
            });
    connect(c, &twitch::TwitchRoomConnection::resynced, desk, &DeskController::applySnapshot);
    connect(c, &twitch::TwitchRoomConnection::degraded, m_window.data(),
            &ui::MainWindow::setStatusText);
    a.connections.push_back(std::move(connection));
    c->start();
    Q_EMIT roomsOpened(a.session->key(), int(a.rooms.size()));
}

void RoomsController::stop(const QString &accountKey, const QString &reason)
{
    const auto it = m_open.find(accountKey);
    if (it == m_open.end())
        return;
    std::unique_ptr<Account> a = std::move(it->second);
    m_open.erase(it);
    for (auto &c : a->connections)
        c->stop();
    if (m_window) {
        for (const model::Room &room : std::as_const(a->rooms)) {
            if (ui::RoomView *view = m_window->roomView(room.key()))
                view->setConnectionState(tr("Stopped: %1").arg(reason));
        }
    }
    if (a->events)
        a->events->flushAndWait(5000);
    // The views and the desk stay (the audit log, the user cards), so the client they use
    // stays too — with no token and no granted scope, so ScopeGuard refuses every action
    // before anything is sent.
    a->helix->setAccessToken(QString());
    model::Account none = a->helix->account();
    none.grantedScopes.clear();
    a->helix->setAccount(none);
    m_stopped.push_back(std::move(a));
}

} // namespace roomwarden::app
