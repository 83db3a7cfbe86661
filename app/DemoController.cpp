#include "app/DemoController.h"

#include "app/AccountsController.h"
#include "app/DemoSession.h"
#include "core/providers/twitch/TwitchEndpoints.h"
#include "sandbox/Sandbox.h"
#include "ui/MainWindow.h"
#include "ui/RoomView.h"

namespace roomwarden::app {

DemoController::DemoController(ui::MainWindow *window, Options options, util::Redactor &redactor,
                               AccountsController *accounts, QObject *parent)
    : QObject(parent), m_window(window), m_options(std::move(options)), m_redactor(redactor),
      m_accounts(accounts)
{}

DemoController::~DemoController() = default;

bool DemoController::start()
{
    if (m_session) {
        if (m_window)
            m_window->showArea(ui::MainWindow::Area::Rooms);
        return true;
    }
    m_session = new DemoSession(m_options, m_redactor, this);
    auto *window = m_window.data();
    connect(m_session, &DemoSession::status, window, &ui::MainWindow::setStatusText);
    connect(m_session, &DemoSession::failed, window, &ui::MainWindow::setStatusText);
    connect(m_session, &DemoSession::actionTaken, window, &ui::MainWindow::setStatusText);
    connect(m_session, &DemoSession::roomOpened, window, [window](const model::Room &room) {
        if (!window->roomView(room.key()))
            window->addRoom(new ui::RoomView(room));
    });
    connect(m_session, &DemoSession::roomStateChanged, window,
            [window](const QString &key, const QString &state) {
                if (auto *view = window->roomView(key))
                    view->setConnectionState(state);
            });
    connect(m_session, &DemoSession::eventReceived, window, [window](const model::RoomEvent &e) {
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
