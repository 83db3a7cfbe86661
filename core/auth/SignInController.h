#pragma once
#include "core/auth/ScopeCatalog.h"
#include "core/auth/TokenValidator.h"
#include "core/model/Account.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

#include <memory>
#include <optional>

namespace roomwarden::net {
class ApiClient;
}
namespace roomwarden::util {
class Redactor;
}

namespace roomwarden::auth {

class AccountStore;
class DeviceAuthorization;
class SecretStore;
struct TokenSet;

// What the sign-in dialog drives (the UI holds no business logic and never talks to the
// network): features → scopes (ScopeCatalog) → device flow (DeviceAuthorization) → /validate
// for the account and its *granted* scopes (TokenValidator) → keychain write (SecretStore) →
// account list (AccountStore).
//
// An upgrade (startUpgrade) re-authorizes an account that is already signed in when the user
// turns on a feature that needs more (promise 2): it requests the union of what the platform
// granted and what the new features need — nothing granted is dropped — and on success
// replaces that account's keychain entry and list entry (same key), then revokes the old
// access token. If the platform signs in a different user, the upgrade is refused and the new
// token revoked; the account and its tokens stay as they were. Sign-in is refused while the
// keychain is not available: there is nowhere safe to keep a token, and no plaintext fallback
// (promise 3).
class SignInController : public QObject
{
    Q_OBJECT
public:
    enum class Stage
    {
        Idle,
        Requesting,     // asking the platform for a device code
        WaitingForUser, // the user enters the code in a browser
        Validating,
        Storing,
        Done,
        Failed,
    };
    Q_ENUM(Stage)

    struct Options
    {
        model::Provider provider = model::Provider::Twitch;
        QUrl idBase;
        QString clientId;
        int msPerSecond = 1000; // DeviceAuthorization's time scale (tests shrink it)
    };

    SignInController(net::ApiClient *api, SecretStore *secrets, AccountStore *accounts,
                     std::shared_ptr<util::Redactor> redactor, Options options,
                     QObject *parent = nullptr);
    ~SignInController() override;

    bool keychainAvailable() const;
    QString keychainProblem() const;
    // Asks the keychain again (SecretStore::checkAvailability); keychainChanged follows.
    void retryKeychain();

    // Exactly what start(features) will request.
    model::ScopeSet scopesFor(const QList<Feature> &features) const;
    void start(const QList<Feature> &features);
    // Exactly what startUpgrade(account, wanted) will request (ScopeCatalog::upgradeFor).
    model::ScopeSet upgradeScopes(const model::Account &account,
                                  const QList<Feature> &wanted) const;
    void startUpgrade(const model::Account &account, const QList<Feature> &wanted);
    // The account the current (or last) flow upgrades; nullopt for a plain sign-in.
    std::optional<model::Account> upgradeTarget() const { return m_upgrade; }
    void cancel();
    Stage stage() const { return m_stage; }
    model::ScopeSet requestedScopes() const { return m_requested; }

Q_SIGNALS:
    void stageChanged(roomwarden::auth::SignInController::Stage stage);
    void keychainChanged(bool available, const QString &reason);
    void userCodeReady(const QString &userCode, const QUrl &verificationUri, int expiresInSecs);
    void succeeded(const roomwarden::model::Account &account);
    void failed(const QString &reason);

private:
    void startFlow();
    void store(const model::Account &account, QString oldAccessToken);
    void finish(const model::Account &account);
    void revokeInBackground(QString accessToken);
    void onTokens(const TokenSet &tokens);
    void onValidated(const TokenValidation &validation);
    void fail(const QString &reason);
    void setStage(Stage stage);
    void forgetTokens();

    net::ApiClient *m_api;
    SecretStore *m_secrets;
    AccountStore *m_accounts;
    std::shared_ptr<util::Redactor> m_redactor;
    Options m_options;
    TokenValidator *m_validator;
    QPointer<DeviceAuthorization> m_flow;
    Stage m_stage = Stage::Idle;
    model::ScopeSet m_requested;
    std::optional<model::Account> m_upgrade;
    std::unique_ptr<TokenSet> m_pending; // between the token reply and the keychain write
};

} // namespace roomwarden::auth
