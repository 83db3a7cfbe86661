// The Helix side of EventSub on the sandbox (specs/twitch.md §3.4, §4.4, §4.5): authorisation
// (403), validation (400/410), duplicates (409), cost and connection limits (429), list filters
// and delete — over HTTPS against real WSS sessions.
#include "EventSubFixture.h"
#include "TestMain.h"

#include <memory>
#include <QJsonArray>

using namespace roomwarden::sandbox;
using namespace roomwarden::sandbox::test;

class TestSandboxEventSubHelix : public QObject
{
    Q_OBJECT

private:
    EventSubFixture m_fx;

private Q_SLOTS:
    void init()
    {
        QString error;
        QVERIFY2(m_fx.start(&error), qPrintable(error));
    }

    void cleanup() { m_fx.stop(); }

    void missingAuthorizationIs403_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("version");
        QTest::addColumn<QStringList>("scopes");
        QTest::addColumn<bool>("asSelf");
        QTest::newRow("chat without user:read:chat") << "channel.chat.message"
                                                     << "1" << QStringList{} << true;
        QTest::newRow("chat as someone else")
            << "channel.chat.message"
            << "1" << QStringList{QStringLiteral("user:read:chat")} << false;
        QStringList partial = moderateScopes();
        partial.removeAll(QStringLiteral("moderator:read:vips"));
        QTest::newRow("moderate v2 without one scope") << "channel.moderate"
                                                       << "2" << partial << true;
        QTest::newRow("channel.ban is broadcaster-only")
            << "channel.ban"
            << "1" << QStringList{QStringLiteral("channel:moderate")} << true;
    }

    void missingAuthorizationIs403()
    {
        QFETCH(QString, type);
        QFETCH(QString, version);
        QFETCH(QStringList, scopes);
        QFETCH(bool, asSelf);
        auto probe = m_fx.connectProbe();
        QVERIFY(probe->waitWelcome());
        const QString mod = m_fx.mod();
        QJsonObject condition{{QStringLiteral("broadcaster_user_id"), m_fx.bid()}};
        if (type.startsWith(QLatin1String("channel.chat")))
            condition.insert(QStringLiteral("user_id"), asSelf ? mod : m_fx.viewer());
        else if (type == QLatin1String("channel.moderate"))
            condition.insert(QStringLiteral("moderator_user_id"), mod);
        const Reply r =
            m_fx.subscribe(m_fx.token(scopes), type, version, condition, probe->sessionId);
        QCOMPARE(r.status, 403);
        QCOMPARE(r.object().value(QStringLiteral("status")).toInt(), 403);
    }

    void nonModeratorCannotSubscribeToModerate()
    {
        auto probe = m_fx.connectProbe();
        QVERIFY(probe->waitWelcome());
        const QString viewer = m_fx.viewer();
        const Reply r = m_fx.subscribe(m_fx.token(moderateScopes(), viewer),
                                       QStringLiteral("channel.moderate"), QStringLiteral("2"),
                                       {{QStringLiteral("broadcaster_user_id"), m_fx.bid()},
                                        {QStringLiteral("moderator_user_id"), viewer}},
                                       probe->sessionId);
        QCOMPARE(r.status, 403);
    }

    void badRequestsAre400()
    {
        auto probe = m_fx.connectProbe();
        QVERIFY(probe->waitWelcome());
        const QString mod = m_fx.mod();
        const QString t = m_fx.token({QStringLiteral("user:read:chat")});
        QCOMPARE(m_fx.subscribe(t, QStringLiteral("channel.chat.message"), QStringLiteral("7"),
                                m_fx.chatCondition(mod), probe->sessionId)
                     .status,
                 400);
        QCOMPARE(m_fx.subscribe(t, QStringLiteral("channel.chat.message"), QStringLiteral("1"),
                                {{QStringLiteral("broadcaster_user_id"), m_fx.bid()}},
                                probe->sessionId)
                     .status,
                 400);
        QCOMPARE(m_fx.subscribe(t, QStringLiteral("channel.chat.message"), QStringLiteral("1"),
                                m_fx.chatCondition(mod), QStringLiteral("no-such-session"))
                     .status,
                 400);
        QCOMPARE(m_fx.subscribe(t, QStringLiteral("channel.raid"), QStringLiteral("1"),
                                {{QStringLiteral("from_broadcaster_user_id"), m_fx.bid()},
                                 {QStringLiteral("to_broadcaster_user_id"), mod}},
                                probe->sessionId)
                     .status,
                 400);
        QCOMPARE(m_fx.subscribe(t, QStringLiteral("channel.follow"), QStringLiteral("1"),
                                {{QStringLiteral("broadcaster_user_id"), m_fx.bid()}},
                                probe->sessionId)
                     .status,
                 410);
    }

    void duplicateIs409()
    {
        auto probe = m_fx.connectProbe();
        QVERIFY(probe->waitWelcome());
        const QString mod = m_fx.mod();
        const QString t = m_fx.token({QStringLiteral("user:read:chat")});
        QCOMPARE(m_fx.subscribe(t, QStringLiteral("channel.chat.message"), QStringLiteral("1"),
                                m_fx.chatCondition(mod), probe->sessionId)
                     .status,
                 202);
        QCOMPARE(m_fx.subscribe(t, QStringLiteral("channel.chat.message"), QStringLiteral("1"),
                                m_fx.chatCondition(mod), probe->sessionId)
                     .status,
                 409);
    }

    void costCountsAgainstMaxTotalCost()
    {
        auto probe = m_fx.connectProbe();
        QVERIFY(probe->waitWelcome());
        const QString mod = m_fx.mod();
        const QString t = m_fx.token({});
        // Own channel: free (§4.4).
        const Reply own =
            m_fx.subscribe(t, QStringLiteral("stream.online"), QStringLiteral("1"),
                           {{QStringLiteral("broadcaster_user_id"), mod}}, probe->sessionId);
        QCOMPARE(own.status, 202);
        QCOMPARE(own.object()
                     .value(QStringLiteral("data"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("cost"))
                     .toInt(),
                 0);
        Reply last;
        for (int i = 0; i < 10; ++i) {
            const QString channel = m_fx.world()->addUser(QStringLiteral("chan_%1").arg(i)).id;
            last = m_fx.subscribe(t, QStringLiteral("stream.online"), QStringLiteral("1"),
                                  {{QStringLiteral("broadcaster_user_id"), channel}},
                                  probe->sessionId);
            QCOMPARE(last.status, 202);
        }
        QCOMPARE(last.object().value(QStringLiteral("total_cost")).toInt(), 10);
        QCOMPARE(last.object().value(QStringLiteral("total")).toInt(), 11);
        const QString eleventh = m_fx.world()->addUser(QStringLiteral("chan_x")).id;
        QCOMPARE(m_fx.subscribe(t, QStringLiteral("stream.online"), QStringLiteral("1"),
                                {{QStringLiteral("broadcaster_user_id"), eleventh}},
                                probe->sessionId)
                     .status,
                 429);
    }

    void connectionLimitIsThree()
    {
        const QString mod = m_fx.mod();
        const QString t = m_fx.token({QStringLiteral("user:read:chat")});
        std::vector<std::unique_ptr<EventSubProbe>> probes;
        for (int i = 0; i < 4; ++i) {
            probes.push_back(m_fx.connectProbe());
            QVERIFY(probes.back()->waitWelcome());
            const QString channel = m_fx.world()->addUser(QStringLiteral("limit_%1").arg(i)).id;
            const Reply r =
                m_fx.subscribe(t, QStringLiteral("channel.chat.message"), QStringLiteral("1"),
                               {{QStringLiteral("broadcaster_user_id"), channel},
                                {QStringLiteral("user_id"), mod}},
                               probes.back()->sessionId);
            QCOMPARE(r.status, i < 3 ? 202 : 429);
        }
    }

    void listFiltersAndDelete()
    {
        auto probe = m_fx.connectProbe();
        QVERIFY(probe->waitWelcome());
        const QString mod = m_fx.mod();
        const QString t = m_fx.token({QStringLiteral("user:read:chat")});
        const Reply created =
            m_fx.subscribe(t, QStringLiteral("channel.chat.message"), QStringLiteral("1"),
                           m_fx.chatCondition(mod), probe->sessionId);
        QCOMPARE(created.status, 202);
        QCOMPARE(m_fx.subscribe(t, QStringLiteral("channel.chat.clear"), QStringLiteral("1"),
                                m_fx.chatCondition(mod), probe->sessionId)
                     .status,
                 202);
        const QString id = EventSubFixture::subscriptionId(created);
        const Headers h = m_fx.authHeaders(t);

        QUrlQuery two;
        two.addQueryItem(QStringLiteral("type"), QStringLiteral("channel.chat.clear"));
        two.addQueryItem(QStringLiteral("status"), QStringLiteral("enabled"));
        QCOMPARE(m_fx.client->get(m_fx.subsUrl(two), h).status, 400);

        QUrlQuery byType;
        byType.addQueryItem(QStringLiteral("type"), QStringLiteral("channel.chat.clear"));
        const Reply list = m_fx.client->get(m_fx.subsUrl(byType), h);
        QCOMPARE(list.status, 200);
        QCOMPARE(list.object().value(QStringLiteral("data")).toArray().size(), 1);
        QVERIFY(list.object().contains(QStringLiteral("pagination")));
        QCOMPARE(list.object().value(QStringLiteral("max_total_cost")).toInt(), 10);

        QUrlQuery del;
        del.addQueryItem(QStringLiteral("id"), id);
        QCOMPARE(m_fx.client->del(m_fx.subsUrl(del), h).status, 204);
        QCOMPARE(m_fx.client->del(m_fx.subsUrl(del), h).status, 404);
        QCOMPARE(m_fx.client->del(m_fx.subsUrl(), h).status, 400);
        const Reply after = m_fx.client->get(m_fx.subsUrl(), h);
        QCOMPARE(after.object().value(QStringLiteral("data")).toArray().size(), 1);
    }

    void subscriptionsPerConnectionAreLimited()
    {
        // §4.4: 300 per connection in production; configurable, so 3 here.
        Config config;
        config.maxSubscriptionsPerConnection = 3;
        QString error;
        // Timers unscaled (1.0, the server's default) for this sandbox.
        QVERIFY2(m_fx.start(&error, 1.0, false, config), qPrintable(error));
        auto probe = m_fx.connectProbe();
        QVERIFY(probe->waitWelcome());
        const QString mod = m_fx.mod();
        const QString t = m_fx.token({QStringLiteral("user:read:chat")});
        const QStringList types{QStringLiteral("channel.chat.message"),
                                QStringLiteral("channel.chat.clear"),
                                QStringLiteral("channel.chat.message_delete"),
                                QStringLiteral("channel.chat.notification")};
        for (int i = 0; i < types.size(); ++i) {
            QCOMPARE(m_fx.subscribe(t, types.at(i), QStringLiteral("1"), m_fx.chatCondition(mod),
                                    probe->sessionId)
                         .status,
                     i < 3 ? 202 : 429);
        }
    }
};

ROOMWARDEN_TEST_MAIN_CORE(TestSandboxEventSubHelix)
#include "TestSandboxEventSubHelix.moc"
