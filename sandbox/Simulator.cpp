#include "sandbox/Simulator.h"

#include "sandbox/EventSubServer.h"
#include "sandbox/ScenarioModerators.h"
#include "sandbox/ScenarioText.h"
#include "sandbox/SimulatorEvents.h"
#include "sandbox/World.h"

#include <algorithm>
#include <cmath>
#include <QJsonObject>

namespace roomwarden::sandbox {

namespace {
const QString kBroadcasterField = QStringLiteral("broadcaster_user_id");
// Share of the viewer count that sits in chat (Get Chatters); the rest only watch.
constexpr double kChatterShare = 0.35;
// Shield mode (§3.3) keeps most brand-new accounts out of chat.
constexpr int kShieldLetThroughPercent = 10;
constexpr qint64 kFreshAccountSecs = 24 * 3600;
constexpr int kMaxStepsPerTick = 200;
constexpr int kRecentKept = 200;
} // namespace

Simulator::Simulator(World *world, EventSubServer *eventSub, const Config &config, QObject *parent)
    : QObject(parent), m_world(world), m_eventSub(eventSub), m_config(config),
      m_scenario(
          Scenario::byName(config.scenario).value_or(*Scenario::byName(QStringLiteral("calm")))),
      m_rng(config.seed ^ 0x5eed5eedu)
{
    connect(&m_timer, &QTimer::timeout, this, &Simulator::onTimer);
    connect(world, &World::actionApplied, this, &Simulator::onAction);
}

Simulator::~Simulator() = default;

void Simulator::start()
{
    if (m_timer.isActive())
        return;
    setUp();
    const double speed = m_config.speed > 0 ? m_config.speed : 1.0;
    m_timer.start(int(qBound(5.0, double(kStepMs) / speed, 1000.0)));
    m_real.start();
    m_realBaseSteps = m_steps;
}

void Simulator::stop()
{
    m_timer.stop();
}

void Simulator::setSpeed(double speed)
{
    m_config.speed = speed > 0 ? speed : 1.0;
    if (!m_timer.isActive())
        return;
    m_timer.stop();
    start(); // re-bases the pacing on the steps already done
}

void Simulator::advance(qint64 simulatedMs)
{
    setUp();
    for (qint64 t = 0; t < simulatedMs; t += kStepMs)
        step();
}

void Simulator::onTimer()
{
    // Catch up in whole steps: pacing follows real time, the sequence does not.
    const double speed = m_config.speed > 0 ? m_config.speed : 1.0;
    const qint64 due = m_realBaseSteps + qint64(double(m_real.elapsed()) * speed / kStepMs);
    for (int i = 0; m_steps < due && i < kMaxStepsPerTick; ++i)
        step();
}

UserRef Simulator::ref(const Person &p) const
{
    const User *u = m_world->user(p.id);
    return {p.id, p.login, u ? u->displayName : p.login};
}

void Simulator::setInChat(int index, bool in)
{
    Person &p = m_people[size_t(index)];
    if (p.inChat == in)
        return;
    p.inChat = in;
    QList<int> &list = m_inChat[size_t(p.kind)];
    if (in) {
        list.append(index);
        m_world->joinChat(m_broadcaster, p.id);
    } else {
        list.removeOne(index);
        m_world->leaveChat(m_broadcaster, p.id);
    }
}

void Simulator::setUp()
{
    if (m_setUp)
        return;
    m_setUp = true;
    m_broadcaster = m_world->broadcasterId();
    m_moderators = std::make_unique<ScenarioModerators>(m_world, m_broadcaster);
    Channel &channel = m_world->ensureChannel(m_broadcaster);
    m_people.reserve(size_t(m_scenario.audience + m_scenario.incidentAccounts));
    for (int i = 0; i < m_scenario.audience; ++i) {
        Person p;
        p.login = ScenarioText::viewerLogin(m_rng, i);
        // Display names differ from logins only by case, as on Twitch.
        QString display = p.login;
        if (m_rng.bounded(3) == 0)
            display[0] = display[0].toUpper();
        p.id = m_world->addUser(p.login, display).id;
        p.chattiness = 0.05 + m_rng.generateDouble() * 0.95;
        p.follower = m_rng.bounded(100) < 35;
        p.subscriber = m_rng.bounded(100) < 8;
        if (p.follower) // followers from before the stream: no follow events for them
            channel.followers.append({p.id, m_world->now().addDays(-1 - m_rng.bounded(700))});
        m_indexById.insert(p.id, int(m_people.size()));
        m_people.push_back(p);
    }
    // World keeps followers oldest first (Helix lists them newest first).
    std::stable_sort(
        channel.followers.begin(), channel.followers.end(),
        [](const Follower &a, const Follower &b) { return a.followedAt < b.followedAt; });
    for (int i = 0; i < m_scenario.audience / 10; ++i)
        setInChat(m_rng.bounded(m_scenario.audience), true);
}

void Simulator::step()
{
    if (m_steps == 0)
        m_world->setStreamLive(m_broadcaster, true);
    const qint64 nowSecs = m_steps;
    streamLifecycle();
    const bool live = m_world->channel(m_broadcaster)->stream.live;
    if (nowSecs % 30 == 0 && live)
        updateViewerCount();
    churn();
    // Offline chat goes on, much quieter.
    chat(m_scenario.messagesPerChatterPerMin * (live ? 1.0 : 0.1), Kind::Regular);
    fileUnbanRequests();
    follows();
    subs();
    if (!m_incidentStarted && nowSecs >= m_scenario.incidentAtSecs &&
        m_scenario.incident != Scenario::Incident::None)
        beginIncident();
    if (m_incidentStarted && !m_incidentOver) {
        const Kind kind = m_scenario.incident == Scenario::Incident::FriendlyRaid ? Kind::Raider
                          : m_scenario.incident == Scenario::Incident::HateRaid   ? Kind::Hater
                                                                                  : Kind::Spammer;
        chat(m_scenario.incidentMessagesPerAccountPerMin, kind);
        if (nowSecs >= m_scenario.incidentAtSecs + m_scenario.incidentDurationSecs)
            endIncident();
    }
    if (m_scenario.otherModsEverySecs > 0 && nowSecs > 0 &&
        nowSecs % m_scenario.otherModsEverySecs == 0)
        otherModeratorActs();
    m_moderators->tick(simulatedMs());
    ++m_steps;
}

void Simulator::streamLifecycle()
{
    const bool live = m_world->channel(m_broadcaster)->stream.live;
    const qint64 since = simulatedMs() - m_streamChangedAtMs;
    const qint64 limit = qint64(live ? m_scenario.streamMinutes : m_scenario.breakMinutes) * 60000;
    if (m_steps == 0 || since < limit)
        return;
    m_streamChangedAtMs = simulatedMs();
    m_world->setStreamLive(m_broadcaster, !live); // stream.offline / stream.online
}

void Simulator::onAction(const AppliedAction &action)
{
    // Some banned viewers ask to be unbanned a few (simulated) minutes later.
    if (action.kind != QLatin1String("ban") || action.broadcasterId != m_broadcaster)
        return;
    const auto it = m_indexById.constFind(action.targetUserId);
    if (it == m_indexById.constEnd() || m_rng.bounded(100) >= m_scenario.unbanRequestPercent)
        return;
    m_unbanRequestsDue.append({simulatedMs() + 60000 * (2 + m_rng.bounded(9)), it.value()});
}

void Simulator::fileUnbanRequests()
{
    for (qsizetype i = m_unbanRequestsDue.size() - 1; i >= 0; --i) {
        if (m_unbanRequestsDue.at(i).first > simulatedMs())
            continue;
        const Person &p = m_people[size_t(m_unbanRequestsDue.at(i).second)];
        m_unbanRequestsDue.removeAt(i);
        if (m_world->isBanned(m_broadcaster, p.id)) {
            m_world->createUnbanRequest(m_broadcaster, p.id,
                                        QStringLiteral("sorry, it won't happen again"));
        }
    }
}

void Simulator::updateViewerCount()
{
    // Ramp up over 15 min, a slow wave on the plateau, a decline after 3 h.
    const double t = double(m_steps);
    double v = m_scenario.peakViewers * std::min(1.0, 0.2 + t / 900.0) *
               (1.0 + 0.08 * std::sin(t / 300.0));
    if (t > 3 * 3600)
        v *= std::max(0.3, 1.0 - (t - 3 * 3600) / 7200.0);
    v *= 0.95 + 0.1 * m_rng.generateDouble();
    v += m_inChat[size_t(Kind::Raider)].size() + m_inChat[size_t(Kind::Hater)].size();
    m_world->setViewerCount(m_broadcaster, int(v));
}

void Simulator::churn()
{
    // Chatters drift towards a share of the viewer count; a few come and go every second.
    const Channel *c = m_world->channel(m_broadcaster);
    const int viewers = c ? c->stream.viewerCount : 0;
    const int target = int(viewers * kChatterShare);
    const int regulars = int(m_inChat[size_t(Kind::Regular)].size());
    const int moves = poisson(m_scenario.joinLeavePerMin / 60.0);
    for (int i = 0; i < moves; ++i) {
        const bool join = regulars < target ? m_rng.bounded(100) < 70 : m_rng.bounded(100) < 30;
        if (join)
            setInChat(m_rng.bounded(m_scenario.audience), true);
        else if (const int who = pickInChat(Kind::Regular); who >= 0)
            setInChat(who, false);
    }
}

int Simulator::poisson(double lambda)
{
    if (lambda <= 0)
        return 0;
    if (lambda > 30) // normal approximation; plenty for chat rates
        return qMax(0, int(std::lround(lambda + std::sqrt(lambda) *
                                                    (m_rng.generateDouble() * 2 - 1) * 1.7)));
    const double limit = std::exp(-lambda);
    int k = 0;
    double p = m_rng.generateDouble();
    while (p > limit) {
        ++k;
        p *= m_rng.generateDouble();
    }
    return k;
}

int Simulator::pickInChat(Kind kind)
{
    const QList<int> &list = m_inChat[size_t(kind)];
    if (list.isEmpty())
        return -1;
    return list.at(m_rng.bounded(int(list.size())));
}

void Simulator::chat(double perMinute, Kind kind)
{
    const int speakers = int(m_inChat[size_t(kind)].size());
    const int n = poisson(speakers * perMinute / 60.0);
    for (int i = 0; i < n; ++i) {
        const int who = pickInChat(kind);
        if (who < 0)
            return;
        // Some people talk a lot, most rarely (regulars only; raiders are all loud).
        if (kind == Kind::Regular && m_rng.generateDouble() > m_people[size_t(who)].chattiness)
            continue;
        speak(who);
    }
}

// Reacts to moderation and chat modes as Twitch chat would: banned and timed-out users are
// silent, followers-/subscribers-only keep others out, slow mode spaces messages, emote-only
// limits what can be said, shield mode keeps most fresh accounts out.
bool Simulator::mayChat(const Person &p, bool *emoteOnly)
{
    *emoteOnly = false;
    if (m_world->activeBan(m_broadcaster, p.id))
        return false;
    const Channel *c = m_world->channel(m_broadcaster);
    if (!c)
        return false;
    if (m_world->hasModRights(m_broadcaster, p.id) || c->vips.contains(p.id))
        return true;
    const ChatSettings &s = c->chatSettings;
    if (s.subscriberMode && !p.subscriber)
        return false;
    // Followers-only with a duration: the follow must be at least that old (§3.3).
    const qint64 followAgeMs = simulatedMs() - p.followedAtMs;
    if (s.followerMode &&
        (!p.follower || followAgeMs < qint64(s.followerModeDuration.value_or(0)) * 60000))
        return false;
    if (s.slowMode &&
        simulatedMs() - p.lastMessageMs < qint64(s.slowModeWaitTime.value_or(30)) * 1000)
        return false;
    if (c->shieldMode.active) {
        const User *u = m_world->user(p.id);
        const bool fresh = u && u->createdAt.secsTo(m_world->now()) < kFreshAccountSecs;
        if (fresh && m_rng.bounded(100) >= kShieldLetThroughPercent)
            return false;
    }
    *emoteOnly = s.emoteMode;
    return true;
}

void Simulator::speak(int index)
{
    Person &p = m_people[size_t(index)];
    bool emoteOnly = false;
    if (!mayChat(p, &emoteOnly))
        return;
    QString text;
    if (emoteOnly) {
        text = ScenarioText::emoteOnly(m_rng);
    } else if (p.kind == Kind::Hater) {
        text = ScenarioText::hate(m_rng);
    } else if (p.kind == Kind::Spammer) {
        text = ScenarioText::spam(m_rng);
    } else if (p.kind == Kind::Raider) {
        text = ScenarioText::raidHype(m_rng, m_incidentChannel);
    } else if (m_scenario.autoModShare > 0 && m_rng.generateDouble() < m_scenario.autoModShare) {
        QString category;
        int level = 0;
        text = ScenarioText::autoModBait(m_rng, &category, &level);
        p.lastMessageMs = simulatedMs();
        m_world->holdAutoModMessage(m_broadcaster, p.id, text, category, level);
        return;
    } else {
        const Channel *c = m_world->channel(m_broadcaster);
        QStringList mentionable{m_world->user(m_broadcaster)->login};
        if (c && !c->moderators.isEmpty())
            mentionable << m_world->user(c->moderators.first())->login;
        text = ScenarioText::regular(m_rng, mentionable);
    }
    p.lastMessageMs = simulatedMs();
    const QString id = m_world->recordChatMessage(m_broadcaster, p.id, text);
    m_recent.append({id, index, text});
    if (m_recent.size() > kRecentKept)
        m_recent.removeFirst();
}

void Simulator::follows()
{
    const int n = poisson(m_scenario.followsPerMin / 60.0);
    for (int i = 0; i < n; ++i) {
        const int who = pickInChat(Kind::Regular);
        if (who < 0 || m_people[size_t(who)].follower)
            continue;
        m_people[size_t(who)].follower = true;
        m_people[size_t(who)].followedAtMs = simulatedMs();
        m_world->addFollower(m_broadcaster, m_people[size_t(who)].id);
    }
}

void Simulator::subs()
{
    const int n = poisson(m_scenario.subsPerMin / 60.0);
    for (int i = 0; i < n; ++i) {
        const int who = pickInChat(Kind::Regular);
        if (who < 0)
            continue;
        Person &p = m_people[size_t(who)];
        const bool resub = p.subscriber;
        p.subscriber = true;
        const int months = resub ? 2 + m_rng.bounded(30) : 1;
        const QString text = resub ? ScenarioText::subMessage(m_rng) : QString();
        if (!m_eventSub)
            continue;
        const User *bu = m_world->user(m_broadcaster);
        const UserRef broadcaster{m_broadcaster, bu->login, bu->displayName};
        const QJsonObject match{{kBroadcasterField, m_broadcaster}};
        m_eventSub->publish(QStringLiteral("channel.chat.notification"), QStringLiteral("1"),
                            SimulatorEvents::subNotice(broadcaster, ref(p), m_world->newUuid(),
                                                       resub, months, text),
                            match);
        if (!resub) {
            m_eventSub->publish(
                QStringLiteral("channel.subscribe"), QStringLiteral("1"),
                SimulatorEvents::subscribe(broadcaster, ref(p), QStringLiteral("1000"), false),
                match);
        }
    }
}

void Simulator::beginIncident()
{
    m_incidentStarted = true;
    const bool hate = m_scenario.incident == Scenario::Incident::HateRaid;
    const bool friendly = m_scenario.incident == Scenario::Incident::FriendlyRaid;
    const Kind kind = friendly ? Kind::Raider : hate ? Kind::Hater : Kind::Spammer;
    const QDateTime now = m_world->now();
    if (friendly || hate) {
        const User channel = m_world->addUser(friendly ? QStringLiteral("friendly_streamer")
                                                       : QStringLiteral("r41d_l0rd"));
        m_incidentChannel = channel.login;
        if (hate)
            m_world->setUserCreatedAt(channel.id, now.addSecs(-3600));
    }
    for (int i = 0; i < m_scenario.incidentAccounts; ++i) {
        Person p;
        p.kind = kind;
        p.login = friendly ? ScenarioText::viewerLogin(m_rng, m_scenario.audience + i)
                           : ScenarioText::raiderLogin(m_rng, i);
        const QString display =
            friendly ? p.login : ScenarioText::homoglyphs(m_rng, p.login); // look-alike names
        p.id = m_world->addUser(p.login, display).id;
        // Hate-raid accounts are minutes old; spam bots a few days; raiders are real people.
        if (hate)
            m_world->setUserCreatedAt(p.id, now.addSecs(-60 - m_rng.bounded(29 * 60)));
        else if (!friendly)
            m_world->setUserCreatedAt(p.id, now.addSecs(-86400 * (1 + m_rng.bounded(5))));
        p.chattiness = 1.0;
        m_indexById.insert(p.id, int(m_people.size()));
        m_people.push_back(p);
        setInChat(int(m_people.size()) - 1, true);
    }
    if ((friendly || hate) && m_eventSub) {
        const User *from = m_world->userByLogin(m_incidentChannel);
        const User *to = m_world->user(m_broadcaster);
        const UserRef fromRef{from->id, from->login, from->displayName};
        const UserRef toRef{to->id, to->login, to->displayName};
        m_eventSub->publish(QStringLiteral("channel.raid"), QStringLiteral("1"),
                            SimulatorEvents::raid(fromRef, toRef, m_scenario.incidentAccounts),
                            {{QStringLiteral("from_broadcaster_user_id"), from->id},
                             {QStringLiteral("to_broadcaster_user_id"), to->id}});
        m_eventSub->publish(QStringLiteral("channel.chat.notification"), QStringLiteral("1"),
                            SimulatorEvents::raidNotice(toRef, fromRef, m_world->newUuid(),
                                                        m_scenario.incidentAccounts),
                            {{kBroadcasterField, m_broadcaster}});
    }
    updateViewerCount();
    Q_EMIT incidentBegan(m_scenario.name);
}

void Simulator::endIncident()
{
    m_incidentOver = true;
    for (size_t i = 0; i < m_people.size(); ++i) {
        if (m_people[i].kind != Kind::Regular && m_people[i].inChat && m_rng.bounded(100) < 80)
            setInChat(int(i), false);
    }
}

void Simulator::otherModeratorActs()
{
    if (m_recent.isEmpty())
        return;
    const Recent target = m_recent.at(m_rng.bounded(int(m_recent.size())));
    m_moderators->act(m_rng, {m_people[size_t(target.person)].id, target.messageId, target.text},
                      simulatedMs());
}

} // namespace roomwarden::sandbox
