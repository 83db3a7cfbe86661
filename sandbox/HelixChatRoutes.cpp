#include "sandbox/HelixChatRoutes.h"

#include "sandbox/World.h"

namespace roomwarden::sandbox {

using namespace helix;

namespace {

constexpr int kMaxMessageChars = 500;
constexpr qint64 kAnnouncementSpacingMs = 2000; // §3.1: 1 announcement per 2 s

QJsonValue nullable(const std::optional<int> &v)
{
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

// One mode/duration pair of §3.3 Update Chat Settings.
struct Pair
{
    const char *mode;
    const char *duration;
    bool ChatSettings::*modeField;
    std::optional<int> ChatSettings::*durationField;
    int defaultDuration;
    std::function<bool(int)> valid;
    const char *rangeMessage;
};

const QList<Pair> &pairs()
{
    static const QList<Pair> kPairs = {
        {"follower_mode", "follower_mode_duration", &ChatSettings::followerMode,
         &ChatSettings::followerModeDuration, 0, [](int v) { return v >= 0 && v <= 129600; },
         "follower_mode_duration must be greater than or equal to 0, and less than or equal to "
         "129600"},
        {"slow_mode", "slow_mode_wait_time", &ChatSettings::slowMode,
         &ChatSettings::slowModeWaitTime, 30, [](int v) { return v >= 3 && v <= 120; },
         "slow_mode_wait_time must be greater than or equal to 3, and less than or equal to 120"},
        {"non_moderator_chat_delay", "non_moderator_chat_delay_duration",
         &ChatSettings::nonModeratorChatDelay, &ChatSettings::nonModeratorChatDelayDuration, 2,
         [](int v) { return v == 2 || v == 4 || v == 6; },
         "non_moderator_chat_delay_duration must be one of the following values: 2, 4, 6"},
    };
    return kPairs;
}

} // namespace

QList<HelixRoute> HelixChatRoutes::routes()
{
    auto bind = [this](HttpResult (HelixChatRoutes::*fn)(const HelixCall &)) {
        return [this, fn](const HelixCall &c) { return (this->*fn)(c); };
    };
    return {
        {QStringLiteral("GET"), QStringLiteral("/chat/settings"), bind(&HelixChatRoutes::settings)},
        {QStringLiteral("PATCH"), QStringLiteral("/chat/settings"),
         bind(&HelixChatRoutes::updateSettings)},
        {QStringLiteral("POST"), QStringLiteral("/chat/messages"),
         bind(&HelixChatRoutes::sendMessage)},
        {QStringLiteral("POST"), QStringLiteral("/chat/announcements"),
         bind(&HelixChatRoutes::announce)}};
}

QJsonObject HelixChatRoutes::settingsJson(const QString &broadcasterId,
                                          const QString &moderatorId) const
{
    const ChatSettings s = m_world->channel(broadcasterId)->chatSettings;
    QJsonObject o{{QStringLiteral("broadcaster_id"), broadcasterId},
                  {QStringLiteral("emote_mode"), s.emoteMode},
                  {QStringLiteral("follower_mode"), s.followerMode},
                  {QStringLiteral("follower_mode_duration"), nullable(s.followerModeDuration)},
                  {QStringLiteral("slow_mode"), s.slowMode},
                  {QStringLiteral("slow_mode_wait_time"), nullable(s.slowModeWaitTime)},
                  {QStringLiteral("subscriber_mode"), s.subscriberMode},
                  {QStringLiteral("unique_chat_mode"), s.uniqueChatMode}};
    if (!moderatorId.isEmpty()) {
        o.insert(QStringLiteral("moderator_id"), moderatorId);
        o.insert(QStringLiteral("non_moderator_chat_delay"), s.nonModeratorChatDelay);
        o.insert(QStringLiteral("non_moderator_chat_delay_duration"),
                 nullable(s.nonModeratorChatDelayDuration));
    }
    return o;
}

HttpResult HelixChatRoutes::settings(const HelixCall &call)
{
    if (auto e = requireParam(call, "broadcaster_id"))
        return *e;
    const QString bid = call.param("broadcaster_id");
    if (!m_world->channel(bid))
        return HttpResult::helixError(400, QStringLiteral("Invalid broadcaster_id"));
    const QString moderatorId = call.param("moderator_id");
    if (!moderatorId.isEmpty() && moderatorId != call.grant.userId)
        return HttpResult::helixError(401, QStringLiteral("The ID in moderator_id must match the "
                                                          "user ID found in the request's OAuth "
                                                          "token."));
    // §3.3: the delay fields need moderator_id, the role and the read scope. Whether the manage
    // scope implies the read one is [UNVERIFIED]; the sandbox accepts either.
    const bool privileged = !moderatorId.isEmpty() && m_world->hasModRights(bid, moderatorId) &&
                            (call.grant.hasScope(QStringLiteral("moderator:read:chat_settings")) ||
                             call.grant.hasScope(QStringLiteral("moderator:manage:chat_settings")));
    return okData({settingsJson(bid, privileged ? moderatorId : QString())});
}

HttpResult HelixChatRoutes::updateSettings(const HelixCall &call)
{
    if (auto e = requireScope(call, {QStringLiteral("moderator:manage:chat_settings")}))
        return *e;
    if (auto e = requireModerator(*m_world, call))
        return *e;
    QJsonObject body;
    if (auto e = parseBody(call, &body))
        return *e;
    const QString bid = call.param("broadcaster_id");
    ChatSettings next = m_world->channel(bid)->chatSettings;

    const QStringList bools = {
        QStringLiteral("emote_mode"),       QStringLiteral("follower_mode"),
        QStringLiteral("slow_mode"),        QStringLiteral("subscriber_mode"),
        QStringLiteral("unique_chat_mode"), QStringLiteral("non_moderator_chat_delay")};
    for (auto it = body.constBegin(); it != body.constEnd(); ++it) {
        if (bools.contains(it.key()) && !it.value().isBool())
            return HttpResult::helixError(400,
                                          QStringLiteral("%1 must be a boolean").arg(it.key()));
    }
    if (body.contains(QStringLiteral("emote_mode")))
        next.emoteMode = body.value(QStringLiteral("emote_mode")).toBool();
    if (body.contains(QStringLiteral("subscriber_mode")))
        next.subscriberMode = body.value(QStringLiteral("subscriber_mode")).toBool();
    if (body.contains(QStringLiteral("unique_chat_mode")))
        next.uniqueChatMode = body.value(QStringLiteral("unique_chat_mode")).toBool();

    for (const Pair &p : pairs()) {
        const QString mode = QLatin1String(p.mode);
        const QString durationKey = QLatin1String(p.duration);
        const QJsonValue modeValue = body.value(mode);
        const QJsonValue duration = body.value(durationKey);
        if (!duration.isUndefined()) {
            if (!duration.isDouble() || duration.toDouble() != duration.toInt() ||
                !p.valid(duration.toInt()))
                return HttpResult::helixError(400, QLatin1String(p.rangeMessage));
            // §3.3: a duration needs its mode sent as true in the same request.
            if (modeValue != QJsonValue(true))
                return HttpResult::helixError(
                    400, QStringLiteral("%1 requires %2 to be set to true").arg(durationKey, mode));
        }
        if (modeValue.isUndefined())
            continue;
        const bool on = modeValue.toBool();
        next.*(p.modeField) = on;
        if (!on)
            next.*(p.durationField) = std::nullopt; // §3.3: false clears the duration
        else
            next.*(p.durationField) = duration.isUndefined() ? p.defaultDuration : duration.toInt();
    }

    m_world->channel(bid)->chatSettings = next;
    const QJsonObject json = settingsJson(bid, call.grant.userId);
    m_world->applyAction({QStringLiteral("chat_settings"),
                          bid,
                          call.grant.userId,
                          {},
                          {{QStringLiteral("changed"), body}, {QStringLiteral("settings"), json}},
                          {}});
    return okData({json});
}

HttpResult HelixChatRoutes::sendMessage(const HelixCall &call)
{
    if (auto e = requireScope(call, {QStringLiteral("user:write:chat")}))
        return *e;
    QJsonObject body;
    if (auto e = parseBody(call, &body))
        return *e;
    const QString bid = body.value(QStringLiteral("broadcaster_id")).toString();
    const QString sender = body.value(QStringLiteral("sender_id")).toString();
    const QString message = body.value(QStringLiteral("message")).toString();
    for (const char *field : {"broadcaster_id", "sender_id", "message"}) {
        if (body.value(QLatin1String(field)).toString().isEmpty())
            return HttpResult::helixError(
                400, QStringLiteral("Missing required parameter \"%1\"").arg(QLatin1String(field)));
    }
    if (sender != call.grant.userId)
        return HttpResult::helixError(401, QStringLiteral("The ID in sender_id must match the "
                                                          "user ID found in the request's OAuth "
                                                          "token."));
    if (body.contains(QStringLiteral("for_source_only"))) // §3.3: app tokens only
        return HttpResult::helixError(400, QStringLiteral("for_source_only may only be used with "
                                                          "an app access token"));
    if (!m_world->channel(bid))
        return HttpResult::helixError(400, QStringLiteral("Invalid broadcaster_id"));
    if (message.size() > kMaxMessageChars)
        return HttpResult::helixError(422, QStringLiteral("The message is too large"));

    // Dropped messages still answer 200 (§3.3); the drop_reason codes are [UNVERIFIED].
    auto dropped = [](const QString &code, const QString &text) {
        return okData({QJsonObject{
            {QStringLiteral("message_id"), QString()},
            {QStringLiteral("is_sent"), false},
            {QStringLiteral("drop_reason"),
             QJsonObject{{QStringLiteral("code"), code}, {QStringLiteral("message"), text}}}}});
    };
    if (m_world->activeBan(bid, sender))
        return dropped(QStringLiteral("user_banned"),
                       QStringLiteral("You are banned or timed out in this channel."));
    for (const BlockedTerm &t : m_world->channel(bid)->blockedTerms) {
        QString needle = t.text;
        needle.remove(QLatin1Char('*'));
        if (!needle.isEmpty() && message.contains(needle, Qt::CaseInsensitive))
            return dropped(QStringLiteral("msg_blocked_term"),
                           QStringLiteral("Your message contains a blocked term."));
    }
    const QString id = m_world->recordChatMessage(bid, sender, message);
    m_world->applyAction(
        {QStringLiteral("chat_message"),
         bid,
         {},
         sender,
         {{QStringLiteral("message_id"), id}, {QStringLiteral("message_body"), message}},
         {}});
    return okData(
        {QJsonObject{{QStringLiteral("message_id"), id}, {QStringLiteral("is_sent"), true}}});
}

HttpResult HelixChatRoutes::announce(const HelixCall &call)
{
    if (auto e = requireScope(call, {QStringLiteral("moderator:manage:announcements")}))
        return *e;
    if (auto e = requireModerator(*m_world, call))
        return *e;
    QJsonObject body;
    if (auto e = parseBody(call, &body))
        return *e;
    QString message = body.value(QStringLiteral("message")).toString();
    if (message.isEmpty())
        return HttpResult::helixError(400,
                                      QStringLiteral("Missing required parameter \"message\""));
    message.truncate(kMaxMessageChars); // §3.3: longer messages are truncated
    const QString color = body.contains(QStringLiteral("color"))
                              ? body.value(QStringLiteral("color")).toString()
                              : QStringLiteral("primary");
    static const QStringList kColors = {QStringLiteral("blue"), QStringLiteral("green"),
                                        QStringLiteral("orange"), QStringLiteral("purple"),
                                        QStringLiteral("primary")};
    if (!kColors.contains(color)) // case-sensitive
        return HttpResult::helixError(400, QStringLiteral("The value in the color field is not "
                                                          "valid"));
    const QString bid = call.param("broadcaster_id");
    Channel *c = m_world->channel(bid);
    const QDateTime now = m_world->now();
    if (c->lastAnnouncementAt.isValid() &&
        c->lastAnnouncementAt.msecsTo(now) < kAnnouncementSpacingMs)
        return HttpResult::helixError(429, QStringLiteral("The sender has exceeded the number of "
                                                          "announcements they may send"));
    c->lastAnnouncementAt = now;
    m_world->applyAction({QStringLiteral("announcement"),
                          bid,
                          call.grant.userId,
                          {},
                          {{QStringLiteral("message"), message}, {QStringLiteral("color"), color}},
                          {}});
    return noContent();
}

} // namespace roomwarden::sandbox
