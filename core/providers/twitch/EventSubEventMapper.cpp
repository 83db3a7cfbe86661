#include "core/providers/twitch/EventSubEventMapper.h"

#include <QJsonArray>

namespace roomwarden::twitch {

namespace {
using model::RoomEvent;
using K = model::RoomEventKind;

QString str(const QJsonObject &o, QStringView key)
{
    return o.value(key).toString();
}

std::optional<qint64> integer(const QJsonObject &o, QStringView key)
{
    const QJsonValue v = o.value(key);
    // A hostile frame may send 1e300; casting that to qint64 is undefined behaviour (regression
    // input: tests/fuzz/corpus/eventsub). 2^53 is where doubles stop being whole numbers anyway.
    if (!v.isDouble() || !(qAbs(v.toDouble()) < 9007199254740992.0))
        return std::nullopt;
    return qint64(v.toDouble());
}

QString roomKeyFor(const QString &broadcasterId)
{
    return broadcasterId.isEmpty() ? QString() : QStringLiteral("twitch:") + broadcasterId;
}

RoomEvent base(const EventSubEnvelope &env, K kind)
{
    RoomEvent e;
    e.kind = kind;
    e.eventId = env.messageId;
    e.roomKey = roomKeyFor(str(env.event, u"broadcaster_user_id"));
    e.occurredAt = env.timestamp;
    return e;
}

void setTime(RoomEvent &e, const QJsonObject &o, QStringView key)
{
    const QDateTime t = EventSubParser::parseTimestamp(str(o, key));
    if (t.isValid())
        e.occurredAt = t;
}

// prefix "user" → user_id/user_name; "moderator_user" → moderator_user_id/…
void setActor(RoomEvent &e, const QJsonObject &o, const QString &prefix)
{
    e.actorId = o.value(QString(prefix + u"_id")).toString();
    e.actorName = o.value(QString(prefix + u"_name")).toString();
}

void setTarget(RoomEvent &e, const QJsonObject &o, const QString &prefix)
{
    e.targetId = o.value(QString(prefix + u"_id")).toString();
    e.targetName = o.value(QString(prefix + u"_name")).toString();
}

const QString kUser = QStringLiteral("user");
const QString kModerator = QStringLiteral("moderator_user");
const QString kChatter = QStringLiteral("chatter_user");
const QString kTargetUser = QStringLiteral("target_user");

QString onOff(const QJsonObject &o, QStringView key)
{
    return o.value(key).toBool() ? QStringLiteral("on") : QStringLiteral("off");
}

std::optional<RoomEvent> moderate(const EventSubEnvelope &env)
{
    const QJsonObject &ev = env.event;
    const QString action = str(ev, u"action");
    // §4.5: exactly the object named by the action is non-null; shared-chat variants have the
    // same shape under their own key.
    const QJsonObject detail = ev.value(action).toObject();
    auto make = [&](K kind) {
        RoomEvent e = base(env, kind);
        setActor(e, ev, kModerator);
        setTarget(e, detail, kUser);
        return e;
    };
    if (action == u"ban" || action == u"shared_chat_ban") {
        RoomEvent e = make(K::UserBanned);
        e.text = str(detail, u"reason");
        return e;
    }
    if (action == u"timeout" || action == u"shared_chat_timeout") {
        RoomEvent e = make(K::UserTimedOut);
        e.text = str(detail, u"reason");
        e.durationSeconds = EventSubEventMapper::secondsBetween(
            env.timestamp, EventSubParser::parseTimestamp(str(detail, u"expires_at")));
        return e;
    }
    if (action == u"unban" || action == u"untimeout" || action == u"shared_chat_unban" ||
        action == u"shared_chat_untimeout")
        return make(K::UserUnbanned);
    if (action == u"delete" || action == u"shared_chat_delete") {
        RoomEvent e = make(K::MessageDeleted);
        e.messageId = str(detail, u"message_id");
        e.text = str(detail, u"message_body");
        return e;
    }
    if (action == u"clear")
        return make(K::ChatCleared);
    if (action == u"warn") {
        RoomEvent e = make(K::UserWarned);
        e.text = str(detail, u"reason");
        return e;
    }
    if (action == u"raid") {
        RoomEvent e = make(K::RaidOutgoing);
        e.count = integer(detail, u"viewer_count");
        return e;
    }
    if (action == u"approve_unban_request" || action == u"deny_unban_request") {
        const QJsonObject req = ev.value(u"unban_request").toObject();
        RoomEvent e = base(env, K::UnbanRequestResolved);
        setActor(e, ev, kModerator);
        setTarget(e, req, kUser);
        e.text = action == u"approve_unban_request" ? QStringLiteral("approved")
                                                    : QStringLiteral("denied");
        return e;
    }
    static const QStringList kModes{
        QStringLiteral("slow"),        QStringLiteral("slowoff"),
        QStringLiteral("followers"),   QStringLiteral("followersoff"),
        QStringLiteral("emoteonly"),   QStringLiteral("emoteonlyoff"),
        QStringLiteral("uniquechat"),  QStringLiteral("uniquechatoff"),
        QStringLiteral("subscribers"), QStringLiteral("subscribersoff"),
    };
    if (kModes.contains(action)) {
        RoomEvent e = base(env, K::ChatSettingsChanged);
        setActor(e, ev, kModerator);
        e.text = action;
        if (action == u"slow")
            e.durationSeconds = integer(ev.value(u"slow").toObject(), u"wait_time_seconds");
        else if (action == u"followers") {
            if (auto m = integer(ev.value(u"followers").toObject(), u"follow_duration_minutes"))
                e.durationSeconds = *m * 60;
        }
        return e;
    }
    return std::nullopt; // mod/vip changes, terms, unraid…: no RoomEventKind for them
}

std::optional<RoomEvent> chatSettings(const EventSubEnvelope &env)
{
    const QJsonObject &ev = env.event;
    RoomEvent e = base(env, K::ChatSettingsChanged);
    // §4.5: field names differ from Helix (…_minutes, …_seconds).
    QStringList parts{
        QStringLiteral("emote=") + onOff(ev, u"emote_mode"),
        QStringLiteral("followers=") + onOff(ev, u"follower_mode"),
        QStringLiteral("slow=") + onOff(ev, u"slow_mode"),
        QStringLiteral("subscribers=") + onOff(ev, u"subscriber_mode"),
        QStringLiteral("unique=") + onOff(ev, u"unique_chat_mode"),
    };
    if (ev.value(u"slow_mode").toBool())
        e.durationSeconds = integer(ev, u"slow_mode_wait_time_seconds");
    e.text = parts.join(u' ');
    return e;
}
} // namespace

std::optional<qint64> EventSubEventMapper::secondsBetween(const QDateTime &from,
                                                          const QDateTime &to)
{
    if (!from.isValid() || !to.isValid())
        return std::nullopt;
    const qint64 ms = from.msecsTo(to);
    if (ms <= 0)
        return std::nullopt;
    return std::max<qint64>(1, (ms + 500) / 1000);
}

// §4.6 channel.chat.message badges: set_id names the standing ("founder" is a subscriber).
model::Roles EventSubEventMapper::rolesFromBadges(const QJsonArray &badges)
{
    model::Roles roles;
    for (const QJsonValue &b : badges) {
        const QString set = b.toObject().value(u"set_id").toString();
        if (set == u"broadcaster")
            roles |= model::Role::Broadcaster;
        else if (set == u"moderator" || set == u"lead_moderator")
            roles |= model::Role::Moderator;
        else if (set == u"vip")
            roles |= model::Role::Vip;
        else if (set == u"subscriber" || set == u"founder")
            roles |= model::Role::Subscriber;
    }
    return roles;
}

std::optional<model::RoomEvent> EventSubEventMapper::toRoomEvent(const EventSubEnvelope &env)
{
    if (env.type != EventSubMessageType::Notification)
        return std::nullopt;
    const QString &type = env.subscriptionType;
    const QString &version = env.subscriptionVersion;
    const QJsonObject &ev = env.event;

    if (type == u"channel.chat.message") {
        RoomEvent e = base(env, K::ChatMessage);
        setActor(e, ev, kChatter);
        e.messageId = str(ev, u"message_id");
        e.text = ev.value(u"message").toObject().value(u"text").toString();
        e.actorRoles = rolesFromBadges(ev.value(u"badges").toArray());
        return e;
    }
    if (type == u"channel.chat.message_delete") {
        RoomEvent e = base(env, K::MessageDeleted);
        setTarget(e, ev, kTargetUser);
        e.messageId = str(ev, u"message_id");
        return e;
    }
    if (type == u"channel.chat.clear")
        return base(env, K::ChatCleared);
    if (type == u"channel.chat.clear_user_messages") {
        // All of one user's messages (sent on ban/timeout): a delete with no message id.
        RoomEvent e = base(env, K::MessageDeleted);
        setTarget(e, ev, kTargetUser);
        return e;
    }
    if (type == u"channel.chat_settings.update")
        return chatSettings(env);
    if (type == u"channel.moderate" && version == u"2")
        return moderate(env);
    if (type == u"channel.ban") {
        const bool permanent = ev.value(u"is_permanent").toBool(true);
        RoomEvent e = base(env, permanent ? K::UserBanned : K::UserTimedOut);
        setActor(e, ev, kModerator);
        setTarget(e, ev, kUser);
        e.text = str(ev, u"reason");
        setTime(e, ev, u"banned_at");
        if (!permanent)
            e.durationSeconds =
                secondsBetween(e.occurredAt, EventSubParser::parseTimestamp(str(ev, u"ends_at")));
        return e;
    }
    if (type == u"channel.unban") {
        RoomEvent e = base(env, K::UserUnbanned);
        setActor(e, ev, kModerator);
        setTarget(e, ev, kUser);
        return e;
    }
    if (type == u"channel.follow" && version == u"2") {
        RoomEvent e = base(env, K::Follow);
        setActor(e, ev, kUser);
        setTime(e, ev, u"followed_at");
        return e;
    }
    if (type == u"channel.raid") {
        // The subscription's condition tells which side this room is on (§4.5).
        const QJsonObject cond = env.subscription.value(u"condition").toObject();
        const bool incoming = !str(cond, u"to_broadcaster_user_id").isEmpty() ||
                              str(cond, u"from_broadcaster_user_id").isEmpty();
        RoomEvent e = base(env, incoming ? K::RaidIncoming : K::RaidOutgoing);
        e.roomKey =
            roomKeyFor(str(ev, incoming ? u"to_broadcaster_user_id" : u"from_broadcaster_user_id"));
        e.actorId = str(ev, u"from_broadcaster_user_id");
        e.actorName = str(ev, u"from_broadcaster_user_name");
        e.targetId = str(ev, u"to_broadcaster_user_id");
        e.targetName = str(ev, u"to_broadcaster_user_name");
        e.count = integer(ev, u"viewers");
        return e;
    }
    if (type == u"stream.online") {
        RoomEvent e = base(env, K::StreamOnline);
        setTime(e, ev, u"started_at");
        e.text = str(ev, u"type");
        return e;
    }
    if (type == u"stream.offline")
        return base(env, K::StreamOffline);
    if (type == u"automod.message.hold" && version == u"2") {
        RoomEvent e = base(env, K::AutoModHeld);
        setActor(e, ev, kUser);
        e.messageId = str(ev, u"message_id");
        e.text = ev.value(u"message").toObject().value(u"text").toString();
        setTime(e, ev, u"held_at");
        return e;
    }
    if (type == u"automod.message.update" && version == u"2") {
        RoomEvent e = base(env, K::AutoModResolved);
        setActor(e, ev, kModerator);
        setTarget(e, ev, kUser);
        e.messageId = str(ev, u"message_id");
        e.text = str(ev, u"status").toLower(); // Approved|Denied|Expired (§4.5, capitalised)
        return e;
    }
    if (type == u"channel.warning.send") {
        RoomEvent e = base(env, K::UserWarned);
        setActor(e, ev, kModerator);
        setTarget(e, ev, kUser);
        e.text = str(ev, u"reason");
        return e;
    }
    if (type == u"channel.shield_mode.begin" || type == u"channel.shield_mode.end") {
        const bool begin = type.endsWith(u".begin");
        RoomEvent e = base(env, K::ShieldModeChanged);
        setActor(e, ev, kModerator);
        e.count = begin ? 1 : 0; // RoomEvent: ShieldModeChanged carries on/off in `count`
        setTime(e, ev, begin ? u"started_at" : u"ended_at");
        return e;
    }
    if (type == u"channel.unban_request.create") {
        RoomEvent e = base(env, K::UnbanRequestCreated);
        setActor(e, ev, kUser);
        e.messageId = str(ev, u"id"); // the request id (ModerationAction uses messageId too)
        e.text = str(ev, u"text");
        setTime(e, ev, u"created_at");
        return e;
    }
    if (type == u"channel.unban_request.resolve") {
        RoomEvent e = base(env, K::UnbanRequestResolved);
        // §4.5: moderator_id/_name here, without "_user_".
        e.actorId = str(ev, u"moderator_id");
        e.actorName = str(ev, u"moderator_name");
        setTarget(e, ev, kUser);
        e.messageId = str(ev, u"id");
        e.text = str(ev, u"status");
        return e;
    }
    // channel.suspicious_user.message: the same message also arrives as channel.chat.message,
    // and RoomEventKind has no "suspicious" kind yet, so it is not turned into an event.
    return std::nullopt;
}

} // namespace roomwarden::twitch
