#include "sandbox/EventSubSubscription.h"

#include "sandbox/EventFactory.h"

namespace roomwarden::sandbox {

QJsonObject EventSubSubscription::toJson(bool forHelix) const
{
    QJsonObject transport{{QStringLiteral("method"), QStringLiteral("websocket")},
                          {QStringLiteral("session_id"), sessionId}};
    if (forHelix) {
        if (connectedAt.isValid())
            transport.insert(QStringLiteral("connected_at"), EventFactory::timestamp(connectedAt));
        if (disconnectedAt.isValid()) {
            transport.insert(QStringLiteral("disconnected_at"),
                             EventFactory::timestamp(disconnectedAt));
        }
    }
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("status"), status},
                       {QStringLiteral("type"), type},
                       {QStringLiteral("version"), version},
                       {QStringLiteral("condition"), condition},
                       {QStringLiteral("created_at"), EventFactory::timestamp(createdAt)},
                       {QStringLiteral("transport"), transport},
                       {QStringLiteral("cost"), cost}};
}

void EventSubSubscription::refreshWire()
{
    wireJson = EventFactory::toJsonText(toJson(false));
}

} // namespace roomwarden::sandbox
