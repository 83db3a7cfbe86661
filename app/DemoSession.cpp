#include "app/DemoSession.h"

#include "core/analytics/EventStore.h"

#include "core/auth/DeviceAuthorization.h"
#include "core/auth/ScopeCatalog.h"
#include "core/auth/TokenSet.h"
#include "core/auth/TokenValidator.h"
#include "core/live/EventText.h"
#include "core/net/ApiClient.h"
#include "core/providers/twitch/HelixClient.h"
#include "core/providers/twitch/TwitchEndpoints.h"
#include "core/providers/twitch/TwitchRoomConnection.h"
#include "core/util/Logging.h"
#include "core/util/Redactor.h"
#include "sandbox/Sandbox.h"
#include "sandbox/Simulator.h"

#include <QCoreApplication>

namespace roomwarden::app {

namespace {
// What the demo moderator asks for: the Moderation profile plus shield mode, which the demo
// turns on when it suspects a raid. The scope strings come from the one catalog.
QStringList demoScopes()
{
    QList<auth::Feature> features =
        auth::ScopeCatalog::featuresOf(auth::FeatureProfile::Moderation);
    if (!features.contains(auth::Feature::ShieldMode))
        features << auth::Feature::ShieldMode;
    return model::scopeNames(auth::ScopeCatalog::scopesFor(model::Provider::Twitch, features));
}

// The simulator compresses the room (`speed` simulated seconds per real second) while event
// times are the platform's real clock, so the detector's spans shrink by the same factor: 30
// simulated seconds of chat are judged together, and the quiet lead-in before an incident
// (about two simulated minutes) is learned first.
moderation::RaidDetector::Thresholds raidThresholds(const Options &options)
{
    const int speed = std::max(1, options.speed);
    moderation::RaidDetector::Thresholds t;
    t.windowMs = t.windowMs / speed;
    t.cooldownMs = t.cooldownMs / speed;
    t.warmupMs = 90'000 / speed;
    return t;
}

} // namespace

DemoSession::DemoSession(const Options &options, util::Redactor &redactor, QObject *parent)
    : QObject(parent), m_options(options), m_redactor(redactor), m_raids(raidThresholds(options))
{
    connect(&m_raids, &moderation::RaidDetector::raidSuspected, this, &DemoSession::onRaid);
}

DemoSession::~DemoSession()
{
    stop();
}

bool DemoSession::start(QString *error)
{
    sandbox::Config config;
    config.seed = quint32(m_options.seed);
    config.speed = m_options.speed;
    config.scenario = m_options.scenario;
    config.autoApprove = true;     // demo mode: no second device to approve the code on
    config.deviceIntervalSecs = 1; // and no reason to wait 5 s between polls
    m_sandbox = std::make_unique<sandbox::Sandbox>(config);
    if (!m_sandbox->start(error))
        return false;
    m_sandbox->simulator()->start();
    Q_EMIT status(tr("Sandbox platform running on 127.0.0.1 (scenario \"%1\", speed ×%2)")
                      .arg(m_options.scenario)
                      .arg(m_options.speed));

    const auto ep = twitch::TwitchEndpoints::sandboxProfile(
        m_sandbox->idBaseUrl(), m_sandbox->helixBaseUrl(), m_sandbox->eventSubUrl(),
        m_sandbox->certificate(), m_sandbox->clientId());
    m_api = std::make_unique<net::ApiClient>(ep.egress, ep.tls);
    m_helix = std::make_unique<twitch::HelixClient>(m_api.get(), ep.helixBase, ep.clientId);
    m_validator = std::make_unique<auth::TokenValidator>(m_api.get(), ep.idBase);

    auth::DeviceAuthorization::Options device;
    device.idBase = ep.idBase;
    device.clientId = ep.clientId;
    device.scopes = demoScopes();
    m_device = std::make_unique<auth::DeviceAuthorization>(m_api.get(), device);
    connect(m_device.get(), &auth::DeviceAuthorization::userCodeReady, this,
            [this](const QString &code, const QUrl &uri) {
                Q_EMIT status(
                    tr("Signing in with the device code %1 (%2)").arg(code, uri.toString()));
            });
    connect(m_device.get(), &auth::DeviceAuthorization::succeeded, this, &DemoSession::onTokens);
    connect(m_device.get(), &auth::DeviceAuthorization::failed, this,
            [this](const QString &reason) { Q_EMIT failed(tr("Sign-in failed: %1").arg(reason)); });
    m_device->start();
    return true;
}

void DemoSession::stop()
{
    for (auto &c : m_connections)
        c->stop();
    if (m_device)
        m_device->cancel();
    if (m_sandbox && m_sandbox->simulator())
        m_sandbox->simulator()->stop();
}

int DemoSession::liveRoomCount() const
{
    int live = 0;
    for (const auto &c : m_connections)
        live += c->state() == twitch::TwitchRoomConnection::State::Live ? 1 : 0;
    return live;
}

void DemoSession::onTokens(const auth::TokenSet &tokens)
{
    // From here on no log line, error text or crash output may show these.
    m_redactor.addSecret(tokens.accessToken);
    m_redactor.addSecret(tokens.refreshToken);
    m_accessToken = tokens.accessToken;
    m_helix->setAccessToken(tokens.accessToken);
    connect(
        m_validator.get(), &auth::TokenValidator::finished, this,
        [this](const auth::TokenValidation &v) {
            if (!v.isValid()) {
                Q_EMIT failed(tr("The platform did not accept the new token."));
                return;
            }
            m_account.provider = model::Provider::Twitch;
            m_account.accountId = v.userId;
            m_account.login = v.login;
            m_account.displayName = v.login;
            m_account.grantedScopes = v.scopes; // granted, as the platform reports them
            m_helix->setAccount(m_account);
            Q_EMIT signedIn(m_account);
            Q_EMIT status(tr("Signed in as %1 with %n permission(s)", nullptr, int(v.scopes.size()))
                              .arg(v.login));
            openRooms();
        },
        Qt::SingleShotConnection);
    m_validator->validate(tokens.accessToken);
}

void DemoSession::openRooms()
{
    m_helix->getModeratedChannels(
        m_account.accountId, this,
        [this](const twitch::HelixResult<QList<twitch::ModeratedChannel>> &r) {
            if (!r.ok()) {
                Q_EMIT failed(tr("Could not list the channels you moderate: %1")
                                  .arg(r.error ? r.error->message : QString()));
                return;
            }
            if (r.value->isEmpty()) {
                Q_EMIT failed(tr("This account moderates no channel."));
                return;
            }
            for (const twitch::ModeratedChannel &c : *r.value) {
                // Get Moderated Channels is the platform saying so.
                m_helix->setRoomRoles(c.broadcasterId, model::Role::Moderator);
                openRoom({model::Provider::Twitch, c.broadcasterId, c.login, c.name});
            }
        });
}

void DemoSession::openRoom(const model::Room &room)
{
    m_rooms.append(room);
    Q_EMIT roomOpened(room);
    twitch::TwitchRoomConnection::Options o;
    o.room = room;
    o.userId = m_account.accountId;
    o.grantedScopes = m_account.grantedScopes;
    const auto ep = twitch::TwitchEndpoints::sandboxProfile(
        m_sandbox->idBaseUrl(), m_sandbox->helixBaseUrl(), m_sandbox->eventSubUrl(),
        m_sandbox->certificate(), m_sandbox->clientId());
    o.eventSub.url = ep.eventSubUrl;
    o.eventSub.tls = ep.tls;
    o.eventSub.egress = ep.egress;
    o.eventSub.keepaliveSeconds = 10;
    auto connection = std::make_unique<twitch::TwitchRoomConnection>(o, m_helix.get());
    auto *c = connection.get();
    connect(c, &twitch::TwitchRoomConnection::stateChanged, this,
            [this, c, key = room.key()](twitch::TwitchRoomConnection::State s) {
                if (s == twitch::TwitchRoomConnection::State::Live)
                    m_summary.subscriptions = c->subscriptionsCreated();
                Q_EMIT roomStateChanged(key, twitch::TwitchRoomConnection::stateText(s));
            });
    connect(c, &twitch::TwitchRoomConnection::eventReceived, this, &DemoSession::onEvent);
    connect(c, &twitch::TwitchRoomConnection::resynced, this, &DemoSession::roomSnapshot);
    connect(c, &twitch::TwitchRoomConnection::degraded, this, &DemoSession::status);
    m_connections.push_back(std::move(connection));
    c->start();
}

void DemoSession::onEvent(const model::RoomEvent &event)
{
    ++m_summary.events;
    ++m_summary.eventsByKind[event.kind];
    if (event.kind == model::RoomEventKind::ChatMessage)
        m_summary.chatters.insert(event.actorId);
    for (const auto &c : m_connections) {
        m_summary.eventSubFrames = qint64(c->eventSub()->receivedCount());
        m_summary.duplicatesDropped = qint64(c->eventSub()->duplicatesDropped());
        m_summary.reconnects = qint64(c->eventSub()->reconnectCount());
    }
    m_raids.observe(event);
    if (m_store)
        m_store->append(event);
    Q_EMIT eventReceived(event);
}

void DemoSession::onRaid(const moderation::RaidDetector::Alert &detected)
{
    ++m_summary.raidAlerts;
    // The crowd's accounts decide what the flood is (a raid of real viewers, or accounts made
    // minutes ago): one Get Users call for the raiding channel and up to 99 of the crowd.
    QStringList ids;
    if (!detected.raidFromId.isEmpty())
        ids << detected.raidFromId;
    ids << detected.userIds.mid(0, 100 - int(ids.size()));
    m_helix->getUsers(ids, this, [this, detected](const auto &r) {
        moderation::RaidDetector::Alert alert = detected;
        if (r.ok()) {
            for (const twitch::HelixUser &u : *r.value)
                alert.accountCreatedAt.insert(u.id, u.createdAt);
            moderation::RaidDetector::judgeAccounts(alert, QDateTime::currentDateTimeUtc());
        }
        onJudgedRaid(alert);
    });
}

void DemoSession::onJudgedRaid(const moderation::RaidDetector::Alert &alert)
{
    Q_EMIT raidAlert(alert);
    if (!alert.hostile) {
        Q_EMIT status(tr("Friendly raid in %1 from %2: %3 first-time chatters arrived (%4)")
                          .arg(alert.roomKey, alert.raidFrom)
                          .arg(alert.newChatters)
                          .arg(alert.verdict));
        return; // a welcome, not a defence
    }
    Q_EMIT status(tr("Possible raid in %1: %2 first-time chatters sent %3 messages in the last "
                     "30 seconds")
                      .arg(alert.roomKey)
                      .arg(alert.newChatters)
                      .arg(alert.messages));
    if (!m_autoRespond)
        return; // the desk shows the alert and its prepared response
    const QString broadcasterId = alert.roomKey.section(u':', 1);
    // The headless demo moderator's policy: shield mode on a hostile raid, through Helix like
    // any moderator would (in the window, the desk offers the prepared response instead).
    m_helix->updateShieldMode(
        broadcasterId, m_account.accountId, true, this, [this](const twitch::HelixResult<bool> &r) {
            const QString line = r.ok() ? tr("Turned shield mode on (the platform confirmed: %1)")
                                              .arg(*r.value ? tr("active") : tr("inactive"))
                                        : tr("Could not turn shield mode on: %1")
                                              .arg(r.error ? r.error->message : QString());
            m_summary.actions << line;
            Q_EMIT actionTaken(line);
        });
}

} // namespace roomwarden::app
