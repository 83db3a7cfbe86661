#pragma once
// Shared set-up for the sandbox's EventSub contract tests: SandboxFixture's in-process Sandbox
// and pinned client, with the EventSub server configured before it starts, plus the Helix
// subscription calls and EventSubProbe connections those tests make over and over.
#include "EventSubProbe.h"
#include "sandbox/EventSubServer.h"
#include "SandboxFixture.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QUrlQuery>

#include <memory>

namespace roomwarden::sandbox::test {

// Every scope channel.moderate v2 asks of the moderator (specs/twitch.md §4.5).
inline QStringList moderateScopes()
{
    return {QStringLiteral("moderator:read:blocked_terms"),
            QStringLiteral("moderator:manage:chat_settings"),
            QStringLiteral("moderator:read:unban_requests"),
            QStringLiteral("moderator:manage:banned_users"),
            QStringLiteral("moderator:manage:chat_messages"),
            QStringLiteral("moderator:manage:warnings"),
            QStringLiteral("moderator:read:moderators"),
            QStringLiteral("moderator:read:vips")};
}

class EventSubFixture : public SandboxFixture
{
public:
    // Replaces SandboxFixture::start: the EventSub server's time scale and 4003 rule are set
    // before the sandbox starts. The default scale runs timers 20× faster (keepalive 10 s →
    // 0.5 s, reconnect grace 30 s → 1.5 s) while the protocol still says the unscaled values.
    // Calling it again replaces a running sandbox. stop() (inherited) tears both down.
    bool start(QString *error, double timeScale = 0.05, bool requireSubscription = false,
               const Config &config = {})
    {
        client.reset();
        sandbox = std::make_unique<Sandbox>(config);
        es()->setTimeScale(timeScale);
        es()->setRequireSubscription(requireSubscription);
        if (!sandbox->start(error))
            return false;
        client = std::make_unique<SandboxClient>(sandbox->certificate());
        return true;
    }

    EventSubServer *es() const { return sandbox->eventSub(); }
    Headers authHeaders(const QString &accessToken) const
    {
        return SandboxClient::authHeaders(sandbox->clientId(), accessToken);
    }
    QUrl subsUrl(const QUrlQuery &q = {}) const
    {
        return helix(QStringLiteral("/eventsub/subscriptions"), q);
    }
    // POST /eventsub/subscriptions with the websocket transport on sessionId.
    Reply subscribe(const QString &accessToken, const QString &type, const QString &version,
                    const QJsonObject &condition, const QString &sessionId)
    {
        const QJsonObject body{{QStringLiteral("type"), type},
                               {QStringLiteral("version"), version},
                               {QStringLiteral("condition"), condition},
                               {QStringLiteral("transport"),
                                QJsonObject{{QStringLiteral("method"), QStringLiteral("websocket")},
                                            {QStringLiteral("session_id"), sessionId}}}};
        return client->post(subsUrl(), headers(accessToken), SandboxClient::json(body));
    }
    // The id of the (first) subscription in a create or list reply.
    static QString subscriptionId(const Reply &r)
    {
        return r.object()
            .value(QStringLiteral("data"))
            .toArray()
            .first()
            .toObject()
            .value(QStringLiteral("id"))
            .toString();
    }
    // Condition of the channel.chat.* types on the seeded channel, read as reader.
    QJsonObject chatCondition(const QString &reader) const
    {
        return {{QStringLiteral("broadcaster_user_id"), bid()},
                {QStringLiteral("user_id"), reader}};
    }

    std::unique_ptr<EventSubProbe> openProbe(const QUrl &url) const
    {
        auto probe = std::make_unique<EventSubProbe>(sandbox->certificate());
        probe->open(url);
        return probe;
    }
    // A probe on the EventSub URL, with query (e.g. keepalive_timeout_seconds=30) if given.
    std::unique_ptr<EventSubProbe> connectProbe(const QString &query = {}) const
    {
        QUrl u = sandbox->eventSubUrl();
        if (!query.isEmpty())
            u.setQuery(query);
        return openProbe(u);
    }
};

} // namespace roomwarden::sandbox::test
