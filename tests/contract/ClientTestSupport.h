#pragma once
// Small helpers shared by the TestClient* contract tests: read what the keychain holds, count
// what the sandbox received, list what it issued.
#include "core/auth/SecretStore.h"
#include "core/auth/TokenSet.h"
#include "core/auth/TokenSetCodec.h"
#include "sandbox/World.h"

#include <QList>
#include <QTest>

#include <optional>

namespace roomwarden::test {

// The token set stored under `key`, or nullopt (missing, unreadable, or no answer in 10 s).
inline std::optional<auth::TokenSet> keychainTokens(auth::SecretStore *secrets, const QString &key)
{
    std::optional<auth::TokenSet> out;
    bool done = false;
    secrets->read(key, [&](const auth::SecretStore::Result &r) {
        if (r.secret)
            out = auth::TokenSetCodec::decode(*r.secret);
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 10000))
        return std::nullopt;
    return out;
}

// How many `method path` requests the platform received from index `from` on (ground truth).
inline int countRequests(const sandbox::World *world, const QString &method, const QString &path,
                         int from = 0)
{
    const auto &requests = world->requests();
    int n = 0;
    for (int i = from; i < requests.size(); ++i)
        n += requests.at(i).method == method && requests.at(i).path == path;
    return n;
}

// Every access and refresh token the platform issued, as bytes to search files for.
inline QList<QByteArray> issuedTokenBytes(const sandbox::World *world)
{
    QList<QByteArray> out;
    for (const auto &t : world->issuedTokens())
        out << t.token.toUtf8();
    return out;
}

} // namespace roomwarden::test
