// World's id.twitch.tv half: clients, device codes, access/refresh tokens and ground truth.
#include "sandbox/World.h"

namespace roomwarden::sandbox {

void World::registerClient(const RegisteredClient &client)
{
    m_clients.insert(client.clientId, client);
}

bool World::isKnownClient(const QString &clientId) const
{
    return m_clients.contains(clientId);
}

DeviceCode World::startDeviceFlow(const QString &clientId, const QStringList &scopes)
{
    DeviceCode d;
    d.deviceCode = randomToken(40);
    // §2.4: 8 uppercase letters observed.
    static const char kLetters[] = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    do {
        d.userCode.clear();
        for (int i = 0; i < 8; ++i)
            d.userCode += QLatin1Char(kLetters[QRandomGenerator::system()->bounded(24)]);
    } while (deviceCodeByUser(d.userCode));
    d.clientId = clientId;
    d.requestedScopes = scopes;
    d.createdAt = now();
    d.expiresAt = d.createdAt.addSecs(m_config.deviceCodeLifetimeSecs);
    m_deviceCodes.insert(d.deviceCode, d);
    if (m_config.autoApprove)
        approveDeviceCode(d.userCode, m_demoUserId);
    return m_deviceCodes.value(d.deviceCode);
}

DeviceCode *World::deviceCodeByDevice(const QString &deviceCode)
{
    auto it = m_deviceCodes.find(deviceCode);
    return it == m_deviceCodes.end() ? nullptr : &it.value();
}

DeviceCode *World::deviceCodeByUser(const QString &userCode)
{
    const QString upper = userCode.toUpper();
    for (DeviceCode &d : m_deviceCodes) {
        if (d.userCode == upper)
            return &d;
    }
    return nullptr;
}

bool World::approveDeviceCode(const QString &userCode, const QString &userId,
                              const std::optional<QStringList> &scopes)
{
    DeviceCode *d = deviceCodeByUser(userCode);
    if (!d || d->state != DeviceCode::State::Pending || d->expiresAt <= now() || !user(userId))
        return false;
    d->state = DeviceCode::State::Approved;
    d->userId = userId;
    d->grantedScopes = scopes ? *scopes : d->requestedScopes;
    return true;
}

bool World::denyDeviceCode(const QString &userCode)
{
    DeviceCode *d = deviceCodeByUser(userCode);
    if (!d || d->state != DeviceCode::State::Pending)
        return false;
    d->state = DeviceCode::State::Denied;
    return true;
}

IssuedTokens World::issueTokens(const QString &clientId, const QString &userId,
                                const QStringList &scopes)
{
    IssuedTokens out;
    // 30 lowercase alnum chars like Twitch access tokens; refresh tokens are longer (§2.2).
    out.accessToken = randomToken(30);
    out.refreshToken = randomToken(50);
    out.expiresIn = m_config.accessTokenLifetimeSecs;
    out.scopes = scopes;
    const QDateTime t = now();
    const User *u = user(userId);
    TokenGrant g{out.accessToken,          clientId, userId,
                 u ? u->login : QString(), scopes,   t.addSecs(out.expiresIn)};
    m_accessTokens.insert(out.accessToken, {g, false});
    m_refreshTokens.insert(out.refreshToken,
                           {out.refreshToken, clientId, userId, scopes, t, false, false});
    m_issuedTokens.append({QStringLiteral("access"), out.accessToken, clientId, userId, t});
    m_issuedTokens.append({QStringLiteral("refresh"), out.refreshToken, clientId, userId, t});
    return out;
}

std::optional<IssuedTokens> World::refresh(const QString &clientId, const QString &refreshToken)
{
    auto it = m_refreshTokens.find(refreshToken);
    if (it == m_refreshTokens.end() || it->revoked || it->clientId != clientId)
        return std::nullopt;
    if (it->used && m_config.refreshRotation)
        return std::nullopt;
    it->used = true;
    const RefreshToken old = *it;
    IssuedTokens fresh = issueTokens(clientId, old.userId, old.scopes);
    if (!m_config.refreshRotation) {
        // Without rotation Twitch hands back the same refresh token.
        m_refreshTokens.remove(fresh.refreshToken);
        m_issuedTokens.removeLast();
        fresh.refreshToken = old.token;
    }
    return fresh;
}

std::optional<TokenGrant> World::grantFor(const QString &accessToken) const
{
    auto it = m_accessTokens.constFind(accessToken);
    if (it == m_accessTokens.constEnd() || it->revoked || it->grant.expiresAt <= now())
        return std::nullopt;
    return it->grant;
}

bool World::revokeAccessToken(const QString &accessToken)
{
    auto it = m_accessTokens.find(accessToken);
    if (it == m_accessTokens.end() || it->revoked)
        return false;
    it->revoked = true;
    Q_EMIT tokenRevoked(accessToken, it->grant.userId);
    return true;
}

int World::revokeUserTokens(const QString &userId)
{
    int n = 0;
    for (RefreshToken &r : m_refreshTokens) {
        if (r.userId == userId)
            r.revoked = true;
    }
    const QList<QString> tokens = m_accessTokens.keys();
    for (const QString &t : tokens) {
        if (m_accessTokens.value(t).grant.userId == userId && revokeAccessToken(t))
            ++n;
    }
    return n;
}

void World::recordRequest(const RequestRecord &record)
{
    m_requests.append(record);
}

QString World::randomToken(int length)
{
    static const char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    QString s;
    s.reserve(length);
    QRandomGenerator *g = QRandomGenerator::system();
    for (int i = 0; i < length; ++i)
        s += QLatin1Char(kAlphabet[g->bounded(36)]);
    return s;
}

} // namespace roomwarden::sandbox
