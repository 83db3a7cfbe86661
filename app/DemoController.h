#pragma once
#include "app/CommandLine.h"

#include "core/util/Clock.h"

#include "ui/AlertPlayer.h" // complete: held in a QPointer

#include <QObject>
#include <QPointer>

#include <memory>

namespace roomwarden::util {
class Redactor;
}
namespace roomwarden::ui {
class MainWindow;
} // namespace roomwarden::ui
namespace roomwarden::analytics {
class EventStore;
class SessionMetrics;
} // namespace roomwarden::analytics

namespace roomwarden::app {

class AccountsController;
class DemoSession;
class DeskController;
class LocalStorage;

// The GUI demo: runs a DemoSession and shows what it sees in the main window (the signed-in
// account in the status bar, each room in a tab, its events as they come).
class DemoController : public QObject
{
    Q_OBJECT
public:
    // `accounts` (optional): once the sandbox runs, "Sign in…" signs in to it.
    DemoController(ui::MainWindow *window, Options options, util::Redactor &redactor,
                   AccountsController *accounts = nullptr, QObject *parent = nullptr);
    ~DemoController() override;

    // Starts once; later calls only bring the rooms area forward.
    bool start();
    DemoSession *session() const { return m_session; }
    // The desk (dispatcher, journal, audit log), once the demo account is signed in and the
    // journal is open.
    DeskController *desk() const { return m_desk; }
    // What the demo records for analytics (null without a keychain).
    analytics::EventStore *eventStore() const { return m_events.get(); }
    // Alerts for the demo's rooms (not owned).
    void setAlertPlayer(ui::AlertPlayer *player) { m_alerts = player; }

Q_SIGNALS:
    void deskReady(roomwarden::app::DeskController *desk);

private:
    void openDesk();

    QPointer<ui::MainWindow> m_window;
    Options m_options;
    util::Redactor &m_redactor;
    QPointer<AccountsController> m_accounts;
    DemoSession *m_session = nullptr;
    DeskController *m_desk = nullptr;
    QPointer<ui::AlertPlayer> m_alerts;
    std::unique_ptr<LocalStorage> m_storage;
    std::unique_ptr<analytics::EventStore> m_events;
    std::unique_ptr<analytics::SessionMetrics> m_metrics;
    util::SystemClock m_clock;
};

} // namespace roomwarden::app
