#include "sandbox/HelixChannelRoutes.h"

#include "sandbox/World.h"

namespace roomwarden::sandbox {

using namespace helix;

QList<HelixRoute> HelixChannelRoutes::routes()
{
    auto bind = [this](HttpResult (HelixChannelRoutes::*fn)(const HelixCall &)) {
        return [this, fn](const HelixCall &c) { return (this->*fn)(c); };
    };
    const QString get = QStringLiteral("GET");
    return {
        {get, QStringLiteral("/users"), bind(&HelixChannelRoutes::users)},
        {get, QStringLiteral("/streams"), bind(&HelixChannelRoutes::streams)},
        {get, QStringLiteral("/channels"), bind(&HelixChannelRoutes::channels)},
        {get, QStringLiteral("/chat/chatters"), bind(&HelixChannelRoutes::chatters)},
        {get, QStringLiteral("/channels/followers"), bind(&HelixChannelRoutes::followers)},
        {get, QStringLiteral("/moderation/channels"), bind(&HelixChannelRoutes::moderatedChannels)},
        {get, QStringLiteral("/moderation/moderators"), bind(&HelixChannelRoutes::moderators)},
        {get, QStringLiteral("/channels/vips"), bind(&HelixChannelRoutes::vips)}};
}

HttpResult HelixChannelRoutes::users(const HelixCall &call)
{
    const QStringList ids = call.params("id");
    const QStringList logins = call.params("login");
    if (ids.size() + logins.size() > 100)
        return HttpResult::helixError(400, QStringLiteral("The sum of the id and login "
                                                          "parameters may not exceed 100"));
    QList<const User *> found;
    if (ids.isEmpty() && logins.isEmpty()) {
        found << m_world->user(call.grant.userId);
    } else {
        for (const QString &id : ids)
            found << m_world->user(id);
        for (const QString &login : logins)
            found << m_world->userByLogin(login);
    }
    QJsonArray data;
    for (const User *u : found) {
        if (!u)
            continue; // §3.3: unknown ids are simply absent
        data.append(QJsonObject{{QStringLiteral("id"), u->id},
                                {QStringLiteral("login"), u->login},
                                {QStringLiteral("display_name"), u->displayName},
                                {QStringLiteral("type"), u->type},
                                {QStringLiteral("broadcaster_type"), u->broadcasterType},
                                {QStringLiteral("description"), u->description},
                                {QStringLiteral("profile_image_url"), QString()},
                                {QStringLiteral("offline_image_url"), QString()},
                                {QStringLiteral("view_count"), 0},
                                {QStringLiteral("created_at"), timestamp(u->createdAt)}});
    }
    return okData(data);
}

HttpResult HelixChannelRoutes::streams(const HelixCall &call)
{
    const QString type = call.has("type") ? call.param("type") : QStringLiteral("all");
    if (type != QLatin1String("all") && type != QLatin1String("live"))
        return HttpResult::helixError(400, QStringLiteral("Invalid type"));
    QStringList ids = call.params("user_id");
    for (const QString &login : call.params("user_login")) {
        if (const User *u = m_world->userByLogin(login))
            ids << u->id;
    }
    if (ids.isEmpty()) {
        for (const User &u : m_world->users())
            ids << u.id;
    }
    QJsonArray all;
    for (const QString &id : ids) {
        const Channel *c = m_world->channel(id);
        if (!c || !c->stream.live)
            continue; // §3.3: offline users are simply absent
        QJsonObject o{
            {QStringLiteral("id"), c->stream.streamId},
            {QStringLiteral("game_id"), c->stream.gameId},
            {QStringLiteral("game_name"), c->stream.gameName},
            {QStringLiteral("type"), QStringLiteral("live")},
            {QStringLiteral("title"), c->stream.title},
            {QStringLiteral("tags"), QJsonArray::fromStringList(c->stream.tags)},
            {QStringLiteral("viewer_count"), c->stream.viewerCount},
            {QStringLiteral("started_at"), timestamp(c->stream.startedAt)},
            {QStringLiteral("language"), c->stream.language},
            {QStringLiteral("thumbnail_url"),
             QStringLiteral("https://127.0.0.1/previews/%1-{width}x{height}.jpg").arg(id)},
            {QStringLiteral("tag_ids"), QJsonArray()},
            {QStringLiteral("is_mature"), false}};
        QJsonObject user;
        addUserFields(*m_world, user, QStringLiteral("user"), id);
        for (auto it = user.constBegin(); it != user.constEnd(); ++it)
            o.insert(it.key(), it.value());
        all.append(o);
    }
    Page page;
    if (auto e = pageOf(call, all, 20, 100, &page))
        return *e;
    return ok(
        {{QStringLiteral("data"), page.data}, {QStringLiteral("pagination"), page.pagination}});
}

HttpResult HelixChannelRoutes::channels(const HelixCall &call)
{
    const QStringList ids = call.params("broadcaster_id");
    if (ids.isEmpty())
        return HttpResult::helixError(
            400, QStringLiteral("Missing required parameter \"broadcaster_id\""));
    if (ids.size() > 100)
        return HttpResult::helixError(400, QStringLiteral("Too many broadcaster_id parameters"));
    QJsonArray data;
    for (const QString &id : ids) {
        if (!m_world->user(id))
            continue;
        const Channel *c = m_world->channel(id);
        const StreamState s = c ? c->stream : StreamState();
        QJsonObject o;
        addUserFields(*m_world, o, QStringLiteral("broadcaster"), id);
        o.insert(QStringLiteral("broadcaster_language"), s.language);
        o.insert(QStringLiteral("game_id"), s.gameId);
        o.insert(QStringLiteral("game_name"), s.gameName);
        o.insert(QStringLiteral("title"), s.title);
        o.insert(QStringLiteral("delay"), 0);
        o.insert(QStringLiteral("tags"), QJsonArray::fromStringList(s.tags));
        o.insert(QStringLiteral("content_classification_labels"), QJsonArray());
        o.insert(QStringLiteral("is_branded_content"), false);
        data.append(o);
    }
    return okData(data);
}

HttpResult HelixChannelRoutes::chatters(const HelixCall &call)
{
    if (auto e = requireScope(call, {QStringLiteral("moderator:read:chatters")}))
        return *e;
    if (auto e = requireModerator(*m_world, call))
        return *e;
    const Channel *c = m_world->channel(call.param("broadcaster_id"));
    QJsonArray all;
    for (const QString &id : c->chatters) {
        QJsonObject o;
        addUserFields(*m_world, o, QStringLiteral("user"), id);
        all.append(o);
    }
    Page page;
    // §3.3: Get Chatters pages 1–1000, default 100.
    if (auto e = pageOf(call, all, 100, 1000, &page))
        return *e;
    return ok({{QStringLiteral("data"), page.data},
               {QStringLiteral("pagination"), page.pagination},
               {QStringLiteral("total"), int(c->chatters.size())}});
}

HttpResult HelixChannelRoutes::followers(const HelixCall &call)
{
    if (auto e = requireParam(call, "broadcaster_id"))
        return *e;
    const QString bid = call.param("broadcaster_id");
    const Channel *c = m_world->channel(bid);
    if (!c)
        return HttpResult::helixError(400, QStringLiteral("Invalid broadcaster_id"));
    // §3.3: without the scope and the role only `total` comes back (empty data).
    const bool allowed = call.grant.hasScope(QStringLiteral("moderator:read:followers")) &&
                         m_world->hasModRights(bid, call.grant.userId);
    const QString userId = call.param("user_id");
    if (!userId.isEmpty() && !allowed)
        return HttpResult::helixError(401,
                                      QStringLiteral("Missing scope: moderator:read:followers"));
    QJsonArray all;
    if (allowed) {
        for (auto it = c->followers.crbegin(); it != c->followers.crend(); ++it) {
            if (!userId.isEmpty() && it->userId != userId)
                continue;
            QJsonObject o{{QStringLiteral("followed_at"), timestamp(it->followedAt)}};
            addUserFields(*m_world, o, QStringLiteral("user"), it->userId);
            all.append(o);
        }
    }
    Page page;
    if (auto e = pageOf(call, all, 20, 100, &page))
        return *e;
    return ok({{QStringLiteral("total"), int(c->followers.size())},
               {QStringLiteral("data"), page.data},
               {QStringLiteral("pagination"), page.pagination}});
}

HttpResult HelixChannelRoutes::moderatedChannels(const HelixCall &call)
{
    if (auto e = requireScope(call, {QStringLiteral("user:read:moderated_channels")}))
        return *e;
    if (auto e = requireParam(call, "user_id"))
        return *e;
    if (call.param("user_id") != call.grant.userId)
        return HttpResult::helixError(401,
                                      QStringLiteral("The ID in user_id must match the user "
                                                     "ID found in the request's OAuth token."));
    QJsonArray all;
    for (const QString &bid : m_world->channelsModeratedBy(call.grant.userId)) {
        QJsonObject o;
        addUserFields(*m_world, o, QStringLiteral("broadcaster"), bid);
        all.append(o);
    }
    Page page;
    if (auto e = pageOf(call, all, 20, 100, &page))
        return *e;
    return ok(
        {{QStringLiteral("data"), page.data}, {QStringLiteral("pagination"), page.pagination}});
}

HttpResult HelixChannelRoutes::userList(const HelixCall &call, const QStringList &ids)
{
    const QStringList filter = call.params("user_id");
    if (filter.size() > 100)
        return HttpResult::helixError(400, QStringLiteral("Too many user_id parameters"));
    QJsonArray all;
    for (const QString &id : ids) {
        if (!filter.isEmpty() && !filter.contains(id))
            continue;
        QJsonObject o;
        addUserFields(*m_world, o, QStringLiteral("user"), id);
        all.append(o);
    }
    Page page;
    if (auto e = pageOf(call, all, 20, 100, &page))
        return *e;
    return ok(
        {{QStringLiteral("data"), page.data}, {QStringLiteral("pagination"), page.pagination}});
}

HttpResult HelixChannelRoutes::moderators(const HelixCall &call)
{
    if (auto e = requireScope(
            call, {QStringLiteral("channel:manage:moderators"), QStringLiteral("moderation:read")}))
        return *e;
    if (auto e = requireBroadcaster(*m_world, call))
        return *e;
    return userList(call, m_world->channel(call.grant.userId)->moderators);
}

HttpResult HelixChannelRoutes::vips(const HelixCall &call)
{
    if (auto e = requireScope(
            call, {QStringLiteral("channel:manage:vips"), QStringLiteral("channel:read:vips")}))
        return *e;
    if (auto e = requireBroadcaster(*m_world, call))
        return *e;
    return userList(call, m_world->channel(call.grant.userId)->vips);
}

} // namespace roomwarden::sandbox
