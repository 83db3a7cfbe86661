#include "ui/SignInDialog.h"

#include "core/auth/SignInController.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QStackedWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace roomwarden::ui {

namespace {
QLabel *plainLabel(const QString &objectName, const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setAccessibleName(text);
    return label;
}
} // namespace

SignInDialog::SignInDialog(auth::SignInController *controller, QWidget *parent)
    : QDialog(parent), m_controller(controller)
{
    setObjectName(QStringLiteral("signInDialog"));
    setWindowTitle(tr("Sign in to Twitch"));
    setAccessibleName(windowTitle());
    auto *layout = new QVBoxLayout(this);
    m_pages = new QStackedWidget(this);
    m_pages->setObjectName(QStringLiteral("signIn.pages"));
    layout->addWidget(m_pages);

    // Step 1: what to turn on, and exactly what that asks for.
    auto *choose = new QWidget(m_pages);
    choose->setObjectName(QStringLiteral("signIn.choose"));
    auto *chooseLayout = new QVBoxLayout(choose);
    m_intro = plainLabel(QStringLiteral("signIn.intro"),
                         tr("Choose what Roomwarden may do. Only the permissions listed below "
                            "are requested."),
                         choose);
    chooseLayout->addWidget(m_intro);
    m_profiles = new QButtonGroup(this);
    m_profiles->setObjectName(QStringLiteral("signIn.profiles"));
    const std::pair<auth::FeatureProfile, const char *> profiles[] = {
        {auth::FeatureProfile::AnalyticsOnly, "signIn.profile.analytics"},
        {auth::FeatureProfile::Moderation, "signIn.profile.moderation"},
        {auth::FeatureProfile::Custom, "signIn.profile.custom"}};
    for (const auto &[profile, name] : profiles) {
        auto *radio = new QRadioButton(auth::ScopeCatalog::profileName(profile), choose);
        radio->setObjectName(QString::fromLatin1(name));
        radio->setAccessibleName(radio->text());
        m_profiles->addButton(radio, int(profile));
        chooseLayout->addWidget(radio);
    }
    auto *features = new QGroupBox(tr("Features"), choose);
    features->setObjectName(QStringLiteral("signIn.features"));
    features->setAccessibleName(features->title());
    auto *featureLayout = new QVBoxLayout(features);
    for (auth::Feature f : auth::ScopeCatalog::allFeatures()) {
        auto *box = new QCheckBox(auth::ScopeCatalog::featureName(f), features);
        box->setObjectName(QStringLiteral("signIn.feature.%1").arg(int(f)));
        box->setAccessibleName(box->text());
        box->setToolTip(auth::ScopeCatalog::featureDescription(f));
        connect(box, &QCheckBox::toggled, this, &SignInDialog::refreshScopes);
        featureLayout->addWidget(box);
        m_features.append(box);
    }
    chooseLayout->addWidget(features);
    m_scopesTitle = plainLabel(QStringLiteral("signIn.scopesTitle"),
                               tr("Roomwarden will ask Twitch for:"), choose);
    chooseLayout->addWidget(m_scopesTitle);
    m_scopes = new QListWidget(choose);
    m_scopes->setObjectName(QStringLiteral("signIn.scopes"));
    m_scopes->setAccessibleName(tr("Permissions that will be requested"));
    chooseLayout->addWidget(m_scopes, 1);
    m_choiceStatus = plainLabel(QStringLiteral("signIn.choiceStatus"), QString(), choose);
    chooseLayout->addWidget(m_choiceStatus);
    m_start = new QPushButton(tr("Sign in with Twitch"), choose);
    m_start->setObjectName(QStringLiteral("signIn.start"));
    m_start->setAccessibleName(m_start->text());
    connect(m_start, &QPushButton::clicked, this, &SignInDialog::startSignIn);
    chooseLayout->addWidget(m_start, 0, Qt::AlignRight);
    m_pages->addWidget(choose);

    // Step 2: the device code, as plain text the user can select and copy.
    auto *wait = new QWidget(m_pages);
    wait->setObjectName(QStringLiteral("signIn.wait"));
    auto *waitLayout = new QVBoxLayout(wait);
    waitLayout->addWidget(plainLabel(QStringLiteral("signIn.codeHelp"),
                                     tr("Open this address in your browser and enter the code:"),
                                     wait));
    m_verificationUrl = plainLabel(QStringLiteral("signIn.verificationUrl"), QString(), wait);
    m_userCode = plainLabel(QStringLiteral("signIn.userCode"), QString(), wait);
    for (QLabel *l : {m_verificationUrl, m_userCode})
        l->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    QFont codeFont = m_userCode->font();
    codeFont.setPointSizeF(codeFont.pointSizeF() * 1.6);
    codeFont.setBold(true);
    m_userCode->setFont(codeFont);
    waitLayout->addWidget(m_verificationUrl);
    waitLayout->addWidget(m_userCode);
    m_waitStatus = plainLabel(QStringLiteral("signIn.waitStatus"),
                              tr("Waiting for you to approve in the browser…"), wait);
    waitLayout->addWidget(m_waitStatus);
    auto *cancel = new QPushButton(tr("Cancel"), wait);
    cancel->setObjectName(QStringLiteral("signIn.cancel"));
    cancel->setAccessibleName(cancel->text());
    connect(cancel, &QPushButton::clicked, this, [this] {
        if (m_controller)
            m_controller->cancel();
        m_pages->setCurrentIndex(0);
    });
    waitLayout->addWidget(cancel, 0, Qt::AlignRight);
    waitLayout->addStretch(1);
    m_pages->addWidget(wait);

    connect(m_profiles, &QButtonGroup::idClicked, this,
            [this](int id) { selectProfile(auth::FeatureProfile(id)); });
    if (m_controller) {
        connect(m_controller, &auth::SignInController::userCodeReady, this,
                [this](const QString &code, const QUrl &uri) { showCode(code, uri); });
        connect(m_controller, &auth::SignInController::succeeded, this, &QDialog::accept);
        connect(m_controller, &auth::SignInController::failed, this, &SignInDialog::showFailure);
        connect(m_controller, &auth::SignInController::keychainChanged, this,
                &SignInDialog::updateStartButton);
    }
    selectProfile(auth::FeatureProfile::AnalyticsOnly);
}

void SignInDialog::selectProfile(auth::FeatureProfile profile)
{
    m_profiles->button(int(profile))->setChecked(true);
    const bool custom = profile == auth::FeatureProfile::Custom;
    const QList<auth::Feature> chosen = auth::ScopeCatalog::featuresOf(profile);
    const QList<auth::Feature> all = auth::ScopeCatalog::allFeatures();
    for (int i = 0; i < all.size(); ++i) {
        QSignalBlocker block(m_features.at(i));
        // An upgrade never takes away what the account has.
        const bool locked = m_locked.contains(all.at(i));
        if (locked)
            m_features.at(i)->setChecked(true);
        else if (!custom)
            m_features.at(i)->setChecked(chosen.contains(all.at(i)));
        m_features.at(i)->setEnabled(custom && !locked);
    }
    refreshScopes();
}

void SignInDialog::setUpgrade(const model::Account &account)
{
    m_upgrade = account;
    m_locked = auth::ScopeCatalog::featuresCoveredBy(account.provider, account.grantedScopes);
    const QString who = account.displayName.isEmpty() ? account.login : account.displayName;
    setWindowTitle(tr("Change permissions for %1").arg(who));
    setAccessibleName(windowTitle());
    m_intro->setText(tr("Turn on more features for %1. What Twitch already granted stays; only "
                        "the permissions marked new are added, and Twitch asks you to approve "
                        "them.")
                         .arg(who));
    m_intro->setAccessibleName(m_intro->text());
    m_scopesTitle->setText(tr("Roomwarden will ask Twitch for (all of it, so nothing granted "
                              "is lost):"));
    m_scopesTitle->setAccessibleName(m_scopesTitle->text());
    m_start->setText(tr("Ask Twitch for these permissions"));
    m_start->setAccessibleName(m_start->text());
    const QList<auth::Feature> all = auth::ScopeCatalog::allFeatures();
    for (int i = 0; i < all.size(); ++i) {
        // Custom starts from exactly what the account has; the user adds to it.
        QSignalBlocker block(m_features.at(i));
        m_features.at(i)->setChecked(m_locked.contains(all.at(i)));
        const QString tip = auth::ScopeCatalog::featureDescription(all.at(i));
        m_features.at(i)->setToolTip(
            m_locked.contains(all.at(i)) ? tip + u'\n' + tr("Already granted; it stays on.") : tip);
    }
    selectProfile(auth::FeatureProfile::Custom);
}

QList<auth::Feature> SignInDialog::selectedFeatures() const
{
    QList<auth::Feature> out;
    const QList<auth::Feature> all = auth::ScopeCatalog::allFeatures();
    for (int i = 0; i < all.size(); ++i) {
        if (m_features.at(i)->isChecked())
            out.append(all.at(i));
    }
    return out;
}

void SignInDialog::refreshScopes()
{
    m_scopes->clear();
    // The same function the controller requests with: what is listed is what is sent.
    const QList<auth::Feature> features = selectedFeatures();
    model::ScopeSet scopes;
    if (!m_upgrade)
        scopes = auth::ScopeCatalog::scopesFor(model::Provider::Twitch, features);
    else if (m_controller)
        scopes = m_controller->upgradeScopes(*m_upgrade, features);
    else
        scopes =
            auth::ScopeCatalog::upgradeFor(m_upgrade->provider, m_upgrade->grantedScopes, features);
    for (const model::Scope &s : scopes) {
        const auto info = auth::ScopeCatalog::info(s);
        QString text =
            QStringLiteral("%1 — %2 (%3)")
                .arg(auth::ScopeCatalog::describe(s),
                     info ? auth::ScopeCatalog::riskName(info->risk) : QString(), s.name);
        const bool added = m_upgrade && !model::containsScope(m_upgrade->grantedScopes, s);
        if (added)
            text = tr("new: %1").arg(text);
        auto *item = new QListWidgetItem(text, m_scopes);
        item->setData(Qt::UserRole, s.name);
        item->setData(kNewScopeRole, added);
        if (added) {
            QFont bold = item->font();
            bold.setBold(true);
            item->setFont(bold);
        }
    }
    updateStartButton();
}

void SignInDialog::updateStartButton()
{
    const bool keychain = m_controller && m_controller->keychainAvailable();
    bool any = m_scopes->count() > 0;
    if (m_upgrade) {
        // Promise 2: upgraded only when a feature needs more.
        any = false;
        for (int i = 0; i < m_scopes->count(); ++i)
            any = any || m_scopes->item(i)->data(kNewScopeRole).toBool();
    }
    m_start->setEnabled(keychain && any);
    if (!keychain)
        m_choiceStatus->setText(tr("Keychain unavailable — sign-in is disabled until it is back"));
    else if (!any && m_upgrade)
        m_choiceStatus->setText(tr("Turn on a feature that needs more permissions."));
    else if (!any)
        m_choiceStatus->setText(tr("Choose at least one feature."));
    else
        m_choiceStatus->clear();
}

void SignInDialog::startSignIn()
{
    if (!m_controller)
        return;
    m_userCode->clear();
    m_verificationUrl->clear();
    m_waitStatus->setText(tr("Asking Twitch for a sign-in code…"));
    m_pages->setCurrentIndex(1);
    if (m_upgrade)
        m_controller->startUpgrade(*m_upgrade, selectedFeatures());
    else
        m_controller->start(selectedFeatures());
}

void SignInDialog::showCode(const QString &userCode, const QUrl &uri)
{
    m_userCode->setText(userCode);
    m_userCode->setAccessibleName(userCode);
    m_verificationUrl->setText(uri.toString());
    m_verificationUrl->setAccessibleName(uri.toString());
    m_waitStatus->setText(tr("Waiting for you to approve in the browser…"));
    m_pages->setCurrentIndex(1);
}

void SignInDialog::showFailure(const QString &reason)
{
    m_pages->setCurrentIndex(0);
    m_choiceStatus->setText(reason);
}

} // namespace roomwarden::ui
