// Alerts through Qt Multimedia with a real sound server (PulseAudio's null sink, started by
// scripts/testenv): routed as configured, preloaded, and no stream left open while idle.
#include "core/live/AlertRules.h"
#include "core/util/Settings.h"
#include "ui/AlertPlayer.h"

#include "TestMain.h"

#include <QDataStream>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QSoundEffect>
#include <QTemporaryDir>

using namespace roomwarden;
using live::AlertKind;

Q_DECLARE_METATYPE(roomwarden::live::AlertKind)

namespace {
// Streams open on the sound server right now (`pactl list short sink-inputs`), -1 if unknown.
int openStreams()
{
    QProcess p;
    p.start(QStringLiteral("pactl"),
            {QStringLiteral("list"), QStringLiteral("short"), QStringLiteral("sink-inputs")});
    if (!p.waitForFinished(10000) || p.exitCode() != 0)
        return -1;
    const QByteArray out = p.readAllStandardOutput().trimmed();
    return out.isEmpty() ? 0 : int(out.count('\n') + 1);
}
// A WAV file of `ms` milliseconds of near-silence (16-bit mono, 8 kHz).
bool writeSilence(const QString &path, int ms)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    const quint32 samples = quint32(8 * ms);
    const quint32 dataBytes = samples * 2;
    QDataStream out(&f);
    out.setByteOrder(QDataStream::LittleEndian);
    out.writeRawData("RIFF", 4);
    out << quint32(36 + dataBytes);
    out.writeRawData("WAVEfmt ", 8);
    out << quint32(16) << quint16(1) << quint16(1) << quint32(8000) << quint32(16000) << quint16(2)
        << quint16(16);
    out.writeRawData("data", 4);
    out << dataBytes;
    for (quint32 i = 0; i < samples; ++i)
        out << qint16(i % 2 ? 1 : -1);
    return out.status() == QDataStream::Ok;
}
} // namespace

class TestAlertPlayer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void classifierFindsAlerts();
    void routesComeFromSettings();
    void aRoutedSoundPlaysAndReleasesTheDevice();
    void silencedRoutesNotifyButPlayNothing();
    void theMasterSwitchSilencesEverything();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<util::Settings> m_settings;
};

void TestAlertPlayer::init()
{
    qRegisterMetaType<AlertKind>();
    m_dir = std::make_unique<QTemporaryDir>();
    m_settings = std::make_unique<util::Settings>(m_dir->filePath(QStringLiteral("s.ini")));
}

void TestAlertPlayer::classifierFindsAlerts()
{
    live::AlertClassifier c({QStringLiteral("HostName")});
    model::RoomEvent e;
    e.kind = model::RoomEventKind::ChatMessage;
    e.actorName = QStringLiteral("viewer");
    e.text = QStringLiteral("hey @hostname look");
    QCOMPARE(c.classify(e), std::optional<AlertKind>(AlertKind::Mention));
    e.text = QStringLiteral("ghostnamed it");
    QCOMPARE(c.classify(e), std::nullopt);
    e.actorName = QStringLiteral("HostName");
    e.text = QStringLiteral("hostname here");
    QCOMPARE(c.classify(e), std::nullopt); // not a mention of yourself
    e.kind = model::RoomEventKind::AutoModHeld;
    QCOMPARE(c.classify(e), std::optional<AlertKind>(AlertKind::AutoModHold));
    e.kind = model::RoomEventKind::UnbanRequestCreated;
    QCOMPARE(c.classify(e), std::optional<AlertKind>(AlertKind::UnbanRequest));
}

void TestAlertPlayer::routesComeFromSettings()
{
    live::AlertRoute r;
    r.sound = true;
    r.volume = 35;
    r.notify = false;
    live::AlertRouting::save(*m_settings, AlertKind::UnbanRequest, r);
    QCOMPARE(live::AlertRouting::load(*m_settings, AlertKind::UnbanRequest), r);
    ui::AlertPlayer player(m_settings.get());
    QCOMPARE(player.route(AlertKind::UnbanRequest), r);
    // Defaults: raids and mentions sound, the rest only notify.
    QVERIFY(player.route(AlertKind::Raid).sound);
    QVERIFY(!player.route(AlertKind::AutoModHold).sound);
    QVERIFY(player.route(AlertKind::AutoModHold).notify);
}

void TestAlertPlayer::aRoutedSoundPlaysAndReleasesTheDevice()
{
    // A 1.5 s sound of the user's own, long enough to see its stream while it plays.
    const QString file = m_dir->filePath(QStringLiteral("long.wav"));
    QVERIFY(writeSilence(file, 1500));
    live::AlertRoute mine;
    mine.sound = true;
    mine.soundFile = file;
    live::AlertRouting::save(*m_settings, AlertKind::Mention, mine);

    ui::AlertPlayer player(m_settings.get());
    QVERIFY2(player.hasOutputDevice(), "scripts/testenv provides a PulseAudio null sink");
    QSoundEffect *effect = player.effect(AlertKind::Raid);
    QVERIFY(effect);
    QCOMPARE(effect->source(), ui::AlertPlayer::builtInSound());
    QTRY_COMPARE_WITH_TIMEOUT(effect->status(), QSoundEffect::Ready, 10000); // preloaded
    QCOMPARE(openStreams(), 0); // loaded, but nothing open while idle

    QSignalSpy played(&player, &ui::AlertPlayer::played);
    QSignalSpy notified(&player, &ui::AlertPlayer::notificationRequested);
    QVERIFY(player.alert(AlertKind::Raid, QStringLiteral("Raid"), QStringLiteral("<b>x</b>")));
    QCOMPARE(played.size(), 1);
    QCOMPARE(notified.size(), 1);
    QCOMPARE(notified.first().at(1).toString(), QStringLiteral("<b>x</b>")); // as given
    QTRY_VERIFY_WITH_TIMEOUT(!effect->isPlaying(), 10000);
    // Once the chime is over, the stream is gone again.
    QTRY_COMPARE_WITH_TIMEOUT(openStreams(), 0, 10000);

    QSoundEffect *own = player.effect(AlertKind::Mention);
    QVERIFY(own);
    QCOMPARE(own->source(), QUrl::fromLocalFile(file));
    QTRY_COMPARE_WITH_TIMEOUT(own->status(), QSoundEffect::Ready, 10000);
    QVERIFY(player.alert(AlertKind::Mention, QStringLiteral("Mention"), QString()));
    QTRY_VERIFY_WITH_TIMEOUT(openStreams() >= 1, 1000); // the probe does see a playing stream
    QTRY_VERIFY_WITH_TIMEOUT(!own->isPlaying(), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(openStreams(), 0, 10000);
}

void TestAlertPlayer::silencedRoutesNotifyButPlayNothing()
{
    ui::AlertPlayer player(m_settings.get());
    QVERIFY(!player.effect(AlertKind::AutoModHold)); // sound off: nothing loaded
    QSignalSpy silenced(&player, &ui::AlertPlayer::silenced);
    QSignalSpy notified(&player, &ui::AlertPlayer::notificationRequested);
    QVERIFY(!player.alert(AlertKind::AutoModHold, QStringLiteral("Held"), QStringLiteral("m")));
    QCOMPARE(silenced.size(), 1);
    QCOMPARE(notified.size(), 1);
}

void TestAlertPlayer::theMasterSwitchSilencesEverything()
{
    m_settings->setValue(QString::fromLatin1(util::keys::kAlertSounds.name), false);
    ui::AlertPlayer player(m_settings.get());
    QVERIFY(!player.effect(AlertKind::Raid));
    QSignalSpy silenced(&player, &ui::AlertPlayer::silenced);
    QVERIFY(!player.alert(AlertKind::Raid, QStringLiteral("Raid"), QString()));
    QCOMPARE(silenced.size(), 1);
}

ROOMWARDEN_TEST_MAIN_GUI(TestAlertPlayer)
#include "TestAlertPlayer.moc"
