#pragma once
// One EventSub subscription as the platform keeps it (specs/twitch.md §3.4, §4.2).
#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace roomwarden::sandbox {

struct EventSubSubscription
{
    QString id;
    QString type;
    QString version;
    QJsonObject condition;
    QString status = QStringLiteral("enabled");
    int cost = 0;
    QString sessionId;
    QDateTime createdAt;
    QDateTime connectedAt;    // of the session it is bound to
    QDateTime disconnectedAt; // set once disabled by a socket close
    QDateTime disabledAt;     // any status other than enabled; listed for ~1 h after (§3.4)
    QString clientId;         // owner: client id + user id of the creating token (§4.4)
    QString userId;
    QString accessToken;
    // Notification/revocation payloads embed this; kept pre-serialised because it is on the
    // per-message hot path and only changes when the status or the session changes.
    QString wireJson;

    bool isEnabled() const { return status == QLatin1String("enabled"); }
    // The object as it appears in notifications (§4.6) — or in Helix lists, which add
    // connected_at/disconnected_at to the transport (§3.4).
    QJsonObject toJson(bool forHelix) const;
    void refreshWire();
};

} // namespace roomwarden::sandbox
