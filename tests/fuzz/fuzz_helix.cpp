// Helix replies (a compromised or malicious platform): everything that turns a reply body into
// typed values without the network. The per-endpoint lambdas inside HelixClient are not
// reachable from outside; what they share is here: dataArray/firstData, chatSettingsFromJson,
// the unban-request status ids and ApiError::fromHttp for error bodies.
#include "core/net/ApiError.h"
#include "core/providers/twitch/HelixClient.h"
#include "core/providers/twitch/HelixReplies.h"
#include "core/providers/twitch/HelixTypes.h"

#include "FuzzSupport.h"

using namespace roomwarden;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz::quietLogs();
    if (size < 2)
        return 0;
    // The first two bytes pick the HTTP status, the rest is the body.
    const int status = 100 + (data[0] | (data[1] << 8)) % 500;
    const QByteArray body = fuzz::bytes(data + 2, size - 2);

    net::ApiResponse r;
    r.httpStatus = status;
    r.body = body;
    r.json = QJsonDocument::fromJson(body);
    if (status >= 400)
        r.error = net::ApiError::fromHttp(status, body);

    const net::ApiError e = net::ApiError::fromHttp(status, body);
    if (e.message.isEmpty())
        fuzz::fail("an HTTP error always has a message");
    (void)e.mentions(QStringLiteral("Invalid token"));

    if (const auto arr = twitch::helix::dataArray(r)) {
        for (const QJsonValue &v : *arr) {
            const QJsonObject o = v.toObject();
            const twitch::ChatSettings s = twitch::HelixClient::chatSettingsFromJson(o);
            (void)twitch::toChatModes(s);
            (void)twitch::unbanRequestStatusFromId(o.value(u"status").toString());
        }
    }
    if (const auto first = twitch::helix::firstData(r))
        (void)twitch::toChatModes(twitch::HelixClient::chatSettingsFromJson(*first));
    (void)twitch::HelixClient::chatSettingsFromJson(r.object());
    return 0;
}
