// EventSub notification throughput over one WSS socket (the sandbox's hot path, used by demo
// mode and the client's load tests). The server (World + EventSubServer) runs in its own thread,
// like the sandbox does in demo mode; the client counts notifications in the main thread.
//
//   bench_eventsub [count=500000] [runs=3]
//
// Prints notifications/s per run and the median. Flow control: the server keeps at most
// kWindow notifications in flight, so the figure is sustained throughput, not buffer filling.
#include "sandbox/Certificate.h"
#include "sandbox/EventFactory.h"
#include "sandbox/EventSubServer.h"
#include "sandbox/SandboxConfig.h"
#include "sandbox/World.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSslConfiguration>
#include <QSysInfo>
#include <QThread>
#include <QTimer>
#include <QWebSocket>

using namespace roomwarden::sandbox;

namespace {

constexpr qint64 kWindow = 512;

QString memoryTotal()
{
    QFile f(QStringLiteral("/proc/meminfo"));
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("unknown");
    const QString first = QString::fromLatin1(f.readLine()).simplified(); // MemTotal: N kB
    const QStringList parts = first.split(QLatin1Char(' '));
    return parts.size() >= 2 ? QStringLiteral("%1 MiB").arg(parts.at(1).toLongLong() / 1024)
                             : QStringLiteral("unknown");
}

void out(const QString &line)
{
    std::fputs(qPrintable(line + QLatin1Char('\n')), stdout);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const qint64 count = argc > 1 ? QByteArray(argv[1]).toLongLong() : 500000;
    const int runs = argc > 2 ? QByteArray(argv[2]).toInt() : 3;

    QThread serverThread;
    serverThread.setObjectName(QStringLiteral("eventsub-server"));
    serverThread.start();
    QObject serverContext;
    serverContext.moveToThread(&serverThread);

    Config config;
    World *world = nullptr;
    EventSubServer *server = nullptr;
    Certificate certificate;
    QUrl url;
    QString error;
    QMetaObject::invokeMethod(
        &serverContext,
        [&] {
            world = new World(config);
            server = new EventSubServer(world, config);
            if (!certificate.generate(&error))
                return;
            QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
            tls.setLocalCertificate(certificate.certificate());
            tls.setPrivateKey(certificate.key());
            tls.setPeerVerifyMode(QSslSocket::VerifyNone);
            if (server->listen(&tls, 0, &error))
                url = server->url();
        },
        Qt::BlockingQueuedConnection);
    if (url.isEmpty()) {
        out(QStringLiteral("server failed: %1").arg(error));
        return 1;
    }

    std::atomic<qint64> received{0};
    qint64 target = 0;
    QString sessionId;
    QEventLoop loop;
    QWebSocket client;
    QSslConfiguration pinned = QSslConfiguration::defaultConfiguration();
    pinned.setCaCertificates({certificate.certificate()});
    client.setSslConfiguration(pinned);
    QObject::connect(&client, &QWebSocket::textMessageReceived, [&](const QString &text) {
        // Counting is all the client does; the type sits near the start of every frame.
        if (QStringView(text).left(120).contains(QLatin1String("\"notification\""))) {
            if (received.fetch_add(1) + 1 == target)
                loop.quit();
            return;
        }
        const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
        const QJsonObject session = o.value(QStringLiteral("payload"))
                                        .toObject()
                                        .value(QStringLiteral("session"))
                                        .toObject();
        if (sessionId.isEmpty() && session.contains(QStringLiteral("id"))) {
            sessionId = session.value(QStringLiteral("id")).toString();
            loop.quit();
        }
    });
    client.open(url);
    {
        QTimer welcomeGuard; // a bounded wait, stopped before the runs reuse the loop
        welcomeGuard.setSingleShot(true);
        QObject::connect(&welcomeGuard, &QTimer::timeout, &loop, &QEventLoop::quit);
        welcomeGuard.start(10000);
        loop.exec();
    }
    if (sessionId.isEmpty()) {
        out(QStringLiteral("no welcome from %1").arg(url.toString()));
        return 1;
    }

    int status = 0;
    QString broadcaster;
    QMetaObject::invokeMethod(
        &serverContext,
        [&] {
            broadcaster = world->broadcasterId();
            const QString reader = world->demoUserId();
            const IssuedTokens t = world->issueTokens(QString::fromLatin1(World::kSandboxClientId),
                                                      reader, {QStringLiteral("user:read:chat")});
            const QJsonObject body{
                {QStringLiteral("type"), QStringLiteral("channel.chat.message")},
                {QStringLiteral("version"), QStringLiteral("1")},
                {QStringLiteral("condition"),
                 QJsonObject{{QStringLiteral("broadcaster_user_id"), broadcaster},
                             {QStringLiteral("user_id"), reader}}},
                {QStringLiteral("transport"),
                 QJsonObject{{QStringLiteral("method"), QStringLiteral("websocket")},
                             {QStringLiteral("session_id"), sessionId}}}};
            status = server->createSubscription(*world->grantFor(t.accessToken), body).status;
        },
        Qt::BlockingQueuedConnection);
    if (status != 202) {
        out(QStringLiteral("subscription failed: %1").arg(status));
        return 1;
    }

    out(QStringLiteral("machine: %1, %2 logical CPUs, %3 RAM; Qt %4")
            .arg(QSysInfo::prettyProductName())
            .arg(QThread::idealThreadCount())
            .arg(memoryTotal(), QString::fromLatin1(qVersion())));
    out(QStringLiteral("payload: channel.chat.message, %1 notifications per run, one WSS socket")
            .arg(count));

    QList<double> rates;
    for (int run = 0; run < runs; ++run) {
        received = 0;
        target = count;
        QElapsedTimer timer;
        timer.start();
        QMetaObject::invokeMethod(&serverContext, [&] {
            // Each notification is a distinct chat message: new ids, event built per message.
            auto *pump = new QTimer(&serverContext);
            auto sent = std::make_shared<qint64>(0);
            const User *viewer = world->user(world->viewerId());
            const User *b = world->user(broadcaster);
            ChatEventSpec spec;
            spec.broadcaster = {b->id, b->login, b->displayName};
            spec.chatter = {viewer->id, viewer->login, viewer->displayName};
            spec.text = QStringLiteral("Hi chat Kappa this is a benchmark message 🎉");
            spec.fragments = {
                {ChatFragment::Kind::Text, QStringLiteral("Hi chat "), {}, {}, {}, {}},
                {ChatFragment::Kind::Emote,
                 QStringLiteral("Kappa"),
                 QStringLiteral("25"),
                 QStringLiteral("0"),
                 QStringLiteral("0"),
                 {}},
                {ChatFragment::Kind::Text,
                 QStringLiteral(" this is a benchmark message 🎉"),
                 {},
                 {},
                 {},
                 {}}};
            spec.badges = {
                {QStringLiteral("subscriber"), QStringLiteral("12"), QStringLiteral("16")}};
            spec.color = QStringLiteral("#00FF7F");
            const QJsonObject match{{QStringLiteral("broadcaster_user_id"), broadcaster}};
            const QString type = QStringLiteral("channel.chat.message");
            const QString version = QStringLiteral("1");
            QObject::connect(pump, &QTimer::timeout, pump, [=, &received]() mutable {
                while (*sent < count && *sent - received.load() < kWindow) {
                    spec.messageId = EventFactory::newUuid();
                    server->publishJson(type, version, EventFactory::chatMessageEventJson(spec),
                                        match);
                    ++*sent;
                }
                if (*sent >= count)
                    pump->deleteLater();
            });
            pump->start(0);
        });
        QTimer guard;
        guard.setSingleShot(true);
        QObject::connect(&guard, &QTimer::timeout, &loop, &QEventLoop::quit);
        guard.start(300000);
        loop.exec();
        const double secs = double(timer.nsecsElapsed()) / 1e9;
        if (received.load() != count) {
            out(QStringLiteral("run %1: only %2 of %3 arrived")
                    .arg(run + 1)
                    .arg(received.load())
                    .arg(count));
            return 1;
        }
        rates << double(count) / secs;
        out(QStringLiteral("run %1: %2 notifications in %3 s = %4 notifications/s")
                .arg(run + 1)
                .arg(count)
                .arg(secs, 0, 'f', 2)
                .arg(rates.last(), 0, 'f', 0));
    }
    std::sort(rates.begin(), rates.end());
    out(QStringLiteral("median: %1 notifications/s (target >= 50000)")
            .arg(rates.at(rates.size() / 2), 0, 'f', 0));

    client.close();
    QMetaObject::invokeMethod(
        &serverContext,
        [&] {
            delete server;
            delete world;
        },
        Qt::BlockingQueuedConnection);
    serverThread.quit();
    serverThread.wait();
    return 0;
}
