#pragma once
#include "core/model/Account.h"

#include <QObject>
#include <QPointer>

#include <memory>
#include <vector>

namespace roomwarden::util {
class Clock;
class Redactor;
class Settings;
struct ProfilePaths;
} // namespace roomwarden::util
namespace roomwarden::net {
class ApiClient;
}
namespace roomwarden::auth {
class AccountSession;
class AccountStore;
class SecretStore;
class SignInController;
} // namespace roomwarden::auth
namespace roomwarden::ui {
class MainWindow;
class SignInDialog;
} // namespace roomwarden::ui
namespace roomwarden::twitch {
struct TwitchEndpoints;
}

namespace roomwarden::app {

// Wires sign-in and token custody to the window: the keychain (checked at start), the account
// list of this profile, one AccountSession per account, and the sign-in dialog. Which platform
// "Sign in…" talks to is the profile's: real Twitch with the configured public client id, or —
// once the demo runs — the sandbox, whose tokens go to a keychain service of their own
// ("roomwarden-sandbox") so that practice accounts never mix with real ones.
class AccountsController : public QObject
{
    Q_OBJECT
public:
    AccountsController(ui::MainWindow *window, const util::ProfilePaths &paths,
                       const util::Settings &settings, std::shared_ptr<util::Redactor> redactor,
                       QObject *parent = nullptr);
    ~AccountsController() override;

    // From now on "Sign in…" goes to this platform (the demo calls this with the sandbox).
    void useEndpoints(const twitch::TwitchEndpoints &endpoints, bool sandbox);
    void signIn();
    // Opens the sign-in dialog in upgrade mode for the account `key` (AccountsPage's
    // "Change permissions…").
    void changePermissions(const QString &key);

    auth::SecretStore *secrets() const { return m_secrets; }
    auth::AccountStore *accounts() const { return m_accounts; }
    ui::SignInDialog *dialog() const;
    QList<auth::AccountSession *> sessions() const;
    // What the sessions talk to (the rooms of a signed-in account use the same).
    net::ApiClient *api() const { return m_api; }
    const twitch::TwitchEndpoints &endpoints() const { return *m_endpoints; }

Q_SIGNALS:
    void signedIn(const roomwarden::model::Account &account);
    // An account's session was made (at start for every stored account, and after sign-in).
    void sessionStarted(roomwarden::auth::AccountSession *session);

private:
    void startSession(const model::Account &account);
    ui::SignInDialog *openDialog();

    QPointer<ui::MainWindow> m_window;
    std::shared_ptr<util::Redactor> m_redactor;
    std::unique_ptr<util::Clock> m_clock;
    std::unique_ptr<twitch::TwitchEndpoints> m_endpoints;
    auth::SecretStore *m_secrets = nullptr;
    auth::AccountStore *m_accounts = nullptr;
    net::ApiClient *m_api = nullptr;
    auth::SignInController *m_controller = nullptr;
    QPointer<ui::SignInDialog> m_dialog;
    std::vector<QPointer<auth::AccountSession>> m_sessions;
    QString m_configDir;
};

} // namespace roomwarden::app
