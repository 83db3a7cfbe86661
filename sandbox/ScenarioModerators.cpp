#include "sandbox/ScenarioModerators.h"

#include "sandbox/ScenarioText.h"
#include "sandbox/World.h"

#include <QJsonObject>

namespace roomwarden::sandbox {

namespace {
constexpr qint64 kSlowModeSpellMs = 120 * 1000;
} // namespace

ScenarioModerators::ScenarioModerators(World *world, const QString &broadcasterId)
    : m_world(world), m_broadcaster(broadcasterId)
{}

void ScenarioModerators::act(QRandomGenerator &rng, const Target &target, qint64 simulatedMs)
{
    Channel *c = m_world->channel(m_broadcaster);
    if (!c)
        return;
    QStringList others = c->moderators;
    others.removeAll(m_world->demoUserId()); // the app's own user acts through the app
    if (others.isEmpty())
        return;
    const QString mod = others.at(rng.bounded(int(others.size())));
    const QString reason = ScenarioText::modReason(rng);
    const QString &user = target.userId;
    const int roll = rng.bounded(100);
    AppliedAction a{{}, m_broadcaster, mod, user, {{QStringLiteral("reason"), reason}}, {}};
    if (roll < 35) {
        a.kind = QStringLiteral("timeout");
        a.details.insert(QStringLiteral("duration"), 60 * (1 + rng.bounded(10)));
    } else if (roll < 60) {
        a.kind = QStringLiteral("delete");
        a.details = {{QStringLiteral("message_id"), target.messageId},
                     {QStringLiteral("message_body"), target.text}};
    } else if (roll < 75) {
        a.kind = QStringLiteral("warn");
    } else if (roll < 85) {
        a.kind = QStringLiteral("ban");
    } else if (!c->chatSettings.slowMode) {
        const int wait = 10 * (1 + rng.bounded(6));
        c->chatSettings.slowMode = true;
        c->chatSettings.slowModeWaitTime = wait;
        m_slowModeBy = mod;
        m_slowModeOffAtMs = simulatedMs + kSlowModeSpellMs;
        // Shaped like the Helix route's record: the request body as "changed".
        a = {QStringLiteral("chat_settings"),
             m_broadcaster,
             mod,
             {},
             {{QStringLiteral("changed"),
               QJsonObject{{QStringLiteral("slow_mode"), true},
                           {QStringLiteral("slow_mode_wait_time"), wait}}}},
             {}};
    } else {
        return;
    }
    m_world->applyAction(a);
}

void ScenarioModerators::tick(qint64 simulatedMs)
{
    if (m_slowModeOffAtMs < 0 || simulatedMs < m_slowModeOffAtMs)
        return;
    m_slowModeOffAtMs = -1;
    if (Channel *c = m_world->channel(m_broadcaster)) {
        c->chatSettings.slowMode = false;
        c->chatSettings.slowModeWaitTime = std::nullopt;
    }
    m_world->applyAction(
        {QStringLiteral("chat_settings"),
         m_broadcaster,
         m_slowModeBy,
         {},
         {{QStringLiteral("changed"), QJsonObject{{QStringLiteral("slow_mode"), false}}}},
         {}});
}

} // namespace roomwarden::sandbox
