#include "sandbox/HelixRouter.h"

#include "sandbox/Faults.h"
#include "sandbox/HelixChannelRoutes.h"
#include "sandbox/HelixChatRoutes.h"
#include "sandbox/HelixModerationRoutes.h"
#include "sandbox/HelixTermsRoutes.h"
#include "sandbox/World.h"

#if __has_include("sandbox/EventSubServer.h")
#include "sandbox/EventSubServer.h"
#define ROOMWARDEN_SANDBOX_HAS_EVENTSUB 1
#endif

namespace roomwarden::sandbox {

namespace {

// §3.1: removed endpoints answer 410 (twitch-cli's wording; prod's is [UNVERIFIED]).
bool isGone(const QString &path)
{
    return path == QLatin1String("/users/follows") || path == QLatin1String("/tags/streams") ||
           path == QLatin1String("/streams/tags") || path == QLatin1String("/hypetrain/events") ||
           path.startsWith(QLatin1String("/soundtrack/")) || path == QLatin1String("/soundtrack");
}

} // namespace

HelixRouter::HelixRouter(World *world, Faults *faults)
    : m_world(world), m_faults(faults), m_limiter(world->config().rateLimitPointsPerMinute)
{
    m_channelRoutes = std::make_unique<HelixChannelRoutes>(world);
    m_moderationRoutes = std::make_unique<HelixModerationRoutes>(world, faults);
    m_chatRoutes = std::make_unique<HelixChatRoutes>(world);
    m_termsRoutes = std::make_unique<HelixTermsRoutes>(world);
    m_routes << m_channelRoutes->routes() << m_moderationRoutes->routes() << m_chatRoutes->routes()
             << m_termsRoutes->routes();
    addEventSubRoutes();
}

HelixRouter::~HelixRouter() = default;

std::optional<HttpResult> HelixRouter::handle(const ApiRequest &request)
{
    if (request.path != QLatin1String("/helix") &&
        !request.path.startsWith(QLatin1String("/helix/")))
        return std::nullopt;
    QString path = request.path.mid(6);
    if (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    return dispatch(request, path);
}

HttpResult HelixRouter::dispatch(const ApiRequest &request, const QString &path)
{
    if (isGone(path))
        return HttpResult::helixError(410, QStringLiteral("The API is deprecated."));
    const HelixRoute *route = nullptr;
    bool pathKnown = false;
    for (const HelixRoute &r : m_routes) {
        if (r.path == path) {
            pathKnown = true;
            if (r.method == request.method)
                route = &r;
        }
    }
    if (!route)
        return pathKnown ? HttpResult::helixError(405, QStringLiteral("Method Not Allowed"))
                         : HttpResult::helixError(404, QStringLiteral("Not Found"));

    // §3.1 header checks. A missing Client-Id is reported like a mismatch.
    const QByteArray auth = request.header("Authorization").trimmed();
    if (auth.isEmpty())
        return HttpResult::helixError(401, QStringLiteral("OAuth token is missing"));
    std::optional<TokenGrant> grant;
    if (auth.size() > 7 && auth.left(7).toLower() == "bearer ")
        grant = m_world->grantFor(QString::fromLatin1(auth.mid(7).trimmed()));
    if (!grant)
        return HttpResult::helixError(401, QStringLiteral("Invalid OAuth token"));
    if (QString::fromLatin1(request.header("Client-Id").trimmed()) != grant->clientId)
        return HttpResult::helixError(401,
                                      QStringLiteral("Client ID and OAuth token do not match"));

    const QDateTime now = m_world->now();
    RateLimiter::Outcome rate;
    bool limited = false;
    if (m_faults->rateLimitStorm > 0) {
        --m_faults->rateLimitStorm;
        rate = m_limiter.peek(grant->clientId, grant->userId, now);
        rate.remaining = 0;
        limited = true;
    } else {
        rate = m_limiter.take(grant->clientId, grant->userId, now);
        limited = !rate.allowed;
    }
    HttpResult result =
        limited ? HttpResult::helixError(429, QStringLiteral("Too many requests: the rate limit "
                                                             "bucket for this client and user is "
                                                             "empty"))
                : route->handler(HelixCall{request, *grant});
    result.headers.append({"Ratelimit-Limit", QByteArray::number(rate.limit)});
    result.headers.append({"Ratelimit-Remaining", QByteArray::number(rate.remaining)});
    result.headers.append({"Ratelimit-Reset", QByteArray::number(rate.resetEpochSecs)});
    return result;
}

void HelixRouter::addEventSubRoutes()
{
    const QString path = QStringLiteral("/eventsub/subscriptions");
#ifdef ROOMWARDEN_SANDBOX_HAS_EVENTSUB
    auto unavailable = [] {
        return HttpResult::helixError(503, QStringLiteral("EventSub is not running"));
    };
    m_routes << HelixRoute{QStringLiteral("POST"), path, [this, unavailable](const HelixCall &c) {
                               if (!m_eventSub)
                                   return unavailable();
                               QJsonObject body;
                               if (auto e = helix::parseBody(c, &body))
                                   return *e;
                               return m_eventSub->createSubscription(c.grant, body);
                           }};
    m_routes << HelixRoute{QStringLiteral("GET"), path, [this, unavailable](const HelixCall &c) {
                               if (!m_eventSub)
                                   return unavailable();
                               return m_eventSub->listSubscriptions(c.grant, c.request.query);
                           }};
    m_routes << HelixRoute{QStringLiteral("DELETE"), path, [this, unavailable](const HelixCall &c) {
                               if (!m_eventSub)
                                   return unavailable();
                               return m_eventSub->deleteSubscription(c.grant, c.request.query);
                           }};
#else
    for (const char *method : {"GET", "POST", "DELETE"}) {
        m_routes << HelixRoute{QString::fromLatin1(method), path, [](const HelixCall &) {
                                   return HttpResult::helixError(
                                       503, QStringLiteral("EventSub is not running"));
                               }};
    }
#endif
}

} // namespace roomwarden::sandbox
