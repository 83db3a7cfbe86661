#pragma once
// The EventSub part of the loopback control API, /sandbox/eventsub/... (documented in Sandbox.h):
// list sessions and their subscriptions, and the socket faults of specs/twitch.md §4.2–4.3
// (session_reconnect, an unplanned drop, a close code, revocation, no keepalives, duplicate
// delivery), plus publishing a notification (event injection). ControlRoutes has already checked
// the admin token and parsed the body; everything here validates its own fields.
#include "sandbox/Types.h"

#include <QJsonObject>
#include <QString>

namespace roomwarden::sandbox {

class EventSubServer;
class Sandbox;

class ControlEventSubRoutes
{
public:
    explicit ControlEventSubRoutes(Sandbox *sandbox) : m_sandbox(sandbox) {}

    // `path` is below /sandbox/eventsub, e.g. "/sessions".
    HttpResult route(const QString &method, const QString &path, const QJsonObject &body);

private:
    HttpResult sessions(EventSubServer *server) const;
    HttpResult reconnect(EventSubServer *server, const QJsonObject &body);
    HttpResult drop(EventSubServer *server, const QJsonObject &body);
    HttpResult close(EventSubServer *server, const QJsonObject &body);
    HttpResult revoke(EventSubServer *server, const QJsonObject &body);
    HttpResult publish(EventSubServer *server, const QJsonObject &body);

    Sandbox *m_sandbox;
};

} // namespace roomwarden::sandbox
