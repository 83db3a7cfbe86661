#pragma once
#include <QByteArrayView>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QUrl>

#include <optional>

namespace roomwarden::twitch {

// specs/twitch.md §4.2: the five message types of an EventSub WebSocket.
enum class EventSubMessageType
{
    Welcome,
    Keepalive,
    Notification,
    Reconnect,
    Revocation,
    Unknown, // a type this build does not know: ignored, never fatal
};

struct EventSubSession
{
    QString id;
    QString status;
    std::optional<int> keepaliveTimeoutSeconds; // null in session_reconnect
    QUrl reconnectUrl;                          // only in session_reconnect
    QDateTime connectedAt;
};

// One parsed text frame. `subscription` and `event` are kept as JSON: only the event mapper
// reads them, and it tolerates missing fields.
struct EventSubEnvelope
{
    QString messageId;
    EventSubMessageType type = EventSubMessageType::Unknown;
    QString typeName; // metadata.message_type as sent
    QDateTime timestamp;
    QString subscriptionType;    // notification and revocation only
    QString subscriptionVersion; // notification and revocation only
    std::optional<EventSubSession> session;
    QJsonObject subscription;
    QJsonObject event;

    QString subscriptionStatus() const;
    QString subscriptionId() const;
};

// Pure functions from frames to envelopes: no state, no I/O, safe on hostile input.
class EventSubParser
{
public:
    // Frames larger than this are rejected before parsing (Twitch's messages are a few KiB).
    static constexpr qsizetype kMaxFrameBytes = 1024 * 1024;

    // nullopt and `error` on malformed JSON, a non-object, or a missing metadata block.
    static std::optional<EventSubEnvelope> parse(QByteArrayView frame, QString *error = nullptr);
    static std::optional<EventSubEnvelope> parse(const QByteArray &frame, QString *error = nullptr)
    {
        return parse(QByteArrayView(frame), error);
    }
    static std::optional<EventSubEnvelope> parse(const QString &frame, QString *error = nullptr);

    static EventSubMessageType messageTypeFromName(QStringView name);
    // RFC 3339 with 0–9 fractional digits (EventSub sends nanoseconds, §0): truncated to ms.
    static QDateTime parseTimestamp(const QString &text);
};

} // namespace roomwarden::twitch
