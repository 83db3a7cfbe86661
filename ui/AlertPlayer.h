#pragma once
#include "core/live/AlertRules.h"

#include <QHash>
#include <QObject>
#include <QUrl>

class QSoundEffect;
class QMediaDevices;

namespace roomwarden::util {
class Settings;
}

namespace roomwarden::ui {

// Plays and shows alerts as the routing table says (core/live/AlertRules.h).
// - Sounds are QSoundEffects, loaded when the routes are (re)read, so an alert plays at once.
// - Nothing holds an audio stream open while idle (it would keep the computer awake): a
//   QSoundEffect opens its stream to play and closes it when done (a test watches PulseAudio).
// - With no output device nothing is played and nothing fails; `silenced` says why.
// - The user picks the output device (QMediaDevices); empty = the system default.
class AlertPlayer : public QObject
{
    Q_OBJECT
public:
    static QUrl builtInSound();

    explicit AlertPlayer(util::Settings *settings, QObject *parent = nullptr);
    ~AlertPlayer() override;

    // Re-reads the routes and the chosen device, and (re)loads the sounds that are on.
    void reload();
    // Raises an alert: plays its sound and/or asks for a desktop notification, as routed.
    // True when a sound was started.
    bool alert(live::AlertKind kind, const QString &title, const QString &body);

    bool hasOutputDevice() const;
    QStringList outputDeviceIds() const;
    QString outputDeviceId() const { return m_deviceId; }
    void setOutputDevice(const QString &id);

    QSoundEffect *effect(live::AlertKind kind) const { return m_effects.value(kind); }
    live::AlertRoute route(live::AlertKind kind) const { return m_routes.value(kind); }

Q_SIGNALS:
    void played(roomwarden::live::AlertKind kind);
    void silenced(roomwarden::live::AlertKind kind, const QString &why);
    // Plain text: the window shows it as a tray message or a desktop notification.
    void notificationRequested(const QString &title, const QString &body);

private:
    util::Settings *m_settings;
    QMediaDevices *m_devices;
    QHash<live::AlertKind, live::AlertRoute> m_routes;
    QHash<live::AlertKind, QSoundEffect *> m_effects;
    QString m_deviceId;
};

} // namespace roomwarden::ui
