// Records two short sessions into a profile's demo analytics database (the key made by
// DataKeyStore in the keychain's "roomwarden-sandbox" service, as the demo does), for the
// `roomwarden report` command-line test. Usage: report_fixture PROFILE_DIR
// The newest session is in room "twitch:777", whose top chatter has a hostile name.
#include "core/analytics/EventStore.h"
#include "core/auth/SecretStore.h"
#include "core/storage/Database.h"
#include "core/storage/DataKeyStore.h"
#include "core/util/Paths.h"

#include <QCoreApplication>
#include <QEventLoop>

#include <cstdio>

using namespace roomwarden;
using K = model::RoomEventKind;

namespace {
int g_ids = 0;

model::RoomEvent ev(const QString &room, const QDateTime &start, K kind, int at,
                    const QString &actor = {}, const QString &name = {})
{
    model::RoomEvent e;
    e.kind = kind;
    e.eventId = QStringLiteral("f-%1").arg(++g_ids);
    e.roomKey = room;
    e.occurredAt = start.addSecs(at);
    e.actorId = actor;
    e.actorName = name;
    return e;
}

QList<model::RoomEvent> stream(const QString &room, const QDateTime &start, const QString &name)
{
    QList<model::RoomEvent> s{ev(room, start, K::StreamOnline, 0)};
    model::RoomEvent sample = ev(room, start, K::ViewerCountSample, 5);
    sample.count = 25;
    s << sample;
    s << ev(room, start, K::ParticipantJoined, 10, QStringLiteral("u-1"), name);
    for (int i = 0; i < 5; ++i)
        s << ev(room, start, K::ChatMessage, 60 + 60 * i, QStringLiteral("u-1"), name);
    s << ev(room, start, K::StreamOffline, 600);
    return s;
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: report_fixture PROFILE_DIR\n");
        return 2;
    }
    const util::ProfilePaths paths =
        util::ProfilePaths::forProfile(QString::fromLocal8Bit(argv[1]));
    QString error;
    if (!paths.ensureExists(&error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    auth::SecretStore secrets(QStringLiteral("roomwarden-sandbox"));
    storage::DataKeyStore keys(&secrets);
    QByteArray key;
    QEventLoop loop;
    keys.load([&](storage::Result<QByteArray> r) {
        if (r)
            key = *r;
        else
            error = r.error->message;
        loop.quit();
    });
    loop.exec();
    if (key.isEmpty()) {
        std::fprintf(stderr, "no data key: %s\n", qPrintable(error));
        return 1;
    }
    auto store = analytics::EventStore::open(
        storage::databasePath(paths, QStringLiteral("analytics-demo")), storage::FieldCipher(key));
    if (!store) {
        std::fprintf(stderr, "%s\n", qPrintable(store.error->message));
        return 1;
    }
    const QDateTime day(QDate(2026, 5, 1), QTime(12, 0), Qt::UTC);
    (*store)->append(stream(QStringLiteral("twitch:888"), day, QStringLiteral("Calm Carl")));
    (*store)->append(stream(QStringLiteral("twitch:777"), day.addSecs(3600),
                            QStringLiteral("=cmd|' /C calc'!A0 <script>x</script>")));
    return (*store)->flushAndWait() ? 0 : 1;
}
