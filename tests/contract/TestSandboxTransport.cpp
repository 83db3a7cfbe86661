// Black-box tests of the sandbox transport: HTTPS on loopback with a pinned, generated
// certificate; 404/413 shapes; injected 5xx, slow and malformed replies.
#include "sandbox/Sandbox.h"
#include "sandbox/World.h"
#include "SandboxClient.h"
#include "TestMain.h"

#include <QSslCertificateExtension>

using namespace roomwarden::sandbox;
using namespace roomwarden::sandbox::test;

class TestSandboxTransport : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Sandbox> m_sandbox;
    std::unique_ptr<SandboxClient> m_client;

    QUrl helix(const QString &path, const QUrlQuery &q = {}) const
    {
        return SandboxClient::url(m_sandbox->helixBaseUrl(), path, q);
    }
    Headers auth() const
    {
        const auto t = m_sandbox->world()->issueTokens(m_sandbox->clientId(),
                                                       m_sandbox->world()->demoUserId(), {});
        return SandboxClient::jsonHeaders(m_sandbox->clientId(), t.accessToken);
    }

private Q_SLOTS:
    void init()
    {
        m_sandbox = std::make_unique<Sandbox>();
        QString error;
        QVERIFY2(m_sandbox->start(&error), qPrintable(error));
        m_client = std::make_unique<SandboxClient>(m_sandbox->certificate());
    }
    void cleanup()
    {
        m_client.reset();
        m_sandbox.reset();
    }

    void listensOnLoopbackWithRandomPort()
    {
        QCOMPARE(m_sandbox->idBaseUrl().host(), QStringLiteral("127.0.0.1"));
        QCOMPARE(m_sandbox->idBaseUrl().scheme(), QStringLiteral("https"));
        QVERIFY(m_sandbox->idBaseUrl().port() > 0);
        QCOMPARE(m_sandbox->helixBaseUrl().path(), QStringLiteral("/helix"));
    }

    void certificateIsSelfSignedForLoopback()
    {
        const QSslCertificate cert = m_sandbox->certificate();
        QVERIFY(!cert.isNull());
        QVERIFY(cert.isSelfSigned());
        const auto alt = cert.subjectAlternativeNames();
        QVERIFY(alt.values(QSsl::IpAddressEntry).contains(QStringLiteral("127.0.0.1")));
        QVERIFY(alt.values(QSsl::DnsEntry).contains(QStringLiteral("localhost")));
        QVERIFY(cert.expiryDate() < QDateTime::currentDateTimeUtc().addDays(8));
        QVERIFY(m_sandbox->certificatePem().startsWith("-----BEGIN CERTIFICATE-----"));
    }

    void eachStartHasItsOwnCertificate()
    {
        Sandbox other;
        QString error;
        QVERIFY2(other.start(&error), qPrintable(error));
        QVERIFY(other.certificate() != m_sandbox->certificate());
        QVERIFY(other.idBaseUrl().port() != m_sandbox->idBaseUrl().port());
    }

    void pinnedConnectionWorks()
    {
        const Reply r = m_client->get(helix(QStringLiteral("/users")), auth());
        QCOMPARE(r.error, QNetworkReply::NoError);
        QCOMPARE(r.status, 200);
    }

    void connectionFailsWithoutPinning()
    {
        SandboxClient unpinned{QSslCertificate()};
        const Reply r = unpinned.get(helix(QStringLiteral("/users")), auth());
        QCOMPARE(r.status, 0);
        QCOMPARE(r.error, QNetworkReply::SslHandshakeFailedError);
        // ... and with another sandbox's certificate pinned instead.
        Sandbox other;
        QString error;
        QVERIFY(other.start(&error));
        SandboxClient wrong{other.certificate()};
        QCOMPARE(wrong.get(helix(QStringLiteral("/users")), auth()).error,
                 QNetworkReply::SslHandshakeFailedError);
    }

    void unknownRouteIs404WithHelixBody_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("helix") << QStringLiteral("/helix/nope");
        QTest::newRow("root") << QStringLiteral("/whatever");
        QTest::newRow("deep") << QStringLiteral("/helix/moderation/bans/extra");
    }
    void unknownRouteIs404WithHelixBody()
    {
        QFETCH(QString, path);
        QUrl u = m_sandbox->idBaseUrl();
        u.setPath(path);
        const Reply r = m_client->get(u, auth());
        QCOMPARE(r.status, 404);
        QCOMPARE(r.object().value(QStringLiteral("error")).toString(), QStringLiteral("Not Found"));
        QCOMPARE(r.object().value(QStringLiteral("status")).toInt(), 404);
        QVERIFY(r.object().contains(QStringLiteral("message")));
    }

    void oversizedBodyIs413()
    {
        const QByteArray big(m_sandbox->config().maxBodyBytes + 1, 'a');
        const Reply r = m_client->post(helix(QStringLiteral("/chat/messages")), auth(), big);
        QCOMPARE(r.status, 413);
        QCOMPARE(r.object().value(QStringLiteral("status")).toInt(), 413);
        // The server is still fine afterwards.
        QCOMPARE(m_client->get(helix(QStringLiteral("/users")), auth()).status, 200);
    }

    void garbageInputNeverCrashes_data()
    {
        QTest::addColumn<QByteArray>("verb");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("binary json") << QByteArray("POST") << QStringLiteral("/helix/chat/messages")
                                     << QByteArray("\x00\xff{{", 4);
        QTest::newRow("array body")
            << QByteArray("PATCH") << QStringLiteral("/helix/chat/settings") << QByteArray("[1,2]");
        QTest::newRow("form junk")
            << QByteArray("POST") << QStringLiteral("/oauth2/token") << QByteArray("%%%&&&==\x01");
        QTest::newRow("odd verb") << QByteArray("PATCH") << QStringLiteral("/oauth2/device")
                                  << QByteArray();
    }
    void garbageInputNeverCrashes()
    {
        QFETCH(QByteArray, verb);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QUrl u = m_sandbox->idBaseUrl();
        u.setPath(path);
        const Reply r = m_client->send(verb, u, auth(), body);
        QVERIFY2(r.status >= 400 && r.status < 500, qPrintable(QString::number(r.status)));
        QVERIFY(r.json.isObject());
        QCOMPARE(m_client->get(helix(QStringLiteral("/users")), auth()).status, 200);
    }

    void injectedServerErrors()
    {
        m_sandbox->faults()->serverErrors = 2;
        m_sandbox->faults()->serverErrorStatus = 503;
        QCOMPARE(m_client->get(helix(QStringLiteral("/users")), auth()).status, 503);
        QCOMPARE(m_client->get(helix(QStringLiteral("/users")), auth()).status, 503);
        QCOMPARE(m_client->get(helix(QStringLiteral("/users")), auth()).status, 200);
    }

    void injectedMalformedJson()
    {
        m_sandbox->faults()->malformed = 1;
        const Reply bad = m_client->get(helix(QStringLiteral("/users")), auth());
        QCOMPARE(bad.status, 200);
        QVERIFY(!bad.body.isEmpty());
        QVERIFY(bad.json.isNull()); // truncated: not parseable
        QVERIFY(m_client->get(helix(QStringLiteral("/users")), auth()).json.isObject());
    }

    void injectedSlowReply()
    {
        m_sandbox->faults()->slowMs = 300;
        m_sandbox->faults()->slowCount = 1;
        QElapsedTimer t;
        t.start();
        QCOMPARE(m_client->get(helix(QStringLiteral("/users")), auth()).status, 200);
        QVERIFY(t.elapsed() >= 250);
        QCOMPARE(m_sandbox->faults()->slowMs, 0);
        // A client that gives up early gets a timeout, and the sandbox survives it.
        m_sandbox->faults()->slowMs = 3000;
        m_sandbox->faults()->slowCount = 1;
        SandboxClient impatient{m_sandbox->certificate(), 200};
        const Reply r = impatient.get(helix(QStringLiteral("/users")), auth());
        QCOMPARE(r.status, 0);
        QCOMPARE(m_client->get(helix(QStringLiteral("/users")), auth()).status, 200);
    }

    void insecureHttpModeForDebugging()
    {
        Config c;
        c.insecureHttp = true;
        Sandbox plain(c);
        QString error;
        QVERIFY2(plain.start(&error), qPrintable(error));
        QCOMPARE(plain.idBaseUrl().scheme(), QStringLiteral("http"));
        SandboxClient client{QSslCertificate()};
        const auto t =
            plain.world()->issueTokens(plain.clientId(), plain.world()->demoUserId(), {});
        const Reply r =
            client.get(SandboxClient::url(plain.helixBaseUrl(), QStringLiteral("/users")),
                       SandboxClient::authHeaders(plain.clientId(), t.accessToken));
        QCOMPARE(r.status, 200);
    }
};

ROOMWARDEN_TEST_MAIN_CORE(TestSandboxTransport)
#include "TestSandboxTransport.moc"
