#include "sandbox/SimulatorEvents.h"

#include <QJsonArray>

namespace roomwarden::sandbox {

namespace {

void putUser(QJsonObject &o, const QString &prefix, const UserRef &u)
{
    o.insert(prefix + QStringLiteral("_id"), u.id);
    o.insert(prefix + QStringLiteral("_login"), u.login);
    o.insert(prefix + QStringLiteral("_name"), u.name);
}

} // namespace

QJsonObject SimulatorEvents::raid(const UserRef &from, const UserRef &to, int viewers)
{
    QJsonObject e;
    putUser(e, QStringLiteral("from_broadcaster_user"), from);
    putUser(e, QStringLiteral("to_broadcaster_user"), to);
    e.insert(QStringLiteral("viewers"), viewers);
    return e;
}

QJsonObject SimulatorEvents::chatNotification(const UserRef &broadcaster, const UserRef &chatter,
                                              const QString &messageId, const QString &noticeType,
                                              const QString &systemMessage, const QString &text,
                                              const QJsonObject &detail)
{
    QJsonObject e;
    putUser(e, QStringLiteral("broadcaster_user"), broadcaster);
    putUser(e, QStringLiteral("chatter_user"), chatter);
    e.insert(QStringLiteral("chatter_is_anonymous"), false);
    e.insert(QStringLiteral("color"), QString());
    e.insert(QStringLiteral("badges"), QJsonArray());
    e.insert(QStringLiteral("system_message"), systemMessage);
    e.insert(QStringLiteral("message_id"), messageId);
    e.insert(QStringLiteral("message"),
             QJsonObject{{QStringLiteral("text"), text},
                         {QStringLiteral("fragments"),
                          text.isEmpty() ? QJsonArray()
                                         : QJsonArray{QJsonObject{
                                               {QStringLiteral("type"), QStringLiteral("text")},
                                               {QStringLiteral("text"), text},
                                               {QStringLiteral("cheermote"), QJsonValue::Null},
                                               {QStringLiteral("emote"), QJsonValue::Null},
                                               {QStringLiteral("mention"), QJsonValue::Null}}}}});
    e.insert(QStringLiteral("notice_type"), noticeType);
    // Exactly the object named by notice_type is set; the others are null.
    static const char *const kObjects[] = {"sub",
                                           "resub",
                                           "sub_gift",
                                           "community_sub_gift",
                                           "gift_paid_upgrade",
                                           "prime_paid_upgrade",
                                           "pay_it_forward",
                                           "raid",
                                           "unraid",
                                           "announcement",
                                           "bits_badge_tier",
                                           "charity_donation",
                                           "shared_chat_sub",
                                           "shared_chat_resub",
                                           "shared_chat_sub_gift",
                                           "shared_chat_community_sub_gift",
                                           "shared_chat_gift_paid_upgrade",
                                           "shared_chat_prime_paid_upgrade",
                                           "shared_chat_pay_it_forward",
                                           "shared_chat_raid",
                                           "shared_chat_announcement"};
    for (const char *k : kObjects)
        e.insert(QLatin1String(k), QJsonValue::Null);
    e.insert(noticeType, detail);
    for (const char *k : {"source_broadcaster_user_id", "source_broadcaster_user_login",
                          "source_broadcaster_user_name", "source_message_id", "source_badges"})
        e.insert(QLatin1String(k), QJsonValue::Null);
    return e;
}

QJsonObject SimulatorEvents::subNotice(const UserRef &broadcaster, const UserRef &user,
                                       const QString &messageId, bool resub, int months,
                                       const QString &text)
{
    const QJsonObject detail =
        resub ? QJsonObject{{QStringLiteral("cumulative_months"), months},
                            {QStringLiteral("duration_months"), 1},
                            {QStringLiteral("streak_months"), QJsonValue::Null},
                            {QStringLiteral("sub_tier"), QStringLiteral("1000")},
                            {QStringLiteral("is_prime"), false},
                            {QStringLiteral("is_gift"), false},
                            {QStringLiteral("gifter_is_anonymous"), QJsonValue::Null},
                            {QStringLiteral("gifter_user_id"), QJsonValue::Null},
                            {QStringLiteral("gifter_user_name"), QJsonValue::Null},
                            {QStringLiteral("gifter_user_login"), QJsonValue::Null}}
              : QJsonObject{{QStringLiteral("sub_tier"), QStringLiteral("1000")},
                            {QStringLiteral("is_prime"), false},
                            {QStringLiteral("duration_months"), 1}};
    const QString system =
        resub ? QStringLiteral("%1 subscribed at Tier 1. They've subscribed for %2 months!")
                    .arg(user.name)
                    .arg(months)
              : QStringLiteral("%1 subscribed at Tier 1.").arg(user.name);
    return chatNotification(broadcaster, user, messageId,
                            resub ? QStringLiteral("resub") : QStringLiteral("sub"), system, text,
                            detail);
}

QJsonObject SimulatorEvents::raidNotice(const UserRef &broadcaster, const UserRef &raider,
                                        const QString &messageId, int viewers)
{
    const QJsonObject raid{{QStringLiteral("user_id"), raider.id},
                           {QStringLiteral("user_login"), raider.login},
                           {QStringLiteral("user_name"), raider.name},
                           {QStringLiteral("viewer_count"), viewers},
                           {QStringLiteral("profile_image_url"), QString()}};
    return chatNotification(
        broadcaster, raider, messageId, QStringLiteral("raid"),
        QStringLiteral("%1 viewers from %2 have joined!").arg(viewers).arg(raider.name), QString(),
        raid);
}

QJsonObject SimulatorEvents::subscribe(const UserRef &broadcaster, const UserRef &user,
                                       const QString &tier, bool isGift)
{
    QJsonObject e;
    putUser(e, QStringLiteral("user"), user);
    putUser(e, QStringLiteral("broadcaster_user"), broadcaster);
    e.insert(QStringLiteral("tier"), tier);
    e.insert(QStringLiteral("is_gift"), isGift);
    return e;
}

} // namespace roomwarden::sandbox
