#pragma once
// Shared set-up for the sandbox's Helix contract tests: an in-process Sandbox on random ports,
// a client that pins its certificate, and tokens minted straight from World (the id side has
// its own tests, TestSandboxOAuth).
#include "sandbox/Sandbox.h"
#include "sandbox/World.h"
#include "SandboxClient.h"

#include <QTest>

#include <memory>

namespace roomwarden::sandbox::test {

class SandboxFixture
{
public:
    bool start(const Config &config = {})
    {
        sandbox = std::make_unique<Sandbox>(config);
        QString error;
        if (!sandbox->start(&error)) {
            qWarning("sandbox start failed: %s", qPrintable(error));
            return false;
        }
        client = std::make_unique<SandboxClient>(sandbox->certificate());
        return true;
    }
    void stop()
    {
        client.reset();
        sandbox.reset();
    }

    World *world() const { return sandbox->world(); }
    QString bid() const { return world()->broadcasterId(); }
    QString mod() const { return world()->demoUserId(); }
    QString viewer() const { return world()->viewerId(); }

    QString token(const QStringList &scopes, const QString &userId = {}) const
    {
        return world()
            ->issueTokens(sandbox->clientId(), userId.isEmpty() ? mod() : userId, scopes)
            .accessToken;
    }
    Headers headers(const QString &accessToken) const
    {
        return SandboxClient::jsonHeaders(sandbox->clientId(), accessToken);
    }
    QUrl helix(const QString &path, const QUrlQuery &q = {}) const
    {
        return SandboxClient::url(sandbox->helixBaseUrl(), path, q);
    }
    // broadcaster_id + moderator_id (+ extra) for the seeded channel, as the token user.
    QUrlQuery modQuery(const QString &moderatorId = {},
                       const QList<QPair<QString, QString>> &extra = {}) const
    {
        QUrlQuery q;
        q.addQueryItem(QStringLiteral("broadcaster_id"), bid());
        q.addQueryItem(QStringLiteral("moderator_id"), moderatorId.isEmpty() ? mod() : moderatorId);
        for (const auto &e : extra)
            q.addQueryItem(e.first, e.second);
        return q;
    }

    std::unique_ptr<Sandbox> sandbox;
    std::unique_ptr<SandboxClient> client;
};

} // namespace roomwarden::sandbox::test
