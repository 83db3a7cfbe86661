#include "core/providers/twitch/HelixClient.h"

#include "core/providers/twitch/EventSubParser.h"
#include "core/providers/twitch/HelixReplies.h"
#include "core/providers/twitch/TwitchEndpoints.h"
#include "core/util/Logging.h"

#include <QPointer>

namespace roomwarden::twitch {

using namespace helix;

namespace {
const QString kBroadcasterId = QStringLiteral("broadcaster_id");
const QString kModeratorId = QStringLiteral("moderator_id");
} // namespace

HelixClient::HelixClient(net::ApiClient *api, QUrl helixBase, QString clientId, QObject *parent)
    : QObject(parent), m_api(api), m_helixBase(std::move(helixBase)),
      m_clientId(std::move(clientId))
{}

void HelixClient::setRoomRoles(const QString &broadcasterId, model::Roles roles)
{
    m_roomRoles.insert(broadcasterId, roles);
}

model::Roles HelixClient::roleIn(const QString &broadcasterId) const
{
    if (!broadcasterId.isEmpty() && broadcasterId == m_account.accountId)
        return model::Roles(model::Role::Broadcaster) | model::Role::Moderator;
    return m_roomRoles.value(broadcasterId, model::Role::Moderator);
}

std::optional<auth::ScopeRefusal> HelixClient::check(auth::ApiOperation operation,
                                                     const QString &broadcasterId) const
{
    return auth::ScopeGuard::check(operation, m_account, roleIn(broadcasterId));
}

net::ApiRequest HelixClient::request(const QByteArray &verb, const QString &path,
                                     const QUrlQuery &query) const
{
    QUrl url = TwitchEndpoints::join(m_helixBase, path);
    if (!query.isEmpty())
        url.setQuery(query);
    net::ApiRequest r;
    r.verb = verb;
    r.url = url;
    // §3.1: every Helix call carries both the user token and the matching Client-Id.
    r.auth = net::AuthScheme::Bearer;
    r.accessToken = m_accessToken;
    r.clientId = m_clientId;
    return r;
}

net::ApiRequest HelixClient::jsonRequest(const QByteArray &verb, const QString &path,
                                         const QUrlQuery &query, const QJsonObject &body) const
{
    net::ApiRequest r = request(verb, path, query);
    r.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    r.contentType = "application/json";
    return r;
}

void HelixClient::send(const net::ApiRequest &request, QObject *context,
                       std::function<void(const net::ApiResponse &)> done)
{
    m_api->send(request, context, std::move(done));
}

void HelixClient::getUsers(const QStringList &ids, QObject *context, Done<QList<HelixUser>> done)
{
    if (refuse(auth::ApiOperation::GetUsers, QString(), context, done))
        return;
    QUrlQuery q;
    for (const QString &id : ids)
        q.addQueryItem(QStringLiteral("id"), id);
    send(request("GET", QStringLiteral("/users"), q), context, [done](const net::ApiResponse &r) {
        if (!r.ok())
            return done(failure<QList<HelixUser>>(*r.error));
        const auto data = dataArray(r);
        if (!data)
            return done(failure<QList<HelixUser>>(parseError(r, QStringLiteral("users"))));
        QList<HelixUser> users;
        for (const QJsonValue &v : *data) {
            const QJsonObject o = v.toObject();
            users.append({o.value(u"id").toString(), o.value(u"login").toString(),
                          o.value(u"display_name").toString(),
                          EventSubParser::parseTimestamp(o.value(u"created_at").toString())});
        }
        done(success(users));
    });
}

void HelixClient::createEventSubSubscription(const PlannedSubscription &subscription,
                                             const QString &sessionId, QObject *context,
                                             Done<CreatedSubscription> done)
{
    if (refuse(auth::ApiOperation::CreateEventSubSubscription, QString(), context, done))
        return;
    // §3.4: WebSocket transport needs the session id from the welcome; answer is 202.
    const QJsonObject body{
        {QStringLiteral("type"), subscription.type},
        {QStringLiteral("version"), subscription.version},
        {QStringLiteral("condition"), subscription.condition},
        {QStringLiteral("transport"),
         QJsonObject{{QStringLiteral("method"), QStringLiteral("websocket")},
                     {QStringLiteral("session_id"), sessionId}}},
    };
    send(jsonRequest("POST", QStringLiteral("/eventsub/subscriptions"), {}, body), context,
         [done](const net::ApiResponse &r) {
             if (!r.ok())
                 return done(failure<CreatedSubscription>(*r.error));
             const auto data = dataArray(r);
             if (!data || data->isEmpty())
                 return done(
                     failure<CreatedSubscription>(parseError(r, QStringLiteral("subscription"))));
             const QJsonObject o = data->first().toObject();
             done(success(
                 CreatedSubscription{o.value(u"id").toString(), o.value(u"status").toString(),
                                     o.value(u"type").toString(), o.value(u"version").toString(),
                                     o.value(u"cost").toInt()}));
         });
}

void HelixClient::deleteEventSubSubscription(const QString &id, QObject *context,
                                             Done<HelixNothing> done)
{
    if (refuse(auth::ApiOperation::DeleteEventSubSubscription, QString(), context, done))
        return;
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("id"), id);
    send(request("DELETE", QStringLiteral("/eventsub/subscriptions"), q), context,
         [done](const net::ApiResponse &r) {
             done(r.ok() ? success(HelixNothing{}) : failure<HelixNothing>(*r.error));
         });
}

void HelixClient::getModeratedChannels(const QString &userId, QObject *context,
                                       Done<QList<ModeratedChannel>> done, int maxPages)
{
    if (refuse(auth::ApiOperation::GetModeratedChannels, QString(), context, done))
        return;
    maxPages = std::max(1, maxPages);
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("user_id"), userId);
    fetchPages(QStringLiteral("/moderation/channels"), q, 100, maxPages, {}, context,
               [done](const HelixResult<Pages> &r) {
                   if (!r.ok())
                       return done(failure<QList<ModeratedChannel>>(*r.error));
                   QList<ModeratedChannel> out;
                   for (const QJsonValue &v : r.value->items) {
                       const QJsonObject o = v.toObject();
                       out.append({o.value(u"broadcaster_id").toString(),
                                   o.value(u"broadcaster_login").toString(),
                                   o.value(u"broadcaster_name").toString()});
                   }
                   done(success(out));
               });
}

void HelixClient::fetchPages(const QString &path, const QUrlQuery &query, int pageSize,
                             int pagesLeft, Pages acc, QObject *context, Done<Pages> done)
{
    QUrlQuery q = query;
    q.addQueryItem(QStringLiteral("first"), QString::number(pageSize));
    QPointer<QObject> guard(context);
    send(request("GET", path, q), context,
         [this, path, query, pageSize, pagesLeft, acc, guard,
          done](const net::ApiResponse &r) mutable {
             if (!r.ok())
                 return done(failure<Pages>(*r.error));
             const auto data = dataArray(r);
             if (!data)
                 return done(failure<Pages>(parseError(r, path)));
             for (const QJsonValue &v : *data)
                 acc.items.append(v);
             if (r.object().value(u"total").isDouble())
                 acc.total = r.object().value(u"total").toInt();
             // §3.1: an empty pagination object means the last page.
             const QString next =
                 r.object().value(u"pagination").toObject().value(u"cursor").toString();
             if (next.isEmpty() || !guard)
                 return done(success(acc));
             if (pagesLeft <= 1) {
                 acc.capped = true;
                 qCInfo(lcNet) << "Helix" << path << "stopped at the page cap with"
                               << acc.items.size() << "items";
                 return done(success(acc));
             }
             QUrlQuery nextQuery = query;
             nextQuery.removeAllQueryItems(QStringLiteral("after"));
             nextQuery.addQueryItem(QStringLiteral("after"), next);
             fetchPages(path, nextQuery, pageSize, pagesLeft - 1, acc, guard, done);
         });
}

void HelixClient::banUser(const QString &broadcasterId, const QString &moderatorId,
                          const QString &userId, std::optional<qint64> durationSeconds,
                          const QString &reason, QObject *context, Done<BanResult> done)
{
    if (refuse(durationSeconds ? auth::ApiOperation::TimeoutUser : auth::ApiOperation::BanUser,
               broadcasterId, context, done))
        return;
    // §3.3 Ban User: `data` is an object; omit duration for a permanent ban.
    QJsonObject data{{QStringLiteral("user_id"), userId}};
    if (durationSeconds)
        data.insert(QStringLiteral("duration"), double(*durationSeconds));
    if (!reason.isEmpty())
        data.insert(QStringLiteral("reason"), reason);
    send(jsonRequest("POST", QStringLiteral("/moderation/bans"),
                     roomQuery(broadcasterId, moderatorId),
                     QJsonObject{{QStringLiteral("data"), data}}),
         context, [done](const net::ApiResponse &r) {
             if (!r.ok())
                 return done(failure<BanResult>(*r.error));
             const auto arr = dataArray(r);
             if (!arr || arr->isEmpty())
                 return done(failure<BanResult>(parseError(r, QStringLiteral("ban"))));
             const QJsonObject o = arr->first().toObject();
             BanResult b;
             b.userId = o.value(u"user_id").toString();
             b.createdAt = EventSubParser::parseTimestamp(o.value(u"created_at").toString());
             const QDateTime end = EventSubParser::parseTimestamp(o.value(u"end_time").toString());
             if (end.isValid())
                 b.endTime = end;
             done(success(b));
         });
}

void HelixClient::unbanUser(const QString &broadcasterId, const QString &moderatorId,
                            const QString &userId, QObject *context, Done<HelixNothing> done)
{
    if (refuse(auth::ApiOperation::UnbanUser, broadcasterId, context, done))
        return;
    QUrlQuery q = roomQuery(broadcasterId, moderatorId);
    q.addQueryItem(QStringLiteral("user_id"), userId);
    send(request("DELETE", QStringLiteral("/moderation/bans"), q), context,
         [done](const net::ApiResponse &r) {
             done(r.ok() ? success(HelixNothing{}) : failure<HelixNothing>(*r.error));
         });
}

void HelixClient::deleteMessage(const QString &broadcasterId, const QString &moderatorId,
                                const QString &messageId, QObject *context, Done<HelixNothing> done)
{
    if (refuse(messageId.isEmpty() ? auth::ApiOperation::ClearChat
                                   : auth::ApiOperation::DeleteChatMessage,
               broadcasterId, context, done))
        return;
    QUrlQuery q = roomQuery(broadcasterId, moderatorId);
    if (!messageId.isEmpty())
        q.addQueryItem(QStringLiteral("message_id"), messageId);
    send(request("DELETE", QStringLiteral("/moderation/chat"), q), context,
         [done](const net::ApiResponse &r) {
             done(r.ok() ? success(HelixNothing{}) : failure<HelixNothing>(*r.error));
         });
}

ChatSettings HelixClient::chatSettingsFromJson(const QJsonObject &o)
{
    ChatSettings s;
    s.emoteMode = o.value(u"emote_mode").toBool();
    s.followerMode = o.value(u"follower_mode").toBool();
    if (o.value(u"follower_mode_duration").isDouble())
        s.followerModeDurationMinutes = o.value(u"follower_mode_duration").toInt();
    s.slowMode = o.value(u"slow_mode").toBool();
    if (o.value(u"slow_mode_wait_time").isDouble())
        s.slowModeWaitSeconds = o.value(u"slow_mode_wait_time").toInt();
    s.subscriberMode = o.value(u"subscriber_mode").toBool();
    s.uniqueChatMode = o.value(u"unique_chat_mode").toBool();
    s.nonModeratorChatDelayKnown = o.value(u"non_moderator_chat_delay").isBool();
    s.nonModeratorChatDelay = o.value(u"non_moderator_chat_delay").toBool();
    if (o.value(u"non_moderator_chat_delay_duration").isDouble())
        s.nonModeratorChatDelayDurationSeconds =
            o.value(u"non_moderator_chat_delay_duration").toInt();
    return s;
}

void HelixClient::getChatSettings(const QString &broadcasterId, const QString &moderatorId,
                                  QObject *context, Done<ChatSettings> done)
{
    if (refuse(auth::ApiOperation::GetChatSettings, broadcasterId, context, done))
        return;
    QUrlQuery q;
    q.addQueryItem(kBroadcasterId, broadcasterId);
    if (!moderatorId.isEmpty())
        q.addQueryItem(kModeratorId, moderatorId);
    send(request("GET", QStringLiteral("/chat/settings"), q), context,
         [done](const net::ApiResponse &r) {
             if (!r.ok())
                 return done(failure<ChatSettings>(*r.error));
             const auto arr = dataArray(r);
             if (!arr || arr->isEmpty())
                 return done(failure<ChatSettings>(parseError(r, QStringLiteral("chat settings"))));
             done(success(chatSettingsFromJson(arr->first().toObject())));
         });
}

void HelixClient::updateChatSettings(const QString &broadcasterId, const QString &moderatorId,
                                     const ChatSettingsPatch &p, QObject *context,
                                     Done<ChatSettings> done)
{
    if (refuse(auth::ApiOperation::UpdateChatSettings, broadcasterId, context, done))
        return;
    QJsonObject body;
    auto put = [&body](const char *key, const auto &value) {
        if (value)
            body.insert(QLatin1String(key), *value);
    };
    put("emote_mode", p.emoteMode);
    put("follower_mode", p.followerMode);
    put("follower_mode_duration", p.followerModeDurationMinutes);
    put("slow_mode", p.slowMode);
    put("slow_mode_wait_time", p.slowModeWaitSeconds);
    put("subscriber_mode", p.subscriberMode);
    put("unique_chat_mode", p.uniqueChatMode);
    put("non_moderator_chat_delay", p.nonModeratorChatDelay);
    put("non_moderator_chat_delay_duration", p.nonModeratorChatDelayDurationSeconds);
    send(jsonRequest("PATCH", QStringLiteral("/chat/settings"),
                     roomQuery(broadcasterId, moderatorId), body),
         context, [done](const net::ApiResponse &r) {
             if (!r.ok())
                 return done(failure<ChatSettings>(*r.error));
             const auto arr = dataArray(r);
             if (!arr || arr->isEmpty())
                 return done(failure<ChatSettings>(parseError(r, QStringLiteral("chat settings"))));
             done(success(chatSettingsFromJson(arr->first().toObject())));
         });
}

void HelixClient::updateShieldMode(const QString &broadcasterId, const QString &moderatorId,
                                   bool active, QObject *context, Done<bool> done)
{
    if (refuse(auth::ApiOperation::UpdateShieldMode, broadcasterId, context, done))
        return;
    send(jsonRequest("PUT", QStringLiteral("/moderation/shield_mode"),
                     roomQuery(broadcasterId, moderatorId),
                     QJsonObject{{QStringLiteral("is_active"), active}}),
         context, [done](const net::ApiResponse &r) {
             if (!r.ok())
                 return done(failure<bool>(*r.error));
             const auto arr = dataArray(r);
             if (!arr || arr->isEmpty())
                 return done(failure<bool>(parseError(r, QStringLiteral("shield mode"))));
             done(success(arr->first().toObject().value(u"is_active").toBool()));
         });
}

void HelixClient::warnUser(const QString &broadcasterId, const QString &moderatorId,
                           const QString &userId, const QString &reason, QObject *context,
                           Done<HelixNothing> done)
{
    if (refuse(auth::ApiOperation::WarnUser, broadcasterId, context, done))
        return;
    const QJsonObject data{{QStringLiteral("user_id"), userId}, {QStringLiteral("reason"), reason}};
    send(jsonRequest("POST", QStringLiteral("/moderation/warnings"),
                     roomQuery(broadcasterId, moderatorId),
                     QJsonObject{{QStringLiteral("data"), data}}),
         context, [done](const net::ApiResponse &r) {
             done(r.ok() ? success(HelixNothing{}) : failure<HelixNothing>(*r.error));
         });
}

void HelixClient::manageHeldMessage(const QString &moderatorId, const QString &messageId,
                                    bool allow, QObject *context, Done<HelixNothing> done)
{
    if (refuse(auth::ApiOperation::ManageHeldMessage, QString(), context, done))
        return;
    const QJsonObject body{
        {QStringLiteral("user_id"), moderatorId},
        {QStringLiteral("msg_id"), messageId},
        {QStringLiteral("action"), allow ? QStringLiteral("ALLOW") : QStringLiteral("DENY")},
    };
    send(jsonRequest("POST", QStringLiteral("/moderation/automod/message"), {}, body), context,
         [done](const net::ApiResponse &r) {
             done(r.ok() ? success(HelixNothing{}) : failure<HelixNothing>(*r.error));
         });
}

} // namespace roomwarden::twitch
