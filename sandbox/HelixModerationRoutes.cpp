#include "sandbox/HelixModerationRoutes.h"

#include "sandbox/Faults.h"
#include "sandbox/World.h"

#include <algorithm>

namespace roomwarden::sandbox {

using namespace helix;

namespace {

constexpr int kMaxTimeoutSecs = 1209600; // §3.3: 2 weeks
constexpr int kMaxReasonChars = 500;
constexpr qint64 kDeletableSecs = 6 * 3600; // §3.3: messages older than 6 h can't be deleted

const QString kManageBans = QStringLiteral("moderator:manage:banned_users");

// §3.3: the ban/warn bodies wrap their fields in a `data` object (not an array).
Check dataObject(const HelixCall &call, QJsonObject *data)
{
    QJsonObject body;
    if (auto e = parseBody(call, &body))
        return e;
    if (!body.value(QStringLiteral("data")).isObject())
        return HttpResult::helixError(400, QStringLiteral("Missing required parameter \"data\""));
    *data = body.value(QStringLiteral("data")).toObject();
    if (data->value(QStringLiteral("user_id")).toString().isEmpty())
        return HttpResult::helixError(400,
                                      QStringLiteral("Missing required parameter \"user_id\""));
    return std::nullopt;
}

} // namespace

QList<HelixRoute> HelixModerationRoutes::routes()
{
    auto bind = [this](HttpResult (HelixModerationRoutes::*fn)(const HelixCall &)) {
        return [this, fn](const HelixCall &c) { return (this->*fn)(c); };
    };
    return {
        {QStringLiteral("POST"), QStringLiteral("/moderation/bans"),
         bind(&HelixModerationRoutes::ban)},
        {QStringLiteral("DELETE"), QStringLiteral("/moderation/bans"),
         bind(&HelixModerationRoutes::unban)},
        {QStringLiteral("GET"), QStringLiteral("/moderation/banned"),
         bind(&HelixModerationRoutes::banned)},
        {QStringLiteral("DELETE"), QStringLiteral("/moderation/chat"),
         bind(&HelixModerationRoutes::deleteMessages)},
        {QStringLiteral("POST"), QStringLiteral("/moderation/warnings"),
         bind(&HelixModerationRoutes::warn)},
        {QStringLiteral("POST"), QStringLiteral("/moderation/automod/message"),
         bind(&HelixModerationRoutes::automodMessage)},
        {QStringLiteral("GET"), QStringLiteral("/moderation/shield_mode"),
         bind(&HelixModerationRoutes::shieldMode)},
        {QStringLiteral("PUT"), QStringLiteral("/moderation/shield_mode"),
         bind(&HelixModerationRoutes::updateShieldMode)},
    };
}

std::optional<HttpResult> HelixModerationRoutes::conflict()
{
    if (m_faults->moderationConflicts <= 0)
        return std::nullopt;
    --m_faults->moderationConflicts;
    return HttpResult::helixError(409, QStringLiteral("You may not update the user's ban state "
                                                      "while someone else is updating it"));
}

HttpResult HelixModerationRoutes::ban(const HelixCall &call)
{
    if (auto e = requireScope(call, {kManageBans}))
        return *e;
    if (auto e = requireModerator(*m_world, call))
        return *e;
    QJsonObject data;
    if (auto e = dataObject(call, &data))
        return *e;
    const QString bid = call.param("broadcaster_id");
    const QString target = data.value(QStringLiteral("user_id")).toString();
    const QJsonValue duration = data.value(QStringLiteral("duration"));
    const QString reason = data.value(QStringLiteral("reason")).toString();
    const bool timeout = !duration.isUndefined() && !duration.isNull();
    if (timeout && (!duration.isDouble() || duration.toDouble() != duration.toInt() ||
                    duration.toInt() < 1 || duration.toInt() > kMaxTimeoutSecs))
        return HttpResult::helixError(400, QStringLiteral("The value in the duration field is "
                                                          "not valid"));
    if (reason.size() > kMaxReasonChars)
        return HttpResult::helixError(400, QStringLiteral("The text in the reason field is too "
                                                          "long"));
    if (!m_world->user(target))
        return HttpResult::helixError(400, QStringLiteral("The user specified in the user_id "
                                                          "field was not found"));
    if (m_world->hasModRights(bid, target))
        return HttpResult::helixError(400, QStringLiteral("The user specified in the user_id "
                                                          "field may not be banned"));
    // §3.3: a banned user can't be banned again nor moved into a timeout.
    if (m_world->isBanned(bid, target))
        return HttpResult::helixError(400, QStringLiteral("user is already banned"));
    if (auto e = conflict())
        return *e;

    QJsonObject details{{QStringLiteral("reason"), reason}};
    if (timeout)
        details.insert(QStringLiteral("duration"), duration.toInt());
    m_world->applyAction({timeout ? QStringLiteral("timeout") : QStringLiteral("ban"),
                          bid,
                          call.grant.userId,
                          target,
                          details,
                          {}});
    const Ban b = *m_world->activeBan(bid, target);
    return okData(
        {QJsonObject{{QStringLiteral("broadcaster_id"), bid},
                     {QStringLiteral("moderator_id"), call.grant.userId},
                     {QStringLiteral("user_id"), target},
                     {QStringLiteral("created_at"), timestamp(b.createdAt)},
                     {QStringLiteral("end_time"), b.expiresAt ? QJsonValue(timestamp(*b.expiresAt))
                                                              : QJsonValue(QJsonValue::Null)}}});
}

HttpResult HelixModerationRoutes::unban(const HelixCall &call)
{
    if (auto e = requireScope(call, {kManageBans}))
        return *e;
    if (auto e = requireModerator(*m_world, call))
        return *e;
    if (auto e = requireParam(call, "user_id"))
        return *e;
    const QString bid = call.param("broadcaster_id");
    const QString target = call.param("user_id");
    if (!m_world->activeBan(bid, target)) // §3.3: unban also ends timeouts
        return HttpResult::helixError(400, QStringLiteral("user is not banned"));
    if (auto e = conflict())
        return *e;
    m_world->applyAction({QStringLiteral("unban"), bid, call.grant.userId, target, {}, {}});
    return noContent();
}

HttpResult HelixModerationRoutes::banned(const HelixCall &call)
{
    if (auto e = requireScope(call, {kManageBans, QStringLiteral("moderation:read")}))
        return *e;
    if (auto e = requireBroadcaster(*m_world, call))
        return *e;
    const QString bid = call.grant.userId;
    const QStringList filter = call.params("user_id");
    QJsonArray all;
    const Channel *c = m_world->channel(bid);
    QList<Ban> bans = c->bans.values();
    std::sort(bans.begin(), bans.end(),
              [](const Ban &a, const Ban &b) { return a.createdAt > b.createdAt; });
    for (const Ban &b : bans) {
        if (!m_world->activeBan(bid, b.userId) || (!filter.isEmpty() && !filter.contains(b.userId)))
            continue;
        QJsonObject o{
            {QStringLiteral("expires_at"), b.expiresAt ? timestamp(*b.expiresAt) : QString()},
            {QStringLiteral("created_at"), timestamp(b.createdAt)},
            {QStringLiteral("reason"), b.reason}};
        addUserFields(*m_world, o, QStringLiteral("user"), b.userId);
        addUserFields(*m_world, o, QStringLiteral("moderator"), b.moderatorId);
        all.append(o);
    }
    Page page;
    if (auto e = pageOf(call, all, 20, 100, &page))
        return *e;
    return ok(
        {{QStringLiteral("data"), page.data}, {QStringLiteral("pagination"), page.pagination}});
}

HttpResult HelixModerationRoutes::deleteMessages(const HelixCall &call)
{
    if (auto e = requireScope(call, {QStringLiteral("moderator:manage:chat_messages")}))
        return *e;
    if (auto e = requireModerator(*m_world, call))
        return *e;
    const QString bid = call.param("broadcaster_id");
    const QString messageId = call.param("message_id");
    if (messageId.isEmpty()) { // §3.3: no message_id = clear the whole chat
        m_world->applyAction({QStringLiteral("clear"), bid, call.grant.userId, {}, {}, {}});
        return noContent();
    }
    const Channel *c = m_world->channel(bid);
    const ChatMessage *found = nullptr;
    for (const ChatMessage &m : c->messages) {
        if (m.id == messageId && !m.deleted)
            found = &m;
    }
    if (!found || found->sentAt.secsTo(m_world->now()) > kDeletableSecs)
        return HttpResult::helixError(404, QStringLiteral("The message specified in message_id "
                                                          "was not found or is older than 6 "
                                                          "hours"));
    if (found->senderId != call.grant.userId && m_world->hasModRights(bid, found->senderId))
        return HttpResult::helixError(400, QStringLiteral("You may not delete another "
                                                          "moderator's messages or the "
                                                          "broadcaster's messages"));
    m_world->applyAction(
        {QStringLiteral("delete"),
         bid,
         call.grant.userId,
         found->senderId,
         {{QStringLiteral("message_id"), messageId}, {QStringLiteral("message_body"), found->text}},
         {}});
    return noContent();
}

HttpResult HelixModerationRoutes::warn(const HelixCall &call)
{
    if (auto e = requireScope(call, {QStringLiteral("moderator:manage:warnings")}))
        return *e;
    if (auto e = requireModerator(*m_world, call))
        return *e;
    QJsonObject data;
    if (auto e = dataObject(call, &data))
        return *e;
    const QString bid = call.param("broadcaster_id");
    const QString target = data.value(QStringLiteral("user_id")).toString();
    const QString reason = data.value(QStringLiteral("reason")).toString();
    if (reason.isEmpty()) // §3.3: reason is required for warnings
        return HttpResult::helixError(400, QStringLiteral("Missing required parameter \"reason\""));
    if (reason.size() > kMaxReasonChars)
        return HttpResult::helixError(400, QStringLiteral("The text in the reason field is too "
                                                          "long"));
    if (!m_world->user(target))
        return HttpResult::helixError(400, QStringLiteral("The user specified in the user_id "
                                                          "field was not found"));
    if (auto e = conflict())
        return *e;
    m_world->applyAction({QStringLiteral("warn"),
                          bid,
                          call.grant.userId,
                          target,
                          {{QStringLiteral("reason"), reason}},
                          {}});
    return okData({QJsonObject{{QStringLiteral("broadcaster_id"), bid},
                               {QStringLiteral("user_id"), target},
                               {QStringLiteral("moderator_id"), call.grant.userId},
                               {QStringLiteral("reason"), reason}}});
}

HttpResult HelixModerationRoutes::automodMessage(const HelixCall &call)
{
    if (auto e = requireScope(call, {QStringLiteral("moderator:manage:automod")}))
        return *e;
    QJsonObject body;
    if (auto e = parseBody(call, &body))
        return *e;
    const QString userId = body.value(QStringLiteral("user_id")).toString();
    const QString msgId = body.value(QStringLiteral("msg_id")).toString();
    const QString action = body.value(QStringLiteral("action")).toString();
    if (userId.isEmpty() || msgId.isEmpty() || action.isEmpty())
        return HttpResult::helixError(400, QStringLiteral("Missing required parameter: user_id, "
                                                          "msg_id and action are required"));
    if (action != QLatin1String("ALLOW") && action != QLatin1String("DENY"))
        return HttpResult::helixError(400, QStringLiteral("The value in the action field is not "
                                                          "valid"));
    if (userId != call.grant.userId)
        return HttpResult::helixError(401,
                                      QStringLiteral("The ID in user_id must match the user "
                                                     "ID found in the request's OAuth token."));
    for (const User &u : m_world->users()) {
        Channel *c = m_world->channel(u.id);
        if (!c)
            continue;
        for (HeldMessage &h : c->heldMessages) {
            if (h.id != msgId || h.status != QLatin1String("pending"))
                continue;
            if (!m_world->hasModRights(c->broadcasterId, call.grant.userId))
                return HttpResult::helixError(403, QStringLiteral("The user in user_id is not one "
                                                                  "of the broadcaster's "
                                                                  "moderators"));
            const bool allow = action == QLatin1String("ALLOW");
            h.status = allow ? QStringLiteral("approved") : QStringLiteral("denied");
            const HeldMessage held = h;
            m_world->applyAction(
                {allow ? QStringLiteral("automod_allow") : QStringLiteral("automod_deny"),
                 c->broadcasterId,
                 call.grant.userId,
                 held.userId,
                 {{QStringLiteral("message_id"), held.id},
                  {QStringLiteral("message_body"), held.text}},
                 {}});
            if (allow) // an allowed message reaches chat
                m_world->recordChatMessage(c->broadcasterId, held.userId, held.text);
            return noContent();
        }
    }
    return HttpResult::helixError(404, QStringLiteral("The message specified in msg_id was not "
                                                      "found"));
}

QJsonObject HelixModerationRoutes::shieldJson(const QString &broadcasterId) const
{
    const ShieldMode s = m_world->channel(broadcasterId)->shieldMode;
    QJsonObject o{{QStringLiteral("is_active"), s.active},
                  {QStringLiteral("last_activated_at"),
                   s.lastActivatedAt.isValid() ? timestamp(s.lastActivatedAt) : QString()}};
    if (s.moderatorId.isEmpty()) { // §3.3: "" when never activated
        o.insert(QStringLiteral("moderator_id"), QString());
        o.insert(QStringLiteral("moderator_login"), QString());
        o.insert(QStringLiteral("moderator_name"), QString());
    } else {
        addUserFields(*m_world, o, QStringLiteral("moderator"), s.moderatorId);
    }
    return o;
}

HttpResult HelixModerationRoutes::shieldMode(const HelixCall &call)
{
    if (auto e = requireScope(call, {QStringLiteral("moderator:manage:shield_mode"),
                                     QStringLiteral("moderator:read:shield_mode")}))
        return *e;
    if (auto e = requireModerator(*m_world, call))
        return *e;
    return okData({shieldJson(call.param("broadcaster_id"))});
}

HttpResult HelixModerationRoutes::updateShieldMode(const HelixCall &call)
{
    if (auto e = requireScope(call, {QStringLiteral("moderator:manage:shield_mode")}))
        return *e;
    if (auto e = requireModerator(*m_world, call))
        return *e;
    QJsonObject body;
    if (auto e = parseBody(call, &body))
        return *e;
    if (!body.value(QStringLiteral("is_active")).isBool())
        return HttpResult::helixError(400, QStringLiteral("Missing required parameter "
                                                          "\"is_active\""));
    const QString bid = call.param("broadcaster_id");
    m_world->applyAction({QStringLiteral("shield_mode"),
                          bid,
                          call.grant.userId,
                          {},
                          {{QStringLiteral("is_active"), body.value(QStringLiteral("is_active"))}},
                          {}});
    return okData({shieldJson(bid)});
}

} // namespace roomwarden::sandbox
