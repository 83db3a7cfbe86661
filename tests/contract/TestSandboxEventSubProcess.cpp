// The standalone `roomwarden-sandbox` executable: --print-config gives everything a client needs
// (URLs, client id, admin token, the certificate to pin), the EventSub socket welcomes a client
// that pins that certificate, the simulator runs, and SIGTERM ends it cleanly.
#include "EventSubProbe.h"
#include "SandboxClient.h"
#include "TestMain.h"

#include <QFileInfo>
#include <QJsonObject>
#include <QProcess>

using namespace roomwarden::sandbox::test;

class TestSandboxEventSubProcess : public QObject
{
    Q_OBJECT

private:
    static QString executable()
    {
        const QString dir = qEnvironmentVariable("ROOMWARDEN_BINARY_DIR");
        return dir.isEmpty() ? QString() : dir + QStringLiteral("/sandbox/roomwarden-sandbox");
    }

private Q_SLOTS:
    void printConfigThenServeThenStopCleanly()
    {
        const QString exe = executable();
        if (exe.isEmpty() || !QFileInfo(exe).isExecutable())
            QSKIP("roomwarden-sandbox is not built (run through ctest after a full build)");
        QProcess process;
        process.start(exe, {QStringLiteral("--print-config"), QStringLiteral("--scenario"),
                            QStringLiteral("raid"), QStringLiteral("--speed"), QStringLiteral("60"),
                            QStringLiteral("--seed"), QStringLiteral("5")});
        QVERIFY(process.waitForStarted(10000));
        QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine(), 20000);
        const QJsonObject config = QJsonDocument::fromJson(process.readLine()).object();
        for (const char *key : {"id_base_url", "helix_base_url", "control_base_url", "eventsub_url",
                                "client_id", "admin_token", "certificate_pem"})
            QVERIFY2(!config.value(QLatin1String(key)).toString().isEmpty(), key);
        QCOMPARE(config.value(QStringLiteral("scenario")).toString(), QStringLiteral("raid"));
        const QUrl eventSub(config.value(QStringLiteral("eventsub_url")).toString());
        QCOMPARE(eventSub.scheme(), QStringLiteral("wss"));
        QCOMPARE(eventSub.host(), QStringLiteral("127.0.0.1"));

        const QList<QSslCertificate> pinned = QSslCertificate::fromData(
            config.value(QStringLiteral("certificate_pem")).toString().toLatin1(), QSsl::Pem);
        QCOMPARE(pinned.size(), 1);
        EventSubProbe probe(pinned.first());
        probe.open(eventSub);
        QVERIFY(probe.waitWelcome());

        // The control API answers with the printed admin token.
        SandboxClient http(pinned.first());
        const Reply info = http.get(
            SandboxClient::url(QUrl(config.value(QStringLiteral("control_base_url")).toString()),
                               QStringLiteral("/info")),
            {{QByteArrayLiteral("Authorization"),
              QByteArrayLiteral("Bearer ") +
                  config.value(QStringLiteral("admin_token")).toString().toLatin1()}});
        QCOMPARE(info.status, 200);

        process.terminate(); // SIGTERM
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
    }

    void refusesAnUnknownScenario()
    {
        const QString exe = executable();
        if (exe.isEmpty() || !QFileInfo(exe).isExecutable())
            QSKIP("roomwarden-sandbox is not built (run through ctest after a full build)");
        QProcess process;
        process.start(exe, {QStringLiteral("--scenario"), QStringLiteral("nope")});
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 2);
        QVERIFY(process.readAllStandardError().contains("unknown scenario"));
    }
};

ROOMWARDEN_TEST_MAIN_CORE(TestSandboxEventSubProcess)
#include "TestSandboxEventSubProcess.moc"
