#pragma once
// Helix chat endpoints (specs/twitch.md §3.3): chat/settings (GET, PATCH with the pairing and
// range rules), chat/messages (Send Chat Message), chat/announcements (1 per 2 s per channel).
#include "sandbox/HelixSupport.h"

#include <QList>

namespace roomwarden::sandbox {

class World;
struct ChatSettings;

class HelixChatRoutes
{
public:
    explicit HelixChatRoutes(World *world) : m_world(world) {}
    QList<HelixRoute> routes();

private:
    HttpResult settings(const HelixCall &call);
    HttpResult updateSettings(const HelixCall &call);
    HttpResult sendMessage(const HelixCall &call);
    HttpResult announce(const HelixCall &call);
    QJsonObject settingsJson(const QString &broadcasterId, const QString &moderatorId) const;

    World *m_world;
};

} // namespace roomwarden::sandbox
