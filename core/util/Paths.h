#pragma once
#include <QString>

namespace roomwarden::util {

// Where Roomwarden keeps its files. The standard locations come from QStandardPaths; a
// profile directory (`--profile DIR`) puts everything under one folder instead, so a user can
// keep a practice profile apart from the real one and tests never share state.
struct ProfilePaths
{
    QString configDir; // settings.ini
    QString dataDir;   // the analytics database and journal
    QString cacheDir;
    QString logDir;

    static ProfilePaths standard();
    static ProfilePaths forProfile(const QString &profileDir);

    QString settingsFile() const;
    // Creates the directories, owner-only (0700): the data is other people's.
    bool ensureExists(QString *error) const;
};

} // namespace roomwarden::util
