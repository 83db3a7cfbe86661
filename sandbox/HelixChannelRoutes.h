#pragma once
// Helix reads about users, streams and channels (specs/twitch.md §3.3): users, streams,
// channels, chat/chatters, channels/followers, moderation/channels, and the B-only lists
// moderation/moderators and channels/vips.
#include "sandbox/HelixSupport.h"

#include <QList>

namespace roomwarden::sandbox {

class World;

class HelixChannelRoutes
{
public:
    explicit HelixChannelRoutes(World *world) : m_world(world) {}
    QList<HelixRoute> routes();

private:
    HttpResult users(const HelixCall &call);
    HttpResult streams(const HelixCall &call);
    HttpResult channels(const HelixCall &call);
    HttpResult chatters(const HelixCall &call);
    HttpResult followers(const HelixCall &call);
    HttpResult moderatedChannels(const HelixCall &call);
    HttpResult moderators(const HelixCall &call);
    HttpResult vips(const HelixCall &call);
    HttpResult userList(const HelixCall &call, const QStringList &ids);

    World *m_world;
};

} // namespace roomwarden::sandbox
