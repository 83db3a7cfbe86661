#include "sandbox/World.h"

#include <QJsonArray>
#include <QUuid>

namespace roomwarden::sandbox {

namespace {
const QString kKindBan = QStringLiteral("ban");
const QString kKindTimeout = QStringLiteral("timeout");
} // namespace

World::World(const Config &config, QObject *parent)
    : QObject(parent), m_config(config), m_rng(config.seed)
{
    registerClient({QString::fromLatin1(kSandboxClientId), QStringLiteral("Roomwarden"), true});
    seed();
}

World::~World() = default;

QDateTime World::now() const
{
    if (m_clock)
        return m_clock().toUTC();
    if (m_manualNow.isValid())
        return m_manualNow;
    return QDateTime::currentDateTimeUtc();
}

void World::setClock(Clock clock)
{
    m_clock = std::move(clock);
    m_manualNow = {};
}

void World::useManualClock(const QDateTime &start)
{
    m_clock = nullptr;
    m_manualNow = start.toUTC();
}

void World::advanceClock(qint64 msecs)
{
    if (!m_manualNow.isValid())
        useManualClock(now());
    m_manualNow = m_manualNow.addMSecs(msecs);
}

// Seeded data: one channel whose broadcaster has three moderators (the first is the demo user),
// two VIPs and a handful of viewers in chat. Tests and scenarios add more.
void World::seed()
{
    const User broadcaster =
        addUser(QStringLiteral("sandbox_streamer"), QStringLiteral("Sandbox_Streamer"));
    m_broadcasterId = broadcaster.id;
    m_users[m_broadcasterId].broadcasterType = QStringLiteral("affiliate");
    Channel &chan = ensureChannel(m_broadcasterId);
    m_demoUserId = addUser(QStringLiteral("demo_mod"), QStringLiteral("Demo_Mod")).id;
    chan.moderators << m_demoUserId << addUser(QStringLiteral("mod_two")).id
                    << addUser(QStringLiteral("mod_three")).id;
    chan.vips << addUser(QStringLiteral("vip_one")).id << addUser(QStringLiteral("vip_two")).id;
    const QStringList viewers = addViewers(10);
    m_viewerId = viewers.first();
    chan.chatters << m_broadcasterId << chan.moderators << chan.vips << viewers;
    const QDateTime t0 = QDateTime::currentDateTimeUtc().addDays(-30);
    for (int i = 0; i < viewers.size(); ++i)
        chan.followers.append({viewers.at(i), t0.addSecs(3600LL * i)});
}

User World::addUser(const QString &login, const QString &displayName)
{
    User u;
    u.id = newId();
    u.login = login.toLower();
    u.displayName = displayName.isEmpty() ? login : displayName;
    u.createdAt = QDateTime::fromSecsSinceEpoch(1500000000 + m_rng.bounded(200000000), Qt::UTC);
    m_users.insert(u.id, u);
    m_userOrder.append(u.id);
    return u;
}

QStringList World::addViewers(int count, const QString &loginPrefix)
{
    QStringList ids;
    for (int i = 0; i < count; ++i) {
        QString login = QStringLiteral("%1_%2")
                            .arg(loginPrefix)
                            .arg(m_userOrder.size(), 4, 10, QLatin1Char('0'));
        ids << addUser(login).id;
    }
    return ids;
}

const User *World::user(const QString &id) const
{
    auto it = m_users.constFind(id);
    return it == m_users.constEnd() ? nullptr : &it.value();
}

const User *World::userByLogin(const QString &login) const
{
    const QString lower = login.toLower();
    for (const User &u : m_users) {
        if (u.login == lower)
            return &u;
    }
    return nullptr;
}

// Added for the simulator (see World.h).
bool World::setUserCreatedAt(const QString &id, const QDateTime &createdAt)
{
    auto it = m_users.find(id);
    if (it == m_users.end())
        return false;
    it->createdAt = createdAt.toUTC();
    return true;
}

QList<User> World::users() const
{
    QList<User> out;
    for (const QString &id : m_userOrder)
        out << m_users.value(id);
    return out;
}

Channel *World::channel(const QString &broadcasterId)
{
    auto it = m_channels.find(broadcasterId);
    return it == m_channels.end() ? nullptr : &it.value();
}

const Channel *World::channel(const QString &broadcasterId) const
{
    auto it = m_channels.constFind(broadcasterId);
    return it == m_channels.constEnd() ? nullptr : &it.value();
}

Channel &World::ensureChannel(const QString &broadcasterId)
{
    Channel &c = m_channels[broadcasterId];
    c.broadcasterId = broadcasterId;
    return c;
}

QStringList World::channelsModeratedBy(const QString &userId) const
{
    QStringList out;
    for (const QString &id : m_userOrder) {
        const Channel *c = channel(id);
        if (c && c->moderators.contains(userId))
            out << id;
    }
    return out;
}

bool World::isModerator(const QString &broadcasterId, const QString &userId) const
{
    const Channel *c = channel(broadcasterId);
    return c && c->moderators.contains(userId);
}

bool World::hasModRights(const QString &broadcasterId, const QString &userId) const
{
    return channel(broadcasterId) &&
           (broadcasterId == userId || isModerator(broadcasterId, userId));
}

bool World::isVip(const QString &broadcasterId, const QString &userId) const
{
    const Channel *c = channel(broadcasterId);
    return c && c->vips.contains(userId);
}

void World::addModerator(const QString &broadcasterId, const QString &userId)
{
    applyAction({QStringLiteral("mod"), broadcasterId, broadcasterId, userId, {}, {}});
}

void World::removeModerator(const QString &broadcasterId, const QString &userId)
{
    applyAction({QStringLiteral("unmod"), broadcasterId, broadcasterId, userId, {}, {}});
}

void World::addVip(const QString &broadcasterId, const QString &userId)
{
    applyAction({QStringLiteral("vip"), broadcasterId, broadcasterId, userId, {}, {}});
}

void World::removeVip(const QString &broadcasterId, const QString &userId)
{
    applyAction({QStringLiteral("unvip"), broadcasterId, broadcasterId, userId, {}, {}});
}

void World::joinChat(const QString &broadcasterId, const QString &userId)
{
    Channel &c = ensureChannel(broadcasterId);
    if (c.chatters.contains(userId))
        return;
    c.chatters.append(userId);
    Q_EMIT chatterJoined(broadcasterId, userId);
}

void World::leaveChat(const QString &broadcasterId, const QString &userId)
{
    Channel &c = ensureChannel(broadcasterId);
    if (c.chatters.removeAll(userId) > 0)
        Q_EMIT chatterLeft(broadcasterId, userId);
}

QString World::recordChatMessage(const QString &broadcasterId, const QString &senderId,
                                 const QString &text, const QDateTime &at)
{
    Channel &c = ensureChannel(broadcasterId);
    ChatMessage m{newUuid(), senderId, text, at.isValid() ? at.toUTC() : now(), false};
    c.messages.append(m);
    // Only the last 6 h matter (§3.3 Delete Chat Messages); keep memory bounded for long demos.
    while (c.messages.size() > 20000)
        c.messages.removeFirst();
    Q_EMIT chatMessageRecorded(broadcasterId, m);
    return m.id;
}

QString World::holdAutoModMessage(const QString &broadcasterId, const QString &userId,
                                  const QString &text, const QString &category, int level)
{
    Channel &c = ensureChannel(broadcasterId);
    HeldMessage h;
    h.id = newUuid();
    h.userId = userId;
    h.text = text;
    h.category = category;
    h.level = level;
    h.heldAt = now();
    c.heldMessages.append(h);
    Q_EMIT autoModMessageHeld(broadcasterId, h);
    return h.id;
}

QString World::createUnbanRequest(const QString &broadcasterId, const QString &userId,
                                  const QString &text)
{
    Channel &c = ensureChannel(broadcasterId);
    UnbanRequest r;
    r.id = newUuid();
    r.userId = userId;
    r.text = text;
    r.createdAt = now();
    c.unbanRequests.append(r);
    Q_EMIT unbanRequestCreated(broadcasterId, r);
    return r.id;
}

void World::addFollower(const QString &broadcasterId, const QString &userId, const QDateTime &at)
{
    Channel &c = ensureChannel(broadcasterId);
    for (const Follower &f : c.followers) {
        if (f.userId == userId)
            return;
    }
    Follower f{userId, at.isValid() ? at.toUTC() : now()};
    c.followers.append(f);
    Q_EMIT followerAdded(broadcasterId, f);
}

void World::setStreamLive(const QString &broadcasterId, bool live)
{
    Channel &c = ensureChannel(broadcasterId);
    if (c.stream.live == live)
        return;
    c.stream.live = live;
    if (live) {
        c.stream.streamId = newId();
        c.stream.startedAt = now();
    } else {
        c.stream.viewerCount = 0;
    }
    Q_EMIT streamChanged(broadcasterId, c.stream);
}

void World::setViewerCount(const QString &broadcasterId, int viewers)
{
    Channel &c = ensureChannel(broadcasterId);
    c.stream.viewerCount = qMax(0, viewers);
    Q_EMIT streamChanged(broadcasterId, c.stream);
}

std::optional<Ban> World::activeBan(const QString &broadcasterId, const QString &userId) const
{
    const Channel *c = channel(broadcasterId);
    if (!c)
        return std::nullopt;
    auto it = c->bans.constFind(userId);
    if (it == c->bans.constEnd())
        return std::nullopt;
    if (it->expiresAt && *it->expiresAt <= now())
        return std::nullopt;
    return *it;
}

bool World::isBanned(const QString &broadcasterId, const QString &userId) const
{
    auto ban = activeBan(broadcasterId, userId);
    return ban && !ban->isTimeout();
}

bool World::isTimedOut(const QString &broadcasterId, const QString &userId) const
{
    auto ban = activeBan(broadcasterId, userId);
    return ban && ban->isTimeout();
}

bool World::shieldModeActive(const QString &broadcasterId) const
{
    const Channel *c = channel(broadcasterId);
    return c && c->shieldMode.active;
}

void World::purgeExpiredBans(Channel &c) const
{
    const QDateTime t = now();
    for (auto it = c.bans.begin(); it != c.bans.end();) {
        if (it->expiresAt && *it->expiresAt <= t)
            it = c.bans.erase(it);
        else
            ++it;
    }
}

bool World::applyAction(AppliedAction a)
{
    if (!a.at.isValid())
        a.at = now();
    Channel &c = ensureChannel(a.broadcasterId);
    purgeExpiredBans(c);
    const QJsonObject &d = a.details;
    bool known = true;
    if (a.kind == kKindBan || a.kind == kKindTimeout) {
        Ban b{a.targetUserId, a.moderatorId, d.value(QStringLiteral("reason")).toString(), a.at,
              std::nullopt};
        if (a.kind == kKindTimeout)
            b.expiresAt = a.at.addSecs(d.value(QStringLiteral("duration")).toInt(600));
        c.bans.insert(a.targetUserId, b);
    } else if (a.kind == QLatin1String("unban")) {
        c.bans.remove(a.targetUserId);
    } else if (a.kind == QLatin1String("delete")) {
        const QString id = d.value(QStringLiteral("message_id")).toString();
        for (ChatMessage &m : c.messages) {
            if (m.id == id)
                m.deleted = true;
        }
    } else if (a.kind == QLatin1String("clear")) {
        for (ChatMessage &m : c.messages)
            m.deleted = true;
    } else if (a.kind == QLatin1String("mod")) {
        if (!c.moderators.contains(a.targetUserId))
            c.moderators.append(a.targetUserId);
    } else if (a.kind == QLatin1String("unmod")) {
        c.moderators.removeAll(a.targetUserId);
    } else if (a.kind == QLatin1String("vip")) {
        if (!c.vips.contains(a.targetUserId))
            c.vips.append(a.targetUserId);
    } else if (a.kind == QLatin1String("unvip")) {
        c.vips.removeAll(a.targetUserId);
    } else if (a.kind == QLatin1String("shield_mode")) {
        c.shieldMode.active = d.value(QStringLiteral("is_active")).toBool();
        if (c.shieldMode.active) {
            c.shieldMode.moderatorId = a.moderatorId;
            c.shieldMode.lastActivatedAt = a.at;
        }
    } else if (a.kind == QLatin1String("warn")) {
        c.warnings.insert(a.targetUserId,
                          {a.targetUserId, a.moderatorId,
                           d.value(QStringLiteral("reason")).toString(), a.at, false});
    } else {
        // chat_settings, automod_*, unban_request_resolve, blocked_term_*, announcement and
        // chat_message are applied by their Helix route (they carry structured state); here
        // they are only recorded and announced.
        static const QStringList kRecordOnly = {
            QStringLiteral("chat_settings"),    QStringLiteral("automod_allow"),
            QStringLiteral("automod_deny"),     QStringLiteral("unban_request_resolve"),
            QStringLiteral("blocked_term_add"), QStringLiteral("blocked_term_remove"),
            QStringLiteral("announcement"),     QStringLiteral("chat_message")};
        known = kRecordOnly.contains(a.kind);
    }
    m_actions.append(a);
    Q_EMIT actionApplied(a);
    return known;
}

QString World::newId()
{
    return QString::number(m_nextId++);
}

QString World::newUuid()
{
    // Seeded, so a scenario replays identically; shaped like a v4 UUID.
    QByteArray bytes(16, '\0');
    for (int i = 0; i < 16; ++i)
        bytes[i] = static_cast<char>(m_rng.bounded(256));
    bytes[6] = static_cast<char>((bytes[6] & 0x0f) | 0x40);
    bytes[8] = static_cast<char>((bytes[8] & 0x3f) | 0x80);
    return QUuid::fromRfc4122(bytes).toString(QUuid::WithoutBraces);
}

} // namespace roomwarden::sandbox
