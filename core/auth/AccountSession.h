#pragma once
#include "core/auth/TokenValidator.h"
#include "core/model/Account.h"

#include <QDateTime>
#include <QObject>
#include <QTimer>
#include <QUrl>

#include <memory>

namespace roomwarden::net {
class ApiClient;
}
namespace roomwarden::util {
class Clock;
class Redactor;
} // namespace roomwarden::util

namespace roomwarden::auth {

class SecretStore;
class TokenRefresher;
class TokenRevoker;
struct TokenSet;

// One signed-in account's token lifecycle (specs/twitch.md §1.2–1.3, §2.5–2.7):
//  - start(): the token set is read from the keychain (key "<provider>:<accountId>"), both tokens
//    are registered with the Redactor, and the access token is validated;
//  - validate at start and then every validateIntervalSecs (an hour) by the Clock: a QTimer
//    looks at clock.now() every pollIntervalMs, so a ManualClock drives it in tests;
//  - granted scopes, login and expiry come from /validate only and update account();
//  - a failed validate or a Helix 401 (handleUnauthorized) leads to ONE refresh through
//    TokenRefresher (public client, no secret; single flight; the rotated token set is written
//    to the keychain before the new access token is used); if that refresh is refused, or the
//    token it gave fails validation too, the state is NeedsSignIn and every room session of the
//    account must stop (sessionsMustStop). There is no second refresh: no loop;
//  - signOut(): revoke at the platform, delete the keychain entry, forget the tokens here and in
//    the Redactor.
//
// "In memory only while needed" means here: the access token is held while the session is
// Valid, because every Helix call and the EventSub connection need it; it is dropped on
// NeedsSignIn, sign-out and destruction. The refresh token is never kept: it is read from the
// keychain when a refresh is due and dropped as soon as the request is built. The Redactor keeps
// both strings (its job is to recognise them), and this session the list of what it registered
// there so that sign-out can take them out again.
class AccountSession : public QObject
{
    Q_OBJECT
public:
    enum class State
    {
        Loading,
        Valid,
        Refreshing,
        NeedsSignIn,
        KeychainUnavailable,
        SignedOut,
    };
    Q_ENUM(State)

    struct Options
    {
        QUrl idBase; // https://id.twitch.tv (or the sandbox's)
        QString clientId;
        qint64 validateIntervalSecs = 3600; // §2.6: "on an hourly basis"
        qint64 retryAfterFailureSecs = 300; // validate could not tell (network, 5xx)
        int pollIntervalMs = 30'000;        // how often the clock is looked at
    };

    AccountSession(model::Account account, SecretStore *secrets, net::ApiClient *api,
                   const util::Clock *clock, std::shared_ptr<util::Redactor> redactor,
                   Options options, QObject *parent = nullptr);
    ~AccountSession() override;

    void start();
    // A Helix call answered 401. `usedToken` (optional) is the token that call carried: a 401
    // for a token already replaced by a refresh is ignored.
    void handleUnauthorized(const QString &usedToken = {});
    void signOut();

    State state() const { return m_state; }
    const model::Account &account() const { return m_account; }
    QString key() const { return m_account.secretKey(); }
    // Empty unless the session is Valid.
    QString accessToken() const;
    QDateTime nextValidationAt() const { return m_nextValidationAt; }
    QString lastError() const { return m_lastError; }
    int refreshCount() const { return m_refreshCount; }

    static QString stateName(State state); // translated, for the accounts list

public Q_SLOTS:
    // Validates when one is due by the clock. Called by the poll timer; tests may call it.
    void tick();

Q_SIGNALS:
    void stateChanged(roomwarden::auth::AccountSession::State state);
    void accountUpdated(const roomwarden::model::Account &account);
    // A new access token is in use (after a refresh, once validated): re-read accessToken().
    void accessTokenChanged();
    void signInRequired(const QString &reason);
    void sessionsMustStop(const QString &reason);
    void signedOut(bool revokedAtPlatform);
    void signOutFailed(const QString &reason);

private:
    void validate();
    void onValidated(const TokenValidation &result);
    void refresh();
    void needsSignIn(const QString &reason);
    void keychainUnavailable(const QString &reason);
    void finishSignOut(bool revoked);
    void revokeAndDelete(const QString &accessToken);
    void remember(const TokenSet &tokens);
    void setState(State state);
    QDateTime now() const;

    model::Account m_account;
    SecretStore *m_secrets;
    net::ApiClient *m_api;
    const util::Clock *m_clock;
    std::shared_ptr<util::Redactor> m_redactor;
    Options m_options;
    TokenValidator *m_validator;
    TokenRefresher *m_refresher;
    TokenRevoker *m_revoker;
    QTimer m_poll;

    State m_state = State::Loading;
    QString m_accessToken;
    QStringList m_registeredSecrets; // removed from the Redactor on sign-out
    QDateTime m_nextValidationAt;
    QDateTime m_validationStartedAt;
    QString m_lastError;
    bool m_validating = false;
    bool m_refreshUsed = false; // a refresh happened since the last good validate
    bool m_signingOut = false;
    int m_refreshCount = 0;
};

} // namespace roomwarden::auth
