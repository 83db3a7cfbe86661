#include "core/auth/SignInController.h"

#include "core/auth/AccountStore.h"
#include "core/auth/DeviceAuthorization.h"
#include "core/auth/SecretStore.h"
#include "core/auth/TokenRevoker.h"
#include "core/auth/TokenSetCodec.h"
#include "core/util/Logging.h"
#include "core/util/Redactor.h"

namespace roomwarden::auth {

SignInController::SignInController(net::ApiClient *api, SecretStore *secrets,
                                   AccountStore *accounts, std::shared_ptr<util::Redactor> redactor,
                                   Options options, QObject *parent)
    : QObject(parent), m_api(api), m_secrets(secrets), m_accounts(accounts),
      m_redactor(std::move(redactor)), m_options(std::move(options)),
      m_validator(new TokenValidator(api, m_options.idBase, this))
{
    connect(m_validator, &TokenValidator::finished, this, &SignInController::onValidated);
    connect(m_secrets, &SecretStore::availabilityChanged, this,
            [this](SecretStore::Availability a, const QString &reason) {
                if (a == SecretStore::Availability::Checking)
                    return;
                Q_EMIT keychainChanged(a == SecretStore::Availability::Available, reason);
            });
}

SignInController::~SignInController()
{
    forgetTokens();
}

bool SignInController::keychainAvailable() const
{
    return m_secrets->availability() == SecretStore::Availability::Available;
}

QString SignInController::keychainProblem() const
{
    return m_secrets->unavailableReason();
}

void SignInController::retryKeychain()
{
    m_secrets->checkAvailability();
}

model::ScopeSet SignInController::scopesFor(const QList<Feature> &features) const
{
    return ScopeCatalog::scopesFor(m_options.provider, features);
}

void SignInController::setStage(Stage stage)
{
    if (m_stage == stage)
        return;
    m_stage = stage;
    Q_EMIT stageChanged(stage);
}

void SignInController::start(const QList<Feature> &features)
{
    cancel();
    m_upgrade.reset();
    if (!keychainAvailable()) {
        // Never a sign-in whose tokens would have nowhere safe to go.
        fail(tr("Keychain unavailable — sign-in is disabled until it is back."));
        return;
    }
    m_requested = scopesFor(features);
    if (m_requested.isEmpty()) {
        fail(tr("Choose at least one feature."));
        return;
    }
    startFlow();
}

model::ScopeSet SignInController::upgradeScopes(const model::Account &account,
                                                const QList<Feature> &wanted) const
{
    return ScopeCatalog::upgradeFor(m_options.provider, account.grantedScopes, wanted);
}

void SignInController::startUpgrade(const model::Account &account, const QList<Feature> &wanted)
{
    cancel();
    m_upgrade = account;
    if (!keychainAvailable()) {
        fail(tr("Keychain unavailable — sign-in is disabled until it is back."));
        return;
    }
    if (!account.isValid() || account.provider != m_options.provider) {
        fail(tr("This account cannot be changed here."));
        return;
    }
    if (ScopeCatalog::missingFor(m_options.provider, account.grantedScopes, wanted).isEmpty()) {
        // Promise 2: upgraded only when a feature needs more.
        fail(tr("The chosen features need no more permissions than %1 already has.")
                 .arg(account.login));
        return;
    }
    m_requested = upgradeScopes(account, wanted);
    startFlow();
}

void SignInController::startFlow()
{
    DeviceAuthorization::Options o;
    o.idBase = m_options.idBase;
    o.clientId = m_options.clientId;
    o.scopes = model::scopeNames(m_requested);
    o.msPerSecond = m_options.msPerSecond;
    m_flow = new DeviceAuthorization(m_api, o, this);
    connect(m_flow, &DeviceAuthorization::userCodeReady, this,
            [this](const QString &code, const QUrl &uri, int expiresIn) {
                setStage(Stage::WaitingForUser);
                Q_EMIT userCodeReady(code, uri, expiresIn);
            });
    connect(m_flow, &DeviceAuthorization::succeeded, this, &SignInController::onTokens);
    connect(m_flow, &DeviceAuthorization::failed, this, &SignInController::fail);
    setStage(Stage::Requesting);
    m_flow->start();
}

void SignInController::cancel()
{
    if (m_flow) {
        m_flow->cancel();
        m_flow->deleteLater();
        m_flow = nullptr;
    }
    forgetTokens();
    if (m_stage != Stage::Done && m_stage != Stage::Failed)
        setStage(Stage::Idle);
}

void SignInController::forgetTokens()
{
    if (!m_pending)
        return;
    TokenSetCodec::wipe(m_pending->accessToken);
    TokenSetCodec::wipe(m_pending->refreshToken);
    m_pending.reset();
}

void SignInController::onTokens(const TokenSet &tokens)
{
    m_redactor->addSecret(tokens.accessToken);
    m_redactor->addSecret(tokens.refreshToken);
    m_pending = std::make_unique<TokenSet>(tokens);
    setStage(Stage::Validating);
    // §2.6: the token response has no user id, and its scopes are only what was asked for.
    m_validator->validate(tokens.accessToken);
}

void SignInController::onValidated(const TokenValidation &v)
{
    if (!m_pending || m_stage != Stage::Validating)
        return;
    if (!v.isValid()) {
        fail(tr("Twitch did not confirm the new sign-in. Please try again."));
        return;
    }
    if (m_upgrade && v.userId != m_upgrade->accountId) {
        // The browser was signed in to someone else: these tokens are not the account's.
        revokeInBackground(m_pending->accessToken);
        fail(tr("Twitch signed in %1, not %2, so the permissions of %2 were not changed. Sign "
                "in to Twitch as %2 in your browser and try again.")
                 .arg(v.login, m_upgrade->login));
        return;
    }
    model::Account account;
    account.provider = m_options.provider;
    account.accountId = v.userId;
    account.login = v.login;
    account.displayName = v.login;
    account.grantedScopes = v.scopes;
    if (v.expiresIn > 0)
        account.accessExpiresAt = QDateTime::currentDateTimeUtc().addSecs(v.expiresIn);
    if (const auto known = m_accounts->find(account.secretKey()); known) {
        if (!known->displayName.isEmpty())
            account.displayName = known->displayName;
    } else if (m_upgrade && !m_upgrade->displayName.isEmpty()) {
        account.displayName = m_upgrade->displayName;
    }
    setStage(Stage::Storing);
    if (!m_upgrade) {
        store(account, {});
        return;
    }
    // The token set being replaced: its access token is revoked once the new one is stored.
    m_secrets->read(account.secretKey(), [this, account](const SecretStore::Result &r) {
        if (!m_pending || m_stage != Stage::Storing)
            return;
        QString oldAccess;
        if (r.secret) {
            QByteArray bytes = *r.secret;
            if (auto old = TokenSetCodec::decode(bytes)) {
                oldAccess = old->accessToken;
                TokenSetCodec::wipe(old->accessToken);
                TokenSetCodec::wipe(old->refreshToken);
            }
            TokenSetCodec::wipe(bytes);
        }
        store(account, oldAccess);
        TokenSetCodec::wipe(oldAccess);
    });
}

void SignInController::store(const model::Account &account, QString oldAccessToken)
{
    QByteArray value = TokenSetCodec::encode(*m_pending);
    m_secrets->write(
        account.secretKey(), value,
        [this, account, oldAccessToken](const SecretStore::Result &w) mutable {
            if (w.status != SecretStore::Status::Ok) {
                // Nowhere safe to keep them: revoke at once rather than hold them
                // in memory. An upgrade's old entry is untouched.
                if (m_pending)
                    revokeInBackground(m_pending->accessToken);
                TokenSetCodec::wipe(oldAccessToken);
                fail(tr("The keychain refused to store the sign-in: %1").arg(w.error));
                return;
            }
            const bool replacesOld = !oldAccessToken.isEmpty() &&
                                     !(m_pending && m_pending->accessToken == oldAccessToken);
            forgetTokens();
            QString error;
            if (!m_accounts->add(account, &error))
                qCWarning(lcAuth) << "account list not saved:" << error;
            if (!m_upgrade)
                m_accounts->setActive(account.secretKey());
            if (!replacesOld) {
                finish(account);
                return;
            }
            // The upgrade replaced it: the old token has no reason to live on.
            auto *revoker = new TokenRevoker(
                m_api, TokenRevoker::Options::twitch(m_options.idBase, m_options.clientId), this);
            revoker->revoke(oldAccessToken, TokenRevoker::TokenType::AccessToken, this,
                            [this, revoker, account](const TokenRevoker::Result &r) {
                                if (!r.ok())
                                    qCWarning(lcAuth) << "old access token not revoked:" << r.error;
                                revoker->deleteLater();
                                finish(account);
                            });
            TokenSetCodec::wipe(oldAccessToken);
        });
    TokenSetCodec::wipe(value);
}

void SignInController::finish(const model::Account &account)
{
    setStage(Stage::Done);
    Q_EMIT succeeded(account);
}

void SignInController::revokeInBackground(QString accessToken)
{
    auto *revoker = new TokenRevoker(
        m_api, TokenRevoker::Options::twitch(m_options.idBase, m_options.clientId), this);
    revoker->revoke(accessToken, TokenRevoker::TokenType::AccessToken, revoker,
                    [revoker](const TokenRevoker::Result &) { revoker->deleteLater(); });
    TokenSetCodec::wipe(accessToken);
}

void SignInController::fail(const QString &reason)
{
    forgetTokens();
    if (m_flow) {
        m_flow->deleteLater();
        m_flow = nullptr;
    }
    setStage(Stage::Failed);
    Q_EMIT failed(reason);
}

} // namespace roomwarden::auth
