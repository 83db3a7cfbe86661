// The live-room simulator: deterministic per seed, reacts to moderation and chat modes, and its
// scenarios produce what they promise (fresh hate-raid accounts, AutoMod holds, other moderators'
// channel.moderate events), seen through World's ground truth and over a real WSS socket.
#include "EventSubProbe.h"
#include "sandbox/ChatFragmenter.h"
#include "sandbox/EventSubServer.h"
#include "sandbox/Sandbox.h"
#include "sandbox/Simulator.h"
#include "sandbox/World.h"
#include "SandboxClient.h"
#include "TestMain.h"

#include <memory>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QSet>

using namespace roomwarden::sandbox;
using namespace roomwarden::sandbox::test;

namespace {

struct ChatLine
{
    QString senderId;
    QString text;
};

// Everything the room did, in order, as text: the sequence two runs must agree on.
struct Recorder
{
    QStringList sequence;
    QList<ChatLine> chat;

    explicit Recorder(World *world)
    {
        QObject::connect(world, &World::chatMessageRecorded,
                         [this, world](const QString &, const ChatMessage &m) {
                             chat.append({m.senderId, m.text});
                             sequence << QStringLiteral("chat|%1|%2|%3")
                                             .arg(world->user(m.senderId)->login, m.id, m.text);
                         });
        QObject::connect(world, &World::actionApplied, [this](const AppliedAction &a) {
            sequence << QStringLiteral("action|%1|%2").arg(a.kind, a.targetUserId);
        });
        QObject::connect(world, &World::followerAdded, [this](const QString &, const Follower &f) {
            sequence << QStringLiteral("follow|%1").arg(f.userId);
        });
        QObject::connect(world, &World::autoModMessageHeld,
                         [this](const QString &, const HeldMessage &h) {
                             sequence << QStringLiteral("held|%1|%2").arg(h.userId, h.text);
                         });
    }
    int countFrom(const QString &userId, int fromIndex = 0) const
    {
        int n = 0;
        for (int i = fromIndex; i < chat.size(); ++i)
            n += chat.at(i).senderId == userId ? 1 : 0;
        return n;
    }
};

Config configFor(const QString &scenario, quint32 seed)
{
    Config c;
    c.scenario = scenario;
    c.seed = seed;
    return c;
}

} // namespace

class TestSandboxSimulator : public QObject
{
    Q_OBJECT

private:
    // A started sandbox with a probe subscribed (as the demo moderator) to `types`.
    struct Live
    {
        std::unique_ptr<Sandbox> sandbox;
        std::unique_ptr<SandboxClient> http;
        std::unique_ptr<EventSubProbe> probe;
    };

    static bool subscribe(Live &live, const QString &type, const QString &version,
                          const QJsonObject &condition, const QStringList &scopes)
    {
        World *w = live.sandbox->world();
        const QString token =
            w->issueTokens(live.sandbox->clientId(), w->demoUserId(), scopes).accessToken;
        const QJsonObject body{
            {QStringLiteral("type"), type},
            {QStringLiteral("version"), version},
            {QStringLiteral("condition"), condition},
            {QStringLiteral("transport"),
             QJsonObject{{QStringLiteral("method"), QStringLiteral("websocket")},
                         {QStringLiteral("session_id"), live.probe->sessionId}}}};
        const Reply r = live.http->post(
            SandboxClient::url(live.sandbox->helixBaseUrl(),
                               QStringLiteral("/eventsub/subscriptions")),
            SandboxClient::jsonHeaders(live.sandbox->clientId(), token), SandboxClient::json(body));
        return r.status == 202;
    }

    static bool startLive(Live &live, const Config &config)
    {
        live.sandbox = std::make_unique<Sandbox>(config);
        live.sandbox->eventSub()->setRequireSubscription(false);
        QString error;
        if (!live.sandbox->start(&error))
            return false;
        live.http = std::make_unique<SandboxClient>(live.sandbox->certificate());
        live.probe = std::make_unique<EventSubProbe>(live.sandbox->certificate());
        live.probe->open(live.sandbox->eventSubUrl());
        return live.probe->waitWelcome();
    }

    static QJsonObject modCondition(World *w)
    {
        return {{QStringLiteral("broadcaster_user_id"), w->broadcasterId()},
                {QStringLiteral("moderator_user_id"), w->demoUserId()}};
    }

private Q_SLOTS:
    void sameSeedSameSequence_data()
    {
        QTest::addColumn<QString>("scenario");
        for (const QString &s : Scenario::names())
            QTest::newRow(qPrintable(s)) << s;
    }

    void sameSeedSameSequence()
    {
        QFETCH(QString, scenario);
        QStringList runs[3];
        const quint32 seeds[3] = {42, 42, 43};
        for (int i = 0; i < 3; ++i) {
            Sandbox sandbox(configFor(scenario, seeds[i]));
            Recorder rec(sandbox.world());
            sandbox.simulator()->advance(6 * 60 * 1000);
            runs[i] = rec.sequence;
        }
        QVERIFY(runs[0].size() > 100);
        QCOMPARE(runs[0], runs[1]);
        QVERIFY(runs[0] != runs[2]);
    }

    void moderatedUserStopsChatting_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("ban") << QStringLiteral("ban");
        QTest::newRow("timeout") << QStringLiteral("timeout");
    }

    void moderatedUserStopsChatting()
    {
        QFETCH(QString, kind);
        Sandbox sandbox(configFor(QStringLiteral("calm"), 7));
        World *w = sandbox.world();
        Recorder rec(w);
        sandbox.simulator()->advance(5 * 60 * 1000);
        // The most talkative chatter so far.
        QHash<QString, int> counts;
        for (const ChatLine &l : rec.chat)
            ++counts[l.senderId];
        QString loudest;
        for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
            if (loudest.isEmpty() || it.value() > counts.value(loudest) ||
                (it.value() == counts.value(loudest) && it.key() < loudest))
                loudest = it.key();
        }
        QVERIFY(counts.value(loudest) >= 2);
        w->applyAction({kind,
                        w->broadcasterId(),
                        w->demoUserId(),
                        loudest,
                        {{QStringLiteral("reason"), QStringLiteral("test")},
                         {QStringLiteral("duration"), 3600}},
                        {}});
        const int mark = int(rec.chat.size());
        sandbox.simulator()->advance(10 * 60 * 1000);
        QCOMPARE(rec.countFrom(loudest, mark), 0);
        QVERIFY(rec.chat.size() - mark > 50); // everyone else carries on
    }

    void hateRaidBringsFreshAccounts()
    {
        Live live;
        QVERIFY(startLive(live, configFor(QStringLiteral("hate-raid"), 3)));
        World *w = live.sandbox->world();
        QVERIFY(subscribe(live, QStringLiteral("channel.raid"), QStringLiteral("1"),
                          {{QStringLiteral("to_broadcaster_user_id"), w->broadcasterId()}}, {}));
        Recorder rec(w);
        live.sandbox->simulator()->advance(4 * 60 * 1000);
        QVERIFY(live.sandbox->simulator()->incidentStarted());
        QTRY_COMPARE_WITH_TIMEOUT(live.probe->notifications(QStringLiteral("channel.raid")).size(),
                                  1, 5000);
        const QJsonObject raid =
            EventSubProbe::event(live.probe->notifications(QStringLiteral("channel.raid")).first());
        QCOMPARE(raid.value(QStringLiteral("to_broadcaster_user_id")).toString(),
                 w->broadcasterId());
        QVERIFY(raid.value(QStringLiteral("viewers")).toInt() >= 100);
        const User *raider =
            w->user(raid.value(QStringLiteral("from_broadcaster_user_id")).toString());
        QVERIFY(raider);

        QSet<QString> fresh;
        int nonLatin = 0;
        for (const ChatLine &l : rec.chat) {
            const User *u = w->user(l.senderId);
            if (u->createdAt.secsTo(w->now()) < 3600) {
                fresh.insert(l.senderId);
                for (const QChar c : l.text)
                    nonLatin += c.unicode() > 0xff ? 1 : 0;
            }
        }
        QVERIFY2(fresh.size() >= 100, qPrintable(QString::number(fresh.size())));
        QVERIFY(nonLatin > 0); // homoglyph-spelled placeholders, not plain ASCII
    }

    void shieldModeQuietsTheRaid()
    {
        int freshMessages[2] = {0, 0};
        for (int shielded = 0; shielded < 2; ++shielded) {
            Sandbox sandbox(configFor(QStringLiteral("hate-raid"), 5));
            World *w = sandbox.world();
            if (shielded) {
                w->applyAction({QStringLiteral("shield_mode"),
                                w->broadcasterId(),
                                w->demoUserId(),
                                {},
                                {{QStringLiteral("is_active"), true}},
                                {}});
            }
            Recorder rec(w);
            sandbox.simulator()->advance(5 * 60 * 1000);
            for (const ChatLine &l : rec.chat)
                freshMessages[shielded] += w->user(l.senderId)->createdAt.secsTo(w->now()) < 3600;
        }
        QVERIFY(freshMessages[0] > 500);
        QVERIFY2(
            freshMessages[1] * 4 < freshMessages[0],
            qPrintable(QStringLiteral("%1 vs %2").arg(freshMessages[1]).arg(freshMessages[0])));
    }

    void chatModesChangeWhoCanChat()
    {
        Sandbox sandbox(configFor(QStringLiteral("calm"), 11));
        World *w = sandbox.world();
        Recorder rec(w);
        sandbox.simulator()->advance(5 * 60 * 1000);
        const int before = int(rec.chat.size());
        QVERIFY(before > 100);

        w->channel(w->broadcasterId())->chatSettings.emoteMode = true;
        sandbox.simulator()->advance(3 * 60 * 1000);
        const QStringList &emotes = ChatFragmenter::emoteCodes();
        for (int i = before; i < rec.chat.size(); ++i) {
            for (const QString &word : rec.chat.at(i).text.split(QLatin1Char(' ')))
                QVERIFY2(emotes.contains(word), qPrintable(rec.chat.at(i).text));
        }
        w->channel(w->broadcasterId())->chatSettings.emoteMode = false;

        const int mark = int(rec.chat.size());
        w->channel(w->broadcasterId())->chatSettings.subscriberMode = true;
        sandbox.simulator()->advance(5 * 60 * 1000);
        const int subsOnly = int(rec.chat.size()) - mark;
        QVERIFY2(subsOnly * 4 < before,
                 qPrintable(QStringLiteral("%1 vs %2").arg(subsOnly).arg(before)));
    }

    void autoModScenarioHoldsMessages()
    {
        Live live;
        QVERIFY(startLive(live, configFor(QStringLiteral("automod"), 9)));
        World *w = live.sandbox->world();
        QVERIFY(subscribe(live, QStringLiteral("automod.message.hold"), QStringLiteral("2"),
                          modCondition(w), {QStringLiteral("moderator:manage:automod")}));
        live.sandbox->simulator()->advance(5 * 60 * 1000);
        QVERIFY(!w->channel(w->broadcasterId())->heldMessages.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(
            !live.probe->notifications(QStringLiteral("automod.message.hold")).isEmpty(), 5000);
        const QJsonObject e = EventSubProbe::event(
            live.probe->notifications(QStringLiteral("automod.message.hold")).first());
        QCOMPARE(e.value(QStringLiteral("reason")).toString(), QStringLiteral("automod"));
        QVERIFY(
            e.value(QStringLiteral("automod")).toObject().value(QStringLiteral("level")).toInt() >=
            1);
        QVERIFY(!e.value(QStringLiteral("message_id")).toString().isEmpty());
    }

    void otherModeratorsShowUpAsModerateEvents()
    {
        Live live;
        QVERIFY(startLive(live, configFor(QStringLiteral("other-mods"), 13)));
        World *w = live.sandbox->world();
        const QStringList scopes{QStringLiteral("moderator:read:blocked_terms"),
                                 QStringLiteral("moderator:read:chat_settings"),
                                 QStringLiteral("moderator:read:unban_requests"),
                                 QStringLiteral("moderator:read:banned_users"),
                                 QStringLiteral("moderator:read:chat_messages"),
                                 QStringLiteral("moderator:read:warnings"),
                                 QStringLiteral("moderator:read:moderators"),
                                 QStringLiteral("moderator:read:vips")};
        QVERIFY(subscribe(live, QStringLiteral("channel.moderate"), QStringLiteral("2"),
                          modCondition(w), scopes));
        live.sandbox->simulator()->advance(6 * 60 * 1000);
        QTRY_VERIFY_WITH_TIMEOUT(
            live.probe->notifications(QStringLiteral("channel.moderate")).size() >= 3, 5000);
        for (const QJsonObject &n : live.probe->notifications(QStringLiteral("channel.moderate"))) {
            const QJsonObject e = EventSubProbe::event(n);
            QVERIFY(e.value(QStringLiteral("moderator_user_id")).toString() != w->demoUserId());
            const QString action = e.value(QStringLiteral("action")).toString();
            QVERIFY2(!action.isEmpty(), "action");
        }
    }

    void spamWaveComesFromDaysOldAccounts()
    {
        Sandbox sandbox(configFor(QStringLiteral("spam-wave"), 21));
        World *w = sandbox.world();
        Recorder rec(w);
        sandbox.simulator()->advance(4 * 60 * 1000);
        int spam = 0;
        for (const ChatLine &l : rec.chat) {
            if (!l.text.contains(QLatin1String(" dot example")))
                continue;
            ++spam;
            const qint64 age = w->user(l.senderId)->createdAt.secsTo(w->now());
            QVERIFY(age >= 86400 && age <= 6 * 86400);
        }
        QVERIFY2(spam > 100, qPrintable(QString::number(spam)));
    }

    void friendlyRaidArrivesWithHype()
    {
        Live live;
        QVERIFY(startLive(live, configFor(QStringLiteral("raid"), 23)));
        World *w = live.sandbox->world();
        QVERIFY(subscribe(live, QStringLiteral("channel.raid"), QStringLiteral("1"),
                          {{QStringLiteral("to_broadcaster_user_id"), w->broadcasterId()}}, {}));
        QVERIFY(subscribe(live, QStringLiteral("channel.chat.notification"), QStringLiteral("1"),
                          {{QStringLiteral("broadcaster_user_id"), w->broadcasterId()},
                           {QStringLiteral("user_id"), w->demoUserId()}},
                          {QStringLiteral("user:read:chat")}));
        Recorder rec(w);
        live.sandbox->simulator()->advance(5 * 60 * 1000);
        QTRY_COMPARE_WITH_TIMEOUT(live.probe->notifications(QStringLiteral("channel.raid")).size(),
                                  1, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(
            !live.probe->notifications(QStringLiteral("channel.chat.notification")).isEmpty(),
            5000);
        QStringList notices;
        for (const QJsonObject &n :
             live.probe->notifications(QStringLiteral("channel.chat.notification")))
            notices << EventSubProbe::event(n).value(QStringLiteral("notice_type")).toString();
        QVERIFY2(notices.contains(QStringLiteral("raid")),
                 qPrintable(notices.join(QLatin1Char(','))));
        int hype = 0;
        for (const ChatLine &l : rec.chat)
            hype += l.text.contains(QLatin1String("raid"), Qt::CaseInsensitive) ? 1 : 0;
        QVERIFY(hype > 20);
    }

    void bannedViewersAskToBeUnbanned()
    {
        Sandbox sandbox(configFor(QStringLiteral("calm"), 29));
        World *w = sandbox.world();
        Recorder rec(w);
        sandbox.simulator()->advance(3 * 60 * 1000);
        QSet<QString> banned;
        for (const ChatLine &l : rec.chat) {
            if (banned.size() >= 20 || banned.contains(l.senderId))
                continue;
            banned.insert(l.senderId);
            w->applyAction({QStringLiteral("ban"),
                            w->broadcasterId(),
                            w->demoUserId(),
                            l.senderId,
                            {{QStringLiteral("reason"), QStringLiteral("test")}},
                            {}});
        }
        QCOMPARE(banned.size(), 20);
        sandbox.simulator()->advance(12 * 60 * 1000);
        const QList<UnbanRequest> &requests = w->channel(w->broadcasterId())->unbanRequests;
        QVERIFY(!requests.isEmpty());
        for (const UnbanRequest &r : requests)
            QVERIFY(banned.contains(r.userId));
    }

    void streamGoesOfflineAndComesBack()
    {
        Sandbox sandbox(configFor(QStringLiteral("calm"), 31));
        World *w = sandbox.world();
        QList<bool> changes;
        connect(w, &World::streamChanged, this, [&changes](const QString &, const StreamState &s) {
            if (changes.isEmpty() || changes.last() != s.live)
                changes << s.live;
        });
        const Scenario &sc = sandbox.simulator()->scenario();
        sandbox.simulator()->advance(qint64(sc.streamMinutes + sc.breakMinutes + 1) * 60000);
        QCOMPARE(changes, (QList<bool>{true, false, true}));
    }

    void startRunsInRealTimeAtSpeed()
    {
        Config config = configFor(QStringLiteral("calm"), 17);
        config.speed = 120;
        Live live;
        QVERIFY(startLive(live, config));
        World *w = live.sandbox->world();
        QVERIFY(subscribe(live, QStringLiteral("stream.online"), QStringLiteral("1"),
                          {{QStringLiteral("broadcaster_user_id"), w->broadcasterId()}}, {}));
        QVERIFY(subscribe(live, QStringLiteral("channel.chat.message"), QStringLiteral("1"),
                          {{QStringLiteral("broadcaster_user_id"), w->broadcasterId()},
                           {QStringLiteral("user_id"), w->demoUserId()}},
                          {QStringLiteral("user:read:chat")}));
        QElapsedTimer real;
        real.start();
        live.sandbox->simulator()->start();
        QTRY_COMPARE_WITH_TIMEOUT(live.probe->notifications(QStringLiteral("stream.online")).size(),
                                  1, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(
            live.probe->notifications(QStringLiteral("channel.chat.message")).size() >= 20, 20000);
        // Simulated time runs well ahead of real time (×120 requested; ×10 is a loose floor).
        QVERIFY(live.sandbox->simulator()->simulatedMs() >= 10 * real.elapsed());
        live.sandbox->simulator()->stop();
        QVERIFY(!live.sandbox->simulator()->isRunning());
    }
};

ROOMWARDEN_TEST_MAIN_CORE(TestSandboxSimulator)
#include "TestSandboxSimulator.moc"
