// HelixClient's calls for the moderation desk and for resync: banned users, chatters, shield
// mode, streams, blocked terms, unban requests and announcements (specs/twitch.md §3.3).
#include "core/providers/twitch/EventSubParser.h"
#include "core/providers/twitch/HelixClient.h"
#include "core/providers/twitch/HelixReplies.h"

namespace roomwarden::twitch {

using namespace helix;

namespace {

// Helix sends "" or null for "never" / "permanent"; both read as nullopt.
std::optional<QDateTime> optionalTime(const QJsonValue &v)
{
    const QDateTime t = EventSubParser::parseTimestamp(v.toString());
    if (!t.isValid())
        return std::nullopt;
    return t;
}

QDateTime timeOf(const QJsonObject &o, QStringView key)
{
    return EventSubParser::parseTimestamp(o.value(key).toString());
}

BannedUser bannedUserFromJson(const QJsonObject &o)
{
    BannedUser b;
    b.userId = o.value(u"user_id").toString();
    b.login = o.value(u"user_login").toString();
    b.name = o.value(u"user_name").toString();
    b.expiresAt = optionalTime(o.value(u"expires_at"));
    b.createdAt = timeOf(o, u"created_at");
    b.reason = o.value(u"reason").toString();
    b.moderatorId = o.value(u"moderator_id").toString();
    b.moderatorName = o.value(u"moderator_name").toString();
    return b;
}

BlockedTerm blockedTermFromJson(const QJsonObject &o)
{
    BlockedTerm t;
    t.id = o.value(u"id").toString();
    t.text = o.value(u"text").toString();
    t.moderatorId = o.value(u"moderator_id").toString();
    t.createdAt = timeOf(o, u"created_at");
    t.updatedAt = timeOf(o, u"updated_at");
    t.expiresAt = optionalTime(o.value(u"expires_at"));
    return t;
}

std::optional<UnbanRequest> unbanRequestFromJson(const QJsonObject &o)
{
    const auto status = unbanRequestStatusFromId(o.value(u"status").toString());
    if (!status)
        return std::nullopt;
    UnbanRequest r;
    r.id = o.value(u"id").toString();
    r.userId = o.value(u"user_id").toString();
    r.userLogin = o.value(u"user_login").toString();
    r.userName = o.value(u"user_name").toString();
    r.text = o.value(u"text").toString();
    r.status = *status;
    r.createdAt = timeOf(o, u"created_at");
    r.moderatorId = o.value(u"moderator_id").toString();
    r.moderatorName = o.value(u"moderator_name").toString();
    r.resolvedAt = optionalTime(o.value(u"resolved_at"));
    if (o.value(u"resolution_text").isString())
        r.resolutionText = o.value(u"resolution_text").toString();
    return r;
}

} // namespace

void HelixClient::getBannedUsers(const QString &broadcasterId, QObject *context,
                                 Done<QList<BannedUser>> done, int maxPages)
{
    if (refuse(auth::ApiOperation::GetBannedUsers, broadcasterId, context, done))
        return;
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("broadcaster_id"), broadcasterId);
    fetchPages(QStringLiteral("/moderation/banned"), q, 100, std::max(1, maxPages), {}, context,
               [done](const HelixResult<Pages> &r) {
                   if (!r.ok())
                       return done(failure<QList<BannedUser>>(*r.error));
                   QList<BannedUser> out;
                   for (const QJsonValue &v : r.value->items)
                       out.append(bannedUserFromJson(v.toObject()));
                   done(success(out));
               });
}

void HelixClient::getChatters(const QString &broadcasterId, const QString &moderatorId,
                              QObject *context, Done<ChatterList> done, int maxPages)
{
    if (refuse(auth::ApiOperation::GetChatters, broadcasterId, context, done))
        return;
    // §3.1: Get Chatters pages up to 1000, ten times the usual page.
    fetchPages(QStringLiteral("/chat/chatters"), roomQuery(broadcasterId, moderatorId), 1000,
               std::max(1, maxPages), {}, context, [done](const HelixResult<Pages> &r) {
                   if (!r.ok())
                       return done(failure<ChatterList>(*r.error));
                   ChatterList out;
                   for (const QJsonValue &v : r.value->items) {
                       const QJsonObject o = v.toObject();
                       out.chatters.append({o.value(u"user_id").toString(),
                                            o.value(u"user_login").toString(),
                                            o.value(u"user_name").toString()});
                   }
                   out.total = r.value->total.value_or(int(out.chatters.size()));
                   done(success(out));
               });
}

void HelixClient::getShieldMode(const QString &broadcasterId, const QString &moderatorId,
                                QObject *context, Done<ShieldModeStatus> done)
{
    if (refuse(auth::ApiOperation::GetShieldMode, broadcasterId, context, done))
        return;
    send(request("GET", QStringLiteral("/moderation/shield_mode"),
                 roomQuery(broadcasterId, moderatorId)),
         context, [done](const net::ApiResponse &r) {
             if (!r.ok())
                 return done(failure<ShieldModeStatus>(*r.error));
             const auto o = firstData(r);
             if (!o || !o->value(u"is_active").isBool())
                 return done(failure<ShieldModeStatus>(parseError(r, QStringLiteral("shield"))));
             ShieldModeStatus s;
             s.active = o->value(u"is_active").toBool();
             s.moderatorId = o->value(u"moderator_id").toString();
             s.lastActivatedAt = optionalTime(o->value(u"last_activated_at"));
             done(success(s));
         });
}

void HelixClient::getStreams(const QString &userId, QObject *context,
                             Done<std::optional<LiveStream>> done)
{
    if (refuse(auth::ApiOperation::GetStreams, userId, context, done))
        return;
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("user_id"), userId);
    send(request("GET", QStringLiteral("/streams"), q), context,
         [done, userId](const net::ApiResponse &r) {
             if (!r.ok())
                 return done(failure<std::optional<LiveStream>>(*r.error));
             const auto data = dataArray(r);
             if (!data)
                 return done(
                     failure<std::optional<LiveStream>>(parseError(r, QStringLiteral("streams"))));
             for (const QJsonValue &v : *data) {
                 const QJsonObject o = v.toObject();
                 if (o.value(u"user_id").toString() != userId)
                     continue;
                 LiveStream s;
                 s.id = o.value(u"id").toString();
                 s.viewerCount = o.value(u"viewer_count").toInt();
                 s.startedAt = timeOf(o, u"started_at");
                 s.title = o.value(u"title").toString();
                 return done(success(std::optional<LiveStream>(s)));
             }
             done(success(std::optional<LiveStream>()));
         });
}

void HelixClient::getBlockedTerms(const QString &broadcasterId, const QString &moderatorId,
                                  QObject *context, Done<QList<BlockedTerm>> done, int maxPages)
{
    if (refuse(auth::ApiOperation::GetBlockedTerms, broadcasterId, context, done))
        return;
    fetchPages(QStringLiteral("/moderation/blocked_terms"), roomQuery(broadcasterId, moderatorId),
               100, std::max(1, maxPages), {}, context, [done](const HelixResult<Pages> &r) {
                   if (!r.ok())
                       return done(failure<QList<BlockedTerm>>(*r.error));
                   QList<BlockedTerm> out;
                   for (const QJsonValue &v : r.value->items)
                       out.append(blockedTermFromJson(v.toObject()));
                   done(success(out));
               });
}

void HelixClient::addBlockedTerm(const QString &broadcasterId, const QString &moderatorId,
                                 const QString &text, QObject *context, Done<BlockedTerm> done)
{
    if (refuse(auth::ApiOperation::AddBlockedTerm, broadcasterId, context, done))
        return;
    send(jsonRequest("POST", QStringLiteral("/moderation/blocked_terms"),
                     roomQuery(broadcasterId, moderatorId),
                     QJsonObject{{QStringLiteral("text"), text}}),
         context, [done](const net::ApiResponse &r) {
             if (!r.ok())
                 return done(failure<BlockedTerm>(*r.error));
             const auto o = firstData(r);
             if (!o)
                 return done(failure<BlockedTerm>(parseError(r, QStringLiteral("blocked term"))));
             done(success(blockedTermFromJson(*o)));
         });
}

void HelixClient::removeBlockedTerm(const QString &broadcasterId, const QString &moderatorId,
                                    const QString &termId, QObject *context,
                                    Done<HelixNothing> done)
{
    if (refuse(auth::ApiOperation::RemoveBlockedTerm, broadcasterId, context, done))
        return;
    QUrlQuery q = roomQuery(broadcasterId, moderatorId);
    q.addQueryItem(QStringLiteral("id"), termId);
    send(request("DELETE", QStringLiteral("/moderation/blocked_terms"), q), context,
         [done](const net::ApiResponse &r) { answerNothing(r, done); });
}

void HelixClient::getUnbanRequests(const QString &broadcasterId, const QString &moderatorId,
                                   UnbanRequestStatus status, QObject *context,
                                   Done<QList<UnbanRequest>> done, int maxPages)
{
    if (refuse(auth::ApiOperation::GetUnbanRequests, broadcasterId, context, done))
        return;
    QUrlQuery q = roomQuery(broadcasterId, moderatorId);
    q.addQueryItem(QStringLiteral("status"), unbanRequestStatusId(status)); // §3.3: required
    fetchPages(QStringLiteral("/moderation/unban_requests"), q, 100, std::max(1, maxPages), {},
               context, [done](const HelixResult<Pages> &r) {
                   if (!r.ok())
                       return done(failure<QList<UnbanRequest>>(*r.error));
                   QList<UnbanRequest> out;
                   for (const QJsonValue &v : r.value->items) {
                       if (auto request = unbanRequestFromJson(v.toObject()))
                           out.append(*request);
                   }
                   done(success(out));
               });
}

void HelixClient::resolveUnbanRequest(const QString &broadcasterId, const QString &moderatorId,
                                      const QString &requestId, bool approve,
                                      const QString &resolutionText, QObject *context,
                                      Done<UnbanRequest> done)
{
    if (refuse(auth::ApiOperation::ResolveUnbanRequest, broadcasterId, context, done))
        return;
    // §3.3: every parameter of this PATCH is in the query; there is no body.
    QUrlQuery q = roomQuery(broadcasterId, moderatorId);
    q.addQueryItem(QStringLiteral("unban_request_id"), requestId);
    q.addQueryItem(
        QStringLiteral("status"),
        unbanRequestStatusId(approve ? UnbanRequestStatus::Approved : UnbanRequestStatus::Denied));
    if (!resolutionText.isEmpty())
        q.addQueryItem(QStringLiteral("resolution_text"), resolutionText);
    send(request("PATCH", QStringLiteral("/moderation/unban_requests"), q), context,
         [done](const net::ApiResponse &r) {
             if (!r.ok())
                 return done(failure<UnbanRequest>(*r.error));
             const auto o = firstData(r);
             const auto request = o ? unbanRequestFromJson(*o) : std::nullopt;
             if (!request)
                 return done(failure<UnbanRequest>(parseError(r, QStringLiteral("unban request"))));
             done(success(*request));
         });
}

void HelixClient::sendAnnouncement(const QString &broadcasterId, const QString &moderatorId,
                                   const QString &message, AnnouncementColor color,
                                   QObject *context, Done<HelixNothing> done)
{
    if (refuse(auth::ApiOperation::SendAnnouncement, broadcasterId, context, done))
        return;
    const QJsonObject body{{QStringLiteral("message"), message},
                           {QStringLiteral("color"), announcementColorId(color)}};
    send(jsonRequest("POST", QStringLiteral("/chat/announcements"),
                     roomQuery(broadcasterId, moderatorId), body),
         context, [done](const net::ApiResponse &r) { answerNothing(r, done); });
}

} // namespace roomwarden::twitch
