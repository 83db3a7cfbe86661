#pragma once
// The other-mods scenario's cast: moderators other than the app's user, acting through the
// platform (World::applyAction) so the app sees their work as channel.moderate v2 events
// (specs/twitch.md §4.5) — timeouts, deletes, warnings, bans and a slow-mode spell.
#include <QRandomGenerator>
#include <QString>

namespace roomwarden::sandbox {

class World;

class ScenarioModerators
{
public:
    struct Target
    {
        QString userId;
        QString messageId;
        QString text;
    };

    ScenarioModerators(World *world, const QString &broadcasterId);

    // One moderator acts on one recent message.
    void act(QRandomGenerator &rng, const Target &target, qint64 simulatedMs);
    // Ends a slow-mode spell when its time is up.
    void tick(qint64 simulatedMs);

private:
    World *m_world;
    QString m_broadcaster;
    QString m_slowModeBy;
    qint64 m_slowModeOffAtMs = -1;
};

} // namespace roomwarden::sandbox
