// TwitchRoomConnection against the sandbox over real WSS/HTTPS: after an abrupt socket drop it
// resubscribes, reports the gap exactly once, and reads back by REST what it missed (chat
// modes, shield mode, chatters, banned users) where ScopeGuard allows, sending nothing where it
// does not.
#include "core/net/ApiClient.h"
#include "core/providers/twitch/HelixClient.h"
#include "core/providers/twitch/TwitchEndpoints.h"
#include "core/providers/twitch/TwitchRoomConnection.h"
#include "sandbox/EventSubServer.h"
#include "sandbox/Sandbox.h"
#include "sandbox/World.h"

#include "ClientTestSupport.h"
#include "TestMain.h"

#include <QSignalSpy>

using namespace roomwarden;
using namespace roomwarden::twitch;
using auth::ApiOperation;

namespace {

// channel.moderate v2 with read scopes only (§4.5), chat, and the resync reads except the
// banned list (moderator:read:banned_users is for EventSub, not for Get Banned Users).
QStringList roomScopes()
{
    return {"user:read:chat",
            "moderator:read:blocked_terms",
            "moderator:read:chat_settings",
            "moderator:read:unban_requests",
            "moderator:read:banned_users",
            "moderator:read:chat_messages",
            "moderator:read:warnings",
            "moderator:read:moderators",
            "moderator:read:vips",
            "moderator:read:chatters",
            "moderator:read:shield_mode"};
}

// The backoff before reconnecting: long enough to change the room while the client is away.
constexpr int kBackoffMs = 2500;

} // namespace

class TestClientResync : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void firstSnapshotIsTheInitialState();
    void dropIsReportedOnceAndResynced();
    void refusedReadsAreListedAndNeverSent_data();
    void refusedReadsAreListedAndNeverSent();

private:
    // A room connection to the seeded channel, signed in as `userId` with `scopes`.
    void open(const QString &userId, const QStringList &scopes);
    // Waits (bounded) for Live and the resync that follows it.
    bool waitLiveAndResynced(int resyncs);
    // Drops the socket without a close frame; true once the connection noticed.
    bool dropSocket(QDateTime *droppedAt);
    QList<model::RoomEvent> events(model::RoomEventKind kind) const;

    std::unique_ptr<sandbox::Sandbox> m_sandbox;
    std::unique_ptr<net::ApiClient> m_api;
    std::unique_ptr<HelixClient> m_helix;
    std::unique_ptr<TwitchRoomConnection> m_room;
    QList<model::RoomEvent> m_events;
    QList<RoomSnapshot> m_snapshots;
    sandbox::World *m_world = nullptr;
    QString m_bid;
    TwitchEndpoints m_ep;
};

void TestClientResync::init()
{
    m_sandbox = std::make_unique<sandbox::Sandbox>();
    QString error;
    QVERIFY2(m_sandbox->start(&error), qPrintable(error));
    m_ep = TwitchEndpoints::sandboxProfile(m_sandbox->idBaseUrl(), m_sandbox->helixBaseUrl(),
                                           m_sandbox->eventSubUrl(), m_sandbox->certificate(),
                                           m_sandbox->clientId());
    m_api = std::make_unique<net::ApiClient>(m_ep.egress, m_ep.tls);
    m_world = m_sandbox->world();
    m_bid = m_world->broadcasterId();
    m_events.clear();
    m_snapshots.clear();
}

void TestClientResync::cleanup()
{
    m_room.reset();
    m_helix.reset();
    m_api.reset();
    m_sandbox.reset();
    m_world = nullptr;
}

void TestClientResync::open(const QString &userId, const QStringList &scopes)
{
    m_helix = std::make_unique<HelixClient>(m_api.get(), m_ep.helixBase, m_ep.clientId);
    const auto tokens = m_world->issueTokens(m_sandbox->clientId(), userId, scopes);
    m_helix->setAccessToken(tokens.accessToken);
    model::Account account;
    account.accountId = userId;
    account.grantedScopes = model::scopesFromWords(model::Provider::Twitch, tokens.scopes);
    m_helix->setAccount(account);

    TwitchRoomConnection::Options o;
    const sandbox::User *broadcaster = m_world->user(m_bid);
    o.room = {model::Provider::Twitch, m_bid, broadcaster->login, broadcaster->displayName};
    o.userId = userId;
    o.grantedScopes = account.grantedScopes;
    o.eventSub.url = m_ep.eventSubUrl;
    o.eventSub.tls = m_ep.tls;
    o.eventSub.egress = m_ep.egress;
    o.eventSub.keepaliveSeconds = 10;
    o.eventSub.backoffInitialMs = kBackoffMs;
    o.eventSub.jitter = 0;
    m_room = std::make_unique<TwitchRoomConnection>(o, m_helix.get());
    connect(m_room.get(), &TwitchRoomConnection::eventReceived, this,
            [this](const model::RoomEvent &e) { m_events << e; });
    connect(m_room.get(), &TwitchRoomConnection::resynced, this,
            [this](const RoomSnapshot &s) { m_snapshots << s; });
    m_room->start();
}

bool TestClientResync::waitLiveAndResynced(int resyncs)
{
    return QTest::qWaitFor(
        [this, resyncs] {
            return m_room->state() == TwitchRoomConnection::State::Live &&
                   m_snapshots.size() >= resyncs;
        },
        20000);
}

bool TestClientResync::dropSocket(QDateTime *droppedAt)
{
    const QString session = m_room->eventSub()->sessionId();
    if (session.isEmpty() || !m_sandbox->eventSub()->dropSocket(session))
        return false;
    *droppedAt = QDateTime::currentDateTimeUtc();
    return QTest::qWaitFor(
        [this] { return m_room->state() == TwitchRoomConnection::State::Reconnecting; }, 10000);
}

QList<model::RoomEvent> TestClientResync::events(model::RoomEventKind kind) const
{
    QList<model::RoomEvent> out;
    for (const model::RoomEvent &e : m_events) {
        if (e.kind == kind)
            out << e;
    }
    return out;
}

void TestClientResync::firstSnapshotIsTheInitialState()
{
    // The broadcaster's own room, where the banned list may be read.
    m_world->applyAction({"ban", m_bid, m_bid, m_world->viewerId(), {{"reason", "before"}}, {}});
    open(m_bid, roomScopes() << "moderation:read");
    QVERIFY(waitLiveAndResynced(1));
    QCOMPARE(m_snapshots.size(), 1);
    const RoomSnapshot &s = m_snapshots.first();
    QCOMPARE(m_room->lastSnapshot().has_value(), true);
    QCOMPARE(m_room->lastSnapshot()->takenAt, s.takenAt);
    QCOMPARE(s.roomKey, QString("twitch:" + m_bid));
    QVERIFY(s.notResynced.isEmpty());
    QVERIFY(s.chatModes);
    QCOMPARE(*s.chatModes, model::ChatModes{});
    QCOMPARE(s.shieldModeActive, std::optional<bool>(false));
    QVERIFY(s.chatters);
    QCOMPARE(s.chatters->total, int(m_world->channel(m_bid)->chatters.size()));
    QCOMPARE(s.chatters->chatters.size(), m_world->channel(m_bid)->chatters.size());
    QVERIFY(s.bannedUsers);
    QCOMPARE(s.bannedUsers->size(), 1);
    QCOMPARE(s.bannedUsers->first().userId, m_world->viewerId());
    QCOMPARE(s.bannedUsers->first().reason, QString("before"));
    QVERIFY(events(model::RoomEventKind::Gap).isEmpty()); // nothing was missed yet
}

void TestClientResync::dropIsReportedOnceAndResynced()
{
    open(m_bid, roomScopes() << "moderation:read");
    QVERIFY(waitLiveAndResynced(1));
    QVERIFY(!m_snapshots.first().chatModes->slowSeconds);
    const int firstRequests = test::countRequests(m_world, "GET", "/helix/moderation/banned");
    QCOMPARE(firstRequests, 1);

    QDateTime droppedAt;
    QVERIFY(dropSocket(&droppedAt));
    // While the client is away: a ban (control side), shield mode on (control side) and slow
    // mode on through Helix by another moderator.
    const QStringList viewers = m_world->addViewers(1);
    QVERIFY(m_world->applyAction(
        {"ban", m_bid, m_world->demoUserId(), viewers.first(), {{"reason", "missed"}}, {}}));
    QVERIFY(m_world->applyAction(
        {"shield_mode", m_bid, m_world->demoUserId(), {}, {{"is_active", true}}, {}}));
    HelixClient other(m_api.get(), m_ep.helixBase, m_ep.clientId);
    const QStringList otherScopes{"moderator:manage:chat_settings"};
    other.setAccessToken(
        m_world->issueTokens(m_sandbox->clientId(), m_world->demoUserId(), otherScopes)
            .accessToken);
    model::Account otherAccount;
    otherAccount.accountId = m_world->demoUserId();
    otherAccount.grantedScopes = model::scopesFromWords(model::Provider::Twitch, otherScopes);
    other.setAccount(otherAccount);
    model::ChatModesPatch slow;
    slow.slowSeconds = std::optional<int>(10);
    std::optional<HelixResult<ChatSettings>> updated;
    other.updateChatSettings(m_bid, m_world->demoUserId(), toSettingsPatch(slow), this,
                             [&updated](const HelixResult<ChatSettings> &r) { updated = r; });
    QTRY_VERIFY_WITH_TIMEOUT(updated.has_value(), 10000);
    QVERIFY(updated->ok());
    // All of it happened while the room was away (so EventSub could not have told it).
    QCOMPARE(m_room->state(), TwitchRoomConnection::State::Reconnecting);

    QVERIFY(waitLiveAndResynced(2));
    const QDateTime liveAgain = QDateTime::currentDateTimeUtc();

    const QList<model::RoomEvent> gaps = events(model::RoomEventKind::Gap);
    QCOMPARE(gaps.size(), 1);
    const model::RoomEvent &gap = gaps.first();
    QCOMPARE(gap.roomKey, QString("twitch:" + m_bid));
    QVERIFY(!gap.text.isEmpty());
    QVERIFY(gap.gapEnd);
    QVERIFY(gap.occurredAt.isValid());
    QVERIFY2(gap.occurredAt <= droppedAt, qPrintable(gap.occurredAt.toString(Qt::ISODateWithMs)));
    QVERIFY(gap.occurredAt <= *gap.gapEnd);
    // The gap closes when the new subscriptions are up, after the backoff.
    QVERIFY(droppedAt.msecsTo(*gap.gapEnd) >= kBackoffMs - 100);
    QVERIFY(*gap.gapEnd <= liveAgain);
    // The ban was missed by EventSub, not delivered late.
    QVERIFY(events(model::RoomEventKind::UserBanned).isEmpty());

    QCOMPARE(m_snapshots.size(), 2);
    const RoomSnapshot &s = m_snapshots.last();
    QVERIFY(s.takenAt >= *gap.gapEnd);
    QVERIFY2(s.notResynced.isEmpty(), qPrintable(s.notResynced.value(0).reason));
    QVERIFY(s.chatModes);
    QCOMPARE(s.chatModes->slowSeconds, std::optional<int>(10));
    QCOMPARE(s.shieldModeActive, std::optional<bool>(true));
    QVERIFY(s.bannedUsers);
    QCOMPARE(s.bannedUsers->size(), 1);
    QCOMPARE(s.bannedUsers->first().userId, viewers.first());
    QCOMPARE(s.bannedUsers->first().reason, QString("missed"));
    QCOMPARE(s.bannedUsers->first().moderatorId, m_world->demoUserId());
    QVERIFY(s.chatters);
    QCOMPARE(s.chatters->total, int(m_world->channel(m_bid)->chatters.size()));
    QCOMPARE(m_room->lastSnapshot()->takenAt, s.takenAt);
    QCOMPARE(test::countRequests(m_world, "GET", "/helix/moderation/banned"), 2);
}

void TestClientResync::refusedReadsAreListedAndNeverSent_data()
{
    QTest::addColumn<bool>("asBroadcaster");
    QTest::addColumn<int>("refusalKind");
    // Get Banned Users is the broadcaster's alone (§3.2), whatever the scopes.
    QTest::newRow("moderator") << false << int(auth::ScopeRefusal::Kind::WrongRole);
    QTest::newRow("broadcaster without the scope")
        << true << int(auth::ScopeRefusal::Kind::MissingScope);
}

void TestClientResync::refusedReadsAreListedAndNeverSent()
{
    QFETCH(bool, asBroadcaster);
    QFETCH(int, refusalKind);
    const QString user = asBroadcaster ? m_bid : m_world->demoUserId();
    open(user, roomScopes()); // no moderation:read, no moderator:manage:banned_users
    const auto refusal = m_helix->check(ApiOperation::GetBannedUsers, m_bid);
    QVERIFY(refusal);
    QCOMPARE(int(refusal->kind), refusalKind);
    QVERIFY(waitLiveAndResynced(1));

    QDateTime droppedAt;
    QVERIFY(dropSocket(&droppedAt));
    m_world->applyAction({"ban", m_bid, m_bid, m_world->viewerId(), {}, {}});
    QVERIFY(waitLiveAndResynced(2));
    QCOMPARE(events(model::RoomEventKind::Gap).size(), 1);

    for (const RoomSnapshot &s : std::as_const(m_snapshots)) {
        QCOMPARE(s.bannedUsers.has_value(), false);
        QCOMPARE(s.notResynced.size(), 1);
        const auto miss = s.miss(ApiOperation::GetBannedUsers);
        QVERIFY(miss);
        QVERIFY(miss->refused);
        QCOMPARE(miss->reason, refusal->reason);
        // The reads that are allowed still happened.
        QVERIFY(s.chatModes);
        QVERIFY(s.shieldModeActive);
        QVERIFY(s.chatters);
    }
    QCOMPARE(test::countRequests(m_world, "GET", "/helix/moderation/banned"), 0);
    QCOMPARE(test::countRequests(m_world, "GET", "/helix/chat/settings"), 2);
    QCOMPARE(test::countRequests(m_world, "GET", "/helix/moderation/shield_mode"), 2);
    QCOMPARE(test::countRequests(m_world, "GET", "/helix/chat/chatters"), 2);
}

ROOMWARDEN_TEST_MAIN_CORE(TestClientResync)
#include "TestClientResync.moc"
