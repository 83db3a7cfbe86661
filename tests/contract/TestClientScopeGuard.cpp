// HelixClient asks ScopeGuard before the network: a refused call never reaches the platform
// (World::requests() is the ground truth), and an allowed one does.
#include "core/auth/ScopeGuard.h"
#include "core/net/ApiClient.h"
#include "core/providers/twitch/HelixClient.h"
#include "core/providers/twitch/TwitchEndpoints.h"
#include "sandbox/Sandbox.h"
#include "sandbox/World.h"

#include "TestMain.h"

using namespace roomwarden;

class TestClientScopeGuard : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void missingScopeSendsNothing();
    void wrongRoleSendsNothing();
    void grantedScopeIsSent();

private:
    // A HelixClient for the demo moderator, whose token carries `scopes` and whose account
    // says the platform granted them.
    std::unique_ptr<twitch::HelixClient> client(const QStringList &scopes);

    std::unique_ptr<sandbox::Sandbox> m_sandbox;
    std::unique_ptr<net::ApiClient> m_api;
};

void TestClientScopeGuard::init()
{
    m_sandbox = std::make_unique<sandbox::Sandbox>();
    QString error;
    QVERIFY2(m_sandbox->start(&error), qPrintable(error));
    const auto ep = twitch::TwitchEndpoints::sandboxProfile(
        m_sandbox->idBaseUrl(), m_sandbox->helixBaseUrl(), m_sandbox->eventSubUrl(),
        m_sandbox->certificate(), m_sandbox->clientId());
    m_api = std::make_unique<net::ApiClient>(ep.egress, ep.tls);
}

void TestClientScopeGuard::cleanup()
{
    m_api.reset();
    m_sandbox.reset();
}

std::unique_ptr<twitch::HelixClient> TestClientScopeGuard::client(const QStringList &scopes)
{
    auto *world = m_sandbox->world();
    auto helix = std::make_unique<twitch::HelixClient>(m_api.get(), m_sandbox->helixBaseUrl(),
                                                       m_sandbox->clientId());
    helix->setAccessToken(
        world->issueTokens(m_sandbox->clientId(), world->demoUserId(), scopes).accessToken);
    model::Account account;
    account.accountId = world->demoUserId();
    account.grantedScopes = model::scopesFromWords(model::Provider::Twitch, scopes);
    helix->setAccount(account);
    return helix;
}

void TestClientScopeGuard::missingScopeSendsNothing()
{
    auto helix = client({QStringLiteral("user:read:chat")});
    auto *world = m_sandbox->world();
    std::optional<twitch::HelixResult<twitch::BanResult>> result;
    helix->banUser(world->broadcasterId(), world->demoUserId(), world->viewerId(), std::nullopt,
                   QString(), this, [&](const auto &r) { result = r; });
    // Refused before the wire: ApiClient never made a request (an allowed call shows up here
    // at once, see grantedScopeIsSent), so nothing can reach the platform later either.
    QCOMPARE(m_api->inFlight(), 0);
    QVERIFY(!result); // never answered synchronously
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 5000);
    QVERIFY(!result->ok());
    QVERIFY(result->refusal);
    QCOMPARE(result->refusal->kind, auth::ScopeRefusal::Kind::MissingScope);
    QCOMPARE(result->refusal->operation, auth::ApiOperation::BanUser);
    QCOMPARE(model::scopeNames(result->refusal->missingScopes),
             QStringList{"moderator:manage:banned_users"});
    QCOMPARE(result->error->kind, net::ApiError::Kind::Refused);
    QCOMPARE(m_api->inFlight(), 0);
    QCOMPARE(world->requests().size(), 0);
    QVERIFY(!world->isBanned(world->broadcasterId(), world->viewerId()));
}

void TestClientScopeGuard::wrongRoleSendsNothing()
{
    auto helix = client({QStringLiteral("moderator:manage:banned_users")});
    auto *world = m_sandbox->world();
    // The app learnt that the user is only a VIP in this channel.
    helix->setRoomRoles(world->broadcasterId(), model::Role::Vip);
    std::optional<twitch::HelixResult<twitch::HelixNothing>> result;
    helix->unbanUser(world->broadcasterId(), world->demoUserId(), world->viewerId(), this,
                     [&](const auto &r) { result = r; });
    QCOMPARE(m_api->inFlight(), 0); // refused before the wire
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 5000);
    QVERIFY(result->refusal);
    QCOMPARE(result->refusal->kind, auth::ScopeRefusal::Kind::WrongRole);
    QCOMPARE(world->requests().size(), 0);
}

void TestClientScopeGuard::grantedScopeIsSent()
{
    auto helix = client({QStringLiteral("moderator:manage:banned_users")});
    auto *world = m_sandbox->world();
    std::optional<twitch::HelixResult<twitch::BanResult>> result;
    helix->banUser(world->broadcasterId(), world->demoUserId(), world->viewerId(), 60,
                   QStringLiteral("guard test"), this, [&](const auto &r) { result = r; });
    QCOMPARE(m_api->inFlight(), 1); // the control: an allowed call is on the wire at once
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 10000);
    QVERIFY2(result->ok(), result->error ? qPrintable(result->error->message) : "");
    QCOMPARE(world->requests().size(), 1);
    QCOMPARE(world->requests().at(0).path, QStringLiteral("/helix/moderation/bans"));
    QVERIFY(world->isTimedOut(world->broadcasterId(), world->viewerId()));
}

ROOMWARDEN_TEST_MAIN_CORE(TestClientScopeGuard)
#include "TestClientScopeGuard.moc"
