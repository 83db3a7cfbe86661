// roomwarden-sandbox: the platform side on its own — a Twitch-conformant HTTPS (id + Helix +
// control) and EventSub WSS server on 127.0.0.1 with the live-room simulator running.
//
//   roomwarden-sandbox [--scenario calm|raid|hate-raid|spam-wave|automod|other-mods]
//                      [--speed X] [--seed N] [--https-port P] [--ws-port W]
//                      [--insecure-http] [--print-config]
//
// --print-config prints one JSON object (URLs, client id, admin token, the certificate PEM to
// pin) on stdout and keeps running. SIGINT/SIGTERM stop it cleanly.
#include "sandbox/EventSubServer.h"
#include "sandbox/Sandbox.h"
#include "sandbox/Scenario.h"
#include "sandbox/Simulator.h"
#include "sandbox/World.h"

#include <csignal>
#include <cstdio>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

using namespace roomwarden::sandbox;

namespace {

volatile std::sig_atomic_t g_stopRequested = 0;

extern "C" void requestStop(int)
{
    g_stopRequested = 1;
}

bool parsePort(const QString &text, quint16 *port)
{
    bool ok = false;
    const uint v = text.toUInt(&ok);
    if (!ok || v > 65535)
        return false;
    *port = quint16(v);
    return true;
}

void printErr(const QString &text)
{
    std::fputs(qPrintable(text + QLatin1Char('\n')), stderr);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("roomwarden-sandbox"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "A local, Twitch-conformant platform (id, Helix, EventSub) with a simulated live room. "
        "Listens on 127.0.0.1 only."));
    parser.addHelpOption();
    const QCommandLineOption scenario(
        QStringLiteral("scenario"),
        QStringLiteral("Room scenario: %1.").arg(Scenario::names().join(QStringLiteral(", "))),
        QStringLiteral("name"), QStringLiteral("calm"));
    const QCommandLineOption speed(QStringLiteral("speed"),
                                   QStringLiteral("Simulated time per real time (e.g. 60)."),
                                   QStringLiteral("factor"), QStringLiteral("1"));
    const QCommandLineOption seed(QStringLiteral("seed"),
                                  QStringLiteral("Seed for generated viewers and chat."),
                                  QStringLiteral("n"), QStringLiteral("1"));
    const QCommandLineOption httpsPort(QStringLiteral("https-port"),
                                       QStringLiteral("HTTPS port (0 = random)."),
                                       QStringLiteral("port"), QStringLiteral("0"));
    const QCommandLineOption wsPort(QStringLiteral("ws-port"),
                                    QStringLiteral("EventSub WebSocket port (0 = random)."),
                                    QStringLiteral("port"), QStringLiteral("0"));
    const QCommandLineOption insecure(
        QStringLiteral("insecure-http"),
        QStringLiteral("Serve plain http:// and ws:// (debugging only)."));
    const QCommandLineOption printConfig(
        QStringLiteral("print-config"),
        QStringLiteral("Print URLs, client id, admin token and certificate as JSON."));
    parser.addOptions({scenario, speed, seed, httpsPort, wsPort, insecure, printConfig});
    parser.process(app);

    Config config;
    config.scenario = parser.value(scenario);
    if (!Scenario::byName(config.scenario)) {
        printErr(QStringLiteral("unknown scenario \"%1\" (known: %2)")
                     .arg(config.scenario, Scenario::names().join(QStringLiteral(", "))));
        return 2;
    }
    bool ok = false;
    config.speed = parser.value(speed).toDouble(&ok);
    if (!ok || config.speed <= 0 || config.speed > 100000) {
        printErr(QStringLiteral("--speed must be a positive number"));
        return 2;
    }
    config.seed = parser.value(seed).toUInt(&ok);
    if (!ok) {
        printErr(QStringLiteral("--seed must be a non-negative integer"));
        return 2;
    }
    if (!parsePort(parser.value(httpsPort), &config.httpsPort) ||
        !parsePort(parser.value(wsPort), &config.wsPort)) {
        printErr(QStringLiteral("ports must be 0-65535"));
        return 2;
    }
    config.insecureHttp = parser.isSet(insecure);

    Sandbox sandbox(config);
    QString error;
    if (!sandbox.start(&error)) {
        printErr(QStringLiteral("roomwarden-sandbox: %1").arg(error));
        return 1;
    }
    sandbox.simulator()->start();

    World *world = sandbox.world();
    if (parser.isSet(printConfig)) {
        const QJsonObject out{
            {QStringLiteral("id_base_url"), sandbox.idBaseUrl().toString()},
            {QStringLiteral("helix_base_url"), sandbox.helixBaseUrl().toString()},
            {QStringLiteral("control_base_url"), sandbox.controlBaseUrl().toString()},
            {QStringLiteral("eventsub_url"), sandbox.eventSubUrl().toString()},
            {QStringLiteral("client_id"), sandbox.clientId()},
            {QStringLiteral("admin_token"), sandbox.adminToken()},
            {QStringLiteral("certificate_pem"), QString::fromLatin1(sandbox.certificatePem())},
            {QStringLiteral("broadcaster_id"), world->broadcasterId()},
            {QStringLiteral("demo_user_id"), world->demoUserId()},
            {QStringLiteral("scenario"), config.scenario},
            {QStringLiteral("speed"), config.speed},
            {QStringLiteral("seed"), qint64(config.seed)}};
        std::fputs(QJsonDocument(out).toJson(QJsonDocument::Compact).constData(), stdout);
        std::fputs("\n", stdout);
        std::fflush(stdout);
    } else {
        printErr(QStringLiteral("roomwarden-sandbox: id %1, Helix %2, EventSub %3 (scenario %4, "
                                "speed x%5, seed %6). Ctrl+C stops.")
                     .arg(sandbox.idBaseUrl().toString(), sandbox.helixBaseUrl().toString(),
                          sandbox.eventSubUrl().toString(), config.scenario)
                     .arg(config.speed)
                     .arg(config.seed));
    }

    // A signal handler may only set a flag; the event loop notices it and shuts down cleanly.
    std::signal(SIGINT, requestStop);
    std::signal(SIGTERM, requestStop);
    QTimer stopPoll;
    QObject::connect(&stopPoll, &QTimer::timeout, &app, [] {
        if (g_stopRequested)
            QCoreApplication::quit();
    });
    stopPoll.start(100);

    const int rc = app.exec();
    sandbox.simulator()->stop();
    sandbox.stop();
    return rc;
}
