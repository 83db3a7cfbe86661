// RoomState: who is in the room and in what standing, from normalised events.
#include "core/live/RoomState.h"

#include "TestMain.h"

using namespace roomwarden;
using model::Role;
using model::RoomEvent;
using K = model::RoomEventKind;

namespace {
const QDateTime t0(QDate(2026, 11, 28), QTime(20, 0), Qt::UTC);

RoomEvent chat(const QString &id, const QString &text, int atSec, model::Roles roles = {})
{
    RoomEvent e;
    e.kind = K::ChatMessage;
    e.actorId = id;
    e.actorName = QStringLiteral("name") + id;
    e.actorRoles = roles;
    e.text = text;
    e.occurredAt = t0.addSecs(atSec);
    return e;
}

RoomEvent about(K kind, const QString &target, int atSec, std::optional<qint64> duration = {})
{
    RoomEvent e;
    e.kind = kind;
    e.targetId = target;
    e.occurredAt = t0.addSecs(atSec);
    e.durationSeconds = duration;
    return e;
}
} // namespace

class TestRoomState : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rolesComeFromBadgesAndMarksStay();
    void firstTimeChattersExceptKnownOnes();
    void recentMessagesAreBounded();
    void bansAndTimeoutsRestrictUntilLiftedOrOver();
    void countersCount();
    void participantsAreBounded();
};

void TestRoomState::rolesComeFromBadgesAndMarksStay()
{
    live::RoomState s(QStringLiteral("twitch:1"));
    s.apply(chat(QStringLiteral("7"), QStringLiteral("hi"), 0, Role::Moderator));
    s.apply(chat(QStringLiteral("8"), QStringLiteral("hi"), 1, Role::Vip | Role::Subscriber));
    s.markSuspicious(QStringLiteral("8"), true);
    s.apply(chat(QStringLiteral("8"), QStringLiteral("again"), 2, Role::Vip));
    QCOMPARE(s.withRole(Role::Moderator).size(), 1);
    QVERIFY(s.participant(QStringLiteral("7"))->isProtected());
    const auto *vip = s.participant(QStringLiteral("8"));
    QVERIFY(vip->roles.testFlag(Role::Vip));
    QVERIFY(!vip->roles.testFlag(Role::Subscriber)); // badges are the latest word
    QVERIFY(vip->roles.testFlag(Role::Suspicious));  // our own marks stay
    QCOMPARE(s.withRole(Role::Suspicious).size(), 1);
}

void TestRoomState::firstTimeChattersExceptKnownOnes()
{
    live::RoomState s(QStringLiteral("twitch:1"));
    s.addKnownChatters({QStringLiteral("regular")});
    s.apply(chat(QStringLiteral("regular"), QStringLiteral("hey"), 0));
    s.apply(chat(QStringLiteral("newbie"), QStringLiteral("first!"), 1));
    s.apply(chat(QStringLiteral("newbie"), QStringLiteral("second"), 2));
    QVERIFY(!s.isFirstTimeChatter(QStringLiteral("regular")));
    QVERIFY(s.isFirstTimeChatter(QStringLiteral("newbie")));
    QCOMPARE(s.counters().firstTimeChatters, 1);
    QCOMPARE(s.participant(QStringLiteral("newbie"))->firstMessageAt, t0.addSecs(1));
}

void TestRoomState::recentMessagesAreBounded()
{
    live::RoomState s(QStringLiteral("twitch:1"));
    for (int i = 0; i < 20; ++i)
        s.apply(chat(QStringLiteral("9"), QString::number(i) + QString(1000, u'x'), i));
    const auto *p = s.participant(QStringLiteral("9"));
    QCOMPARE(p->messages, 20);
    QCOMPARE(int(p->recentMessages.size()), live::ParticipantState::kRecentMessages);
    QVERIFY(p->recentMessages.back().startsWith(QStringLiteral("19")));
    QCOMPARE(p->recentMessages.back().size(), 500);
}

void TestRoomState::bansAndTimeoutsRestrictUntilLiftedOrOver()
{
    live::RoomState s(QStringLiteral("twitch:1"));
    s.apply(chat(QStringLiteral("a"), QStringLiteral("x"), 0));
    s.apply(about(K::UserTimedOut, QStringLiteral("a"), 10, 60));
    const auto *a = s.participant(QStringLiteral("a"));
    QVERIFY(a->isRestricted(t0.addSecs(69)));
    QVERIFY(!a->isRestricted(t0.addSecs(71)));
    s.apply(about(K::UserBanned, QStringLiteral("a"), 20));
    QVERIFY(a->isRestricted(t0.addSecs(3600)));
    s.apply(about(K::UserUnbanned, QStringLiteral("a"), 30));
    QVERIFY(!a->isRestricted(t0.addSecs(31)));
}

void TestRoomState::countersCount()
{
    live::RoomState s(QStringLiteral("twitch:1"));
    s.apply(chat(QStringLiteral("a"), QStringLiteral("x"), 0));
    s.apply(chat(QStringLiteral("b"), QStringLiteral("y"), 0));
    s.apply(about(K::UserBanned, QStringLiteral("a"), 1));
    s.apply(about(K::UserTimedOut, QStringLiteral("b"), 1, 10));
    s.apply(about(K::MessageDeleted, QStringLiteral("b"), 1));
    RoomEvent shield;
    shield.kind = K::ShieldModeChanged;
    shield.count = 1;
    s.apply(shield);
    QCOMPARE(s.counters().messages, 2);
    QCOMPARE(s.counters().bans, 1);
    QCOMPARE(s.counters().timeouts, 1);
    QCOMPARE(s.counters().deletions, 1);
    QVERIFY(s.shieldMode());
}

void TestRoomState::participantsAreBounded()
{
    live::RoomState s(QStringLiteral("twitch:1"), 1000);
    for (int i = 0; i < 5000; ++i)
        s.apply(chat(QString::number(i), QStringLiteral("m"), i));
    QVERIFY(s.size() <= 1000);
    QVERIFY(s.participant(QStringLiteral("4999"))); // the newest stay
    QVERIFY(!s.participant(QStringLiteral("0")));   // the oldest go
    QCOMPARE(s.counters().messages, 5000);
}

ROOMWARDEN_TEST_MAIN_CORE(TestRoomState)
#include "TestRoomState.moc"
