#include "app/DemoController.h"

#include "app/AccountsController.h"
#include "app/DemoSession.h"
#include "app/DeskController.h"
#include "core/auth/SecretStore.h"
#include "core/moderation/SqliteActionJournal.h"
#include "core/providers/twitch/TwitchEndpoints.h"
#include "core/storage/Database.h"
#include "core/storage/DataKeyStore.h"
#include "core/util/Logging.h"
#include "core/util/Paths.h"
#include "sandbox/Sandbox.h"
#include "ui/AlertPlayer.h"
#include "ui/MainWindow.h"
#include "ui/RoomView.h"

namespace roomwarden::app {

DemoController::DemoController(ui::MainWindow *window, Options options, util::Redactor &redactor,
                               AccountsController *accounts, QObject *parent)
    : QObject(parent), m_window(window), m_options(std::move(options)), m_redactor(redactor),
      m_accounts(accounts)
{}

DemoController::~DemoController() = default;

void DemoController::openDesk()
{
    // The journal's personal text is sealed with the data key from the keychain (the sandbox's
    // own service, never the real one). Without a keychain the journal stays in memory for this
    // session, and the window says so: never a key or plaintext in a file instead.
    m_secrets = std::make_unique<auth::SecretStore>(QStringLiteral("roomwarden-sandbox"));
    m_keys = std::make_unique<storage::DataKeyStore>(m_secrets.get());
    m_keys->load([this](storage::Result<QByteArray> key) {
        std::unique_ptr<moderation::ActionJournal> journal;
        QString notice;
        if (key) {
            const util::ProfilePaths paths =
                m_options.profileDir.isEmpty()
                    ? util::ProfilePaths::standard()
                    : util::ProfilePaths::forProfile(m_options.profileDir);
            QString error;
            storage::OpenReport report;
            if (paths.ensureExists(&error)) {
                auto opened = moderation::SqliteActionJournal::open(
                    storage::databasePath(paths, QStringLiteral("journal-demo")),
                    storage::FieldCipher(*key), &report);
                if (opened)
                    journal = std::move(*opened);
                else
                    error = opened.error->message;
            }
            if (!report.movedAsidePath.isEmpty())
                notice = tr("The action journal was damaged; it was moved aside to %1 and a new "
                            "one started.")
                             .arg(report.movedAsidePath);
            if (!journal)
                notice = tr("The action journal could not be opened (%1); this session's actions "
                            "are journaled in memory only.")
                             .arg(error);
        } else {
            notice = tr("The keychain is not available (%1); this session's actions are "
                        "journaled in memory only.")
                         .arg(key.error->message);
        }
        if (!journal)
            journal = std::make_unique<moderation::MemoryActionJournal>();
        if (!notice.isEmpty()) {
            qCWarning(lcApp) << "journal:" << notice;
            if (m_window)
                m_window->setStatusText(notice);
        }
        if (!m_window || !m_session)
            return;
        m_desk = new DeskController(m_window, m_session->helix(), m_session->api(),
                                    std::move(journal), &m_clock, this);
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
