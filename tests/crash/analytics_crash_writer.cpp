// Helper of TestEventStoreCrash: ingests chat events into the analytics store at a steady
// rate until it is killed, and prints what it did, flushed line by line:
//   appended <total appended> <ms since start>    every tick
//   committed <total committed>                   on every commit the store reports
//
//   analytics_crash_writer <database> [events per second=5000]
#include "core/analytics/EventStore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTimer>

#include <cstdio>

using namespace roomwarden;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fputs("usage: analytics_crash_writer <database> [events per second]\n", stderr);
        return 2;
    }
    const int rate = args.size() > 2 ? args.at(2).toInt() : 5000;
    constexpr int kTickMs = 10;

    auto store = analytics::EventStore::open(args.at(1), storage::FieldCipher(QByteArray(32, 'k')));
    if (!store) {
        std::fprintf(stderr, "cannot open: %s\n", qPrintable(store.error->message));
        return 1;
    }
    QObject::connect(store->get(), &analytics::EventStore::committed, [](qint64 total) {
        std::printf("committed %lld\n", static_cast<long long>(total));
        std::fflush(stdout);
    });

    qint64 appended = 0;
    QElapsedTimer clock;
    clock.start();
    const QDateTime start = QDateTime::currentDateTimeUtc();
    QTimer tick;
    QObject::connect(&tick, &QTimer::timeout, [&] {
        // Catch up with the wall clock, so a late tick does not lower the rate.
        const qint64 due = clock.elapsed() * rate / 1000;
        QList<model::RoomEvent> events;
        for (; appended + events.size() < due || events.isEmpty();) {
            const qint64 i = appended + events.size();
            model::RoomEvent e;
            e.kind = model::RoomEventKind::ChatMessage;
            e.roomKey = QStringLiteral("twitch:1");
            e.eventId = QStringLiteral("m%1").arg(i);
            e.occurredAt = start.addMSecs(i * 1000 / rate);
            e.actorId = QString::number(i % 300);
            e.actorName = QStringLiteral("viewer%1").arg(i % 300);
            e.text = QStringLiteral("message number %1 for the crash test").arg(i);
            events << e;
        }
        (*store)->append(events);
        appended += events.size();
        std::printf("appended %lld %lld\n", static_cast<long long>(appended),
                    static_cast<long long>(clock.elapsed()));
        std::fflush(stdout);
    });
    tick.start(kTickMs);
    return app.exec();
}
