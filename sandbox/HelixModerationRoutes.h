#pragma once
// Helix moderation writes and B-only reads (specs/twitch.md §3.3): moderation/bans (POST ban or
// timeout, DELETE unban), moderation/banned, moderation/chat (DELETE), moderation/warnings,
// moderation/automod/message, moderation/shield_mode. Every change goes through
// World::applyAction so ground truth and EventSub see it.
#include "sandbox/HelixSupport.h"

#include <QList>

namespace roomwarden::sandbox {

class Faults;
class World;

class HelixModerationRoutes
{
public:
    HelixModerationRoutes(World *world, Faults *faults) : m_world(world), m_faults(faults) {}
    QList<HelixRoute> routes();

private:
    HttpResult ban(const HelixCall &call);
    HttpResult unban(const HelixCall &call);
    HttpResult banned(const HelixCall &call);
    HttpResult deleteMessages(const HelixCall &call);
    HttpResult warn(const HelixCall &call);
    HttpResult automodMessage(const HelixCall &call);
    HttpResult shieldMode(const HelixCall &call);
    HttpResult updateShieldMode(const HelixCall &call);
    QJsonObject shieldJson(const QString &broadcasterId) const;
    std::optional<HttpResult> conflict();

    World *m_world;
    Faults *m_faults;
};

} // namespace roomwarden::sandbox
