#pragma once
#include <QHash>
#include <QPointer>
#include <QWidget>

class QFrame;
class QLabel;
class QPushButton;
class QVBoxLayout;

namespace roomwarden::auth {
class AccountSession;
class AccountStore;
class SecretStore;
} // namespace roomwarden::auth

namespace roomwarden::ui {

class EmptyState;

// The accounts area: every signed-in account with its login, the permissions Twitch granted
// (in plain words, from ScopeCatalog), token expiry and state, and Switch / Change permissions /
// Sign out buttons. "Change permissions…" only asks (permissionsRequested); the shell opens the
// sign-in dialog in upgrade mode.
// A banner replaces sign-in while the keychain is unavailable, with a Retry that asks the
// keychain again — never a sign-in loop, never a plaintext fallback.
// Holds no business logic: it shows AccountStore/AccountSession/SecretStore and calls them.
class AccountsPage : public QWidget
{
    Q_OBJECT
public:
    explicit AccountsPage(QWidget *parent = nullptr);

    // Either may be null (then the page shows its empty state and sign-in stays available to
    // the shell, which decides what signing in means).
    void attach(auth::AccountStore *accounts, auth::SecretStore *secrets);
    // Shows the session's state and routes Sign out through it (revoke + keychain delete).
    void addSession(auth::AccountSession *session);

    bool signInEnabled() const;

Q_SIGNALS:
    void signInRequested();
    // The user wants to turn on features for the account `key` (an upgrade, promise 2).
    void permissionsRequested(const QString &key);

private:
    void rebuild();
    void updateKeychain();
    QWidget *card(const QString &key);
    void signOut(const QString &key);

    QPointer<auth::AccountStore> m_accounts;
    QPointer<auth::SecretStore> m_secrets;
    QHash<QString, QPointer<auth::AccountSession>> m_sessions;
    QFrame *m_banner;
    QLabel *m_bannerText;
    QPushButton *m_retry;
    QPushButton *m_signIn;
    EmptyState *m_empty;
    QWidget *m_list;
    QVBoxLayout *m_listLayout;
};

} // namespace roomwarden::ui
