#include "app/AccountsController.h"

#include "core/auth/AccountSession.h"
#include "core/auth/AccountStore.h"
#include "core/auth/SecretStore.h"
#include "core/auth/SignInController.h"
#include "core/net/ApiClient.h"
#include "core/providers/twitch/TwitchEndpoints.h"
#include "core/util/Clock.h"
#include "core/util/Logging.h"
#include "core/util/Paths.h"
#include "core/util/Settings.h"
#include "ui/AccountsPage.h"
#include "ui/MainWindow.h"
#include "ui/SignInDialog.h"

namespace roomwarden::app {

namespace {
const QString kSandboxService = QStringLiteral("roomwarden-sandbox");
}

AccountsController::AccountsController(ui::MainWindow *window, const util::ProfilePaths &paths,
                                       const util::Settings &settings,
                                       std::shared_ptr<util::Redactor> redactor, QObject *parent)
    : QObject(parent), m_window(window), m_redactor(std::move(redactor)),
      m_clock(std::make_unique<util::SystemClock>()), m_configDir(paths.configDir)
{
    const QString clientId = settings.value(util::keys::kTwitchClientId);
    useEndpoints(twitch::TwitchEndpoints::production(clientId), false);
    connect(window, &ui::MainWindow::signInRequested, this, &AccountsController::signIn);
    connect(window->accountsPage(), &ui::AccountsPage::permissionsRequested, this,
            &AccountsController::changePermissions);
}

AccountsController::~AccountsController() = default;

void AccountsController::useEndpoints(const twitch::TwitchEndpoints &endpoints, bool sandbox)
{
    // A new platform: new keychain service, account list and sessions. The old objects go with
    // their parent (this) only after the page no longer shows them.
    for (auto &s : m_sessions) {
        if (s)
            s->deleteLater();
    }
    m_sessions.clear();
    if (m_dialog)
        m_dialog->close();
    m_endpoints = std::make_unique<twitch::TwitchEndpoints>(endpoints);

    auto *secrets = new auth::SecretStore(
        sandbox ? kSandboxService : QString::fromLatin1(auth::SecretStore::kService), this);
    auto *accounts = new auth::AccountStore(
        sandbox ? m_configDir + QStringLiteral("/sandbox") : m_configDir, this);
    QString error;
    if (!accounts->load(&error))
        qCWarning(lcApp) << "could not read the account list:" << error;
    auto *api = new net::ApiClient(endpoints.egress, endpoints.tls, this);
    auth::SignInController::Options o;
    o.idBase = endpoints.idBase;
    o.clientId = endpoints.clientId;
    auto *controller = new auth::SignInController(api, secrets, accounts, m_redactor, o, this);
    connect(controller, &auth::SignInController::succeeded, this,
            [this](const model::Account &account) {
                startSession(account);
                Q_EMIT signedIn(account);
            });
    if (m_window)
        m_window->accountsPage()->attach(accounts, secrets);
    for (auto *old : {static_cast<QObject *>(m_controller), static_cast<QObject *>(m_api),
                      static_cast<QObject *>(m_accounts), static_cast<QObject *>(m_secrets)}) {
        if (old)
            old->deleteLater();
    }
    m_secrets = secrets;
    m_accounts = accounts;
    m_api = api;
    m_controller = controller;
    // Availability is checked at start: the page shows the banner if the keychain is missing.
    m_secrets->checkAvailability();
    for (const model::Account &a : m_accounts->accounts())
        startSession(a);
}

void AccountsController::startSession(const model::Account &account)
{
    // An upgrade replaced the account's tokens (and revoked the old access token): its session
    // starts again from the keychain.
    for (auto &s : m_sessions) {
        if (s && s->key() == account.secretKey()) {
            s->deleteLater();
            s = nullptr;
        }
    }
    std::erase_if(m_sessions, [](const QPointer<auth::AccountSession> &s) { return s.isNull(); });
    auth::AccountSession::Options o;
    o.idBase = m_endpoints->idBase;
    o.clientId = m_endpoints->clientId;
    auto *session =
        new auth::AccountSession(account, m_secrets, m_api, m_clock.get(), m_redactor, o, this);
    m_sessions.emplace_back(session);
    if (m_window)
        m_window->accountsPage()->addSession(session);
    Q_EMIT sessionStarted(session);
    session->start();
}

ui::SignInDialog *AccountsController::dialog() const
{
    return m_dialog.data();
}

QList<auth::AccountSession *> AccountsController::sessions() const
{
    QList<auth::AccountSession *> out;
    for (const auto &s : m_sessions) {
        if (s)
            out << s.data();
    }
    return out;
}

void AccountsController::signIn()
{
    if (!m_window)
        return;
    if (m_endpoints->clientId.isEmpty()) {
        m_window->setStatusText(tr("To sign in to Twitch, register a public application and "
                                   "enter its client id in the settings (see docs/SIGN-IN.md). "
                                   "The demo room needs no account."));
        return;
    }
    if (m_dialog && m_dialog->upgradeAccount()) {
        m_controller->cancel();
        m_dialog->close();
        m_dialog = nullptr;
    }
    ui::SignInDialog *dialog = openDialog();
    dialog->show();
    dialog->raise();
}

void AccountsController::changePermissions(const QString &key)
{
    if (!m_window || !m_accounts)
        return;
    const auto account = m_accounts->find(key);
    if (!account)
        return;
    if (m_endpoints->clientId.isEmpty()) {
        m_window->setStatusText(tr("To sign in to Twitch, register a public application and "
                                   "enter its client id in the settings (see docs/SIGN-IN.md)."));
        return;
    }
    // A fresh dialog: an upgrade is never mixed with a sign-in already on screen.
    if (m_dialog) {
        m_controller->cancel();
        m_dialog->close();
        m_dialog = nullptr;
    }
    ui::SignInDialog *dialog = openDialog();
    dialog->setUpgrade(*account);
    dialog->show();
    dialog->raise();
}

ui::SignInDialog *AccountsController::openDialog()
{
    if (!m_dialog) {
        m_dialog = new ui::SignInDialog(m_controller, m_window);
        m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    return m_dialog;
}

} // namespace roomwarden::app
