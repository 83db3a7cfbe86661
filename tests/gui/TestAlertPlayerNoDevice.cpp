// Alerts with no sound output at all (the sound server is unreachable: see
// tests/gui/CMakeLists.txt): nothing is played, nothing fails, the reason is given.
#include "core/live/AlertRules.h"
#include "core/util/Settings.h"
#include "ui/AlertPlayer.h"

#include "TestMain.h"

#include <QSignalSpy>
#include <QTemporaryDir>

using namespace roomwarden;
using live::AlertKind;

Q_DECLARE_METATYPE(roomwarden::live::AlertKind)

class TestAlertPlayerNoDevice : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void nothingPlaysAndNothingBreaks();
};

void TestAlertPlayerNoDevice::nothingPlaysAndNothingBreaks()
{
    qRegisterMetaType<AlertKind>();
    QTemporaryDir dir;
    util::Settings settings(dir.filePath(QStringLiteral("s.ini")));
    ui::AlertPlayer player(&settings);
    QVERIFY(!player.hasOutputDevice());
    QSignalSpy silenced(&player, &ui::AlertPlayer::silenced);
    QSignalSpy notified(&player, &ui::AlertPlayer::notificationRequested);
    for (int i = 0; i < 3; ++i)
        QVERIFY(!player.alert(AlertKind::Raid, QStringLiteral("Raid"), QStringLiteral("now")));
    QCOMPARE(silenced.size(), 3);
    QVERIFY(silenced.first().at(1).toString().contains(QStringLiteral("output device")));
    QCOMPARE(notified.size(), 3); // the notification still reaches the user
    player.reload();
    QVERIFY(!player.alert(AlertKind::Mention, QStringLiteral("Mention"), QString()));
}

ROOMWARDEN_TEST_MAIN_GUI(TestAlertPlayerNoDevice)
#include "TestAlertPlayerNoDevice.moc"
