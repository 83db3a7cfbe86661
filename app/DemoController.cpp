#include "app/DemoController.h"

#include "app/AccountsController.h"
#include "app/DemoSession.h"
#include "app/DeskController.h"
#include "app/LocalStorage.h"
#include "core/analytics/EventStore.h"
#include "core/providers/twitch/TwitchEndpoints.h"
#include "core/util/Paths.h"
#include "sandbox/Sandbox.h"
#include "ui/AlertPlayer.h"
#include "ui/AnalyticsPage.h"
#include "ui/MainWindow.h"
#include "ui/RoomView.h"

#include <QTimer>

namespace roomwarden::app {

DemoController::DemoController(ui::MainWindow *window, Options options, util::Redactor &redactor,
                               AccountsController *accounts, QObject *parent)
    : QObject(parent), m_window(window), m_options(std::move(options)), m_redactor(redactor),
      m_accounts(accounts)
{}

DemoController::~DemoController()
{
    // The session (a child) outlives the members: it must not record into a closed store.
    if (m_session)
        m_session->setEventStore(nullptr);
    if (m_window)
        m_window->analyticsPage()->setMetrics(nullptr); // the page does not own it
}

void DemoController::openDesk()
{
    const util::ProfilePaths paths = m_options.profileDir.isEmpty()
                                         ? util::ProfilePaths::standard()
                                         : util::ProfilePaths::forProfile(m_options.profileDir);
    m_storage = std::make_unique<LocalStorage>(paths, LocalStorage::demoNames());
    m_storage->open([this](LocalStorage::Opened opened) {
        if (!opened.notice.isEmpty() && m_window)
            m_window->setStatusText(opened.notice);
        if (!m_window || !m_session)
            return;
        m_events = std::move(opened.events);
        m_metrics = std::move(opened.metrics);
        m_session->setEventStore(m_events.get());
        if (m_metrics) {
            // The Analytics page reads what the demo records (its rollups, never raw events).
            m_window->analyticsPage()->setMetrics(m_metrics.get());
            auto *timer = new QTimer(this);
            connect(timer, &QTimer::timeout, this, [this] {
                if (m_window && m_window->currentArea() == ui::MainWindow::Area::Analytics)
                    m_window->analyticsPage()->refresh();
            });
            timer->start(5000);
        }
        m_desk = new DeskController(m_window, m_session->helix(), m_session->api(),
                                    std::move(opened.journal), &m_clock, this);
        const model::Account &me = m_session->account();
        m_desk->setAlerts(m_alerts, {me.login, me.displayName});
        for (const model::Room &room : m_session->rooms()) {
            if (auto *view = m_window->roomView(room.key()))
                m_desk->attachRoom(view);
        }
        Q_EMIT deskReady(m_desk);
    });
}

bool DemoController::start()
{
    if (m_session) {
        if (m_window)
            m_window->showArea(ui::MainWindow::Area::Rooms);
        return true;
    }
    m_session = new DemoSession(m_options, m_redactor, this);
    m_session->setAutoRespond(false); // actions in the window go through the desk's journal
    auto *window = m_window.data();
    connect(m_session, &DemoSession::status, window, &ui::MainWindow::setStatusText);
    connect(m_session, &DemoSession::failed, window, &ui::MainWindow::setStatusText);
    connect(m_session, &DemoSession::actionTaken, window, &ui::MainWindow::setStatusText);
    connect(m_session, &DemoSession::roomOpened, window, [this, window](const model::Room &room) {
        if (!window->roomView(room.key()))
            window->addRoom(new ui::RoomView(room));
        if (m_desk)
            m_desk->attachRoom(window->roomView(room.key()));
    });
    connect(m_session, &DemoSession::signedIn, this, &DemoController::openDesk);
    connect(m_session, &DemoSession::raidAlert, this,
            [this](const moderation::RaidDetector::Alert &alert) {
                if (m_desk)
                    m_desk->showRaid(alert);
            });
    connect(m_session, &DemoSession::roomSnapshot, this,
            [this](const twitch::RoomSnapshot &snapshot) {
                if (m_desk)
                    m_desk->applySnapshot(snapshot);
            });
    connect(m_session, &DemoSession::roomStateChanged, window,
            [window](const QString &key, const QString &state) {
                if (auto *view = window->roomView(key))
                    view->setConnectionState(state);
            });
    connect(m_session, &DemoSession::eventReceived, window,
            [this, window](const model::RoomEvent &e) {
                if (m_desk)
                    m_desk->observe(e);
                if (auto *view = window->roomView(e.roomKey))
                    view->queueEvent(e);
            });
    QString error;
    if (!m_session->start(&error)) {
        window->setStatusText(tr("The demo could not start: %1").arg(error));
        return false;
    }
    if (m_accounts) {
        auto *sb = m_session->sandbox();
        m_accounts->useEndpoints(twitch::TwitchEndpoints::sandboxProfile(
                                     sb->idBaseUrl(), sb->helixBaseUrl(), sb->eventSubUrl(),
                                     sb->certificate(), sb->clientId()),
                                 true);
    }
    window->showArea(ui::MainWindow::Area::Rooms);
    return true;
}

} // namespace roomwarden::app
