#include "sandbox/Sandbox.h"

#include "sandbox/ControlRoutes.h"
#include "sandbox/HelixRouter.h"
#include "sandbox/HttpsServer.h"
#include "sandbox/IdRoutes.h"
#include "sandbox/World.h"

#include <QSslConfiguration>

#if __has_include("sandbox/EventSubServer.h")
#include "sandbox/EventSubServer.h"
#define ROOMWARDEN_SANDBOX_HAS_EVENTSUB 1
#endif
#if __has_include("sandbox/Simulator.h")
#include "sandbox/Simulator.h"
#define ROOMWARDEN_SANDBOX_HAS_SIMULATOR 1
#endif

namespace roomwarden::sandbox {

Sandbox::Sandbox(const Config &config, QObject *parent) : QObject(parent), m_config(config)
{
    m_config.host = QStringLiteral("127.0.0.1"); // loopback only, whatever the caller says
    m_world = new World(m_config, this);
    m_adminToken = World::randomToken(40);
    m_id = std::make_unique<IdRoutes>(m_world, &m_faults);
    m_helix = std::make_unique<HelixRouter>(m_world, &m_faults);
    m_control = std::make_unique<ControlRoutes>(this, m_world, &m_faults, m_adminToken);
#ifdef ROOMWARDEN_SANDBOX_HAS_EVENTSUB
    m_eventSub = new EventSubServer(m_world, m_config, this);
    m_helix->setEventSub(m_eventSub);
#endif
#ifdef ROOMWARDEN_SANDBOX_HAS_SIMULATOR
    m_simulator = new Simulator(m_world, m_eventSub, m_config, this);
#endif
}

Sandbox::~Sandbox()
{
    stop();
}

bool Sandbox::start(QString *error)
{
    if (m_running)
        return true;
    QString err;
    if (!m_config.insecureHttp && !m_certificate.generate(&err)) {
        if (error)
            *error = err;
        return false;
    }
    m_server = new HttpsServer([this](const ApiRequest &r) { return handle(r); }, this);
    if (!m_config.insecureHttp)
        m_server->sslSetup(m_certificate.certificate(), m_certificate.key());
    m_port = m_server->listenLoopback(m_config.httpsPort);
    if (m_port == 0) {
        if (error)
            *error = QStringLiteral("could not listen on 127.0.0.1:%1").arg(m_config.httpsPort);
        delete m_server;
        m_server = nullptr;
        return false;
    }
    m_id->setActivationBase(idBaseUrl());
#ifdef ROOMWARDEN_SANDBOX_HAS_EVENTSUB
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificate(m_certificate.certificate());
    tls.setPrivateKey(m_certificate.key());
    tls.setPeerVerifyMode(QSslSocket::VerifyNone); // clients have no certificates
    if (!m_eventSub->listen(m_config.insecureHttp ? nullptr : &tls, m_config.wsPort, &err)) {
        if (error)
            *error = err;
        delete m_server;
        m_server = nullptr;
        return false;
    }
#endif
    m_running = true;
    return true;
}

void Sandbox::stop()
{
    if (!m_running)
        return;
    m_running = false;
#ifdef ROOMWARDEN_SANDBOX_HAS_SIMULATOR
    m_simulator->stop();
#endif
#ifdef ROOMWARDEN_SANDBOX_HAS_EVENTSUB
    m_eventSub->close();
#endif
    delete m_server;
    m_server = nullptr;
    m_port = 0;
}

QUrl Sandbox::idBaseUrl() const
{
    QUrl u;
    u.setScheme(m_config.insecureHttp ? QStringLiteral("http") : QStringLiteral("https"));
    u.setHost(m_config.host);
    u.setPort(m_port);
    return u;
}

QUrl Sandbox::helixBaseUrl() const
{
    QUrl u = idBaseUrl();
    u.setPath(QStringLiteral("/helix"));
    return u;
}

QUrl Sandbox::controlBaseUrl() const
{
    QUrl u = idBaseUrl();
    u.setPath(QStringLiteral("/sandbox"));
    return u;
}

QUrl Sandbox::eventSubUrl() const
{
#ifdef ROOMWARDEN_SANDBOX_HAS_EVENTSUB
    return m_eventSub->url();
#else
    return {};
#endif
}

QString Sandbox::clientId() const
{
    return QString::fromLatin1(World::kSandboxClientId);
}

ServerReply Sandbox::handle(const ApiRequest &request)
{
    ServerReply reply;
    const bool control = request.path.startsWith(QLatin1String("/sandbox/"));
    if (request.body.size() > m_config.maxBodyBytes) {
        reply.result = HttpResult::helixError(
            413, QStringLiteral("The request body exceeds %1 bytes").arg(m_config.maxBodyBytes));
    } else if (control) {
        return {*m_control->handle(request), 0, false};
    } else if (m_faults.serverErrors > 0) {
        --m_faults.serverErrors;
        reply.result = HttpResult::helixError(m_faults.serverErrorStatus,
                                              QStringLiteral("Injected server error"));
    } else if (auto id = m_id->handle(request)) {
        reply.result = *id;
    } else if (auto helix = m_helix->handle(request)) {
        reply.result = *helix;
    } else {
        reply.result = HttpResult::helixError(404, QStringLiteral("Not Found"));
    }

    if (!control && m_faults.slowMs > 0) {
        reply.delayMs = m_faults.slowMs;
        if (m_faults.slowCount > 0 && --m_faults.slowCount == 0)
            m_faults.slowMs = 0;
    }
    if (!control && m_faults.malformed > 0 && !reply.result.body.isNull()) {
        --m_faults.malformed;
        reply.truncate = true;
    }

    // Ground truth: what the platform received, never the secrets in headers or bodies.
    RequestRecord rec;
    rec.method = request.method;
    rec.path = request.path;
    rec.query = request.query.toString(QUrl::FullyEncoded);
    rec.at = m_world->now();
    rec.status = reply.result.status;
    rec.clientId = QString::fromLatin1(request.header("Client-Id"));
    m_world->recordRequest(rec);
    return reply;
}

} // namespace roomwarden::sandbox
