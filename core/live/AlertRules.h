#pragma once
#include "core/model/RoomEvent.h"

#include <QList>
#include <QRegularExpression>
#include <QString>

#include <optional>

namespace roomwarden::util {
class Settings;
}

namespace roomwarden::live {

// What a moderator may want to hear about without watching the desk.
enum class AlertKind
{
    AutoModHold,
    Raid, // the raid/brigade detector fired
    UnbanRequest,
    Mention, // the host (or the signed-in moderator) was mentioned in chat
    SuspiciousUser,
};

QString alertKindId(AlertKind kind); // "automod_hold", ... (settings keys)
QList<AlertKind> allAlertKinds();

// How one kind of alert reaches the user.
struct AlertRoute
{
    bool sound = false;
    QString soundFile; // empty: the built-in sound
    int volume = 80;   // 0–100
    bool notify = true;

    friend bool operator==(const AlertRoute &, const AlertRoute &) = default;
};

// The routing table, read from and written to the typed settings ("alerts/<kind>/...").
class AlertRouting
{
public:
    static AlertRoute load(const util::Settings &settings, AlertKind kind);
    static void save(util::Settings &settings, AlertKind kind, const AlertRoute &route);
    // The master switch ("alerts/sounds") silences every route.
    static bool soundsEnabled(const util::Settings &settings);
};

// Which alert, if any, a room event raises. `mentionNames` are the logins/display names that
// count as "the host mentioned" (matched as whole words, case-insensitive, with or without @).
// The patterns are compiled once: this runs for every chat message.
class AlertClassifier
{
public:
    explicit AlertClassifier(const QStringList &mentionNames = {});
    std::optional<AlertKind> classify(const model::RoomEvent &event) const;

private:
    QStringList m_names;
    QRegularExpression m_mention;
};

} // namespace roomwarden::live
