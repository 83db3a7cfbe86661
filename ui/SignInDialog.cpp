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
    chooseLayout->addWidget(plainLabel(QStringLiteral("signIn.intro"),
                                       tr("Choose what Roomwarden may do. Only the permissions "
                                          "listed below are requested."),
                                       choose));
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
    chooseLayout->addWidget(plainLabel(QStringLiteral("signIn.scopesTitle"),
                                       tr("Roomwarden will ask Twitch for:"), choose));
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
        if (!custom)
            m_features.at(i)->setChecked(chosen.contains(all.at(i)));
        m_features.at(i)->setEnabled(custom);
    }
    refreshScopes();
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
    const model::ScopeSet scopes =
        auth::ScopeCatalog::scopesFor(model::Provider::Twitch, selectedFeatures());
    for (const model::Scope &s : scopes) {
        const auto info = auth::ScopeCatalog::info(s);
        auto *item = new QListWidgetItem(
            QStringLiteral("%1 — %2 (%3)")
                .arg(auth::ScopeCatalog::describe(s),
                     info ? auth::ScopeCatalog::riskName(info->risk) : QString(), s.name),
            m_scopes);
        item->setData(Qt::UserRole, s.name);
    }
    updateStartButton();
}

void SignInDialog::updateStartButton()
{
    const bool keychain = m_controller && m_controller->keychainAvailable();
    const bool any = m_scopes->count() > 0;
    m_start->setEnabled(keychain && any);
    if (!keychain)
        m_choiceStatus->setText(tr("Keychain unavailable — sign-in is disabled until it is back"));
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
