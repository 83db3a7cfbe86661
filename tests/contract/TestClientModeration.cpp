// The moderation path end to end against the sandbox over real sockets:
// ActionDispatcher → TwitchModerationBackend → HelixClient → ApiClient → sandbox, with the
// sandbox's World as ground truth (what was applied, what requests arrived, what they answered).
#include "core/moderation/ActionDispatcher.h"
#include "core/net/ApiClient.h"
#include "core/providers/twitch/HelixClient.h"
#include "core/providers/twitch/TwitchEndpoints.h"
#include "core/providers/twitch/TwitchModerationBackend.h"
#include "core/util/Clock.h"
#include "sandbox/Sandbox.h"
#include "sandbox/World.h"

#include "ClientTestSupport.h"
#include "TestMain.h"

#include <QSignalSpy>

using namespace roomwarden;
using model::ActionOutcome;
using model::ModerationAction;
using K = model::ModerationActionKind;

Q_DECLARE_METATYPE(roomwarden::model::AuditEntry)

namespace {

const QStringList kAllModeratorScopes{
    QStringLiteral("moderator:manage:banned_users"),
    QStringLiteral("moderator:manage:chat_messages"),
    QStringLiteral("moderator:manage:warnings"),
    QStringLiteral("moderator:manage:automod"),
    QStringLiteral("moderator:manage:shield_mode"),
    QStringLiteral("moderator:read:shield_mode"),
    QStringLiteral("moderator:manage:chat_settings"),
    QStringLiteral("moderator:manage:unban_requests"),
    QStringLiteral("moderator:manage:blocked_terms"),
    QStringLiteral("moderator:manage:announcements"),
};

// One signed-in moderator with a dispatcher, as app/ wires it.
struct Desk
{
    std::unique_ptr<twitch::HelixClient> helix;
    std::unique_ptr<twitch::TwitchModerationBackend> backend;
    std::unique_ptr<moderation::MemoryActionJournal> journal;
    std::unique_ptr<moderation::ActionDispatcher> dispatcher;
    std::unique_ptr<QSignalSpy> finished;

    QList<model::AuditEntry> outcomes() const
    {
        QList<model::AuditEntry> out;
        for (const auto &args : *finished)
            out << args.first().value<model::AuditEntry>();
        return out;
    }
    model::AuditEntry last() const { return outcomes().last(); }
};

} // namespace

class TestClientModeration : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void everyActionWithItsScopeIsApplied_data();
    void everyActionWithItsScopeIsApplied();
    void everyActionWithoutItsScopeIsRefusedUnsent_data();
    void everyActionWithoutItsScopeIsRefusedUnsent();
    void broadcasterAndModeratorAndNeither();
    void alreadyDoneIsNotAFailure();
    void aConflictIsRetriedOnceAndThenShownAsSuch();
    void bulkBanIsPacedWithoutA429();
    void stormsDuringABulkLoseNothing();
    void aWarningIsNeverSentTwice();

private:
    void startSandbox(int pointsPerMinute = 800);
    Desk desk(const QString &userId, const QStringList &scopes);
    ModerationAction prepared(K kind);
    bool waitFor(const Desk &d, int count, int timeoutMs = 15000);

    util::SystemClock m_clock;
    std::unique_ptr<sandbox::Sandbox> m_sandbox;
    std::unique_ptr<net::ApiClient> m_api;
};

void TestClientModeration::init()
{
    qRegisterMetaType<model::AuditEntry>();
}

void TestClientModeration::startSandbox(int pointsPerMinute)
{
    sandbox::Config config;
    config.rateLimitPointsPerMinute = pointsPerMinute;
    m_sandbox = std::make_unique<sandbox::Sandbox>(config);
    QString error;
    QVERIFY2(m_sandbox->start(&error), qPrintable(error));
    const auto ep = twitch::TwitchEndpoints::sandboxProfile(
        m_sandbox->idBaseUrl(), m_sandbox->helixBaseUrl(), m_sandbox->eventSubUrl(),
        m_sandbox->certificate(), m_sandbox->clientId());
    m_api = std::make_unique<net::ApiClient>(ep.egress, ep.tls);
}

void TestClientModeration::cleanup()
{
    m_api.reset();
    m_sandbox.reset();
}

Desk TestClientModeration::desk(const QString &userId, const QStringList &scopes)
{
    auto *world = m_sandbox->world();
    Desk d;
    d.helix = std::make_unique<twitch::HelixClient>(m_api.get(), m_sandbox->helixBaseUrl(),
                                                    m_sandbox->clientId());
    d.helix->setAccessToken(world->issueTokens(m_sandbox->clientId(), userId, scopes).accessToken);
    model::Account account;
    account.accountId = userId;
    account.login = world->user(userId)->login;
    account.grantedScopes = model::scopesFromWords(model::Provider::Twitch, scopes);
    d.helix->setAccount(account);
    d.backend = std::make_unique<twitch::TwitchModerationBackend>(d.helix.get(), m_api.get());
    d.journal = std::make_unique<moderation::MemoryActionJournal>();
    d.dispatcher =
        std::make_unique<moderation::ActionDispatcher>(d.backend.get(), d.journal.get(), &m_clock);
    d.finished =
        std::make_unique<QSignalSpy>(d.dispatcher.get(), &moderation::ActionDispatcher::finished);
    return d;
}

bool TestClientModeration::waitFor(const Desk &d, int count, int timeoutMs)
{
    return QTest::qWaitFor([&] { return d.finished->size() >= count; }, timeoutMs);
}

// An action of `kind` in the seeded channel whose target exists in the sandbox.
ModerationAction TestClientModeration::prepared(K kind)
{
    auto *world = m_sandbox->world();
    const QString bid = world->broadcasterId();
    const QString target = world->addViewers(1, QStringLiteral("target")).first();
    ModerationAction a;
    a.kind = kind;
    a.roomKey = QStringLiteral("twitch:") + bid;
    a.targetUserId = target;
    a.targetName = world->user(target)->login;
    switch (kind) {
    case K::Timeout:
        a.durationSeconds = 600;
        break;
    case K::Unban:
        world->applyAction({QStringLiteral("ban"), bid, world->demoUserId(), target, {}, {}});
        break;
    case K::DeleteMessage:
        a.messageId = world->recordChatMessage(bid, target, QStringLiteral("spam spam"));
        break;
    case K::Warn:
        a.reason = QStringLiteral("Please keep it civil.");
        break;
    case K::ApproveHeldMessage:
    case K::DenyHeldMessage:
        a.messageId = world->holdAutoModMessage(bid, target, QStringLiteral("held text"));
        break;
    case K::SetShieldMode:
        a.active = true;
        break;
    case K::UpdateChatModes: {
        model::ChatModesPatch p;
        p.slowSeconds = std::optional<int>(30);
        p.emoteOnly = true;
        a.chatModes = p;
        break;
    }
    case K::ApproveUnbanRequest:
    case K::DenyUnbanRequest:
        world->applyAction({QStringLiteral("ban"), bid, world->demoUserId(), target, {}, {}});
        a.messageId = world->createUnbanRequest(bid, target, QStringLiteral("sorry"));
        a.reason = QStringLiteral("ok, second chance");
        break;
    case K::AddBlockedTerm:
        a.text = QStringLiteral("cheap viewers");
        break;
    case K::RemoveBlockedTerm:
        a.messageId = QStringLiteral("no-such-term"); // §3.3: succeeds for unknown ids too
        break;
    case K::SendAnnouncement:
        a.text = QStringLiteral("Be excellent to each other.");
        break;
    default:
        break;
    }
    if (a.isRoomSetting()) { // about the room, not a person
        a.targetUserId.clear();
        a.targetName.clear();
    }
    return a;
}

void TestClientModeration::everyActionWithItsScopeIsApplied_data()
{
    QTest::addColumn<K>("kind");
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("path");
    const QString bans = QStringLiteral("/helix/moderation/bans");
    QTest::newRow("ban") << K::Ban << QStringLiteral("POST") << bans;
    QTest::newRow("timeout") << K::Timeout << QStringLiteral("POST") << bans;
    QTest::newRow("unban") << K::Unban << QStringLiteral("DELETE") << bans;
    QTest::newRow("delete") << K::DeleteMessage << QStringLiteral("DELETE")
                            << QStringLiteral("/helix/moderation/chat");
    QTest::newRow("clear") << K::ClearChat << QStringLiteral("DELETE")
                           << QStringLiteral("/helix/moderation/chat");
    QTest::newRow("warn") << K::Warn << QStringLiteral("POST")
                          << QStringLiteral("/helix/moderation/warnings");
    QTest::newRow("approve held") << K::ApproveHeldMessage << QStringLiteral("POST")
                                  << QStringLiteral("/helix/moderation/automod/message");
    QTest::newRow("deny held") << K::DenyHeldMessage << QStringLiteral("POST")
                               << QStringLiteral("/helix/moderation/automod/message");
    QTest::newRow("shield mode") << K::SetShieldMode << QStringLiteral("PUT")
                                 << QStringLiteral("/helix/moderation/shield_mode");
    QTest::newRow("chat modes") << K::UpdateChatModes << QStringLiteral("PATCH")
                                << QStringLiteral("/helix/chat/settings");
    QTest::newRow("approve unban request") << K::ApproveUnbanRequest << QStringLiteral("PATCH")
                                           << QStringLiteral("/helix/moderation/unban_requests");
    QTest::newRow("deny unban request") << K::DenyUnbanRequest << QStringLiteral("PATCH")
                                        << QStringLiteral("/helix/moderation/unban_requests");
    QTest::newRow("add blocked term") << K::AddBlockedTerm << QStringLiteral("POST")
                                      << QStringLiteral("/helix/moderation/blocked_terms");
    QTest::newRow("remove blocked term") << K::RemoveBlockedTerm << QStringLiteral("DELETE")
                                         << QStringLiteral("/helix/moderation/blocked_terms");
    QTest::newRow("announcement") << K::SendAnnouncement << QStringLiteral("POST")
                                  << QStringLiteral("/helix/chat/announcements");
}

void TestClientModeration::everyActionWithItsScopeIsApplied()
{
    QFETCH(K, kind);
    QFETCH(QString, method);
    QFETCH(QString, path);
    startSandbox();
    auto *world = m_sandbox->world();
    const QString bid = world->broadcasterId();
    Desk d = desk(world->demoUserId(), kAllModeratorScopes);
    const ModerationAction a = prepared(kind);
    const int before = world->requests().size();
    d.dispatcher->dispatch(a);
    QVERIFY(waitFor(d, 1));
    QCOMPARE(d.last().outcome, ActionOutcome::Applied);
    QCOMPARE(test::countRequests(world, method, path, before), 1);
    // The platform's state says the same.
    switch (kind) {
    case K::Ban:
        QVERIFY(world->isBanned(bid, a.targetUserId));
        break;
    case K::Timeout:
        QVERIFY(world->isTimedOut(bid, a.targetUserId));
        QVERIFY(!world->isBanned(bid, a.targetUserId));
        break;
    case K::Unban:
        QVERIFY(!world->activeBan(bid, a.targetUserId));
        break;
    case K::SetShieldMode:
        QVERIFY(world->shieldModeActive(bid));
        break;
    case K::UpdateChatModes:
        QVERIFY(world->channel(bid)->chatSettings.slowMode);
        QCOMPARE(world->channel(bid)->chatSettings.slowModeWaitTime, std::optional<int>(30));
        QVERIFY(world->channel(bid)->chatSettings.emoteMode);
        break;
    case K::ApproveUnbanRequest:
        QVERIFY(!world->activeBan(bid, a.targetUserId)); // approving lifts the ban
        break;
    case K::DenyUnbanRequest:
        QVERIFY(world->isBanned(bid, a.targetUserId));
        break;
    default:
        break;
    }
    const auto journal = d.journal->entries();
    QCOMPARE(journal.size(), 1);
    QCOMPARE(journal.first().outcome, ActionOutcome::Applied);
}

void TestClientModeration::everyActionWithoutItsScopeIsRefusedUnsent_data()
{
    QTest::addColumn<K>("kind");
    QTest::addColumn<QString>("scope");
    const QString bans = QStringLiteral("moderator:manage:banned_users");
    QTest::newRow("ban") << K::Ban << bans;
    QTest::newRow("timeout") << K::Timeout << bans;
    QTest::newRow("unban") << K::Unban << bans;
    QTest::newRow("delete") << K::DeleteMessage << QStringLiteral("moderator:manage:chat_messages");
    QTest::newRow("clear") << K::ClearChat << QStringLiteral("moderator:manage:chat_messages");
    QTest::newRow("warn") << K::Warn << QStringLiteral("moderator:manage:warnings");
    QTest::newRow("approve held") << K::ApproveHeldMessage
                                  << QStringLiteral("moderator:manage:automod");
    QTest::newRow("shield mode") << K::SetShieldMode
                                 << QStringLiteral("moderator:manage:shield_mode");
    QTest::newRow("chat modes") << K::UpdateChatModes
                                << QStringLiteral("moderator:manage:chat_settings");
    QTest::newRow("unban request")
        << K::ApproveUnbanRequest << QStringLiteral("moderator:manage:unban_requests");
    QTest::newRow("blocked term") << K::AddBlockedTerm
                                  << QStringLiteral("moderator:manage:blocked_terms");
    QTest::newRow("announcement") << K::SendAnnouncement
                                  << QStringLiteral("moderator:manage:announcements");
}

void TestClientModeration::everyActionWithoutItsScopeIsRefusedUnsent()
{
    QFETCH(K, kind);
    QFETCH(QString, scope);
    startSandbox();
    auto *world = m_sandbox->world();
    QStringList scopes = kAllModeratorScopes;
    scopes.removeAll(scope);
    Desk d = desk(world->demoUserId(), scopes);
    const ModerationAction a = prepared(kind);
    const int before = world->requests().size();
    d.dispatcher->dispatch(a);
    QVERIFY(waitFor(d, 1));
    QCOMPARE(d.last().outcome, ActionOutcome::Refused);
    // The user reads ScopeGuard's plain sentence; the guard itself names the missing scope.
    QVERIFY2(d.last().outcomeMessage.contains(QStringLiteral("has not granted")),
             qPrintable(d.last().outcomeMessage));
    const auto refusal =
        d.helix->check(*twitch::TwitchModerationBackend::operationFor(a), world->broadcasterId());
    QVERIFY(refusal);
    QVERIFY(model::scopeNames(refusal->missingScopes).contains(scope));
    QCOMPARE(world->requests().size(), before); // nothing reached the platform
    QVERIFY(d.journal->entries().isEmpty());
}

void TestClientModeration::broadcasterAndModeratorAndNeither()
{
    startSandbox();
    auto *world = m_sandbox->world();
    const QString bid = world->broadcasterId();

    // The broadcaster in their own channel.
    Desk owner = desk(bid, kAllModeratorScopes);
    ModerationAction a = prepared(K::Ban);
    owner.dispatcher->dispatch(a);
    QVERIFY(waitFor(owner, 1));
    QCOMPARE(owner.last().outcome, ActionOutcome::Applied);
    QCOMPARE(owner.last().moderatorId, bid);

    // A moderator of that channel.
    Desk mod = desk(world->demoUserId(), kAllModeratorScopes);
    a = prepared(K::Timeout);
    mod.dispatcher->dispatch(a);
    QVERIFY(waitFor(mod, 1));
    QCOMPARE(mod.last().outcome, ActionOutcome::Applied);

    // Someone who moderates nowhere: known not to be a moderator → refused before the wire;
    // role unknown → sent, and the platform's 403 is shown as a failure with its reason.
    const QString stranger = world->addViewers(1, QStringLiteral("stranger")).first();
    Desk nobody = desk(stranger, kAllModeratorScopes);
    nobody.helix->setRoomRoles(bid, model::Roles{});
    a = prepared(K::Ban);
    int before = world->requests().size();
    nobody.dispatcher->dispatch(a);
    QVERIFY(waitFor(nobody, 1));
    QCOMPARE(nobody.last().outcome, ActionOutcome::Refused);
    QCOMPARE(world->requests().size(), before);

    Desk unsure = desk(stranger, kAllModeratorScopes);
    before = world->requests().size();
    unsure.dispatcher->dispatch(a);
    QVERIFY(waitFor(unsure, 1));
    QCOMPARE(unsure.last().outcome, ActionOutcome::Failed);
    QCOMPARE(world->requests().size(), before + 1);
    QCOMPARE(world->requests().last().status, 403);
    QVERIFY(!world->isBanned(bid, a.targetUserId));
}

void TestClientModeration::alreadyDoneIsNotAFailure()
{
    startSandbox();
    auto *world = m_sandbox->world();
    Desk d = desk(world->demoUserId(), kAllModeratorScopes);
    ModerationAction ban = prepared(K::Ban);
    d.dispatcher->dispatch(ban);
    ban.intentId.clear();
    d.dispatcher->dispatch(ban); // a second moderator click, or another tool was first
    QVERIFY(waitFor(d, 2));
    QCOMPARE(d.outcomes().at(0).outcome, ActionOutcome::Applied);
    QCOMPARE(d.outcomes().at(1).outcome, ActionOutcome::AlreadyDone);

    // A timeout cannot replace a ban: said so, not "failed".
    ModerationAction timeout = ban;
    timeout.intentId.clear();
    timeout.kind = K::Timeout;
    timeout.durationSeconds = 60;
    d.dispatcher->dispatch(timeout);
    QVERIFY(waitFor(d, 3));
    QCOMPARE(d.last().outcome, ActionOutcome::AlreadyDone);
    QVERIFY(d.last().outcomeMessage.contains(QStringLiteral("does not replace")));
    QVERIFY(world->isBanned(world->broadcasterId(), ban.targetUserId));

    ModerationAction unban = prepared(K::Ban);
    unban.kind = K::Unban; // never banned
    d.dispatcher->dispatch(unban);
    QVERIFY(waitFor(d, 4));
    QCOMPARE(d.last().outcome, ActionOutcome::AlreadyDone);
}

void TestClientModeration::aConflictIsRetriedOnceAndThenShownAsSuch()
{
    startSandbox();
    auto *world = m_sandbox->world();
    Desk d = desk(world->demoUserId(), kAllModeratorScopes);
    const QString bans = QStringLiteral("/helix/moderation/bans");

    m_sandbox->faults()->moderationConflicts = 1;
    int before = world->requests().size();
    ModerationAction a = prepared(K::Ban);
    d.dispatcher->dispatch(a);
    QVERIFY(waitFor(d, 1));
    QCOMPARE(d.last().outcome, ActionOutcome::Applied);
    QCOMPARE(test::countRequests(world, QStringLiteral("POST"), bans, before), 2);

    m_sandbox->faults()->moderationConflicts = 2;
    before = world->requests().size();
    a = prepared(K::Ban);
    d.dispatcher->dispatch(a);
    QVERIFY(waitFor(d, 2));
    QCOMPARE(d.last().outcome, ActionOutcome::Conflict);
    QVERIFY(d.last().outcomeMessage.contains(QStringLiteral("Another moderator")));
    QCOMPARE(test::countRequests(world, QStringLiteral("POST"), bans, before), 2);
    QVERIFY(!world->isBanned(world->broadcasterId(), a.targetUserId));
}

void TestClientModeration::bulkBanIsPacedWithoutA429()
{
    // A small bucket so the test is short: 600 points a minute (10 per second), 650 bans →
    // the bucket runs dry and the rest must be paced at its refill rate.
    startSandbox(600);
    auto *world = m_sandbox->world();
    const QString bid = world->broadcasterId();
    Desk d = desk(world->demoUserId(), kAllModeratorScopes);
    const QStringList targets = world->addViewers(650, QStringLiteral("raider"));
    QList<ModerationAction> bulk;
    for (const QString &t : targets) {
        ModerationAction a;
        a.kind = K::Ban;
        a.roomKey = QStringLiteral("twitch:") + bid;
        a.targetUserId = t;
        a.reason = QStringLiteral("hate raid");
        bulk << a;
    }
    const int before = world->requests().size();
    d.dispatcher->dispatchBulk(bulk);
    QVERIFY(waitFor(d, 650, 60000));
    int applied = 0;
    for (const auto &e : d.outcomes())
        applied += e.outcome == ActionOutcome::Applied;
    QCOMPARE(applied, 650);
    QCOMPARE(d.dispatcher->stats().tooMany, 0);
    int tooMany = 0;
    for (int i = before; i < world->requests().size(); ++i)
        tooMany += world->requests().at(i).status == 429;
    QCOMPARE(tooMany, 0);
    for (const QString &t : targets)
        QVERIFY(world->isBanned(bid, t));
}

void TestClientModeration::stormsDuringABulkLoseNothing()
{
    startSandbox();
    auto *world = m_sandbox->world();
    const QString bid = world->broadcasterId();
    Desk d = desk(world->demoUserId(), kAllModeratorScopes);
    m_sandbox->faults()->rateLimitStorm = 6;
    m_sandbox->faults()->serverErrors = 4;
    const QStringList targets = world->addViewers(30, QStringLiteral("storm"));
    QList<ModerationAction> bulk;
    for (const QString &t : targets) {
        ModerationAction a;
        a.kind = K::Timeout;
        a.durationSeconds = 300;
        a.roomKey = QStringLiteral("twitch:") + bid;
        a.targetUserId = t;
        bulk << a;
    }
    d.dispatcher->dispatchBulk(bulk);
    QVERIFY(waitFor(d, 30, 60000));
    QCOMPARE(d.outcomes().size(), 30); // every intent ended, each exactly once
    for (const auto &e : d.journal->entries())
        QCOMPARE(e.outcome, ActionOutcome::Applied);
    for (const QString &t : targets)
        QVERIFY(world->isTimedOut(bid, t));
    QVERIFY(d.dispatcher->stats().tooMany >= 1);
    QVERIFY(d.dispatcher->stats().retries >= 1);
}

void TestClientModeration::aWarningIsNeverSentTwice()
{
    startSandbox();
    auto *world = m_sandbox->world();
    Desk d = desk(world->demoUserId(), kAllModeratorScopes);
    m_sandbox->faults()->serverErrors = 1;
    const int before = world->requests().size();
    d.dispatcher->dispatch(prepared(K::Warn));
    QVERIFY(waitFor(d, 1));
    QCOMPARE(d.last().outcome, ActionOutcome::Failed);
    QCOMPARE(test::countRequests(world, QStringLiteral("POST"),
                                 QStringLiteral("/helix/moderation/warnings"), before),
             1);
}

ROOMWARDEN_TEST_MAIN_CORE(TestClientModeration)
#include "TestClientModeration.moc"
