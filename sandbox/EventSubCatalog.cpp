#include "sandbox/EventSubCatalog.h"

namespace roomwarden::sandbox {

namespace {

QStringList readOrManage(const QString &what)
{
    return {QStringLiteral("moderator:read:") + what, QStringLiteral("moderator:manage:") + what};
}

QList<EventSubTypeInfo> buildCatalog()
{
    const QString b = QStringLiteral("broadcaster_user_id");
    const QString u = QStringLiteral("user_id");
    const QString m = QStringLiteral("moderator_user_id");
    const QString one = QStringLiteral("1");
    const QString two = QStringLiteral("2");
    QList<EventSubTypeInfo> c;

    // §4.5: chat is read *as* a user (user_id = the token user) with user:read:chat.
    for (const char *t : {"channel.chat.message", "channel.chat.message_delete",
                          "channel.chat.clear", "channel.chat.clear_user_messages",
                          "channel.chat_settings.update", "channel.chat.notification"}) {
        c.append({QString::fromLatin1(t),
                  one,
                  {b, u},
                  u,
                  false,
                  {{QStringLiteral("user:read:chat")}},
                  false});
    }
    // §4.5: channel.moderate v2 needs *all* of these (read or manage each).
    c.append({QStringLiteral("channel.moderate"),
              two,
              {b, m},
              m,
              true,
              {readOrManage(QStringLiteral("blocked_terms")),
               readOrManage(QStringLiteral("chat_settings")),
               readOrManage(QStringLiteral("unban_requests")),
               readOrManage(QStringLiteral("banned_users")),
               readOrManage(QStringLiteral("chat_messages")),
               readOrManage(QStringLiteral("warnings")),
               {QStringLiteral("moderator:read:moderators")},
               {QStringLiteral("moderator:read:vips")}},
              false});
    const auto modType = [&](const char *t, const QString &ver, const QStringList &anyOf) {
        c.append({QString::fromLatin1(t), ver, {b, m}, m, true, {anyOf}, false});
    };
    modType("channel.follow", two, {QStringLiteral("moderator:read:followers")});
    modType("automod.message.hold", two, {QStringLiteral("moderator:manage:automod")});
    modType("automod.message.update", two, {QStringLiteral("moderator:manage:automod")});
    modType("automod.settings.update", one, readOrManage(QStringLiteral("automod_settings")));
    modType("automod.terms.update", one, {QStringLiteral("moderator:manage:automod")});
    modType("channel.suspicious_user.message", one,
            readOrManage(QStringLiteral("suspicious_users")));
    modType("channel.suspicious_user.update", one,
            readOrManage(QStringLiteral("suspicious_users")));
    modType("channel.warning.send", one, readOrManage(QStringLiteral("warnings")));
    modType("channel.warning.acknowledge", one, readOrManage(QStringLiteral("warnings")));
    modType("channel.shield_mode.begin", one, readOrManage(QStringLiteral("shield_mode")));
    modType("channel.shield_mode.end", one, readOrManage(QStringLiteral("shield_mode")));
    modType("channel.unban_request.create", one, readOrManage(QStringLiteral("unban_requests")));
    modType("channel.unban_request.resolve", one, readOrManage(QStringLiteral("unban_requests")));

    // (B-only) types: the condition has only the broadcaster, who must be the token user.
    const auto bOnly = [&](const char *t, const QString &ver, const QStringList &anyOf) {
        c.append({QString::fromLatin1(t), ver, {b}, b, false, {anyOf}, false});
    };
    bOnly("channel.ban", one, {QStringLiteral("channel:moderate")});
    bOnly("channel.unban", one, {QStringLiteral("channel:moderate")});
    bOnly("channel.subscribe", one, {QStringLiteral("channel:read:subscriptions")});
    bOnly("channel.subscription.gift", one, {QStringLiteral("channel:read:subscriptions")});
    bOnly("channel.subscription.message", one, {QStringLiteral("channel:read:subscriptions")});
    bOnly("channel.cheer", one, {QStringLiteral("bits:read")});
    bOnly("channel.bits.use", one, {QStringLiteral("bits:read")});
    bOnly("channel.moderator.add", one, {QStringLiteral("moderation:read")});
    bOnly("channel.moderator.remove", one, {QStringLiteral("moderation:read")});
    const QStringList vips{QStringLiteral("channel:read:vips"),
                           QStringLiteral("channel:manage:vips")};
    bOnly("channel.vip.add", one, vips);
    bOnly("channel.vip.remove", one, vips);
    bOnly("channel.hype_train.begin", two, {QStringLiteral("channel:read:hype_train")});
    bOnly("channel.hype_train.progress", two, {QStringLiteral("channel:read:hype_train")});
    bOnly("channel.hype_train.end", two, {QStringLiteral("channel:read:hype_train")});

    // Public types: no scope; cost 1 unless the token user is in the condition (§4.4).
    for (const char *t : {"stream.online", "stream.offline", "channel.shared_chat.begin",
                          "channel.shared_chat.update", "channel.shared_chat.end"}) {
        c.append({QString::fromLatin1(t), one, {b}, QString(), false, {}, false});
    }
    c.append({QStringLiteral("channel.update"), two, {b}, QString(), false, {}, false});
    c.append(
        {QStringLiteral("channel.raid"),
         one,
         {QStringLiteral("from_broadcaster_user_id"), QStringLiteral("to_broadcaster_user_id")},
         QString(),
         false,
         {},
         true});
    return c;
}

} // namespace

const QList<EventSubTypeInfo> &EventSubCatalog::all()
{
    static const QList<EventSubTypeInfo> catalog = buildCatalog();
    return catalog;
}

std::optional<EventSubTypeInfo> EventSubCatalog::find(const QString &type, const QString &version)
{
    for (const EventSubTypeInfo &info : all()) {
        if (info.type == type && info.version == version)
            return info;
    }
    return std::nullopt;
}

bool EventSubCatalog::knowsType(const QString &type)
{
    for (const EventSubTypeInfo &info : all()) {
        if (info.type == type)
            return true;
    }
    return false;
}

bool EventSubCatalog::isRemoved(const QString &type, const QString &version)
{
    return type == QLatin1String("channel.follow") && version == QLatin1String("1");
}

bool EventSubCatalog::isReaderField(const QString &field)
{
    return field == QLatin1String("user_id") || field == QLatin1String("moderator_user_id");
}

} // namespace roomwarden::sandbox
