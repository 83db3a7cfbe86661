#pragma once
// The loopback control API under /sandbox/ on the sandbox's HTTPS port (documented in
// Sandbox.h). Every call needs `Authorization: Bearer <admin token>`; it is not part of the
// platform, so its requests are not recorded as ground truth.
#include "sandbox/ControlEventSubRoutes.h"
#include "sandbox/HttpsServer.h"

#include <QJsonObject>

#include <optional>

namespace roomwarden::sandbox {

class Faults;
class Sandbox;
class World;

class ControlRoutes
{
public:
    ControlRoutes(Sandbox *sandbox, World *world, Faults *faults, QString adminToken);

    // nullopt = not a /sandbox path.
    std::optional<HttpResult> handle(const ApiRequest &request);

private:
    HttpResult route(const QString &method, const QString &path, const QJsonObject &body);
    HttpResult approve(const QJsonObject &body);
    HttpResult revoke(const QJsonObject &body);
    HttpResult issue(const QJsonObject &body);
    HttpResult inject(const QJsonObject &body);
    HttpResult groundTruth(const QString &what);

    Sandbox *m_sandbox;
    World *m_world;
    Faults *m_faults;
    QString m_adminToken;
    ControlEventSubRoutes m_eventSub; // /sandbox/eventsub/...
};

} // namespace roomwarden::sandbox
