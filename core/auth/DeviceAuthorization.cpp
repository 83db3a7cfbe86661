#include "core/auth/DeviceAuthorization.h"

#include "core/net/ApiClient.h"
#include "core/util/Logging.h"

#include <QDateTime>
#include <QUrlQuery>

namespace roomwarden::auth {

namespace {
const QString kGrantType = QStringLiteral("urn:ietf:params:oauth:grant-type:device_code");
// RFC 8628 §3.5: slow_down adds 5 seconds to the polling interval.
constexpr int kSlowDownSecs = 5;
constexpr int kMaxIntervalSecs = 120;
} // namespace

DeviceAuthorization::DeviceAuthorization(net::ApiClient *api, Options options, QObject *parent)
    : QObject(parent), m_api(api), m_options(std::move(options))
{
    m_pollTimer.setSingleShot(true);
    m_expiryTimer.setSingleShot(true);
    connect(&m_pollTimer, &QTimer::timeout, this, &DeviceAuthorization::poll);
    connect(&m_expiryTimer, &QTimer::timeout, this, [this] {
        m_expired = true;
        fail(Error::Expired, QStringLiteral("the sign-in code expired"));
    });
}

DeviceAuthorization::~DeviceAuthorization() = default;

DeviceAuthorization::Options DeviceAuthorization::Options::rfc8628(QUrl deviceAuthorizationEndpoint,
                                                                   QUrl tokenEndpoint,
                                                                   QString clientId,
                                                                   QStringList scopes)
{
    Options o;
    o.deviceAuthorizationEndpoint = std::move(deviceAuthorizationEndpoint);
    o.tokenEndpoint = std::move(tokenEndpoint);
    o.clientId = std::move(clientId);
    o.scopes = std::move(scopes);
    o.scopeParameter = QStringLiteral("scope");
    o.scopeOnPoll = false;
    return o;
}

QUrl DeviceAuthorization::endpoint(const QString &path) const
{
    QUrl url = m_options.idBase;
    url.setPath(QString(url.path() + path));
    return url;
}

void DeviceAuthorization::start()
{
    cancel();
    m_verificationUriComplete.clear();
    m_active = true;
    m_expired = false;
    m_polls = 0;
    m_lastError = Error::None;
    const quint64 generation = ++m_generation;
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("client_id"), m_options.clientId);
    form.addQueryItem(m_options.scopeParameter, m_options.scopes.join(u' '));
    const QUrl url = m_options.deviceAuthorizationEndpoint.isEmpty()
                         ? endpoint(QStringLiteral("/oauth2/device"))
                         : m_options.deviceAuthorizationEndpoint;
    net::ApiRequest request = net::ApiRequest::form(url, form);
    request.bodyCarriesCredentials = true; // the client id belongs to Twitch's hosts only
    m_api->send(request, this, [this, generation](const net::ApiResponse &r) {
        if (generation == m_generation && m_active)
            onStarted(r);
    });
}

void DeviceAuthorization::cancel()
{
    if (m_active)
        m_lastError = Error::Cancelled;
    m_active = false;
    ++m_generation;
    m_pollTimer.stop();
    m_expiryTimer.stop();
    m_deviceCode.clear();
}

void DeviceAuthorization::fail(Error error, const QString &reason)
{
    if (!m_active)
        return;
    cancel();
    m_lastError = error;
    qCWarning(lcAuth) << "device authorization failed:" << reason;
    Q_EMIT failed(reason);
}

void DeviceAuthorization::onStarted(const net::ApiResponse &r)
{
    if (!r.ok()) {
        const bool network = r.error->kind == net::ApiError::Kind::Network ||
                             r.error->kind == net::ApiError::Kind::Tls ||
                             r.error->kind == net::ApiError::Kind::Refused;
        fail(network ? Error::Network : Error::Protocol,
             QStringLiteral("could not start sign-in: %1").arg(r.error->message));
        return;
    }
    const QJsonObject o = r.object();
    m_deviceCode = o.value(QStringLiteral("device_code")).toString();
    m_userCode = o.value(QStringLiteral("user_code")).toString();
    // §2.4: `verification_uri` (some samples wrongly read `verification_url`).
    const QUrl verification(o.value(QStringLiteral("verification_uri")).toString());
    m_verificationUriComplete =
        QUrl(o.value(QStringLiteral("verification_uri_complete")).toString());
    const int expiresIn = o.value(QStringLiteral("expires_in")).toInt(0);
    const int interval = o.value(QStringLiteral("interval")).toInt(5);
    if (m_deviceCode.isEmpty() || m_userCode.isEmpty() || expiresIn <= 0) {
        fail(Error::Protocol, QStringLiteral("the device authorization reply is incomplete"));
        return;
    }
    m_intervalSecs = std::clamp(interval, m_options.minimumIntervalSecs, kMaxIntervalSecs);
    m_expiryTimer.start(qint64(expiresIn) * m_options.msPerSecond);
    qCInfo(lcAuth) << "device authorization started; polling every" << m_intervalSecs << "s";
    Q_EMIT userCodeReady(m_userCode, verification, expiresIn);
    scheduleNextPoll();
}

void DeviceAuthorization::scheduleNextPoll()
{
    if (m_active && !m_expired)
        m_pollTimer.start(m_intervalSecs * m_options.msPerSecond);
}

void DeviceAuthorization::poll()
{
    if (!m_active)
        return;
    ++m_polls;
    const quint64 generation = m_generation;
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("client_id"), m_options.clientId);
    form.addQueryItem(QStringLiteral("device_code"), m_deviceCode);
    form.addQueryItem(QStringLiteral("grant_type"), kGrantType);
    // §2.4: optional; twitch-cli sends it.
    if (m_options.scopeOnPoll)
        form.addQueryItem(m_options.scopeParameter, m_options.scopes.join(u' '));
    const QUrl url = m_options.tokenEndpoint.isEmpty() ? endpoint(QStringLiteral("/oauth2/token"))
                                                       : m_options.tokenEndpoint;
    net::ApiRequest request = net::ApiRequest::form(url, form);
    request.bodyCarriesCredentials = true;
    m_api->send(request, this, [this, generation](const net::ApiResponse &r) {
        if (generation == m_generation && m_active)
            onPolled(r);
    });
}

void DeviceAuthorization::onPolled(const net::ApiResponse &r)
{
    if (r.ok()) {
        QString error;
        auto tokens =
            TokenSet::fromTokenResponse(r.object(), QDateTime::currentDateTimeUtc(), &error);
        if (!tokens) {
            fail(Error::Protocol, error);
            return;
        }
        cancel();
        m_lastError = Error::None;
        qCInfo(lcAuth) << "device authorization succeeded after" << m_polls << "polls";
        Q_EMIT succeeded(*tokens);
        return;
    }
    const net::ApiError &e = *r.error;
    if (e.kind == net::ApiError::Kind::Http || e.kind == net::ApiError::Kind::RateLimited) {
        if (e.mentions(QStringLiteral("authorization_pending"))) {
            scheduleNextPoll();
            return;
        }
        if (e.mentions(QStringLiteral("slow_down")) || e.kind == net::ApiError::Kind::RateLimited) {
            m_intervalSecs = std::min(m_intervalSecs + kSlowDownSecs, kMaxIntervalSecs);
            scheduleNextPoll();
            return;
        }
        if (e.mentions(QStringLiteral("access_denied"))) {
            fail(Error::Denied, QStringLiteral("sign-in was declined"));
            return;
        }
        if (e.mentions(QStringLiteral("expired_token"))) {
            fail(Error::Expired, QStringLiteral("the sign-in code expired"));
            return;
        }
        // §2.4 [OBS issue#971]: "invalid device code" was seen *before* approval, so it is
        // fatal only once expires_in has passed (the expiry timer ends the run then).
        if (e.mentions(QStringLiteral("invalid device code")) || e.httpStatus >= 500) {
            scheduleNextPoll();
            return;
        }
        fail(Error::Protocol, QStringLiteral("sign-in failed: %1").arg(e.message));
        return;
    }
    if (e.kind == net::ApiError::Kind::Refused) {
        fail(Error::Network, e.message);
        return;
    }
    // Network, TLS or a garbled body: transient; keep polling until the code expires.
    qCInfo(lcAuth) << "device poll failed, retrying:" << net::apiErrorKindName(e.kind);
    scheduleNextPoll();
}

} // namespace roomwarden::auth
