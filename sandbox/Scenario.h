#pragma once
// What a simulated stream looks like, as numbers: audience size, chat and follow rates, and the
// one incident the scenario is about (a raid, a hate raid, a spam wave, AutoMod holds, other
// moderators at work). Rates are per *simulated* time; Simulator applies the speed factor.
#include <optional>
#include <QString>
#include <QStringList>

namespace roomwarden::sandbox {

struct Scenario
{
    enum class Incident
    {
        None,
        FriendlyRaid,
        HateRaid,
        SpamWave
    };

    QString name;
    int audience = 2000;   // registered viewers the room draws from
    int peakViewers = 900; // viewer-count curve plateau
    double messagesPerChatterPerMin = 0.5;
    double followsPerMin = 1.5;
    double subsPerMin = 0.3;
    double joinLeavePerMin = 30.0; // chatter churn
    double autoModShare = 0.0;     // share of messages AutoMod holds instead of posting
    int otherModsEverySecs = 0;    // another moderator acts this often (0 = never)
    Incident incident = Incident::None;
    int incidentAtSecs = 120;       // simulated seconds after start
    int incidentAccounts = 0;       // raiders / bots that arrive with it
    int incidentDurationSecs = 300; // how long they keep posting
    double incidentMessagesPerAccountPerMin = 0.0;
    int streamMinutes = 240;      // then stream.offline ...
    int breakMinutes = 30;        // ... and stream.online again after the break
    int unbanRequestPercent = 30; // banned viewers who later ask to be unbanned

    static std::optional<Scenario> byName(const QString &name);
    static QStringList names(); // calm, raid, hate-raid, spam-wave, automod, other-mods
};

} // namespace roomwarden::sandbox
