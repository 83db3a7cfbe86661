#pragma once
// The live room: one broadcaster, the seeded moderators, thousands of viewers generated from the
// seed, and a scenario (calm, raid, hate-raid, spam-wave, automod, other-mods). It acts only
// through World (chat, follows, joins, held messages, other moderators' actions) and, for events
// without state (raids, sub notices), through EventSubServer::publish — so every event a client
// sees is one Twitch could send.
//
// Time: the room advances in fixed simulated steps of one second. start() paces the steps with a
// real timer at `speed` × real time; advance() runs them synchronously (tests). Steps never
// depend on real time, so the same seed and scenario give the same sequence at any speed.
#include "sandbox/SandboxConfig.h"
#include "sandbox/Scenario.h"

#include <array>
#include <memory>
#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QRandomGenerator>
#include <QTimer>
#include <vector>

namespace roomwarden::sandbox {

class World;
class EventSubServer;
struct UserRef;
struct AppliedAction;
class ScenarioModerators;

class Simulator : public QObject
{
    Q_OBJECT
public:
    Simulator(World *world, EventSubServer *eventSub, const Config &config,
              QObject *parent = nullptr);
    ~Simulator() override;

    void start();
    void stop();
    // Changes the pace of a running room; the sequence of events stays the same.
    void setSpeed(double speed);
    bool isRunning() const { return m_timer.isActive(); }
    // Runs the room for `simulatedMs` right now, without waiting.
    void advance(qint64 simulatedMs);
    qint64 simulatedMs() const { return m_steps * kStepMs; }
    const Scenario &scenario() const { return m_scenario; }
    bool incidentStarted() const { return m_incidentStarted; }

    static constexpr qint64 kStepMs = 1000;

Q_SIGNALS:
    void incidentBegan(const QString &scenario);

private:
    enum class Kind
    {
        Regular,
        Raider,
        Hater,
        Spammer
    };
    struct Person
    {
        QString id;
        QString login;
        Kind kind = Kind::Regular;
        double chattiness = 0.5; // 0..1: how likely a pick actually speaks
        bool inChat = false;
        bool follower = false;
        qint64 followedAtMs = -1000000000000; // simulated; before the stream for old followers
        bool subscriber = false;
        qint64 lastMessageMs = -1000000000;
    };
    struct Recent
    {
        QString messageId;
        int person;
        QString text;
    };

    void setUp();
    void step();
    void onTimer();
    void updateViewerCount();
    void churn();
    void chat(double perMinute, Kind kind);
    void speak(int index);
    void follows();
    void subs();
    void beginIncident();
    void endIncident();
    void otherModeratorActs();
    void streamLifecycle();
    void onAction(const AppliedAction &action);
    void fileUnbanRequests();
    bool mayChat(const Person &p, bool *emoteOnly);
    int poisson(double lambda);
    int pickInChat(Kind kind);
    UserRef ref(const Person &p) const;
    void setInChat(int index, bool in);

    World *m_world;
    EventSubServer *m_eventSub;
    Config m_config;
    Scenario m_scenario;
    QRandomGenerator m_rng;
    QTimer m_timer;
    QElapsedTimer m_real;
    qint64 m_realBaseSteps = 0;
    qint64 m_steps = 0;
    bool m_setUp = false;
    bool m_incidentStarted = false;
    bool m_incidentOver = false;
    QString m_broadcaster;
    QString m_incidentChannel;
    std::vector<Person> m_people;
    std::array<QList<int>, 4> m_inChat; // indices of people in chat, per Kind
    QList<Recent> m_recent;             // the last messages, for other moderators to act on
    std::unique_ptr<ScenarioModerators> m_moderators;
    qint64 m_streamChangedAtMs = 0;
    QHash<QString, int> m_indexById;
    QList<QPair<qint64, int>> m_unbanRequestsDue; // (simulated ms, person)
};

} // namespace roomwarden::sandbox
