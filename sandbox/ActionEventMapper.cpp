#include "sandbox/ActionEventMapper.h"

#include "sandbox/World.h"

#include <QJsonArray>

namespace roomwarden::sandbox {

namespace {

const QString kOne = QStringLiteral("1");
const QString kTwo = QStringLiteral("2");
const QString kModerate = QStringLiteral("channel.moderate");

// §4.5: exactly the object named by `action` is non-null; every other one is null.
const QStringList &moderateObjects()
{
    static const QStringList kObjects = {QStringLiteral("followers"),
                                         QStringLiteral("slow"),
                                         QStringLiteral("vip"),
                                         QStringLiteral("unvip"),
                                         QStringLiteral("mod"),
                                         QStringLiteral("unmod"),
                                         QStringLiteral("ban"),
                                         QStringLiteral("unban"),
                                         QStringLiteral("timeout"),
                                         QStringLiteral("untimeout"),
                                         QStringLiteral("raid"),
                                         QStringLiteral("unraid"),
                                         QStringLiteral("delete"),
                                         QStringLiteral("automod_terms"),
                                         QStringLiteral("unban_request"),
                                         QStringLiteral("warn"),
                                         QStringLiteral("shared_chat_ban"),
                                         QStringLiteral("shared_chat_unban"),
                                         QStringLiteral("shared_chat_timeout"),
                                         QStringLiteral("shared_chat_untimeout"),
                                         QStringLiteral("shared_chat_delete")};
    return kObjects;
}

QJsonValue orNull(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

QString detail(const QJsonObject &d, std::initializer_list<const char *> keys)
{
    for (const char *k : keys) {
        const QJsonValue v = d.value(QLatin1String(k));
        if (v.isString())
            return v.toString();
        if (v.isDouble())
            return QString::number(v.toInteger());
    }
    return QString();
}

} // namespace

ActionEventMapper::ActionEventMapper(const World *world) : m_world(world) {}

UserRef ActionEventMapper::user(const QString &id) const
{
    if (const User *u = m_world->user(id))
        return {u->id, u->login, u->displayName};
    return {id, id, id};
}

void ActionEventMapper::putUser(QJsonObject &o, const QString &prefix, const QString &id) const
{
    const QString p = prefix.isEmpty() ? QStringLiteral("user") : prefix + QStringLiteral("_user");
    if (id.isEmpty()) {
        o.insert(p + QStringLiteral("_id"), QJsonValue::Null);
        o.insert(p + QStringLiteral("_login"), QJsonValue::Null);
        o.insert(p + QStringLiteral("_name"), QJsonValue::Null);
        return;
    }
    const UserRef u = user(id);
    o.insert(p + QStringLiteral("_id"), u.id);
    o.insert(p + QStringLiteral("_login"), u.login);
    o.insert(p + QStringLiteral("_name"), u.name);
}

QJsonObject ActionEventMapper::userObject(const QString &id) const
{
    QJsonObject o;
    putUser(o, QString(), id);
    return o;
}

QJsonObject ActionEventMapper::moderateBase(const AppliedAction &a, const QString &action) const
{
    QJsonObject e;
    putUser(e, QStringLiteral("broadcaster"), a.broadcasterId);
    putUser(e, QStringLiteral("source_broadcaster"), QString()); // shared chat only
    putUser(e, QStringLiteral("moderator"),
            a.moderatorId.isEmpty() ? a.broadcasterId : a.moderatorId);
    e.insert(QStringLiteral("action"), action);
    for (const QString &k : moderateObjects())
        e.insert(k, QJsonValue::Null);
    return e;
}

QList<OutgoingEvent> ActionEventMapper::map(const AppliedAction &a) const
{
    QList<OutgoingEvent> out;
    const QJsonObject match{{QStringLiteral("broadcaster_user_id"), a.broadcasterId}};
    const QJsonObject &d = a.details;
    const QString reason = detail(d, {"reason"});
    const QString modId = a.moderatorId.isEmpty() ? a.broadcasterId : a.moderatorId;
    const auto moderate = [&](const QString &action, const QJsonValue &object) {
        QJsonObject e = moderateBase(a, action);
        if (!object.isNull())
            e.insert(action, object);
        out.append({kModerate, kTwo, e, match});
    };
    const auto withBroadcaster = [&](QJsonObject e) {
        putUser(e, QStringLiteral("broadcaster"), a.broadcasterId);
        return e;
    };
    const auto withModerator = [&](QJsonObject e) {
        putUser(e, QStringLiteral("moderator"), modId);
        return withBroadcaster(e);
    };
    const QString at = EventFactory::timestamp(a.at);

    if (a.kind == QLatin1String("ban") || a.kind == QLatin1String("timeout")) {
        const bool timeout = a.kind == QLatin1String("timeout");
        QJsonObject obj = userObject(a.targetUserId);
        obj.insert(QStringLiteral("reason"), reason);
        QJsonValue endsAt = QJsonValue::Null;
        if (timeout) {
            const int secs = d.value(QStringLiteral("duration")).toInt(600);
            endsAt = EventFactory::timestamp(a.at.addSecs(secs));
            obj.insert(QStringLiteral("expires_at"), endsAt);
        }
        moderate(a.kind, obj);
        QJsonObject ban = withModerator(userObject(a.targetUserId));
        ban.insert(QStringLiteral("reason"), reason);
        ban.insert(QStringLiteral("banned_at"), at);
        ban.insert(QStringLiteral("ends_at"), endsAt);
        ban.insert(QStringLiteral("is_permanent"), !timeout);
        out.append({QStringLiteral("channel.ban"), kOne, ban, match});
        // §4.5: clear_user_messages is "sent on ban/timeout".
        QJsonObject clear = withBroadcaster({});
        putUser(clear, QStringLiteral("target"), a.targetUserId);
        out.append({QStringLiteral("channel.chat.clear_user_messages"), kOne, clear, match});
    } else if (a.kind == QLatin1String("unban")) {
        // World forgets the ban before announcing the unban; its history says which it was.
        bool wasTimeout = d.value(QStringLiteral("was_timeout")).toBool();
        const QList<AppliedAction> &history = m_world->actions();
        for (qsizetype i = history.size() - 1; i >= 0; --i) {
            const AppliedAction &h = history.at(i);
            if (h.broadcasterId != a.broadcasterId || h.targetUserId != a.targetUserId)
                continue;
            if (h.kind == QLatin1String("timeout") || h.kind == QLatin1String("ban")) {
                wasTimeout = wasTimeout || h.kind == QLatin1String("timeout");
                break;
            }
        }
        moderate(wasTimeout ? QStringLiteral("untimeout") : QStringLiteral("unban"),
                 userObject(a.targetUserId));
        out.append({QStringLiteral("channel.unban"), kOne,
                    withModerator(userObject(a.targetUserId)), match});
    } else if (a.kind == QLatin1String("delete")) {
        const QString messageId = detail(d, {"message_id"});
        QString body = detail(d, {"message_body", "text"});
        QString sender = a.targetUserId;
        if (const Channel *c = m_world->channel(a.broadcasterId)) {
            for (const ChatMessage &m : c->messages) {
                if (m.id == messageId) {
                    body = body.isEmpty() ? m.text : body;
                    sender = sender.isEmpty() ? m.senderId : sender;
                }
            }
        }
        QJsonObject obj = userObject(sender);
        obj.insert(QStringLiteral("message_id"), messageId);
        obj.insert(QStringLiteral("message_body"), body);
        moderate(QStringLiteral("delete"), obj);
        QJsonObject del = withBroadcaster({});
        putUser(del, QStringLiteral("target"), sender);
        del.insert(QStringLiteral("message_id"), messageId);
        out.append({QStringLiteral("channel.chat.message_delete"), kOne, del, match});
    } else if (a.kind == QLatin1String("clear")) {
        moderate(QStringLiteral("clear"), QJsonValue::Null);
        out.append({QStringLiteral("channel.chat.clear"), kOne, withBroadcaster({}), match});
    } else if (a.kind == QLatin1String("chat_settings")) {
        chatSettingsEvents(a, out);
    } else if (a.kind == QLatin1String("shield_mode")) {
        const bool active = d.value(QStringLiteral("is_active")).toBool();
        QJsonObject e = withModerator({});
        e.insert(active ? QStringLiteral("started_at") : QStringLiteral("ended_at"), at);
        out.append({active ? QStringLiteral("channel.shield_mode.begin")
                           : QStringLiteral("channel.shield_mode.end"),
                    kOne, e, match});
    } else if (a.kind == QLatin1String("warn")) {
        const QJsonValue rules = d.value(QStringLiteral("chat_rules_cited")).isArray()
                                     ? d.value(QStringLiteral("chat_rules_cited"))
                                     : QJsonValue(QJsonValue::Null);
        QJsonObject obj = userObject(a.targetUserId);
        obj.insert(QStringLiteral("reason"), reason);
        obj.insert(QStringLiteral("chat_rules_cited"), rules);
        moderate(QStringLiteral("warn"), obj);
        QJsonObject send = withModerator(userObject(a.targetUserId));
        send.insert(QStringLiteral("reason"), orNull(reason));
        send.insert(QStringLiteral("chat_rules_cited"), rules);
        out.append({QStringLiteral("channel.warning.send"), kOne, send, match});
    } else if (a.kind == QLatin1String("automod_allow") ||
               a.kind == QLatin1String("automod_deny")) {
        autoModUpdate(a, out);
    } else if (a.kind == QLatin1String("unban_request_resolve")) {
        unbanRequestResolved(a, out);
    } else if (a.kind == QLatin1String("blocked_term_add") ||
               a.kind == QLatin1String("blocked_term_remove")) {
        const bool add = a.kind == QLatin1String("blocked_term_add");
        const QString term = detail(d, {"text", "term"});
        // §4.5: the action is add_/remove_blocked_term, its object is named automod_terms.
        QJsonObject e = moderateBase(a, add ? QStringLiteral("add_blocked_term")
                                            : QStringLiteral("remove_blocked_term"));
        e.insert(QStringLiteral("automod_terms"),
                 QJsonObject{{QStringLiteral("action"),
                              add ? QStringLiteral("add") : QStringLiteral("remove")},
                             {QStringLiteral("list"), QStringLiteral("blocked")},
                             {QStringLiteral("terms"), QJsonArray{term}},
                             {QStringLiteral("from_automod"), false}});
        out.append({kModerate, kTwo, e, match});
        QJsonObject terms = withModerator({});
        terms.insert(QStringLiteral("action"),
                     add ? QStringLiteral("add_blocked") : QStringLiteral("remove_blocked"));
        terms.insert(QStringLiteral("from_automod"), false);
        terms.insert(QStringLiteral("terms"), QJsonArray{term});
        out.append({QStringLiteral("automod.terms.update"), kOne, terms, match});
    } else if (a.kind == QLatin1String("mod") || a.kind == QLatin1String("unmod") ||
               a.kind == QLatin1String("vip") || a.kind == QLatin1String("unvip")) {
        moderate(a.kind, userObject(a.targetUserId));
        const bool isMod = a.kind.endsWith(QLatin1String("mod"));
        const bool add = !a.kind.startsWith(QLatin1String("un"));
        const QString type =
            (isMod ? QStringLiteral("channel.moderator.") : QStringLiteral("channel.vip.")) +
            (add ? QStringLiteral("add") : QStringLiteral("remove"));
        out.append({type, kOne, withBroadcaster(userObject(a.targetUserId)), match});
    }
    return out;
}

void ActionEventMapper::chatSettingsEvents(const AppliedAction &a, QList<OutgoingEvent> &out) const
{
    const QJsonObject match{{QStringLiteral("broadcaster_user_id"), a.broadcasterId}};
    // The Helix route records the request body as "changed"; injected actions may carry the
    // fields directly.
    const QJsonObject d = a.details.value(QStringLiteral("changed")).isObject()
                              ? a.details.value(QStringLiteral("changed")).toObject()
                              : a.details;
    const auto moderate = [&](const QString &action, const QString &objectKey,
                              const QJsonValue &obj) {
        QJsonObject e = moderateBase(a, action);
        if (!objectKey.isEmpty())
            e.insert(objectKey, obj);
        out.append({kModerate, kTwo, e, match});
    };
    // One channel.moderate per mode that the request touched, named as §4.5 lists them.
    const auto toggle = [&](const char *key, const char *on, const char *off) {
        const QJsonValue v = d.value(QLatin1String(key));
        if (v.isBool())
            moderate(QLatin1String(v.toBool() ? on : off), QString(), QJsonValue::Null);
    };
    toggle("emote_mode", "emoteonly", "emoteonlyoff");
    toggle("subscriber_mode", "subscribers", "subscribersoff");
    toggle("unique_chat_mode", "uniquechat", "uniquechatoff");
    const ChatSettings *cs = nullptr;
    if (const Channel *c = m_world->channel(a.broadcasterId))
        cs = &c->chatSettings;
    if (d.value(QStringLiteral("follower_mode")).isBool()) {
        if (d.value(QStringLiteral("follower_mode")).toBool()) {
            const int minutes = d.value(QStringLiteral("follower_mode_duration"))
                                    .toInt(cs ? cs->followerModeDuration.value_or(0) : 0);
            moderate(QStringLiteral("followers"), QStringLiteral("followers"),
                     QJsonObject{{QStringLiteral("follow_duration_minutes"), minutes}});
        } else {
            moderate(QStringLiteral("followersoff"), QString(), QJsonValue::Null);
        }
    }
    if (d.value(QStringLiteral("slow_mode")).isBool()) {
        if (d.value(QStringLiteral("slow_mode")).toBool()) {
            const int secs = d.value(QStringLiteral("slow_mode_wait_time"))
                                 .toInt(cs ? cs->slowModeWaitTime.value_or(30) : 30);
            moderate(QStringLiteral("slow"), QStringLiteral("slow"),
                     QJsonObject{{QStringLiteral("wait_time_seconds"), secs}});
        } else {
            moderate(QStringLiteral("slowoff"), QString(), QJsonValue::Null);
        }
    }
    if (!cs)
        return;
    // §4.5: the EventSub names differ from Helix and there are no chat-delay fields.
    QJsonObject e;
    putUser(e, QStringLiteral("broadcaster"), a.broadcasterId);
    e.insert(QStringLiteral("emote_mode"), cs->emoteMode);
    e.insert(QStringLiteral("follower_mode"), cs->followerMode);
    e.insert(QStringLiteral("follower_mode_duration_minutes"),
             cs->followerModeDuration ? QJsonValue(*cs->followerModeDuration) : QJsonValue());
    e.insert(QStringLiteral("slow_mode"), cs->slowMode);
    e.insert(QStringLiteral("slow_mode_wait_time_seconds"),
             cs->slowModeWaitTime ? QJsonValue(*cs->slowModeWaitTime) : QJsonValue());
    e.insert(QStringLiteral("subscriber_mode"), cs->subscriberMode);
    e.insert(QStringLiteral("unique_chat_mode"), cs->uniqueChatMode);
    out.append({QStringLiteral("channel.chat_settings.update"), kOne, e, match});
}

void ActionEventMapper::autoModUpdate(const AppliedAction &a, QList<OutgoingEvent> &out) const
{
    const QString id = detail(a.details, {"msg_id", "message_id"});
    const Channel *c = m_world->channel(a.broadcasterId);
    const HeldMessage *held = nullptr;
    for (int i = 0; c && i < c->heldMessages.size(); ++i) {
        if (c->heldMessages.at(i).id == id)
            held = &c->heldMessages.at(i);
    }
    QJsonObject e;
    putUser(e, QStringLiteral("broadcaster"), a.broadcasterId);
    putUser(e, QString(), held ? held->userId : a.targetUserId);
    putUser(e, QStringLiteral("moderator"), a.moderatorId);
    const QString text = held ? held->text : QString();
    e.insert(QStringLiteral("message_id"), id);
    e.insert(
        QStringLiteral("message"),
        QJsonObject{{QStringLiteral("text"), text},
                    {QStringLiteral("fragments"),
                     QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                            {QStringLiteral("text"), text},
                                            {QStringLiteral("emote"), QJsonValue::Null},
                                            {QStringLiteral("cheermote"), QJsonValue::Null}}}}});
    // §4.5: automod.message.update status is capitalised.
    e.insert(QStringLiteral("status"), a.kind == QLatin1String("automod_allow")
                                           ? QStringLiteral("Approved")
                                           : QStringLiteral("Denied"));
    e.insert(QStringLiteral("held_at"), EventFactory::timestamp(held ? held->heldAt : a.at));
    const bool blocked = held && held->category == QLatin1String("blocked_term");
    e.insert(QStringLiteral("reason"),
             blocked ? QStringLiteral("blocked_term") : QStringLiteral("automod"));
    e.insert(QStringLiteral("automod"),
             blocked ? QJsonValue(QJsonValue::Null)
                     : QJsonValue(QJsonObject{
                           {QStringLiteral("category"), held ? held->category : QString()},
                           {QStringLiteral("level"), held ? held->level : 0},
                           {QStringLiteral("boundaries"), QJsonArray()}}));
    e.insert(QStringLiteral("blocked_term"),
             blocked ? QJsonValue(QJsonObject{{QStringLiteral("terms_found"), QJsonArray()}})
                     : QJsonValue(QJsonValue::Null));
    out.append({QStringLiteral("automod.message.update"), kTwo, e,
                QJsonObject{{QStringLiteral("broadcaster_user_id"), a.broadcasterId}}});
}

void ActionEventMapper::unbanRequestResolved(const AppliedAction &a,
                                             QList<OutgoingEvent> &out) const
{
    const QJsonObject match{{QStringLiteral("broadcaster_user_id"), a.broadcasterId}};
    const QString id = detail(a.details, {"unban_request_id", "id"});
    QString status = detail(a.details, {"status"});
    QString text = detail(a.details, {"resolution_text"});
    QString userId = a.targetUserId;
    if (const Channel *c = m_world->channel(a.broadcasterId)) {
        for (const UnbanRequest &r : c->unbanRequests) {
            if (r.id == id) {
                userId = userId.isEmpty() ? r.userId : userId;
                status = status.isEmpty() ? r.status : status;
                if (text.isEmpty() && r.resolutionText)
                    text = *r.resolutionText;
            }
        }
    }
    QJsonObject e;
    e.insert(QStringLiteral("id"), id);
    putUser(e, QStringLiteral("broadcaster"), a.broadcasterId);
    // §4.5: this one event says moderator_id/_login/_name, without "_user_".
    const UserRef m = user(a.moderatorId);
    e.insert(QStringLiteral("moderator_id"), orNull(m.id));
    e.insert(QStringLiteral("moderator_login"),
             orNull(a.moderatorId.isEmpty() ? QString() : m.login));
    e.insert(QStringLiteral("moderator_name"),
             orNull(a.moderatorId.isEmpty() ? QString() : m.name));
    putUser(e, QString(), userId);
    e.insert(QStringLiteral("resolution_text"), orNull(text));
    e.insert(QStringLiteral("status"), status);
    out.append({QStringLiteral("channel.unban_request.resolve"), kOne, e, match});
    if (status == QLatin1String("approved") || status == QLatin1String("denied")) {
        const bool approved = status == QLatin1String("approved");
        QJsonObject obj = userObject(userId);
        obj.insert(QStringLiteral("is_approved"), approved);
        obj.insert(QStringLiteral("moderator_message"), text);
        QJsonObject mod = moderateBase(a, approved ? QStringLiteral("approve_unban_request")
                                                   : QStringLiteral("deny_unban_request"));
        mod.insert(QStringLiteral("unban_request"), obj);
        out.append({kModerate, kTwo, mod, match});
    }
}

} // namespace roomwarden::sandbox
