#include "app/HeadlessDemo.h"

#include "app/DemoSession.h"
#include "app/LocalStorage.h"
#include "core/analytics/EventStore.h"
#include "core/live/EventText.h"
#include "core/storage/Database.h"
#include "core/util/Paths.h"
#include "core/util/Redactor.h"

#include <QCoreApplication>
#include <QTimer>

#include <algorithm>
#include <cstdio>

namespace roomwarden::app {

namespace {
QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("roomwarden::app::HeadlessDemo", text, disambiguation, n);
}

void out(const QString &line)
{
    const QByteArray bytes = line.toLocal8Bit();
    std::fprintf(stdout, "%s\n", bytes.constData());
    std::fflush(stdout);
}

// Chat is counted, not printed line by line (a raid is thousands of lines); everything else
// that happens in the room is printed as it arrives, up to a limit.
constexpr int kMaxPrintedEvents = 60;
constexpr int kPrintedChatSamples = 5;

void printSummary(const DemoSession &session, bool live)
{
    const DemoSession::Summary &s = session.summary();
    out(QString());
    out(tr("Session summary"));
    out(tr("  signed in as:        %1").arg(session.account().login));
    out(tr("  rooms:               %1").arg(session.rooms().size()));
    out(tr("  room state:          %1").arg(live ? tr("live at the end") : tr("not live")));
    out(tr("  subscriptions:       %1").arg(s.subscriptions));
    out(tr("  events:              %1 (EventSub frames %2, duplicates dropped %3, reconnects %4)")
            .arg(s.events)
            .arg(s.eventSubFrames)
            .arg(s.duplicatesDropped)
            .arg(s.reconnects));
    out(tr("  distinct chatters:   %1").arg(s.chatters.size()));
    QList<std::pair<QString, qint64>> kinds;
    for (auto it = s.eventsByKind.cbegin(); it != s.eventsByKind.cend(); ++it)
        kinds.append({model::eventKindId(it.key()), it.value()});
    std::sort(kinds.begin(), kinds.end());
    for (const auto &[kind, count] : kinds)
        out(QStringLiteral("    %1 %2").arg(kind, -24).arg(count));
    out(tr("  raid alerts:         %1").arg(s.raidAlerts));
    out(tr("  actions taken:       %1").arg(s.actions.size()));
    for (const QString &a : s.actions)
        out(QStringLiteral("    ") + a);
}
} // namespace

int runHeadlessDemo(const Options &options, const util::ProfilePaths &paths,
                    util::Redactor &redactor)
{
    DemoSession session(options, redactor);
    // What happens is recorded for analytics in the profile (the demo's own files, sealed with
    // the sandbox keychain's data key); without a keychain it runs all the same, unrecorded.
    LocalStorage storage(paths, LocalStorage::demoNames());
    std::unique_ptr<analytics::EventStore> events;
    storage.open([&](LocalStorage::Opened opened) {
        if (!opened.notice.isEmpty())
            out(tr("NOTE ") + opened.notice);
        events = std::move(opened.events);
        session.setEventStore(events.get());
    });
    int printed = 0;
    int chatSamples = 0;
    int exitCode = 0;

    QObject::connect(&session, &DemoSession::status, [](const QString &line) { out(line); });
    QObject::connect(&session, &DemoSession::actionTaken,
                     [](const QString &line) { out(tr("ACTION ") + line); });
    QObject::connect(&session, &DemoSession::roomOpened, [](const model::Room &room) {
        out(tr("Opening room %1 (%2)").arg(room.name, room.key()));
    });
    QObject::connect(
        &session, &DemoSession::roomStateChanged,
        [](const QString &key, const QString &state) { out(tr("Room %1: %2").arg(key, state)); });
    QObject::connect(&session, &DemoSession::eventReceived, [&](const model::RoomEvent &e) {
        if (e.kind == model::RoomEventKind::ChatMessage) {
            if (chatSamples++ < kPrintedChatSamples)
                out(QStringLiteral("  ") + live::describeEvent(e));
            return;
        }
        if (e.kind == model::RoomEventKind::ParticipantJoined ||
            e.kind == model::RoomEventKind::ParticipantLeft)
            return;
        if (printed++ < kMaxPrintedEvents)
            out(QStringLiteral("  ") + live::describeEvent(e));
    });
    QObject::connect(&session, &DemoSession::failed, [&exitCode](const QString &reason) {
        out(tr("FAILED ") + reason);
        exitCode = 1;
        QCoreApplication::exit(1);
    });

    out(tr("Roomwarden headless demo: scenario \"%1\", speed ×%2, %n second(s)", nullptr,
           options.durationSeconds)
            .arg(options.scenario)
            .arg(options.speed));
    QString error;
    if (!session.start(&error)) {
        out(tr("FAILED could not start the sandbox platform: %1").arg(error));
        return 1;
    }
    QTimer::singleShot(options.durationSeconds * 1000, [] { QCoreApplication::exit(0); });
    const int loop = QCoreApplication::exec();
    const bool liveAtEnd = session.liveRoomCount() > 0; // stop() below takes the room offline
    session.stop();
    session.setEventStore(nullptr);
    printSummary(session, liveAtEnd);
    if (events) {
        const bool flushed = events->flushAndWait();
        out(tr("  recorded:            %1 events in %2")
                .arg(events->committedEvents())
                .arg(flushed ? storage::databasePath(paths, storage.names().analytics)
                             : tr("(the analytics store failed)")));
    }
    if (exitCode != 0 || loop != 0)
        return 1;
    if (session.summary().events == 0) {
        out(tr("FAILED no event reached the client in %n second(s)", nullptr,
               options.durationSeconds));
        return 1;
    }
    return 0;
}

} // namespace roomwarden::app
