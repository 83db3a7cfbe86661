#include "core/providers/twitch/EventSubParser.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace roomwarden::twitch {

namespace {
QString str(const QJsonObject &o, QStringView key)
{
    return o.value(key).toString();
}

std::optional<EventSubSession> parseSession(const QJsonObject &payload)
{
    const QJsonValue v = payload.value(u"session");
    if (!v.isObject())
        return std::nullopt;
    const QJsonObject s = v.toObject();
    EventSubSession session;
    session.id = str(s, u"id");
    session.status = str(s, u"status");
    const QJsonValue keepalive = s.value(u"keepalive_timeout_seconds");
    if (keepalive.isDouble() && keepalive.toDouble() > 0 && keepalive.toDouble() <= 3600)
        session.keepaliveTimeoutSeconds = int(keepalive.toDouble());
    const QString reconnect = str(s, u"reconnect_url");
    if (!reconnect.isEmpty())
        session.reconnectUrl = QUrl(reconnect, QUrl::StrictMode);
    session.connectedAt = EventSubParser::parseTimestamp(str(s, u"connected_at"));
    return session;
}
} // namespace

QString EventSubEnvelope::subscriptionStatus() const
{
    return subscription.value(u"status").toString();
}

QString EventSubEnvelope::subscriptionId() const
{
    return subscription.value(u"id").toString();
}

EventSubMessageType EventSubParser::messageTypeFromName(QStringView name)
{
    if (name == u"session_welcome")
        return EventSubMessageType::Welcome;
    if (name == u"session_keepalive")
        return EventSubMessageType::Keepalive;
    if (name == u"notification")
        return EventSubMessageType::Notification;
    if (name == u"session_reconnect")
        return EventSubMessageType::Reconnect;
    if (name == u"revocation")
        return EventSubMessageType::Revocation;
    return EventSubMessageType::Unknown;
}

QDateTime EventSubParser::parseTimestamp(const QString &text)
{
    if (text.isEmpty() || text.size() > 64)
        return {};
    QString t = text;
    // Cut the fraction to milliseconds: Qt's ISO parser stops at three digits.
    const qsizetype dot = t.indexOf(u'.');
    if (dot > 0) {
        qsizetype end = dot + 1;
        while (end < t.size() && t.at(end).isDigit())
            ++end;
        const qsizetype digits = end - dot - 1;
        if (digits == 0)
            t.remove(dot, 1);
        else if (digits > 3)
            t.remove(dot + 4, digits - 3);
    }
    QDateTime dt = QDateTime::fromString(t, Qt::ISODateWithMs);
    if (!dt.isValid())
        return {};
    return dt.toUTC();
}

std::optional<EventSubEnvelope> EventSubParser::parse(const QString &frame, QString *error)
{
    const QByteArray utf8 = frame.toUtf8();
    return parse(QByteArrayView(utf8), error);
}

std::optional<EventSubEnvelope> EventSubParser::parse(QByteArrayView frame, QString *error)
{
    auto fail = [error](const QString &why) -> std::optional<EventSubEnvelope> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (frame.size() > kMaxFrameBytes)
        return fail(QStringLiteral("frame too large"));
    QJsonParseError pe{};
    const QJsonDocument doc = QJsonDocument::fromJson(frame.toByteArray(), &pe);
    if (pe.error != QJsonParseError::NoError)
        return fail(QStringLiteral("malformed JSON: %1").arg(pe.errorString()));
    if (!doc.isObject())
        return fail(QStringLiteral("frame is not a JSON object"));
    const QJsonObject root = doc.object();
    const QJsonValue metaValue = root.value(u"metadata");
    if (!metaValue.isObject())
        return fail(QStringLiteral("frame has no metadata"));
    const QJsonObject meta = metaValue.toObject();

    EventSubEnvelope env;
    env.messageId = str(meta, u"message_id");
    env.typeName = str(meta, u"message_type");
    env.type = messageTypeFromName(env.typeName);
    env.timestamp = parseTimestamp(str(meta, u"message_timestamp"));
    env.subscriptionType = str(meta, u"subscription_type");
    env.subscriptionVersion = str(meta, u"subscription_version");
    if (env.typeName.isEmpty())
        return fail(QStringLiteral("frame has no message_type"));

    const QJsonObject payload = root.value(u"payload").toObject();
    env.session = parseSession(payload);
    env.subscription = payload.value(u"subscription").toObject();
    env.event = payload.value(u"event").toObject();
    // Some senders put the type only in the subscription object; fall back to it.
    if (env.subscriptionType.isEmpty())
        env.subscriptionType = str(env.subscription, u"type");
    if (env.subscriptionVersion.isEmpty())
        env.subscriptionVersion = str(env.subscription, u"version");

    if ((env.type == EventSubMessageType::Welcome || env.type == EventSubMessageType::Reconnect) &&
        (!env.session || env.session->id.isEmpty()))
        return fail(QStringLiteral("%1 without a session id").arg(env.typeName));
    if (env.type == EventSubMessageType::Reconnect && !env.session->reconnectUrl.isValid())
        return fail(QStringLiteral("session_reconnect without a valid reconnect_url"));
    return env;
}

} // namespace roomwarden::twitch
