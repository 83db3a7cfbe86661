#include "core/util/Paths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

namespace roomwarden::util {

ProfilePaths ProfilePaths::standard()
{
    ProfilePaths p;
    p.configDir = QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation);
    p.dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    p.cacheDir = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    p.logDir = p.dataDir + QStringLiteral("/logs");
    return p;
}

ProfilePaths ProfilePaths::forProfile(const QString &profileDir)
{
    const QString root = QDir(profileDir).absolutePath();
    return {root + QStringLiteral("/config"), root + QStringLiteral("/data"),
            root + QStringLiteral("/cache"), root + QStringLiteral("/data/logs")};
}

QString ProfilePaths::settingsFile() const
{
    return configDir + QStringLiteral("/settings.ini");
}

bool ProfilePaths::ensureExists(QString *error) const
{
    constexpr auto kOwnerOnly =
        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;
    for (const QString &dir : {configDir, dataDir, cacheDir, logDir}) {
        if (dir.isEmpty()) {
            if (error)
                *error = QCoreApplication::translate("roomwarden::util::ProfilePaths",
                                                     "No location for the profile could be found.");
            return false;
        }
        QFileInfo info(dir);
        if (info.exists() && !info.isDir()) {
            if (error)
                *error = QCoreApplication::translate("roomwarden::util::ProfilePaths",
                                                     "%1 exists and is not a folder.")
                             .arg(dir);
            return false;
        }
        if (!QDir().mkpath(dir) || !QFile::setPermissions(dir, kOwnerOnly)) {
            if (error)
                *error = QCoreApplication::translate("roomwarden::util::ProfilePaths",
                                                     "Cannot create the folder %1.")
                             .arg(dir);
            return false;
        }
    }
    return true;
}

} // namespace roomwarden::util
