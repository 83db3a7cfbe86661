#include "sandbox/EventFactory.h"

#include "sandbox/EventSubSubscription.h"

#include <QJsonDocument>
#include <QRandomGenerator>

namespace roomwarden::sandbox {

namespace {

// Seeded once per thread from the system CSPRNG; ids need uniqueness, not secrecy.
QRandomGenerator64 &idGenerator()
{
    thread_local QRandomGenerator64 gen(QRandomGenerator::system()->generate64());
    return gen;
}

void appendHex(QString &out, quint64 v, int digits)
{
    static const char kHex[] = "0123456789abcdef";
    for (int i = digits - 1; i >= 0; --i)
        out.append(QLatin1Char(kHex[(v >> (i * 4)) & 0xf]));
}

QString metadataHead(const QString &messageId, const QString &type, const QString &ts)
{
    QString s;
    s.reserve(160);
    s += QLatin1String("{\"metadata\":{\"message_id\":\"");
    s += messageId;
    s += QLatin1String("\",\"message_type\":\"");
    s += type;
    s += QLatin1String("\",\"message_timestamp\":\"");
    s += ts;
    s += QLatin1Char('"');
    return s;
}

QString sessionObject(const QString &id, const QString &status, const QString &keepalive,
                      const QString &reconnectUrl, const QDateTime &connectedAt)
{
    QString s = QLatin1String("{\"id\":");
    EventFactory::appendJsonString(s, id);
    s += QLatin1String(",\"status\":\"") + status + QLatin1String("\",\"connected_at\":\"") +
         EventFactory::timestamp(connectedAt) + QLatin1String("\",\"keepalive_timeout_seconds\":") +
         keepalive + QLatin1String(",\"reconnect_url\":");
    if (reconnectUrl.isEmpty())
        s += QLatin1String("null");
    else
        EventFactory::appendJsonString(s, reconnectUrl);
    s += QLatin1Char('}');
    return s;
}

} // namespace

QString EventFactory::timestamp(const QDateTime &t)
{
    // QDateTime stops at milliseconds; the sub-millisecond digits are a fixed function of the
    // instant, so the field has the nanosecond precision Twitch's has (§0) and one stored time
    // (a subscription's created_at, a session's connected_at) reads the same in every message
    // and Helix reply. Formatting is cached per ms.
    thread_local qint64 cachedMs = -1;
    thread_local QString cached;
    const qint64 ms = t.toMSecsSinceEpoch();
    if (ms != cachedMs) {
        cachedMs = ms;
        cached = t.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz"));
        quint64 rest = ((quint64(ms) * 0x9E3779B97F4A7C15ULL) >> 32) % 1000000;
        char digits[7] = {};
        for (int i = 5; i >= 0; --i) {
            digits[i] = char('0' + rest % 10);
            rest /= 10;
        }
        cached += QLatin1String(digits, 6);
        cached += QLatin1Char('Z');
    }
    return cached;
}

QString EventFactory::newUuid()
{
    quint64 hi = idGenerator().generate64();
    quint64 lo = idGenerator().generate64();
    hi = (hi & ~quint64(0xf000)) | 0x4000;                    // version 4
    lo = (lo & ~(quint64(0xc) << 60)) | (quint64(0x8) << 60); // RFC 4122 variant
    QString s;
    s.reserve(36);
    appendHex(s, hi >> 32, 8);
    s += QLatin1Char('-');
    appendHex(s, (hi >> 16) & 0xffff, 4);
    s += QLatin1Char('-');
    appendHex(s, hi & 0xffff, 4);
    s += QLatin1Char('-');
    appendHex(s, lo >> 48, 4);
    s += QLatin1Char('-');
    appendHex(s, lo & 0xffffffffffffULL, 12);
    return s;
}

QString EventFactory::newSessionId()
{
    QByteArray raw(20, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(raw.data()), 5);
    return QString::fromLatin1(
        raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString EventFactory::welcome(const QString &sessionId, const QDateTime &connectedAt,
                              int keepaliveSecs, const QDateTime &now)
{
    QString s = metadataHead(newUuid(), QStringLiteral("session_welcome"), timestamp(now));
    s += QLatin1String("},\"payload\":{\"session\":") +
         sessionObject(sessionId, QStringLiteral("connected"), QString::number(keepaliveSecs),
                       QString(), connectedAt) +
         QLatin1String("}}");
    return s;
}

QString EventFactory::keepalive(const QDateTime &now)
{
    return metadataHead(newUuid(), QStringLiteral("session_keepalive"), timestamp(now)) +
           QLatin1String("},\"payload\":{}}");
}

QString EventFactory::reconnect(const QString &sessionId, const QDateTime &connectedAt,
                                const QString &reconnectUrl, const QDateTime &now)
{
    QString s = metadataHead(newUuid(), QStringLiteral("session_reconnect"), timestamp(now));
    s += QLatin1String("},\"payload\":{\"session\":") +
         sessionObject(sessionId, QStringLiteral("reconnecting"), QStringLiteral("null"),
                       reconnectUrl, connectedAt) +
         QLatin1String("}}");
    return s;
}

QString EventFactory::notification(const QString &messageId, const QString &timestampText,
                                   const QString &type, const QString &version,
                                   const QString &subscriptionJson, const QString &eventJson)
{
    QString s;
    s.reserve(200 + subscriptionJson.size() + eventJson.size() + 2 * type.size());
    s += QLatin1String("{\"metadata\":{\"message_id\":\"");
    s += messageId;
    s += QLatin1String("\",\"message_type\":\"notification\",\"message_timestamp\":\"");
    s += timestampText;
    s += QLatin1String("\",\"subscription_type\":\"");
    s += type;
    s += QLatin1String("\",\"subscription_version\":\"");
    s += version;
    s += QLatin1String("\"},\"payload\":{\"subscription\":");
    s += subscriptionJson;
    s += QLatin1String(",\"event\":");
    s += eventJson;
    s += QLatin1String("}}");
    return s;
}

QString EventFactory::revocation(const EventSubSubscription &sub, const QDateTime &now)
{
    QString s = metadataHead(newUuid(), QStringLiteral("revocation"), timestamp(now));
    s += QLatin1String(",\"subscription_type\":\"") + sub.type +
         QLatin1String("\",\"subscription_version\":\"") + sub.version +
         QLatin1String("\"},\"payload\":{\"subscription\":") + toJsonText(sub.toJson(false)) +
         QLatin1String("}}");
    return s;
}

QString EventFactory::toJsonText(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

void EventFactory::appendJsonString(QString &out, QStringView s)
{
    out += QLatin1Char('"');
    // Hot path: most strings need no escaping and are appended in one go.
    qsizetype clean = 0;
    while (clean < s.size()) {
        const char16_t u = s[clean].unicode();
        if (u < 0x20 || u == u'"' || u == u'\\')
            break;
        ++clean;
    }
    out += s.left(clean);
    for (qsizetype i = clean; i < s.size(); ++i) {
        const QChar c = s[i];
        const char16_t u = c.unicode();
        if (u == u'"' || u == u'\\') {
            out += QLatin1Char('\\');
            out += c;
        } else if (u < 0x20) {
            switch (u) {
            case u'\n':
                out += QLatin1String("\\n");
                break;
            case u'\r':
                out += QLatin1String("\\r");
                break;
            case u'\t':
                out += QLatin1String("\\t");
                break;
            default:
                out += QLatin1String("\\u00");
                appendHex(out, u, 2);
            }
        } else {
            out += c;
        }
    }
    out += QLatin1Char('"');
}

namespace {

void appendUser(QString &s, QLatin1String prefix, const UserRef &u)
{
    s += QLatin1Char('"');
    s += prefix;
    s += QLatin1String("_id\":");
    EventFactory::appendJsonString(s, u.id);
    s += QLatin1String(",\"");
    s += prefix;
    s += QLatin1String("_login\":");
    EventFactory::appendJsonString(s, u.login);
    s += QLatin1String(",\"");
    s += prefix;
    s += QLatin1String("_name\":");
    EventFactory::appendJsonString(s, u.name);
}

void appendFragment(QString &s, const ChatFragment &f)
{
    static const QLatin1String kTypes[] = {QLatin1String("text"), QLatin1String("emote"),
                                           QLatin1String("mention")};
    s += QLatin1String("{\"type\":\"") + kTypes[int(f.kind)] + QLatin1String("\",\"text\":");
    EventFactory::appendJsonString(s, f.text);
    s += QLatin1String(",\"cheermote\":null,\"emote\":");
    if (f.kind == ChatFragment::Kind::Emote) {
        s += QLatin1String("{\"id\":");
        EventFactory::appendJsonString(s, f.emoteId);
        s += QLatin1String(",\"emote_set_id\":");
        EventFactory::appendJsonString(s, f.emoteSetId);
        s += QLatin1String(",\"owner_id\":");
        EventFactory::appendJsonString(s, f.ownerId);
        s += QLatin1String(",\"format\":[\"static\"]}");
    } else {
        s += QLatin1String("null");
    }
    s += QLatin1String(",\"mention\":");
    if (f.kind == ChatFragment::Kind::Mention) {
        s += QLatin1String("{\"user_id\":");
        EventFactory::appendJsonString(s, f.mentioned.id);
        s += QLatin1String(",\"user_name\":");
        EventFactory::appendJsonString(s, f.mentioned.name);
        s += QLatin1String(",\"user_login\":");
        EventFactory::appendJsonString(s, f.mentioned.login);
        s += QLatin1Char('}');
    } else {
        s += QLatin1String("null");
    }
    s += QLatin1Char('}');
}

} // namespace

QString EventFactory::chatMessageEventJson(const ChatEventSpec &m)
{
    QString s;
    s.reserve(700 + 2 * m.text.size());
    s += QLatin1Char('{');
    appendUser(s, QLatin1String("broadcaster_user"), m.broadcaster);
    s += QLatin1Char(',');
    appendUser(s, QLatin1String("chatter_user"), m.chatter);
    s += QLatin1String(",\"message_id\":");
    appendJsonString(s, m.messageId);
    s += QLatin1String(",\"message\":{\"text\":");
    appendJsonString(s, m.text);
    s += QLatin1String(",\"fragments\":[");
    if (m.fragments.isEmpty()) {
        appendFragment(s, ChatFragment{ChatFragment::Kind::Text, m.text, {}, {}, {}, {}});
    } else {
        for (qsizetype i = 0; i < m.fragments.size(); ++i) {
            if (i)
                s += QLatin1Char(',');
            appendFragment(s, m.fragments.at(i));
        }
    }
    s += QLatin1String("]},\"color\":");
    appendJsonString(s, m.color);
    s += QLatin1String(",\"badges\":[");
    for (qsizetype i = 0; i < m.badges.size(); ++i) {
        const ChatBadge &b = m.badges.at(i);
        if (i)
            s += QLatin1Char(',');
        s += QLatin1String("{\"set_id\":");
        appendJsonString(s, b.setId);
        s += QLatin1String(",\"id\":");
        appendJsonString(s, b.id);
        s += QLatin1String(",\"info\":");
        appendJsonString(s, b.info);
        s += QLatin1Char('}');
    }
    s += QLatin1String("],\"message_type\":\"text\",\"cheer\":null,\"reply\":null,"
                       "\"channel_points_custom_reward_id\":null,"
                       "\"source_broadcaster_user_id\":null,\"source_broadcaster_user_login\":null,"
                       "\"source_broadcaster_user_name\":null,\"source_message_id\":null,"
                       "\"source_badges\":null}");
    return s;
}

} // namespace roomwarden::sandbox
