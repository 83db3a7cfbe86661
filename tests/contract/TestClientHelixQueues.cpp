// HelixClient's desk and resync calls against the sandbox over real HTTPS: each one works as the
// broadcaster with exactly its least-privileged scope, is refused before the wire without it
// (World::requests() is the ground truth), and returns what the platform holds.
#include "core/auth/ScopeGuard.h"
#include "core/net/ApiClient.h"
#include "core/providers/twitch/HelixClient.h"
#include "core/providers/twitch/TwitchEndpoints.h"
#include "sandbox/Sandbox.h"
#include "sandbox/World.h"

#include "ClientTestSupport.h"
#include "TestMain.h"

#include <algorithm>
#include <functional>

using namespace roomwarden;
using namespace roomwarden::twitch;
using auth::ApiOperation;

namespace {

// What any call answered, whatever its value type.
struct Outcome
{
    bool answered = false;
    bool ok = false;
    std::optional<auth::ScopeRefusal> refusal;
    QString error;
};

template <typename T>
Outcome outcomeOf(const HelixResult<T> &r)
{
    return {true, r.ok(), r.refusal, r.error ? r.error->message : QString()};
}

// The error text of a failed result (QVERIFY2 evaluates its message even when it passes).
template <typename T>
QByteArray why(const HelixResult<T> &r)
{
    return r.error ? r.error->message.toUtf8() : QByteArray();
}

using Answer = std::function<void(const Outcome &)>;

// One row of the scope table: the operation, what reaches the wire, and how to call it.
struct Call
{
    const char *name;
    ApiOperation operation;
    QString method;
    QString path; // as World records it
    std::function<void(HelixClient &, sandbox::World &, QObject *, Answer)> invoke;
};

const QList<Call> &calls()
{
    static const QList<Call> kCalls{
        {"get banned users", ApiOperation::GetBannedUsers, "GET", "/helix/moderation/banned",
         [](HelixClient &h, sandbox::World &w, QObject *ctx, Answer a) {
             h.getBannedUsers(w.broadcasterId(), ctx, [a](const auto &r) { a(outcomeOf(r)); });
         }},
        {"get chatters", ApiOperation::GetChatters, "GET", "/helix/chat/chatters",
         [](HelixClient &h, sandbox::World &w, QObject *ctx, Answer a) {
             h.getChatters(w.broadcasterId(), w.broadcasterId(), ctx,
                           [a](const auto &r) { a(outcomeOf(r)); });
         }},
        {"get shield mode", ApiOperation::GetShieldMode, "GET", "/helix/moderation/shield_mode",
         [](HelixClient &h, sandbox::World &w, QObject *ctx, Answer a) {
             h.getShieldMode(w.broadcasterId(), w.broadcasterId(), ctx,
                             [a](const auto &r) { a(outcomeOf(r)); });
         }},
        {"get blocked terms", ApiOperation::GetBlockedTerms, "GET",
         "/helix/moderation/blocked_terms",
         [](HelixClient &h, sandbox::World &w, QObject *ctx, Answer a) {
             h.getBlockedTerms(w.broadcasterId(), w.broadcasterId(), ctx,
                               [a](const auto &r) { a(outcomeOf(r)); });
         }},
        {"add blocked term", ApiOperation::AddBlockedTerm, "POST",
         "/helix/moderation/blocked_terms",
         [](HelixClient &h, sandbox::World &w, QObject *ctx, Answer a) {
             h.addBlockedTerm(w.broadcasterId(), w.broadcasterId(), QStringLiteral("spam*"), ctx,
                              [a](const auto &r) { a(outcomeOf(r)); });
         }},
        {"remove blocked term", ApiOperation::RemoveBlockedTerm, "DELETE",
         "/helix/moderation/blocked_terms",
         [](HelixClient &h, sandbox::World &w, QObject *ctx, Answer a) {
             h.removeBlockedTerm(w.broadcasterId(), w.broadcasterId(), QStringLiteral("unknown"),
                                 ctx, [a](const auto &r) { a(outcomeOf(r)); });
         }},
        {"get unban requests", ApiOperation::GetUnbanRequests, "GET",
         "/helix/moderation/unban_requests",
         [](HelixClient &h, sandbox::World &w, QObject *ctx, Answer a) {
             h.getUnbanRequests(w.broadcasterId(), w.broadcasterId(), UnbanRequestStatus::Pending,
                                ctx, [a](const auto &r) { a(outcomeOf(r)); });
         }},
        {"resolve unban request", ApiOperation::ResolveUnbanRequest, "PATCH",
         "/helix/moderation/unban_requests",
         [](HelixClient &h, sandbox::World &w, QObject *ctx, Answer a) {
             const QString id =
                 w.createUnbanRequest(w.broadcasterId(), w.viewerId(), QStringLiteral("sorry"));
             h.resolveUnbanRequest(w.broadcasterId(), w.broadcasterId(), id, false, QString(), ctx,
                                   [a](const auto &r) { a(outcomeOf(r)); });
         }},
        {"send announcement", ApiOperation::SendAnnouncement, "POST", "/helix/chat/announcements",
         [](HelixClient &h, sandbox::World &w, QObject *ctx, Answer a) {
             h.sendAnnouncement(w.broadcasterId(), w.broadcasterId(), QStringLiteral("hello"),
                                AnnouncementColor::Green, ctx,
                                [a](const auto &r) { a(outcomeOf(r)); });
         }},
        {"get streams", ApiOperation::GetStreams, "GET", "/helix/streams",
         [](HelixClient &h, sandbox::World &w, QObject *ctx, Answer a) {
             h.getStreams(w.broadcasterId(), ctx, [a](const auto &r) { a(outcomeOf(r)); });
         }},
    };
    return kCalls;
}

// The least-privileged scope of each group the operation needs (ScopeGuard's table).
QStringList leastScopesFor(ApiOperation op)
{
    QStringList out;
    for (const QStringList &group : auth::ScopeGuard::rule(op).requires_)
        out << group.first();
    return out;
}

// Every scope the table knows, except any that would satisfy `op`.
QStringList allScopesBut(ApiOperation op)
{
    QStringList out = auth::ScopeGuard::mentionedScopes();
    for (const QStringList &group : auth::ScopeGuard::rule(op).requires_) {
        for (const QString &s : group)
            out.removeAll(s);
    }
    return out;
}

} // namespace

class TestClientHelixQueues : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void allowedWithItsScope_data();
    void allowedWithItsScope();
    void refusedWithoutItsScopeSendsNothing_data();
    void refusedWithoutItsScopeSendsNothing();
    void bannedUsersAreExactlyTheBanned();
    void bannedUsersFollowTheCursorUpToTheCap();
    void chattersAreExactlyThoseInChat();
    void shieldModeReflectsThePlatform();
    void streamsSayLiveOrOffline();
    void blockedTermsAddListRemove();
    void resolvedUnbanRequestLeavesThePendingList();
    void announcementReachesTheRoom();
    void chatModesRoundTrip_data();
    void chatModesRoundTrip();

private:
    // A HelixClient signed in as `userId` (the broadcaster by default) with exactly `scopes`.
    std::unique_ptr<HelixClient> client(const QStringList &scopes, const QString &userId = {});
    // Runs `invoke` and waits (bounded) for its answer.
    template <typename T>
    HelixResult<T> await(const std::function<void(HelixClient::Done<T>)> &invoke);

    std::unique_ptr<sandbox::Sandbox> m_sandbox;
    std::unique_ptr<net::ApiClient> m_api;
    sandbox::World *m_world = nullptr;
    QString m_bid;
};

void TestClientHelixQueues::init()
{
    m_sandbox = std::make_unique<sandbox::Sandbox>();
    QString error;
    QVERIFY2(m_sandbox->start(&error), qPrintable(error));
    const auto ep = TwitchEndpoints::sandboxProfile(
        m_sandbox->idBaseUrl(), m_sandbox->helixBaseUrl(), m_sandbox->eventSubUrl(),
        m_sandbox->certificate(), m_sandbox->clientId());
    m_api = std::make_unique<net::ApiClient>(ep.egress, ep.tls);
    m_world = m_sandbox->world();
    m_bid = m_world->broadcasterId();
}

void TestClientHelixQueues::cleanup()
{
    m_api.reset();
    m_sandbox.reset();
    m_world = nullptr;
}

std::unique_ptr<HelixClient> TestClientHelixQueues::client(const QStringList &scopes,
                                                           const QString &userId)
{
    const QString user = userId.isEmpty() ? m_bid : userId;
    auto helix = std::make_unique<HelixClient>(m_api.get(), m_sandbox->helixBaseUrl(),
                                               m_sandbox->clientId());
    helix->setAccessToken(m_world->issueTokens(m_sandbox->clientId(), user, scopes).accessToken);
    model::Account account;
    account.accountId = user;
    account.grantedScopes = model::scopesFromWords(model::Provider::Twitch, scopes);
    helix->setAccount(account);
    return helix;
}

template <typename T>
HelixResult<T> TestClientHelixQueues::await(const std::function<void(HelixClient::Done<T>)> &invoke)
{
    std::optional<HelixResult<T>> out;
    invoke([&out](const HelixResult<T> &r) { out = r; });
    if (!QTest::qWaitFor([&out] { return out.has_value(); }, 10000)) {
        HelixResult<T> timedOut;
        timedOut.error =
            net::ApiError{net::ApiError::Kind::Network, 0, QStringLiteral("no answer in 10 s"), {}};
        return timedOut;
    }
    return *out;
}

void TestClientHelixQueues::allowedWithItsScope_data()
{
    QTest::addColumn<int>("row");
    for (int i = 0; i < calls().size(); ++i)
        QTest::newRow(calls().at(i).name) << i;
}

void TestClientHelixQueues::allowedWithItsScope()
{
    QFETCH(int, row);
    const Call &call = calls().at(row);
    auto helix = client(leastScopesFor(call.operation));
    QVERIFY(!helix->check(call.operation, m_bid));
    Outcome outcome;
    call.invoke(*helix, *m_world, this, [&outcome](const Outcome &o) { outcome = o; });
    QCOMPARE(m_api->inFlight(), 1); // on the wire at once
    QTRY_VERIFY_WITH_TIMEOUT(outcome.answered, 10000);
    QVERIFY2(outcome.ok, qPrintable(outcome.error));
    QCOMPARE(test::countRequests(m_world, call.method, call.path), 1);
}

void TestClientHelixQueues::refusedWithoutItsScopeSendsNothing_data()
{
    QTest::addColumn<int>("row");
    for (int i = 0; i < calls().size(); ++i) {
        if (!auth::ScopeGuard::rule(calls().at(i).operation).requires_.isEmpty())
            QTest::newRow(calls().at(i).name) << i;
    }
}

void TestClientHelixQueues::refusedWithoutItsScopeSendsNothing()
{
    QFETCH(int, row);
    const Call &call = calls().at(row);
    // Everything else the app could ask for: only this operation's own scope is missing.
    auto helix = client(allScopesBut(call.operation));
    Outcome outcome;
    call.invoke(*helix, *m_world, this, [&outcome](const Outcome &o) { outcome = o; });
    QCOMPARE(m_api->inFlight(), 0); // refused before the wire
    QVERIFY(!outcome.answered);     // and never synchronously
    QTRY_VERIFY_WITH_TIMEOUT(outcome.answered, 5000);
    QVERIFY(!outcome.ok);
    QVERIFY(outcome.refusal);
    QCOMPARE(outcome.refusal->kind, auth::ScopeRefusal::Kind::MissingScope);
    QCOMPARE(outcome.refusal->operation, call.operation);
    QCOMPARE(model::scopeNames(outcome.refusal->missingScopes), leastScopesFor(call.operation));
    QCOMPARE(m_world->requests().size(), 0);
}

void TestClientHelixQueues::bannedUsersAreExactlyTheBanned()
{
    auto helix = client({"moderator:manage:banned_users"});
    const QStringList viewers = m_world->addViewers(3);
    // One permanent ban through Helix, one timeout through the control side, and one ban that
    // is lifted again: the list holds the first two only.
    const auto ban = await<BanResult>([&](auto done) {
        helix->banUser(m_bid, m_bid, viewers.at(0), std::nullopt, "spam", this, done);
    });
    QVERIFY2(ban.ok(), why(ban).constData());
    QVERIFY(m_world->applyAction({"timeout",
                                  m_bid,
                                  m_world->demoUserId(),
                                  viewers.at(1),
                                  {{"duration", 600}, {"reason", "calm down"}},
                                  {}}));
    QVERIFY(m_world->applyAction({"ban", m_bid, m_bid, viewers.at(2), {}, {}}));
    QVERIFY(m_world->applyAction({"unban", m_bid, m_bid, viewers.at(2), {}, {}}));

    const auto r =
        await<QList<BannedUser>>([&](auto done) { helix->getBannedUsers(m_bid, this, done); });
    QVERIFY2(r.ok(), why(r).constData());
    QCOMPARE(r.value->size(), 2);
    auto find = [&r](const QString &id) {
        return std::find_if(r.value->cbegin(), r.value->cend(),
                            [&id](const BannedUser &b) { return b.userId == id; });
    };
    const auto permanent = find(viewers.at(0));
    const auto timeout = find(viewers.at(1));
    QVERIFY(permanent != r.value->cend() && timeout != r.value->cend());
    QCOMPARE(permanent->expiresAt, std::nullopt);
    QCOMPARE(permanent->reason, QString("spam"));
    QCOMPARE(permanent->moderatorId, m_bid);
    QCOMPARE(permanent->login, m_world->user(viewers.at(0))->login);
    QCOMPARE(permanent->createdAt, ban.value->createdAt);
    const auto truth = m_world->activeBan(m_bid, viewers.at(1));
    QVERIFY(truth && truth->expiresAt);
    QVERIFY(timeout->expiresAt);
    QCOMPARE(timeout->expiresAt->toSecsSinceEpoch(), truth->expiresAt->toSecsSinceEpoch());
    QCOMPARE(timeout->reason, QString("calm down"));
    QCOMPARE(timeout->moderatorId, m_world->demoUserId());
    QCOMPARE(timeout->moderatorName, m_world->user(m_world->demoUserId())->displayName);
}

void TestClientHelixQueues::bannedUsersFollowTheCursorUpToTheCap()
{
    auto helix = client({"moderation:read"});
    const QStringList viewers = m_world->addViewers(130);
    for (const QString &id : viewers)
        m_world->applyAction({"ban", m_bid, m_bid, id, {}, {}});

    const auto all =
        await<QList<BannedUser>>([&](auto done) { helix->getBannedUsers(m_bid, this, done); });
    QVERIFY2(all.ok(), why(all).constData());
    QStringList ids;
    for (const BannedUser &b : *all.value)
        ids << b.userId;
    ids.sort();
    QStringList expected = viewers;
    expected.sort();
    QCOMPARE(ids, expected);
    QCOMPARE(test::countRequests(m_world, "GET", "/helix/moderation/banned"), 2); // 100 + 30

    const int before = int(m_world->requests().size());
    const auto capped =
        await<QList<BannedUser>>([&](auto done) { helix->getBannedUsers(m_bid, this, done, 1); });
    QVERIFY(capped.ok());
    QCOMPARE(capped.value->size(), 100);
    QCOMPARE(test::countRequests(m_world, "GET", "/helix/moderation/banned", before), 1);
}

void TestClientHelixQueues::chattersAreExactlyThoseInChat()
{
    auto helix = client({"moderator:read:chatters"});
    // More than one page of 1000.
    for (const QString &id : m_world->addViewers(1050))
        m_world->joinChat(m_bid, id);
    m_world->leaveChat(m_bid, m_world->viewerId());

    const auto r =
        await<ChatterList>([&](auto done) { helix->getChatters(m_bid, m_bid, this, done); });
    QVERIFY2(r.ok(), why(r).constData());
    const QStringList truth = m_world->channel(m_bid)->chatters;
    QStringList ids;
    for (const Chatter &c : r.value->chatters)
        ids << c.userId;
    QCOMPARE(ids, truth);
    QCOMPARE(r.value->total, int(truth.size()));
    QVERIFY(!ids.contains(m_world->viewerId()));
    QCOMPARE(r.value->chatters.first().login, m_world->user(truth.first())->login);
    QCOMPARE(test::countRequests(m_world, "GET", "/helix/chat/chatters"), 2);
}

void TestClientHelixQueues::shieldModeReflectsThePlatform()
{
    auto helix = client({"moderator:manage:shield_mode"});
    const auto before =
        await<ShieldModeStatus>([&](auto done) { helix->getShieldMode(m_bid, m_bid, this, done); });
    QVERIFY2(before.ok(), why(before).constData());
    QVERIFY(!before.value->active);
    QCOMPARE(before.value->lastActivatedAt, std::nullopt); // "" = never activated

    QVERIFY(m_world->applyAction(
        {"shield_mode", m_bid, m_world->demoUserId(), {}, {{"is_active", true}}, {}}));
    const auto after =
        await<ShieldModeStatus>([&](auto done) { helix->getShieldMode(m_bid, m_bid, this, done); });
    QVERIFY(after.ok());
    QVERIFY(after.value->active);
    QCOMPARE(after.value->moderatorId, m_world->demoUserId());
    QVERIFY(after.value->lastActivatedAt);
    QCOMPARE(after.value->lastActivatedAt->toSecsSinceEpoch(),
             m_world->channel(m_bid)->shieldMode.lastActivatedAt.toSecsSinceEpoch());
}

void TestClientHelixQueues::streamsSayLiveOrOffline()
{
    auto helix = client({});
    const auto offline =
        await<std::optional<LiveStream>>([&](auto done) { helix->getStreams(m_bid, this, done); });
    QVERIFY2(offline.ok(), why(offline).constData());
    QCOMPARE(offline.value->has_value(), false);

    m_world->setStreamLive(m_bid, true);
    m_world->setViewerCount(m_bid, 42);
    const auto live =
        await<std::optional<LiveStream>>([&](auto done) { helix->getStreams(m_bid, this, done); });
    QVERIFY(live.ok());
    QVERIFY(live.value->has_value());
    const sandbox::StreamState truth = m_world->channel(m_bid)->stream;
    const LiveStream &s = **live.value;
    QCOMPARE(s.id, truth.streamId);
    QCOMPARE(s.viewerCount, 42);
    QCOMPARE(s.title, truth.title);
    QCOMPARE(s.startedAt.toSecsSinceEpoch(), truth.startedAt.toSecsSinceEpoch());
}

void TestClientHelixQueues::blockedTermsAddListRemove()
{
    auto helix = client({"moderator:manage:blocked_terms"});
    const auto added = await<BlockedTerm>(
        [&](auto done) { helix->addBlockedTerm(m_bid, m_bid, "badword*", this, done); });
    QVERIFY2(added.ok(), why(added).constData());
    QVERIFY(!added.value->id.isEmpty());
    QCOMPARE(added.value->text, QString("badword*"));
    QCOMPARE(added.value->expiresAt, std::nullopt);

    // §3.3: adding it again answers with the existing term.
    const auto again = await<BlockedTerm>(
        [&](auto done) { helix->addBlockedTerm(m_bid, m_bid, "BADWORD*", this, done); });
    QVERIFY(again.ok());
    QCOMPARE(again.value->id, added.value->id);

    const auto listed = await<QList<BlockedTerm>>(
        [&](auto done) { helix->getBlockedTerms(m_bid, m_bid, this, done); });
    QVERIFY(listed.ok());
    QCOMPARE(listed.value->size(), 1);
    QCOMPARE(listed.value->first().id, added.value->id);
    QCOMPARE(listed.value->first().text, QString("badword*"));
    QCOMPARE(listed.value->first().moderatorId, m_bid);
    QCOMPARE(m_world->channel(m_bid)->blockedTerms.size(), 1);

    const auto removed = await<HelixNothing>(
        [&](auto done) { helix->removeBlockedTerm(m_bid, m_bid, added.value->id, this, done); });
    QVERIFY(removed.ok());
    QVERIFY(m_world->channel(m_bid)->blockedTerms.isEmpty());
    const auto empty = await<QList<BlockedTerm>>(
        [&](auto done) { helix->getBlockedTerms(m_bid, m_bid, this, done); });
    QVERIFY(empty.ok());
    QVERIFY(empty.value->isEmpty());
}

void TestClientHelixQueues::resolvedUnbanRequestLeavesThePendingList()
{
    auto helix = client({"moderator:manage:unban_requests"});
    const QStringList viewers = m_world->addViewers(2);
    for (const QString &id : viewers)
        m_world->applyAction({"ban", m_bid, m_bid, id, {}, {}});
    const QString first = m_world->createUnbanRequest(m_bid, viewers.at(0), "I was wrong");
    const QString second = m_world->createUnbanRequest(m_bid, viewers.at(1), "please");

    const auto pending = await<QList<UnbanRequest>>([&](auto done) {
        helix->getUnbanRequests(m_bid, m_bid, UnbanRequestStatus::Pending, this, done);
    });
    QVERIFY2(pending.ok(), why(pending).constData());
    QCOMPARE(pending.value->size(), 2);
    QCOMPARE(pending.value->at(0).id, first);
    QCOMPARE(pending.value->at(0).userId, viewers.at(0));
    QCOMPARE(pending.value->at(0).text, QString("I was wrong"));
    QCOMPARE(pending.value->at(0).status, UnbanRequestStatus::Pending);
    QCOMPARE(pending.value->at(0).resolvedAt, std::nullopt);

    const auto resolved = await<UnbanRequest>([&](auto done) {
        helix->resolveUnbanRequest(m_bid, m_bid, first, true, "welcome back", this, done);
    });
    QVERIFY2(resolved.ok(), why(resolved).constData());
    QCOMPARE(resolved.value->id, first);
    QCOMPARE(resolved.value->status, UnbanRequestStatus::Approved);
    QCOMPARE(resolved.value->resolutionText, std::optional<QString>("welcome back"));
    QCOMPARE(resolved.value->moderatorId, m_bid);
    QVERIFY(resolved.value->resolvedAt);
    QVERIFY(!m_world->activeBan(m_bid, viewers.at(0))); // approval lifted the ban

    const auto left = await<QList<UnbanRequest>>([&](auto done) {
        helix->getUnbanRequests(m_bid, m_bid, UnbanRequestStatus::Pending, this, done);
    });
    QVERIFY(left.ok());
    QCOMPARE(left.value->size(), 1);
    QCOMPARE(left.value->first().id, second);
    const auto approved = await<QList<UnbanRequest>>([&](auto done) {
        helix->getUnbanRequests(m_bid, m_bid, UnbanRequestStatus::Approved, this, done);
    });
    QVERIFY(approved.ok());
    QCOMPARE(approved.value->size(), 1);
    QCOMPARE(approved.value->first().id, first);
}

void TestClientHelixQueues::announcementReachesTheRoom()
{
    auto helix = client({"moderator:manage:announcements"});
    const auto r = await<HelixNothing>([&](auto done) {
        helix->sendAnnouncement(m_bid, m_bid, "Be kind", AnnouncementColor::Purple, this, done);
    });
    QVERIFY2(r.ok(), why(r).constData());
    QVERIFY(!m_world->actions().isEmpty());
    const sandbox::AppliedAction &a = m_world->actions().last();
    QCOMPARE(a.kind, QString("announcement"));
    QCOMPARE(a.moderatorId, m_bid);
    QCOMPARE(a.details.value("message").toString(), QString("Be kind"));
    QCOMPARE(a.details.value("color").toString(), QString("purple"));
}

void TestClientHelixQueues::chatModesRoundTrip_data()
{
    using Patch = model::ChatModesPatch;
    QTest::addColumn<Patch>("first");
    QTest::addColumn<Patch>("second");

    Patch slowOn;
    slowOn.slowSeconds = std::optional<int>(45);
    Patch slowOff;
    slowOff.slowSeconds = std::optional<int>();
    Patch followersAny;
    followersAny.followerMinutes = std::optional<int>(0);
    Patch followersWeek;
    followersWeek.followerMinutes = std::optional<int>(10080);
    Patch delay;
    delay.nonModeratorDelaySeconds = std::optional<int>(4);
    Patch delayOff;
    delayOff.nonModeratorDelaySeconds = std::optional<int>();
    Patch flags;
    flags.emoteOnly = true;
    flags.subscriberOnly = true;
    flags.uniqueChat = true;
    Patch flagsOff;
    flagsOff.emoteOnly = false;
    flagsOff.uniqueChat = false;
    Patch everything = slowOn;
    everything.followerMinutes = std::optional<int>(30);
    everything.nonModeratorDelaySeconds = std::optional<int>(6);
    everything.emoteOnly = true;
    Patch mixed = slowOff;
    mixed.followerMinutes = std::optional<int>(5);
    mixed.nonModeratorDelaySeconds = std::optional<int>();

    QTest::newRow("slow on, then off") << slowOn << slowOff;
    QTest::newRow("followers: any, then a week") << followersAny << followersWeek;
    QTest::newRow("delay on, then off") << delay << delayOff;
    QTest::newRow("flags on, two off") << flags << flagsOff;
    QTest::newRow("slow on, then slow untouched") << slowOn << flags;
    QTest::newRow("everything, then a mix") << everything << mixed;
}

void TestClientHelixQueues::chatModesRoundTrip()
{
    QFETCH(model::ChatModesPatch, first);
    QFETCH(model::ChatModesPatch, second);
    // The read scope is what makes the delay fields come back (§3.3).
    auto helix = client({"moderator:manage:chat_settings", "moderator:read:chat_settings"});
    model::ChatModes expected;
    for (const model::ChatModesPatch &patch : {first, second}) {
        expected = patch.appliedTo(expected);
        const auto updated = await<ChatSettings>([&](auto done) {
            helix->updateChatSettings(m_bid, m_bid, toSettingsPatch(patch), this, done);
        });
        QVERIFY2(updated.ok(), why(updated).constData());
        QCOMPARE(toChatModes(*updated.value), expected);
        const auto read = await<ChatSettings>(
            [&](auto done) { helix->getChatSettings(m_bid, m_bid, this, done); });
        QVERIFY(read.ok());
        QVERIFY(read.value->nonModeratorChatDelayKnown);
        QCOMPARE(toChatModes(*read.value), expected);
    }
    // And the platform's own record agrees.
    const sandbox::ChatSettings truth = m_world->channel(m_bid)->chatSettings;
    QCOMPARE(truth.slowMode ? truth.slowModeWaitTime : std::nullopt, expected.slowSeconds);
    QCOMPARE(truth.followerMode ? truth.followerModeDuration : std::nullopt,
             expected.followerMinutes);
    QCOMPARE(truth.nonModeratorChatDelay ? truth.nonModeratorChatDelayDuration : std::nullopt,
             expected.nonModeratorDelaySeconds);
    QCOMPARE(truth.emoteMode, expected.emoteOnly);
    QCOMPARE(truth.subscriberMode, expected.subscriberOnly);
    QCOMPARE(truth.uniqueChatMode, expected.uniqueChat);
}

ROOMWARDEN_TEST_MAIN_CORE(TestClientHelixQueues)
#include "TestClientHelixQueues.moc"
