#pragma once
// Builds EventSub WebSocket frames exactly as specs/twitch.md §4.2/§4.6 show them. Envelopes are
// assembled as text around pre-serialised parts (the subscription object, the event) because
// notifications are the sandbox's hot path (tests/bench/bench_eventsub.cpp).
#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace roomwarden::sandbox {

struct EventSubSubscription;

// A user as events name them: *_user_id, *_user_login, *_user_name.
struct UserRef
{
    QString id;
    QString login;
    QString name;
};

// One piece of a chat message (§4.5 channel.chat.message fragments[]).
struct ChatFragment
{
    enum class Kind
    {
        Text,
        Emote,
        Mention
    };
    Kind kind = Kind::Text;
    QString text;
    QString emoteId;    // Emote
    QString emoteSetId; // Emote
    QString ownerId;    // Emote
    UserRef mentioned;  // Mention
};

struct ChatBadge
{
    QString setId;
    QString id;
    QString info;
};

struct ChatEventSpec
{
    UserRef broadcaster;
    UserRef chatter;
    QString messageId;
    QString text;
    QList<ChatFragment> fragments; // empty = one text fragment with the whole text
    QList<ChatBadge> badges;
    QString color; // "#RRGGBB" or ""
};

class EventFactory
{
public:
    // RFC 3339 UTC with nanoseconds, as EventSub timestamps are (§0, §4.2).
    static QString timestamp(const QDateTime &t);
    // A random UUID v4 (metadata.message_id, subscription ids). Cheap: no syscall per id.
    static QString newUuid();
    // Session ids look like Twitch's: base64url of random bytes.
    static QString newSessionId();

    static QString welcome(const QString &sessionId, const QDateTime &connectedAt,
                           int keepaliveSecs, const QDateTime &now);
    static QString keepalive(const QDateTime &now);
    static QString reconnect(const QString &sessionId, const QDateTime &connectedAt,
                             const QString &reconnectUrl, const QDateTime &now);
    // metadata + payload{subscription, event}; subscriptionJson/eventJson are serialised JSON.
    static QString notification(const QString &messageId, const QString &timestampText,
                                const QString &type, const QString &version,
                                const QString &subscriptionJson, const QString &eventJson);
    static QString revocation(const EventSubSubscription &sub, const QDateTime &now);

    // The channel.chat.message event (§4.6), serialised by hand for speed.
    static QString chatMessageEventJson(const ChatEventSpec &message);
    static QString toJsonText(const QJsonObject &object);
    // Appends a JSON string literal (with quotes) for s.
    static void appendJsonString(QString &out, QStringView s);
};

} // namespace roomwarden::sandbox
