#pragma once
// Helix moderation lists (specs/twitch.md §3.3): moderation/blocked_terms (GET, POST, DELETE —
// 204 even for unknown ids) and moderation/unban_requests (GET with required status, PATCH with
// query-only parameters).
#include "sandbox/HelixSupport.h"

#include <QList>

namespace roomwarden::sandbox {

class World;
struct BlockedTerm;
struct UnbanRequest;

class HelixTermsRoutes
{
public:
    explicit HelixTermsRoutes(World *world) : m_world(world) {}
    QList<HelixRoute> routes();

private:
    HttpResult blockedTerms(const HelixCall &call);
    HttpResult addBlockedTerm(const HelixCall &call);
    HttpResult removeBlockedTerm(const HelixCall &call);
    HttpResult unbanRequests(const HelixCall &call);
    HttpResult resolveUnbanRequest(const HelixCall &call);
    QJsonObject termJson(const QString &broadcasterId, const BlockedTerm &term) const;
    QJsonObject requestJson(const QString &broadcasterId, const UnbanRequest &request) const;

    World *m_world;
};

} // namespace roomwarden::sandbox
