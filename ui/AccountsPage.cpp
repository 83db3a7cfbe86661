#include "ui/AccountsPage.h"

#include "core/auth/AccountSession.h"
#include "core/auth/AccountStore.h"
#include "core/auth/ScopeCatalog.h"
#include "core/auth/SecretStore.h"
#include "ui/EmptyState.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace roomwarden::ui {

namespace {
QLabel *plainLabel(const QString &objectName, const QString &text, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText); // names and reasons come from outside
    label->setWordWrap(true);
    label->setText(text);
    label->setAccessibleName(text);
    return label;
}

QPushButton *button(const QString &objectName, const QString &text, QWidget *parent)
{
    auto *b = new QPushButton(text, parent);
    b->setObjectName(objectName);
    b->setAccessibleName(text);
    return b;
}
} // namespace

AccountsPage::AccountsPage(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("area.accounts"));
    setAccessibleName(tr("Accounts"));
    auto *layout = new QVBoxLayout(this);

    m_banner = new QFrame(this);
    m_banner->setObjectName(QStringLiteral("accounts.keychainBanner"));
    m_banner->setAccessibleName(tr("Keychain status"));
    m_banner->setFrameShape(QFrame::StyledPanel);
    auto *bannerLayout = new QHBoxLayout(m_banner);
    m_bannerText = plainLabel(QStringLiteral("accounts.keychainBanner.text"), QString(), m_banner);
    m_retry = button(QStringLiteral("accounts.keychainBanner.retry"), tr("Retry"), m_banner);
    bannerLayout->addWidget(m_bannerText, 1);
    bannerLayout->addWidget(m_retry);
    m_banner->hide();
    connect(m_retry, &QPushButton::clicked, this, [this] {
        if (m_secrets)
            m_secrets->checkAvailability();
    });
    layout->addWidget(m_banner);

    m_signIn = button(QStringLiteral("accounts.signIn"), tr("Sign in…"), this);
    connect(m_signIn, &QPushButton::clicked, this, &AccountsPage::signInRequested);
    layout->addWidget(m_signIn, 0, Qt::AlignLeft);

    m_empty = new EmptyState(
        QStringLiteral("accounts.empty"), tr("No accounts yet"),
        tr("Sign in to a platform to moderate your rooms. You will see exactly which "
           "permissions are asked for, and why, before anything is granted. Tokens are kept "
           "only in your system keychain."),
        this);
    QPushButton *emptySignIn = m_empty->setAction(tr("Sign in…"));
    connect(emptySignIn, &QPushButton::clicked, this, &AccountsPage::signInRequested);
    layout->addWidget(m_empty, 1);

    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("accounts.scroll"));
    scroll->setWidgetResizable(true);
    m_list = new QWidget(scroll);
    m_list->setObjectName(QStringLiteral("accounts.list"));
    m_list->setAccessibleName(tr("Signed-in accounts"));
    m_listLayout = new QVBoxLayout(m_list);
    m_listLayout->addStretch(1);
    scroll->setWidget(m_list);
    layout->addWidget(scroll, 1);
    rebuild();
}

void AccountsPage::attach(auth::AccountStore *accounts, auth::SecretStore *secrets)
{
    m_accounts = accounts;
    m_secrets = secrets;
    if (accounts)
        connect(accounts, &auth::AccountStore::changed, this, &AccountsPage::rebuild);
    if (secrets)
        connect(secrets, &auth::SecretStore::availabilityChanged, this,
                &AccountsPage::updateKeychain);
    rebuild();
}

void AccountsPage::addSession(auth::AccountSession *session)
{
    m_sessions.insert(session->key(), session);
    connect(session, &auth::AccountSession::stateChanged, this, &AccountsPage::rebuild);
    connect(session, &auth::AccountSession::signedOut, this, [this, key = session->key()] {
        if (m_accounts)
            m_accounts->remove(key);
    });
    rebuild();
}

bool AccountsPage::signInEnabled() const
{
    return m_signIn->isEnabled();
}

void AccountsPage::updateKeychain()
{
    const bool unavailable =
        m_secrets && m_secrets->availability() == auth::SecretStore::Availability::Unavailable;
    const bool checking =
        m_secrets && m_secrets->availability() == auth::SecretStore::Availability::Checking;
    QString text = tr("Keychain unavailable — sign-in is disabled until it is back");
    if (unavailable && !m_secrets->unavailableReason().isEmpty())
        text += u'\n' + m_secrets->unavailableReason();
    m_bannerText->setText(text);
    m_banner->setVisible(unavailable);
    m_retry->setEnabled(!checking);
    // Never offer sign-in while there is nowhere safe to keep a token.
    const bool allowed = !unavailable && !checking;
    m_signIn->setEnabled(allowed);
    if (auto *action = m_empty->findChild<QPushButton *>(QStringLiteral("accounts.empty.action")))
        action->setEnabled(allowed);
    // An upgrade is a sign-in too: its new tokens need the keychain.
    for (QPushButton *b : m_list->findChildren<QPushButton *>()) {
        if (b->objectName().endsWith(QLatin1String(".permissions")))
            b->setEnabled(allowed);
    }
}

void AccountsPage::rebuild()
{
    while (m_listLayout->count() > 1) {
        QLayoutItem *item = m_listLayout->takeAt(0);
        delete item->widget();
        delete item;
    }
    const auto accounts = m_accounts ? m_accounts->accounts() : QList<model::Account>();
    for (const model::Account &a : accounts)
        m_listLayout->insertWidget(m_listLayout->count() - 1, card(a.secretKey()));
    m_empty->setVisible(accounts.isEmpty());
    m_list->parentWidget()->parentWidget()->setVisible(!accounts.isEmpty());
    updateKeychain();
}

QWidget *AccountsPage::card(const QString &key)
{
    const model::Account a = *m_accounts->find(key);
    const QString prefix = QStringLiteral("account.") + key;
    auto *box = new QFrame(m_list);
    box->setObjectName(prefix);
    box->setFrameShape(QFrame::StyledPanel);
    box->setAccessibleName(a.displayName.isEmpty() ? a.login : a.displayName);
    auto *layout = new QVBoxLayout(box);

    const bool active = m_accounts->activeKey() == key;
    QString title = model::providerDisplayName(a.provider) + QStringLiteral(": ") + a.login;
    if (active)
        title += tr(" (active)");
    layout->addWidget(plainLabel(prefix + QStringLiteral(".login"), title, box));

    const auto session = m_sessions.value(key);
    const QString state =
        session ? auth::AccountSession::stateName(session->state()) : tr("Not checked yet");
    layout->addWidget(plainLabel(prefix + QStringLiteral(".state"), state, box));
    const QString expiry =
        a.accessExpiresAt.isValid()
            ? tr("Access renews by %1")
                  .arg(QLocale().toString(a.accessExpiresAt.toLocalTime(), QLocale::ShortFormat))
            : tr("Access expiry unknown");
    layout->addWidget(plainLabel(prefix + QStringLiteral(".expiry"), expiry, box));

    layout->addWidget(plainLabel(prefix + QStringLiteral(".scopesTitle"),
                                 tr("What Twitch lets Roomwarden do:"), box));
    int i = 0;
    for (const model::Scope &s : a.grantedScopes) {
        QString line = QStringLiteral("• ") + auth::ScopeCatalog::describe(s);
        if (const auto info = auth::ScopeCatalog::info(s))
            line += QStringLiteral(" — ") + auth::ScopeCatalog::riskName(info->risk);
        layout->addWidget(plainLabel(prefix + QStringLiteral(".scope.%1").arg(i++), line, box));
    }
    if (a.grantedScopes.isEmpty())
        layout->addWidget(
            plainLabel(prefix + QStringLiteral(".scope.none"), tr("• Nothing granted"), box));

    auto *buttons = new QHBoxLayout;
    QPushButton *switchTo = button(prefix + QStringLiteral(".switch"), tr("Switch to"), box);
    switchTo->setEnabled(!active);
    connect(switchTo, &QPushButton::clicked, this, [this, key] {
        if (m_accounts)
            m_accounts->setActive(key);
    });
    QPushButton *permissions =
        button(prefix + QStringLiteral(".permissions"), tr("Change permissions…"), box);
    permissions->setToolTip(tr("Turn on more features for this account. Twitch asks you to "
                               "approve the added permissions; nothing already granted is "
                               "taken away."));
    connect(permissions, &QPushButton::clicked, this,
            [this, key] { Q_EMIT permissionsRequested(key); });
    QPushButton *signOutButton = button(prefix + QStringLiteral(".signOut"), tr("Sign out"), box);
    signOutButton->setToolTip(tr("Revokes Roomwarden's access at the platform and deletes the "
                                 "tokens from your keychain."));
    signOutButton->setEnabled(session &&
                              session->state() != auth::AccountSession::State::SignedOut);
    connect(signOutButton, &QPushButton::clicked, this, [this, key] { signOut(key); });
    buttons->addWidget(switchTo);
    buttons->addWidget(permissions);
    buttons->addWidget(signOutButton);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    return box;
}

void AccountsPage::signOut(const QString &key)
{
    if (auto session = m_sessions.value(key))
        session->signOut();
}

} // namespace roomwarden::ui
