#include "core/net/ApiClient.h"

#include "core/util/Logging.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QTimer>

#include <memory>

namespace roomwarden::net {

namespace {
struct ReplyFlags
{
    bool timedOut = false;
    bool tlsRejected = false;
    bool oversized = false;
};

std::optional<int> headerInt(QNetworkReply *reply, const QByteArray &name)
{
    if (!reply->hasRawHeader(name))
        return std::nullopt;
    bool ok = false;
    const qlonglong v = reply->rawHeader(name).trimmed().toLongLong(&ok);
    if (!ok || v < 0 || v > std::numeric_limits<int>::max())
        return std::nullopt;
    return int(v);
}
} // namespace

ApiClient::ApiClient(EgressPolicy egress, TlsPolicy tls, QObject *parent)
    : QObject(parent), m_egress(std::move(egress)), m_tls(std::move(tls)),
      m_nam(new QNetworkAccessManager(this))
{
    // Qt 6 follows "no less safe" redirects by default and keeps the headers it was given:
    // switched off for everything this client sends.
    m_nam->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    m_nam->setStrictTransportSecurityEnabled(true);
}

ApiClient::~ApiClient()
{
    // Replies are children of the manager; make sure none calls back into a dying client.
    for (const QPointer<QNetworkReply> &r : std::as_const(m_replies)) {
        if (r) {
            r->disconnect(this);
            r->abort();
        }
    }
}

void ApiClient::deliverLater(QObject *context, Callback done, ApiResponse response)
{
    QPointer<QObject> guard(context ? context : this);
    QMetaObject::invokeMethod(
        this,
        [guard, done = std::move(done), response = std::move(response)] {
            if (guard && done)
                done(response);
        },
        Qt::QueuedConnection);
}

void ApiClient::send(const ApiRequest &request, QObject *context, Callback done)
{
    const QUrl &url = request.url;
    std::optional<QString> refusal;
    if (!m_egress.mayConnect(url))
        refusal = m_egress.refusalReason(url);
    else if (request.carriesCredentials() && !m_egress.maySendCredentials(url))
        refusal = m_egress.refusalReason(url);
    else if (url.scheme() == u"https" && !m_tls.mayConnect(url))
        refusal = QStringLiteral("TLS policy trusts no certificate for %1").arg(url.host());
    if (refusal) {
        qCWarning(lcNet) << "refused" << request.verb << url.host() << url.path() << *refusal;
        ApiResponse r;
        r.error = ApiError::refused(*refusal);
        deliverLater(context, std::move(done), std::move(r));
        return;
    }

    QNetworkRequest req(url);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                     QNetworkRequest::ManualRedirectPolicy);
    req.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    req.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    req.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    req.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    if (url.scheme() == u"https")
        req.setSslConfiguration(m_tls.configurationFor(url));
    req.setRawHeader("Accept", "application/json");
    if (!request.contentType.isEmpty())
        req.setHeader(QNetworkRequest::ContentTypeHeader, request.contentType);
    switch (request.auth) {
    case AuthScheme::None:
        break;
    case AuthScheme::Bearer:
        req.setRawHeader("Authorization", "Bearer " + request.accessToken.toUtf8());
        break;
    case AuthScheme::OAuth:
        req.setRawHeader("Authorization", "OAuth " + request.accessToken.toUtf8());
        break;
    }
    if (!request.clientId.isEmpty())
        req.setRawHeader("Client-Id", request.clientId.toUtf8());

    QNetworkReply *reply = request.verb == "GET"
                               ? m_nam->get(req)
                               : m_nam->sendCustomRequest(req, request.verb, request.body);
    m_replies.append(reply);
    qCDebug(lcNet) << request.verb << url.host() << url.path();

    auto flags = std::make_shared<ReplyFlags>();
    auto *timer = new QTimer(reply);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, reply, [reply, flags] {
        flags->timedOut = true;
        reply->abort();
    });
    timer->start(m_timeoutMs);

    connect(reply, &QNetworkReply::encrypted, this, [this, reply, flags, url] {
        if (!m_tls.acceptsPeer(url, reply->sslConfiguration().peerCertificate())) {
            flags->tlsRejected = true;
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::downloadProgress, reply, [reply, flags](qint64 received) {
        if (received > kMaxReplyBytes) {
            flags->oversized = true;
            reply->abort();
        }
    });
    QPointer<QObject> guard(context ? context : this);
    connect(reply, &QNetworkReply::finished, this, [this, reply, flags, guard, done] {
        m_replies.removeAll(reply);
        reply->deleteLater();
        if (flags->oversized) {
            if (guard && done)
                done(ApiResponse{0, {}, {}, ApiError::refused(QStringLiteral("reply too large"))});
            return;
        }
        finish(reply, guard, done, flags->timedOut, flags->tlsRejected);
    });
}

void ApiClient::finish(QNetworkReply *reply, QObject *context, const Callback &done, bool timedOut,
                       bool tlsRejected)
{
    ApiResponse r;
    r.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    updateRateLimit(reply);
    const QUrl url = reply->request().url();
    if (tlsRejected) {
        r.error = ApiError{ApiError::Kind::Tls,
                           0,
                           QStringLiteral("peer certificate is not the pinned certificate"),
                           {}};
    } else if (timedOut) {
        r.error = ApiError{ApiError::Kind::Network,
                           0,
                           QStringLiteral("timed out after %1 ms").arg(m_timeoutMs),
                           {}};
    } else if (r.httpStatus == 0) {
        const auto err = reply->error();
        const bool tls = err == QNetworkReply::SslHandshakeFailedError;
        r.error = ApiError{
            tls ? ApiError::Kind::Tls : ApiError::Kind::Network, 0, reply->errorString(), {}};
    } else {
        r.body = reply->readAll();
        if (r.httpStatus >= 300 && r.httpStatus < 400) {
            // Never followed: the Location could be any host (promise 3).
            r.error = ApiError{
                ApiError::Kind::Refused, r.httpStatus, QStringLiteral("redirect not followed"), {}};
        } else if (r.httpStatus >= 400) {
            r.error = ApiError::fromHttp(r.httpStatus, r.body);
        } else if (!r.body.trimmed().isEmpty()) {
            QJsonParseError pe{};
            r.json = QJsonDocument::fromJson(r.body, &pe);
            if (pe.error != QJsonParseError::NoError || r.json.isNull()) {
                r.error = ApiError{ApiError::Kind::Parse,
                                   r.httpStatus,
                                   QStringLiteral("invalid JSON: %1").arg(pe.errorString()),
                                   {}};
            }
        }
    }
    qCDebug(lcNet) << "reply" << url.host() << url.path() << r.httpStatus
                   << (r.error ? apiErrorKindName(r.error->kind) : QStringLiteral("ok"));
    if (context && done)
        done(r);
}

void ApiClient::updateRateLimit(QNetworkReply *reply)
{
    RateLimitState next = m_rateLimit;
    bool seen = false;
    if (auto v = headerInt(reply, "Ratelimit-Limit")) {
        next.limit = v;
        seen = true;
    }
    if (auto v = headerInt(reply, "Ratelimit-Remaining")) {
        next.remaining = v;
        seen = true;
    }
    if (reply->hasRawHeader("Ratelimit-Reset")) {
        bool ok = false;
        const qint64 epoch = reply->rawHeader("Ratelimit-Reset").trimmed().toLongLong(&ok);
        if (ok && epoch > 0) {
            next.resetAt = QDateTime::fromSecsSinceEpoch(epoch, Qt::UTC);
            seen = true;
        }
    }
    if (seen && !(next == m_rateLimit)) {
        m_rateLimit = next;
        Q_EMIT rateLimitChanged(m_rateLimit);
    }
}

void ApiClient::abortAll()
{
    const auto replies = m_replies;
    for (const QPointer<QNetworkReply> &r : replies) {
        if (r)
            r->abort();
    }
}

} // namespace roomwarden::net
