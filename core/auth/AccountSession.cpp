#include "core/auth/AccountSession.h"

#include "core/auth/SecretStore.h"
#include "core/auth/TokenRefresher.h"
#include "core/auth/TokenRevoker.h"
#include "core/auth/TokenSetCodec.h"
#include "core/util/Clock.h"
#include "core/util/Logging.h"
#include "core/util/Redactor.h"

namespace roomwarden::auth {

namespace {

QUrl idEndpoint(const QUrl &idBase, QStringView path)
{
    QUrl url = idBase;
    url.setPath(QString(idBase.path() + path));
    return url;
}
} // namespace

AccountSession::AccountSession(model::Account account, SecretStore *secrets, net::ApiClient *api,
                               const util::Clock *clock, std::shared_ptr<util::Redactor> redactor,
                               Options options, QObject *parent)
    : QObject(parent), m_account(std::move(account)), m_secrets(secrets), m_api(api),
      m_clock(clock), m_redactor(std::move(redactor)), m_options(std::move(options)),
      m_validator(new TokenValidator(api, m_options.idBase, this))
{
    TokenRefresher::Options r;
    r.tokenEndpoint = idEndpoint(m_options.idBase, u"/oauth2/token");
    r.clientId = m_options.clientId;
    r.clock = m_clock;
    // Rotation (§2.5): the new set reaches the keychain before anyone sees the new token.
    m_refresher = new TokenRefresher(
        api, r,
        [this](const QString &key, const TokenSet &tokens, TokenRefresher::PersistDone done) {
            remember(tokens); // registered before anything could log it
            QByteArray value = TokenSetCodec::encode(tokens);
            m_secrets->write(key, value, [done](const SecretStore::Result &w) {
                done(w.status == SecretStore::Status::Ok, w.error);
            });
            TokenSetCodec::wipe(value);
        },
        this);
    m_revoker = new TokenRevoker(
        api, TokenRevoker::Options::twitch(m_options.idBase, m_options.clientId), this);
    connect(m_validator, &TokenValidator::finished, this, &AccountSession::onValidated);
    m_poll.setInterval(m_options.pollIntervalMs);
    connect(&m_poll, &QTimer::timeout, this, &AccountSession::tick);
}

AccountSession::~AccountSession()
{
    TokenSetCodec::wipe(m_accessToken);
}

QDateTime AccountSession::now() const
{
    return m_clock ? m_clock->now() : QDateTime::currentDateTimeUtc();
}

QString AccountSession::accessToken() const
{
    return m_state == State::Valid ? m_accessToken : QString();
}

void AccountSession::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    qCInfo(lcAuth) << "account" << key() << "is now" << state;
    Q_EMIT stateChanged(state);
}

void AccountSession::remember(const TokenSet &tokens)
{
    for (const QString &secret : {tokens.accessToken, tokens.refreshToken}) {
        if (secret.isEmpty() || m_registeredSecrets.contains(secret))
            continue;
        m_redactor->addSecret(secret);
        m_registeredSecrets << secret;
    }
}

void AccountSession::start()
{
    m_signingOut = false;
    m_refreshUsed = false;
    setState(State::Loading);
    m_secrets->read(key(), [this](const SecretStore::Result &r) {
        if (m_signingOut)
            return;
        if (r.status == SecretStore::Status::NotFound) {
            needsSignIn(tr("No sign-in is stored for this account."));
            return;
        }
        if (r.status != SecretStore::Status::Ok || !r.secret) {
            keychainUnavailable(r.error);
            return;
        }
        QByteArray bytes = *r.secret;
        auto tokens = TokenSetCodec::decode(bytes);
        TokenSetCodec::wipe(bytes);
        if (!tokens) {
            needsSignIn(tr("The stored sign-in could not be read."));
            return;
        }
        remember(*tokens);
        m_accessToken = tokens->accessToken;
        TokenSetCodec::wipe(tokens->refreshToken); // read again when a refresh is due
        m_poll.start();
        validate();
    });
}

void AccountSession::tick()
{
    if (m_validating || !m_nextValidationAt.isValid() || now() < m_nextValidationAt)
        return;
    if (m_state == State::Valid || m_state == State::Loading)
        validate();
}

void AccountSession::validate()
{
    if (m_accessToken.isEmpty())
        return;
    m_validating = true;
    m_validationStartedAt = now();
    m_validator->validate(m_accessToken);
}

void AccountSession::onValidated(const TokenValidation &v)
{
    m_validating = false;
    if (m_signingOut || m_state == State::NeedsSignIn || m_state == State::SignedOut)
        return;
    switch (v.status) {
    case TokenValidation::Status::Valid: {
        if (!m_account.accountId.isEmpty() && v.userId != m_account.accountId) {
            needsSignIn(tr("The stored sign-in belongs to another account."));
            return;
        }
        const bool newToken = m_refreshUsed;
        m_refreshUsed = false;
        m_account.accountId = v.userId;
        if (!v.login.isEmpty())
            m_account.login = v.login;
        if (m_account.displayName.isEmpty())
            m_account.displayName = m_account.login;
        m_account.grantedScopes = v.scopes; // promise 2: granted, as the platform reports
        m_account.accessExpiresAt = v.expiresIn > 0 ? now().addSecs(v.expiresIn) : QDateTime();
        // Hourly from when this check began, so a slow answer does not push the cadence back.
        m_nextValidationAt = m_validationStartedAt.addSecs(m_options.validateIntervalSecs);
        m_lastError.clear();
        setState(State::Valid);
        Q_EMIT accountUpdated(m_account);
        if (newToken)
            Q_EMIT accessTokenChanged();
        return;
    }
    case TokenValidation::Status::Invalid:
        if (m_refreshUsed) {
            // The refreshed token failed too: a second refresh would only loop.
            needsSignIn(tr("Twitch no longer accepts this sign-in."));
            return;
        }
        refresh();
        return;
    case TokenValidation::Status::Failed:
        // Could not tell (network, 5xx): keep the session and ask again soon (§2.6 asks to end
        // sessions only for a token that is known to be invalid).
        m_lastError = v.error ? v.error->message : QString();
        m_nextValidationAt = now().addSecs(m_options.retryAfterFailureSecs);
        if (m_state == State::Loading)
            setState(State::Valid);
        return;
    }
}

void AccountSession::handleUnauthorized(const QString &usedToken)
{
    if (m_state != State::Valid)
        return; // Refreshing: the flight in progress answers for this 401 too
    if (!usedToken.isEmpty() && usedToken != m_accessToken)
        return; // that token was already replaced
    if (m_refreshUsed) {
        needsSignIn(tr("Twitch no longer accepts this sign-in."));
        return;
    }
    refresh();
}

void AccountSession::refresh()
{
    m_refreshUsed = true;
    ++m_refreshCount;
    setState(State::Refreshing);
    m_secrets->read(key(), [this](const SecretStore::Result &r) {
        if (m_signingOut)
            return;
        if (r.status == SecretStore::Status::NotFound) {
            needsSignIn(tr("No sign-in is stored for this account."));
            return;
        }
        if (r.status != SecretStore::Status::Ok || !r.secret) {
            keychainUnavailable(r.error);
            return;
        }
        QByteArray bytes = *r.secret;
        auto stored = TokenSetCodec::decode(bytes);
        TokenSetCodec::wipe(bytes);
        if (!stored || stored->refreshToken.isEmpty()) {
            needsSignIn(tr("The stored sign-in cannot be renewed."));
            return;
        }
        m_refresher->refresh(
            key(), stored->refreshToken, this, [this](const TokenRefresher::Result &result) {
                if (m_signingOut)
                    return;
                switch (result.status) {
                case TokenRefresher::Status::Refreshed:
                    TokenSetCodec::wipe(m_accessToken);
                    m_accessToken = result.tokens.accessToken;
                    // Granted scopes come from validate, never from the token response.
                    validate();
                    return;
                case TokenRefresher::Status::Rejected:
                    needsSignIn(tr("Twitch refused to renew this sign-in."));
                    return;
                case TokenRefresher::Status::PersistFailed:
                    // The rotated refresh token could not be kept; the old one is spent.
                    keychainUnavailable(result.error);
                    return;
                case TokenRefresher::Status::Failed:
                    // Could not reach the platform: try again later, not in a loop.
                    m_lastError = result.error;
                    m_refreshUsed = false;
                    m_nextValidationAt = now().addSecs(m_options.retryAfterFailureSecs);
                    setState(State::Loading);
                    return;
                }
            });
        TokenSetCodec::wipe(stored->refreshToken);
    });
}

void AccountSession::needsSignIn(const QString &reason)
{
    m_poll.stop();
    m_lastError = reason;
    TokenSetCodec::wipe(m_accessToken);
    setState(State::NeedsSignIn);
    Q_EMIT signInRequired(reason);
    Q_EMIT sessionsMustStop(reason);
}

void AccountSession::keychainUnavailable(const QString &reason)
{
    m_poll.stop();
    m_lastError = reason;
    TokenSetCodec::wipe(m_accessToken);
    setState(State::KeychainUnavailable);
    Q_EMIT sessionsMustStop(reason);
}

void AccountSession::signOut()
{
    if (m_signingOut || m_state == State::SignedOut)
        return;
    m_signingOut = true;
    m_poll.stop();
    // Rooms stop first: nothing may use the token while it is being revoked.
    Q_EMIT sessionsMustStop(tr("Signed out."));
    if (!m_accessToken.isEmpty()) {
        revokeAndDelete(m_accessToken);
        return;
    }
    m_secrets->read(key(), [this](const SecretStore::Result &r) {
        if (r.status == SecretStore::Status::NotFound) {
            finishSignOut(false);
            return;
        }
        if (r.status != SecretStore::Status::Ok || !r.secret) {
            m_signingOut = false;
            keychainUnavailable(r.error);
            Q_EMIT signOutFailed(r.error);
            return;
        }
        QByteArray bytes = *r.secret;
        auto tokens = TokenSetCodec::decode(bytes);
        TokenSetCodec::wipe(bytes);
        revokeAndDelete(tokens ? tokens->accessToken : QString());
    });
}

void AccountSession::revokeAndDelete(const QString &accessToken)
{
    const auto deleteEntry = [this](bool revoked) {
        m_secrets->remove(key(), [this, revoked](const SecretStore::Result &d) {
            if (d.status != SecretStore::Status::Ok && d.status != SecretStore::Status::NotFound) {
                m_signingOut = false;
                keychainUnavailable(d.error);
                Q_EMIT signOutFailed(d.error);
                return;
            }
            finishSignOut(revoked);
        });
    };
    if (accessToken.isEmpty()) {
        deleteEntry(false);
        return;
    }
    // §2.7: revoke the access token, then delete the keychain entry — whatever the platform
    // answered: the user asked for the tokens to be gone from this computer.
    m_revoker->revoke(accessToken, TokenRevoker::TokenType::AccessToken, this,
                      [deleteEntry](const TokenRevoker::Result &r) {
                          if (!r.ok())
                              qCWarning(lcAuth) << "revoke at sign-out failed:" << r.error;
                          deleteEntry(r.ok());
                      });
}

void AccountSession::finishSignOut(bool revoked)
{
    TokenSetCodec::wipe(m_accessToken);
    for (const QString &secret : std::as_const(m_registeredSecrets))
        m_redactor->removeSecret(secret);
    m_registeredSecrets.clear();
    m_signingOut = false;
    setState(State::SignedOut);
    Q_EMIT signedOut(revoked);
}

QString AccountSession::stateName(State state)
{
    switch (state) {
    case State::Loading:
        return tr("Checking sign-in…");
    case State::Valid:
        return tr("Signed in");
    case State::Refreshing:
        return tr("Renewing sign-in…");
    case State::NeedsSignIn:
        return tr("Needs sign-in");
    case State::KeychainUnavailable:
        return tr("Keychain unavailable");
    case State::SignedOut:
        return tr("Signed out");
    }
    return {};
}

} // namespace roomwarden::auth
