#pragma once
#include "core/auth/ScopeCatalog.h"
#include "core/model/Account.h"

#include <QDialog>
#include <QList>
#include <QPointer>

#include <optional>

class QButtonGroup;
class QCheckBox;
class QLabel;
class QListWidget;
class QPushButton;
class QStackedWidget;

namespace roomwarden::auth {
class SignInController;
}

namespace roomwarden::ui {

// Sign-in, in two steps:
//  1. the user picks a profile (Analytics only / Moderation / Custom features) and sees EXACTLY
//     the scopes that will be requested, each with its plain-language line and risk, before
//     anything is sent (promise 2);
//  2. the device-flow code and address, as plain copyable text, while the controller waits.
// In upgrade mode (setUpgrade) it changes the permissions of an account that is signed in:
// Custom is preselected with the features the account already has, checked and locked (they
// stay), the list shows exactly what the upgrade requests — what is granted plus what the new
// features need, the added scopes marked "new" — and the controller's startUpgrade runs.
// All work happens in auth::SignInController; this dialog only shows it and calls it.
class SignInDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SignInDialog(auth::SignInController *controller, QWidget *parent = nullptr);

    QList<auth::Feature> selectedFeatures() const;
    void selectProfile(auth::FeatureProfile profile);
    // Switches to upgrade mode for `account` (see above).
    void setUpgrade(const model::Account &account);
    std::optional<model::Account> upgradeAccount() const { return m_upgrade; }
    // Item data role of the scope list: true for a scope the upgrade adds.
    static constexpr int kNewScopeRole = Qt::UserRole + 1;

private:
    void refreshScopes();
    void startSignIn();
    void showCode(const QString &userCode, const QUrl &uri);
    void showFailure(const QString &reason);
    void updateStartButton();

    QPointer<auth::SignInController> m_controller;
    std::optional<model::Account> m_upgrade;
    QList<auth::Feature> m_locked; // the upgraded account's features: checked, not editable
    QLabel *m_intro;
    QLabel *m_scopesTitle;
    QStackedWidget *m_pages;
    QButtonGroup *m_profiles;
    QList<QCheckBox *> m_features; // in ScopeCatalog::allFeatures() order
    QListWidget *m_scopes;
    QLabel *m_choiceStatus;
    QPushButton *m_start;
    QLabel *m_userCode;
    QLabel *m_verificationUrl;
    QLabel *m_waitStatus;
};

} // namespace roomwarden::ui
