#pragma once
// The sandbox facade: one object that owns the platform (World), its HTTPS side (id.twitch.tv
// clone, Helix subset, control API) and its EventSub WebSocket side, all on 127.0.0.1 with a
// certificate generated at start (clients pin certificate()/certificatePem()).
//
// URLs (one HTTPS port serves id, Helix and control; EventSub has its own port):
//   idBaseUrl()      https://127.0.0.1:P          POST /oauth2/device, POST /oauth2/token,
//                                                 GET /oauth2/validate, POST /oauth2/revoke
//   helixBaseUrl()   https://127.0.0.1:P/helix    the Helix subset of specs/twitch.md §3
//   controlBaseUrl() https://127.0.0.1:P/sandbox  the control API below
//   eventSubUrl()    wss://127.0.0.1:W/ws
//
// Control API — every call needs `Authorization: Bearer <adminToken()>`, JSON in and out:
//   GET    /sandbox/info              client_id, broadcaster_id, demo_user_id, viewer_id, urls
//   POST   /sandbox/device/approve    {user_code, user_id?=demo user, scopes?=[requested]}
//   POST   /sandbox/device/deny       {user_code}
//   POST   /sandbox/tokens/issue      {user_id, scopes[], client_id?} → a fresh token pair
//   POST   /sandbox/tokens/revoke     {access_token} | {user_id} → {revoked:N}
//   GET    /sandbox/faults            current faults
//   POST   /sandbox/faults            any of {device:"none|slow_down|access_denied|expired_token",
//                                     enforce_interval:bool, rate_limit_storm:N, server_errors:N,
//                                     server_error_status:5xx, slow_ms:D, slow_count:N,
//                                     malformed:N, moderation_conflicts:N}
//   DELETE /sandbox/faults            clear all faults
//   POST   /sandbox/actions           {kind, broadcaster_id?, moderator_id, target_user_id,
//                                     details{}} → World::applyAction (inject an event)
//   POST   /sandbox/clock             {advance_ms} → freezes the World clock and moves it
//   GET    /sandbox/requests|actions|tokens   ground truth, in order ({data:[...]})
// EventSub (§4.2–4.3; 404 = unknown session/subscription, 400 = a missing or ill-typed field):
//   GET    /sandbox/eventsub/sessions    {data:[{id, status, connected_at,
//                                     keepalive_timeout_seconds, subscription_count,
//                                     enabled_subscription_count, subscriptions:[{id, type,
//                                     version, status, condition, cost, created_at}]}], total,
//                                     keepalive_enabled, duplicate_delivery}; open sockets only
//   POST   /sandbox/eventsub/reconnect   {session_id?} → session_reconnect to it or to every
//                                     open session → {sent:N}
//   POST   /sandbox/eventsub/drop        {session_id} → the socket is aborted, no close frame
//                                     (subscriptions become websocket_network_error)
//   POST   /sandbox/eventsub/close       {session_id, code:4000..4007} → close frame with that code
//   POST   /sandbox/eventsub/revoke      {subscription_id, status?=authorization_revoked} →
//                                     revocation message; 409 when no longer enabled
//   POST   /sandbox/eventsub/keepalive   {enabled:bool} → session_keepalive on/off (all sessions)
//   POST   /sandbox/eventsub/duplicates  {enabled:bool} → every notification sent twice, same id
//   POST   /sandbox/eventsub/publish     {type, version, event{}, match?{}} → a notification to
//                                     every enabled type+version subscription whose condition's
//                                     channel fields agree with match (default: the event's
//                                     string fields) → {delivered:N}
// The same operations exist in-process: world(), faults(), eventSub().
//
// The simulator is created but not started: the owner (main.cpp, --demo) calls
// simulator()->start() so tests get a quiet, deterministic room.
#include "sandbox/Certificate.h"
#include "sandbox/Faults.h"
#include "sandbox/SandboxConfig.h"
#include "sandbox/Types.h"

#include <QObject>
#include <QSslCertificate>
#include <QUrl>

#include <memory>

namespace roomwarden::sandbox {

class ControlRoutes;
class EventSubServer;
class HelixRouter;
class HttpsServer;
class IdRoutes;
class Simulator;
class World;
struct ApiRequest;
struct ServerReply;

class Sandbox : public QObject
{
    Q_OBJECT
public:
    explicit Sandbox(const Config &config = {}, QObject *parent = nullptr);
    ~Sandbox() override;

    bool start(QString *error);
    void stop();
    bool isRunning() const { return m_running; }

    QUrl idBaseUrl() const;
    QUrl helixBaseUrl() const;
    QUrl controlBaseUrl() const;
    QUrl eventSubUrl() const;
    QByteArray certificatePem() const { return m_certificate.certificatePem(); }
    QSslCertificate certificate() const { return m_certificate.certificate(); }
    QString adminToken() const { return m_adminToken; }
    QString clientId() const;
    const Config &config() const { return m_config; }

    World *world() const { return m_world; }
    EventSubServer *eventSub() const { return m_eventSub; }
    Simulator *simulator() const { return m_simulator; }
    Faults *faults() { return &m_faults; }

private:
    ServerReply handle(const ApiRequest &request);

    Config m_config;
    Certificate m_certificate;
    QString m_adminToken;
    Faults m_faults;
    World *m_world = nullptr;
    EventSubServer *m_eventSub = nullptr;
    Simulator *m_simulator = nullptr;
    HttpsServer *m_server = nullptr;
    std::unique_ptr<IdRoutes> m_id;
    std::unique_ptr<HelixRouter> m_helix;
    std::unique_ptr<ControlRoutes> m_control;
    quint16 m_port = 0;
    bool m_running = false;
};

} // namespace roomwarden::sandbox
