#pragma once
#include "app/CommandLine.h"

#include <QObject>
#include <QPointer>

namespace roomwarden::util {
class Redactor;
}
namespace roomwarden::ui {
class MainWindow;
}

namespace roomwarden::app {

class AccountsController;
class DemoSession;

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

private:
    QPointer<ui::MainWindow> m_window;
    Options m_options;
    util::Redactor &m_redactor;
    QPointer<AccountsController> m_accounts;
    DemoSession *m_session = nullptr;
};

} // namespace roomwarden::app
