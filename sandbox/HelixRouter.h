#pragma once
// The Helix clone's front door (specs/twitch.md §3.1): 410 for removed endpoints, 404 for unknown
// ones, then the token/Client-Id checks, the per-(client, user) rate-limit bucket with
// Ratelimit-* headers on every response, then the route. Routes live in Helix*Routes classes.
#include "sandbox/HelixSupport.h"
#include "sandbox/RateLimiter.h"

#include <QList>

#include <memory>

#include <optional>

namespace roomwarden::sandbox {

class EventSubServer;
class Faults;
class HelixChannelRoutes;
class HelixChatRoutes;
class HelixModerationRoutes;
class HelixTermsRoutes;
class World;

class HelixRouter
{
public:
    HelixRouter(World *world, Faults *faults);
    ~HelixRouter();

    void setEventSub(EventSubServer *eventSub) { m_eventSub = eventSub; }
    // nullopt = not a /helix path.
    std::optional<HttpResult> handle(const ApiRequest &request);

private:
    HttpResult dispatch(const ApiRequest &request, const QString &path);
    void addEventSubRoutes();

    World *m_world;
    Faults *m_faults;
    EventSubServer *m_eventSub = nullptr;
    RateLimiter m_limiter;
    // The route tables capture these; they live as long as the router.
    std::unique_ptr<HelixChannelRoutes> m_channelRoutes;
    std::unique_ptr<HelixModerationRoutes> m_moderationRoutes;
    std::unique_ptr<HelixChatRoutes> m_chatRoutes;
    std::unique_ptr<HelixTermsRoutes> m_termsRoutes;
    QList<HelixRoute> m_routes;
};

} // namespace roomwarden::sandbox
