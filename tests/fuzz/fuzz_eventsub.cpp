// EventSub frames from the WebSocket (hostile or broken platform): parse, then map to a
// RoomEvent, exactly as EventSubClient does with every text frame.
#include "core/providers/twitch/EventSubEventMapper.h"
#include "core/providers/twitch/EventSubParser.h"

#include "FuzzSupport.h"

#include <QJsonArray>

using namespace roomwarden;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz::quietLogs();
    const QByteArray frame = fuzz::bytes(data, size);
    QString error;
    const auto envelope = twitch::EventSubParser::parse(frame, &error);
    if (!envelope) {
        if (error.isEmpty())
            fuzz::fail("a refused frame must say why");
        return 0;
    }
    const auto event = twitch::EventSubEventMapper::toRoomEvent(*envelope);
    (void)event;
    (void)twitch::EventSubEventMapper::rolesFromBadges(envelope->event.value(u"badges").toArray());
    (void)envelope->subscriptionStatus();
    (void)envelope->subscriptionId();

    // The QString overload (text frames arrive as QString) must agree with the bytes one on
    // valid UTF-8, the only kind a WebSocket text frame can carry (RFC 6455 §5.6): invalid
    // bytes legitimately differ once decoded to U+FFFD.
    const QString text = QString::fromUtf8(frame);
    if (text.toUtf8() != frame)
        return 0;
    const auto again = twitch::EventSubParser::parse(text);
    if (!again || again->messageId != envelope->messageId || again->type != envelope->type)
        fuzz::fail("QString and QByteArray parses disagree");
    return 0;
}
