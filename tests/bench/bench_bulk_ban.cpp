// Bulk ban against the sandbox's rate-limit bucket (issue: "Bulk-ban of 1,000 accounts against
// the sandbox's default 800-points-per-minute bucket completes within 10 % of the bucket's
// minimum time, with zero 429s").
//
//   bench_bulk_ban [accounts=1000] [points-per-minute=800] [runs=1]
//
// The minimum time: a full bucket lets `points` calls go at once and refills `points` per
// minute, so N > points calls need at least (N - points) / (points / 60) seconds. Prints the
// measured time, its ratio to that minimum, the 429s the platform answered and the actions that
// did not end Applied.
#include "core/moderation/ActionDispatcher.h"
#include "core/net/ApiClient.h"
#include "core/providers/twitch/HelixClient.h"
#include "core/providers/twitch/TwitchEndpoints.h"
#include "core/providers/twitch/TwitchModerationBackend.h"
#include "core/util/Clock.h"
#include "sandbox/Sandbox.h"
#include "sandbox/World.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QSysInfo>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace roomwarden;

namespace {

void out(const QString &line)
{
    std::fputs(qPrintable(line + QLatin1Char('\n')), stdout);
    std::fflush(stdout);
}

struct Run
{
    double seconds = 0;
    int tooMany = 0;
    int notApplied = 0;
};

Run runOnce(int accounts, int pointsPerMinute)
{
    sandbox::Config config;
    config.rateLimitPointsPerMinute = pointsPerMinute;
    sandbox::Sandbox sandbox(config);
    QString error;
    if (!sandbox.start(&error)) {
        out(QStringLiteral("sandbox failed to start: ") + error);
        std::exit(1);
    }
    auto *world = sandbox.world();
    const auto ep = twitch::TwitchEndpoints::sandboxProfile(
        sandbox.idBaseUrl(), sandbox.helixBaseUrl(), sandbox.eventSubUrl(), sandbox.certificate(),
        sandbox.clientId());
    net::ApiClient api(ep.egress, ep.tls);
    twitch::HelixClient helix(&api, sandbox.helixBaseUrl(), sandbox.clientId());
    const QStringList scopes{QStringLiteral("moderator:manage:banned_users")};
    helix.setAccessToken(
        world->issueTokens(sandbox.clientId(), world->demoUserId(), scopes).accessToken);
    model::Account account;
    account.accountId = world->demoUserId();
    account.grantedScopes = model::scopesFromWords(model::Provider::Twitch, scopes);
    helix.setAccount(account);
    twitch::TwitchModerationBackend backend(&helix, &api);
    moderation::MemoryActionJournal journal;
    util::SystemClock clock;
    moderation::ActionDispatcher dispatcher(&backend, &journal, &clock);

    const QString room = QStringLiteral("twitch:") + world->broadcasterId();
    QList<model::ModerationAction> bulk;
    for (const QString &id : world->addViewers(accounts, QStringLiteral("raider"))) {
        model::ModerationAction a;
        a.kind = model::ModerationActionKind::Ban;
        a.roomKey = room;
        a.targetUserId = id;
        a.reason = QStringLiteral("bench");
        bulk << a;
    }
    Run run;
    int finished = 0;
    QEventLoop loop;
    QObject::connect(&dispatcher, &moderation::ActionDispatcher::finished,
                     [&](const model::AuditEntry &e) {
                         run.notApplied += e.outcome != model::ActionOutcome::Applied;
                         if (++finished == accounts)
                             loop.quit();
                     });
    const int before = int(world->requests().size());
    QElapsedTimer timer;
    timer.start();
    dispatcher.dispatchBulk(bulk);
    QTimer::singleShot(600'000, &loop, &QEventLoop::quit); // a stuck run ends, and says so
    loop.exec();
    run.seconds = double(timer.nsecsElapsed()) / 1e9;
    for (qsizetype i = before; i < world->requests().size(); ++i)
        run.tooMany += world->requests().at(i).status == 429;
    run.notApplied += accounts - finished;
    return run;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int accounts = args.size() > 1 ? args.at(1).toInt() : 1000;
    const int points = args.size() > 2 ? args.at(2).toInt() : 800;
    const int runs = args.size() > 3 ? std::max(1, args.at(3).toInt()) : 1;
    const double minimum = accounts > points ? double(accounts - points) / (points / 60.0) : 0.0;
    out(QStringLiteral("bulk ban: %1 accounts, bucket %2 points/min, machine: %3 cores, %4")
            .arg(accounts)
            .arg(points)
            .arg(QThread::idealThreadCount())
            .arg(QSysInfo::prettyProductName()));
    out(QStringLiteral("bucket minimum: %1 s").arg(minimum, 0, 'f', 2));
    QList<double> times;
    int tooMany = 0;
    int notApplied = 0;
    for (int r = 0; r < runs; ++r) {
        const Run run = runOnce(accounts, points);
        times << run.seconds;
        tooMany += run.tooMany;
        notApplied += run.notApplied;
        out(QStringLiteral("run %1: %2 s (%3 x minimum), 429s: %4, not applied: %5")
                .arg(r + 1)
                .arg(run.seconds, 0, 'f', 2)
                .arg(minimum > 0 ? run.seconds / minimum : 0.0, 0, 'f', 3)
                .arg(run.tooMany)
                .arg(run.notApplied));
    }
    std::sort(times.begin(), times.end());
    const double median = times.at(times.size() / 2);
    out(QStringLiteral("median: %1 s = %2 x the bucket minimum (target <= 1.10), 429s: %3, "
                       "not applied: %4")
            .arg(median, 0, 'f', 2)
            .arg(minimum > 0 ? median / minimum : 0.0, 0, 'f', 3)
            .arg(tooMany)
            .arg(notApplied));
    return tooMany == 0 && notApplied == 0 ? 0 : 1;
}
