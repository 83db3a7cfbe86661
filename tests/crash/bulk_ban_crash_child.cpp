// Child process of TestBulkBanCrash: a moderator's bulk ban in flight against an in-process
// sandbox whose replies are slowed down, journaled in a real SQLite journal. It prints
// "journaled N" once every intent is written, then "done <intent id>" for each outcome it
// has journaled, and waits to be killed.
//
//   bulk_ban_crash_child DB_PATH KEY_HEX COUNT
#include "core/moderation/ActionDispatcher.h"
#include "core/net/ApiClient.h"
#include "core/providers/twitch/HelixClient.h"
#include "core/providers/twitch/TwitchEndpoints.h"
#include "core/providers/twitch/TwitchModerationBackend.h"
#include "core/storage/SqliteActionJournal.h"
#include "core/util/Clock.h"
#include "sandbox/Faults.h"
#include "sandbox/Sandbox.h"
#include "sandbox/World.h"

#include <QCoreApplication>

#include <cstdio>

using namespace roomwarden;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 4)
        return 2;
    const QString path = QString::fromLocal8Bit(argv[1]);
    const QByteArray key = QByteArray::fromHex(argv[2]);
    const int count = QByteArray(argv[3]).toInt();

    auto journal = moderation::SqliteActionJournal::open(path, storage::FieldCipher(key));
    if (!journal)
        return 3;
    sandbox::Sandbox sandbox;
    QString error;
    if (!sandbox.start(&error))
        return 4;
    sandbox.faults()->slowMs = 150; // every reply takes a while: calls are in flight when killed
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
    util::SystemClock clock;
    moderation::ActionDispatcher::Options options;
    options.maxInFlight = 2; // a slow trickle: most of the bulk is still queued when killed
    moderation::ActionDispatcher dispatcher(&backend, journal->get(), &clock, options);
    QObject::connect(&dispatcher, &moderation::ActionDispatcher::finished,
                     [](const model::AuditEntry &e) {
                         std::printf("done %s\n", qPrintable(e.intentId));
                         std::fflush(stdout);
                     });
    QList<model::ModerationAction> bulk;
    for (const QString &id : world->addViewers(count, QStringLiteral("raider"))) {
        model::ModerationAction a;
        a.kind = model::ModerationActionKind::Ban;
        a.roomKey = QStringLiteral("twitch:") + world->broadcasterId();
        a.targetUserId = id;
        a.targetName = QStringLiteral("raider-name-") + id;
        bulk << a;
    }
    dispatcher.dispatchBulk(bulk);
    std::printf("journaled %d\n", count);
    std::fflush(stdout);
    return QCoreApplication::exec();
}
