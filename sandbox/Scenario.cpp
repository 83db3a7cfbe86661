#include "sandbox/Scenario.h"

namespace roomwarden::sandbox {

QStringList Scenario::names()
{
    return {QStringLiteral("calm"),      QStringLiteral("raid"),    QStringLiteral("hate-raid"),
            QStringLiteral("spam-wave"), QStringLiteral("automod"), QStringLiteral("other-mods")};
}

std::optional<Scenario> Scenario::byName(const QString &name)
{
    Scenario s;
    s.name = name;
    if (name == QLatin1String("calm"))
        return s;
    if (name == QLatin1String("raid")) {
        // A friendly streamer ends their stream and sends their audience over.
        s.incident = Incident::FriendlyRaid;
        s.incidentAtSecs = 180;
        s.incidentAccounts = 250;
        s.incidentDurationSecs = 240;
        s.incidentMessagesPerAccountPerMin = 1.5;
        return s;
    }
    if (name == QLatin1String("hate-raid")) {
        // Hundreds of accounts created minutes ago, all posting abuse as fast as chat allows.
        s.incident = Incident::HateRaid;
        s.incidentAtSecs = 120;
        s.incidentAccounts = 400;
        s.incidentDurationSecs = 420;
        s.incidentMessagesPerAccountPerMin = 8.0;
        return s;
    }
    if (name == QLatin1String("spam-wave")) {
        s.incident = Incident::SpamWave;
        s.incidentAtSecs = 120;
        s.incidentAccounts = 120;
        s.incidentDurationSecs = 360;
        s.incidentMessagesPerAccountPerMin = 4.0;
        return s;
    }
    if (name == QLatin1String("automod")) {
        s.autoModShare = 0.08;
        return s;
    }
    if (name == QLatin1String("other-mods")) {
        s.otherModsEverySecs = 40;
        return s;
    }
    return std::nullopt;
}

} // namespace roomwarden::sandbox
