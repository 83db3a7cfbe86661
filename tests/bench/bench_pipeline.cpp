// The whole live pipeline (issue 5's targets), offscreen:
//   sandbox EventSub socket (own thread) → EventSubClient (parse, de-duplicate, map) → RoomState
//   + RaidDetector → RoomView's chat model (the desk's view model, batched) → the analytics
//   EventStore (its writer thread; personal text sealed) in a temporary folder.
//
//   bench_pipeline [paced-seconds=30] [rate=2000] [bulk-messages=1000000]
//
// Phase 1: `rate` chat messages per second for `paced-seconds`; a 10 ms probe timer on the UI
//          thread measures how late it fires (the UI thread's stall): p50, p99, max.
// Phase 2: `bulk-messages` as fast as the pipeline takes them (flow-controlled), printing the
//          process's RSS every 100,000 and the growth per 100,000 over the second half.
#include "core/analytics/EventStore.h"
#include "core/live/RoomState.h"
#include "core/moderation/RaidDetector.h"
#include "core/net/EgressPolicy.h"
#include "core/net/TlsPolicy.h"
#include "core/providers/twitch/EventSubClient.h"
#include "core/storage/FieldCipher.h"
#include "sandbox/Certificate.h"
#include "sandbox/EventFactory.h"
#include "sandbox/EventSubServer.h"
#include "sandbox/SandboxConfig.h"
#include "sandbox/World.h"
#include "ui/ChatModel.h"
#include "ui/RoomView.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonObject>
#include <QSslConfiguration>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <cstdio>

using namespace roomwarden;

namespace {

void out(const QString &line)
{
    std::fputs(qPrintable(line + QLatin1Char('\n')), stdout);
    std::fflush(stdout);
}

qint64 rssKiB()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype i =
        std::min<qsizetype>(values.size() - 1, qsizetype(p * double(values.size())));
    return values.at(i);
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int pacedSeconds = argc > 1 ? QByteArray(argv[1]).toInt() : 30;
    const int rate = argc > 2 ? QByteArray(argv[2]).toInt() : 2000;
    const qint64 bulk = argc > 3 ? QByteArray(argv[3]).toLongLong() : 1'000'000;

    // --- the platform side, in its own thread (as in demo mode) ---
    QThread serverThread;
    serverThread.start();
    QObject serverContext;
    serverContext.moveToThread(&serverThread);
    sandbox::Config config;
    sandbox::World *world = nullptr;
    sandbox::EventSubServer *server = nullptr;
    sandbox::Certificate certificate;
    QUrl url;
    QString error;
    QMetaObject::invokeMethod(
        &serverContext,
        [&] {
            world = new sandbox::World(config);
            server = new sandbox::EventSubServer(world, config);
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

    // --- the client side: the real pipeline on the UI thread ---
    twitch::EventSubClient::Options o;
    o.url = url;
    o.tls = net::TlsPolicy::pinned(certificate.certificate());
    o.egress = net::EgressPolicy::forOrigins({url});
    o.keepaliveSeconds = 30;
    twitch::EventSubClient client(o);
    model::Room room;
    room.roomId = QStringLiteral("100000001");
    room.name = QStringLiteral("bench");
    live::RoomState state(room.key());
    QTemporaryDir storeDir;
    auto opened =
        analytics::EventStore::open(storeDir.filePath(QStringLiteral("a.sqlite")),
                                    storage::FieldCipher(storage::FieldCipher::generateKey()));
    if (!opened) {
        out(QStringLiteral("event store failed: ") + opened.error->message);
        return 1;
    }
    std::unique_ptr<analytics::EventStore> store = std::move(*opened);
    moderation::RaidDetector raids;
    ui::RoomView view(room);
    view.resize(1200, 800);
    view.show();
    std::atomic<qint64> received{0};
    qint64 target = 0;
    QEventLoop loop;
    QObject::connect(&client, &twitch::EventSubClient::eventReceived,
                     [&](const model::RoomEvent &e) {
                         state.apply(e);
                         raids.observe(e);
                         view.queueEvent(e);
                         store->append(e);
                         if (received.fetch_add(1) + 1 == target)
                             loop.quit();
                     });
    QString sessionId;
    QObject::connect(&client, &twitch::EventSubClient::welcomed, [&](const QString &id) {
        sessionId = id;
        loop.quit();
    });
    // Each wait is bounded by its own guard, stopped afterwards so it cannot end a later wait.
    QTimer guard;
    guard.setSingleShot(true);
    QObject::connect(&guard, &QTimer::timeout, &loop, &QEventLoop::quit);
    client.start();
    guard.start(10000);
    loop.exec();
    guard.stop();
    if (sessionId.isEmpty()) {
        out(QStringLiteral("no welcome"));
        return 1;
    }
    int status = 0;
    QString broadcaster;
    QMetaObject::invokeMethod(
        &serverContext,
        [&] {
            broadcaster = world->broadcasterId();
            const QString reader = world->demoUserId();
            const auto t = world->issueTokens(QString::fromLatin1(sandbox::World::kSandboxClientId),
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

    // Publishes `count` chat messages from 5,000 rotating chatters: `perTick` every `tickMs`
    // (paced), or as many as the window allows (tickMs = 0).
    auto publish = [&](qint64 count, int tickMs, int perTick) {
        QMetaObject::invokeMethod(&serverContext, [&, count, tickMs, perTick] {
            auto *pump = new QTimer(&serverContext);
            auto sent = std::make_shared<qint64>(0);
            const sandbox::User *b = world->user(broadcaster);
            const QJsonObject match{{QStringLiteral("broadcaster_user_id"), broadcaster}};
            QObject::connect(pump, &QTimer::timeout, pump, [=, &received]() mutable {
                int n = 0;
                while (*sent < count &&
                       (tickMs == 0 ? *sent - received.load() < 512 : n < perTick)) {
                    sandbox::ChatEventSpec spec;
                    spec.broadcaster = {b->id, b->login, b->displayName};
                    const QString id = QString::number(200'000'000 + *sent % 5000);
                    spec.chatter = {id, QStringLiteral("chatter") + id,
                                    QStringLiteral("Chatter") + id};
                    spec.text = QStringLiteral("message %1 with some words Kappa").arg(*sent);
                    spec.fragments = {
                        {sandbox::ChatFragment::Kind::Text, spec.text, {}, {}, {}, {}}};
                    spec.messageId = sandbox::EventFactory::newUuid();
                    server->publishJson(QStringLiteral("channel.chat.message"), QStringLiteral("1"),
                                        sandbox::EventFactory::chatMessageEventJson(spec), match);
                    ++*sent;
                    ++n;
                }
                if (*sent >= count)
                    pump->deleteLater();
            });
            pump->start(tickMs);
        });
    };

    out(QStringLiteral("machine: %1, %2 logical CPUs; Qt %3; offscreen")
            .arg(QSysInfo::prettyProductName())
            .arg(QThread::idealThreadCount())
            .arg(QString::fromLatin1(qVersion())));

    // Phase 1: paced, with the stall probe.
    const qint64 paced = qint64(pacedSeconds) * rate;
    QList<double> stalls;
    QElapsedTimer probeClock;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(10);
    qint64 last = 0;
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = probeClock.nsecsElapsed();
        if (last)
            stalls << std::max(0.0, double(now - last) / 1e6 - 10.0);
        last = now;
    });
    received = 0;
    target = paced;
    probeClock.start();
    probe.start();
    QElapsedTimer timer;
    timer.start();
    publish(paced, 10, rate / 100);
    guard.start(pacedSeconds * 1000 + 60'000);
    loop.exec();
    guard.stop();
    probe.stop();
    const double pacedSecs = double(timer.nsecsElapsed()) / 1e9;
    out(QStringLiteral("paced: %1 of %2 messages at %3/s in %4 s; UI-thread stall p50 %5 ms, "
                       "p99 %6 ms (target < 50), max %7 ms over %8 probes; chat rows %9")
            .arg(received.load())
            .arg(paced)
            .arg(rate)
            .arg(pacedSecs, 0, 'f', 1)
            .arg(percentile(stalls, 0.50), 0, 'f', 1)
            .arg(percentile(stalls, 0.99), 0, 'f', 1)
            .arg(percentile(stalls, 1.0), 0, 'f', 1)
            .arg(stalls.size())
            .arg(view.chatModel()->rowCount()));

    // Phase 2: a million messages, flow-controlled; RSS as it goes.
    received = 0;
    target = bulk;
    QList<qint64> rss;
    QTimer sampler;
    qint64 nextMark = 100'000;
    auto sample = [&] {
        while (received.load() >= nextMark) {
            rss << rssKiB();
            out(QStringLiteral("  %1 messages: RSS %2 MiB, participants %3")
                    .arg(nextMark)
                    .arg(double(rss.last()) / 1024.0, 0, 'f', 1)
                    .arg(state.size()));
            nextMark += 100'000;
        }
    };
    QObject::connect(&sampler, &QTimer::timeout, sample);
    sampler.start(50);
    timer.restart();
    publish(bulk, 0, 0);
    guard.start(1'800'000);
    loop.exec();
    guard.stop();
    sampler.stop();
    sample(); // the marks reached since the last tick
    store->flushAndWait(600'000);
    const double bulkSecs = double(timer.nsecsElapsed()) / 1e9;
    const qint64 finalRss = rssKiB();
    double growth = 0;
    if (rss.size() >= 4) {
        const qsizetype half = rss.size() / 2;
        growth = double(rss.last() - rss.at(half)) / double(rss.size() - 1 - half) / 1024.0;
    }
    out(QStringLiteral("bulk: %1 of %2 messages in %3 s = %4 messages/s through the pipeline; "
                       "RSS at the end %5 MiB (target < 400), growth over the second half "
                       "%6 MiB per 100,000")
            .arg(received.load())
            .arg(bulk)
            .arg(bulkSecs, 0, 'f', 1)
            .arg(double(received.load()) / bulkSecs, 0, 'f', 0)
            .arg(double(finalRss) / 1024.0, 0, 'f', 1)
            .arg(growth, 0, 'f', 2));
    out(QStringLiteral("stored: %1 events committed by the event store (%2 duplicates skipped)")
            .arg(store->committedEvents())
            .arg(store->duplicateEvents()));
    store.reset();

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
