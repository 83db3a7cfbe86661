#include "ui/AlertPlayer.h"

#include "core/util/Logging.h"
#include "core/util/Settings.h"

#include <QAudioDevice>
#include <QFileInfo>
#include <QMediaDevices>
#include <QSoundEffect>

// Resources compiled into a static library must be registered by hand, outside any namespace.
static void initAlertResources()
{
    Q_INIT_RESOURCE(roomwarden);
}

namespace roomwarden::ui {

QUrl AlertPlayer::builtInSound()
{
    return QUrl(QStringLiteral("qrc:/sounds/alert.wav"));
}

AlertPlayer::AlertPlayer(util::Settings *settings, QObject *parent)
    : QObject(parent), m_settings(settings), m_devices(new QMediaDevices(this))
{
    initAlertResources();
    connect(m_devices, &QMediaDevices::audioOutputsChanged, this, &AlertPlayer::reload);
    reload();
}

AlertPlayer::~AlertPlayer() = default;

bool AlertPlayer::hasOutputDevice() const
{
    return !QMediaDevices::audioOutputs().isEmpty();
}

QStringList AlertPlayer::outputDeviceIds() const
{
    QStringList ids;
    for (const QAudioDevice &d : QMediaDevices::audioOutputs())
        ids << QString::fromUtf8(d.id());
    return ids;
}

void AlertPlayer::setOutputDevice(const QString &id)
{
    m_settings->setValue(QString::fromLatin1(util::keys::kAlertOutputDevice.name), id);
    reload();
}

void AlertPlayer::reload()
{
    m_deviceId =
        m_settings->value(QString::fromLatin1(util::keys::kAlertOutputDevice.name)).toString();
    QAudioDevice device = QMediaDevices::defaultAudioOutput();
    for (const QAudioDevice &d : QMediaDevices::audioOutputs()) {
        if (!m_deviceId.isEmpty() && QString::fromUtf8(d.id()) == m_deviceId)
            device = d;
    }
    qDeleteAll(m_effects);
    m_effects.clear();
    const bool soundsOn = live::AlertRouting::soundsEnabled(*m_settings);
    for (live::AlertKind kind : live::allAlertKinds()) {
        const live::AlertRoute route = live::AlertRouting::load(*m_settings, kind);
        m_routes.insert(kind, route);
        if (!soundsOn || !route.sound || device.isNull())
            continue;
        auto *effect = new QSoundEffect(device, this);
        const QFileInfo file(route.soundFile);
        effect->setSource(!route.soundFile.isEmpty() && file.isReadable()
                              ? QUrl::fromLocalFile(file.absoluteFilePath())
                              : builtInSound());
        effect->setVolume(float(route.volume) / 100.0f);
        connect(effect, &QSoundEffect::statusChanged, this, [effect, kind] {
            if (effect->status() == QSoundEffect::Error)
                qCWarning(lcUi) << "alert sound for" << live::alertKindId(kind)
                                << "could not be loaded";
        });
        m_effects.insert(kind, effect);
    }
}

bool AlertPlayer::alert(live::AlertKind kind, const QString &title, const QString &body)
{
    const live::AlertRoute route = m_routes.value(kind);
    if (route.notify)
        Q_EMIT notificationRequested(title, body);
    if (!live::AlertRouting::soundsEnabled(*m_settings) || !route.sound) {
        Q_EMIT silenced(kind, tr("Sound is off for this alert."));
        return false;
    }
    if (!hasOutputDevice()) {
        Q_EMIT silenced(kind, tr("No sound output device."));
        return false;
    }
    QSoundEffect *effect = m_effects.value(kind);
    if (!effect || effect->status() != QSoundEffect::Ready) {
        Q_EMIT silenced(kind, tr("The alert sound is not loaded."));
        return false;
    }
    effect->play();
    Q_EMIT played(kind);
    return true;
}

} // namespace roomwarden::ui
