#pragma once
#include "core/net/ApiError.h"
#include "core/net/ApiRequest.h"
#include "core/net/EgressPolicy.h"
#include "core/net/TlsPolicy.h"

#include <QObject>
#include <QPointer>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace roomwarden::net {

// The one place that puts Roomwarden's requests on the wire (ARCHITECTURE: "rate limits only
// in net"). It
//  - refuses, before any network call, a credentialed request whose origin is not in the
//    EgressPolicy, and any request the TlsPolicy could not verify;
//  - never follows redirects (a 3xx is an error), so credentials never reach a second host;
//  - maps every outcome to ApiResponse / ApiError, parses JSON, caps reply sizes;
//  - tracks Ratelimit-Limit/Remaining/Reset;
//  - never logs a token (only verb, host, path and status reach lcNet).
class ApiClient : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const ApiResponse &)>;

    static constexpr int kDefaultTimeoutMs = 30'000;
    static constexpr qint64 kMaxReplyBytes = 8 * 1024 * 1024;

    ApiClient(EgressPolicy egress, TlsPolicy tls, QObject *parent = nullptr);
    ~ApiClient() override;

    // Sends `request`; `done` runs later on this thread (never synchronously, even when the
    // request is refused) unless `context` has been destroyed by then.
    void send(const ApiRequest &request, QObject *context, Callback done);
    // Aborts everything in flight; their callbacks run with a Network error.
    void abortAll();

    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    int timeoutMs() const { return m_timeoutMs; }
    RateLimitState rateLimit() const { return m_rateLimit; }
    const EgressPolicy &egressPolicy() const { return m_egress; }
    const TlsPolicy &tlsPolicy() const { return m_tls; }
    int inFlight() const { return int(m_replies.size()); }

Q_SIGNALS:
    void rateLimitChanged(const roomwarden::net::RateLimitState &state);

private:
    void finish(QNetworkReply *reply, QObject *context, const Callback &done, bool timedOut,
                bool tlsRejected);
    void updateRateLimit(QNetworkReply *reply);
    void deliverLater(QObject *context, Callback done, ApiResponse response);

    EgressPolicy m_egress;
    TlsPolicy m_tls;
    QNetworkAccessManager *m_nam = nullptr;
    QList<QPointer<QNetworkReply>> m_replies;
    RateLimitState m_rateLimit;
    int m_timeoutMs = kDefaultTimeoutMs;
};

} // namespace roomwarden::net
