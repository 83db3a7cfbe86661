// Bulk planning: the preview must be exactly who the filter says, and never a protected person.
#include "core/live/RoomState.h"
#include "core/moderation/BulkPlanner.h"
#include "core/moderation/TextFold.h"

#include "TestMain.h"

using namespace roomwarden;
using model::Role;
using moderation::BulkFilter;
using moderation::BulkPlanner;
using K = model::RoomEventKind;

namespace {
const QDateTime t0(QDate(2026, 11, 28), QTime(20, 0), Qt::UTC);

void say(live::RoomState &s, const QString &id, const QString &text, int atSec,
         model::Roles roles = {})
{
    model::RoomEvent e;
    e.kind = K::ChatMessage;
    e.actorId = id;
    e.actorName = QStringLiteral("n") + id;
    e.actorRoles = roles;
    e.text = text;
    e.occurredAt = t0.addSecs(atSec);
    s.apply(e);
}

QStringList ids(const moderation::BulkPlan &plan)
{
    QStringList out;
    for (const auto &t : plan.targets)
        out << t.userId;
    return out;
}
} // namespace

class TestBulkPlanner : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void anEmptyFilterPlansNothing();
    void joinedWithinSeconds();
    void patternMatchesDisguisedText();
    void accountAgeNeedsKnownAges();
    void protectedAndRestrictedPeopleAreNeverTargets();
    void actionsCarryTheChoice();
    void onlyTheNamedAccounts();

private:
    std::unique_ptr<live::RoomState> m_room;
    moderation::TextFolder m_folder;
    const QDateTime m_now = t0.addSecs(600);
};

void TestBulkPlanner::init()
{
    m_room = std::make_unique<live::RoomState>(QStringLiteral("twitch:1"));
    m_room->addKnownChatters({QStringLiteral("regular")});
    say(*m_room, QStringLiteral("regular"), QStringLiteral("evening all"), 0);
    say(*m_room, QStringLiteral("mod"), QStringLiteral("follow for cheap viewers"), 560,
        Role::Moderator);
    say(*m_room, QStringLiteral("r1"), QStringLiteral("\u0441heap VIEWERS here"), 570);
    say(*m_room, QStringLiteral("r2"), QStringLiteral("ch\u200Beap viewers"), 580);
    say(*m_room, QStringLiteral("r3"), QStringLiteral("hello"), 590);
    say(*m_room, QStringLiteral("me"), QStringLiteral("cheap viewers lol"), 595);
}

void TestBulkPlanner::anEmptyFilterPlansNothing()
{
    const auto plan = BulkPlanner::plan(*m_room, BulkFilter{}, m_now, {}, m_folder);
    QVERIFY(plan.targets.isEmpty());
    QVERIFY(!plan.error.isEmpty());
}

void TestBulkPlanner::joinedWithinSeconds()
{
    BulkFilter f;
    f.joinedWithinSeconds = 45;
    const auto plan = BulkPlanner::plan(*m_room, f, m_now, QStringLiteral("me"), m_folder);
    QCOMPARE(ids(plan),
             (QStringList{QStringLiteral("r1"), QStringLiteral("r2"), QStringLiteral("r3")}));
    QCOMPARE(plan.skippedProtected, 2); // the moderator and the user themself
}

void TestBulkPlanner::patternMatchesDisguisedText()
{
    BulkFilter f;
    f.pattern = QStringLiteral("Cheap Viewers");
    const auto plan = BulkPlanner::plan(*m_room, f, m_now, QStringLiteral("me"), m_folder);
    QCOMPARE(ids(plan), (QStringList{QStringLiteral("r1"), QStringLiteral("r2")}));
    f.pattern = QStringLiteral("\u200B \u0301");
    QVERIFY(!BulkPlanner::plan(*m_room, f, m_now, {}, m_folder).error.isEmpty());
}

void TestBulkPlanner::accountAgeNeedsKnownAges()
{
    m_room->setAccountCreatedAt(QStringLiteral("r1"), m_now.addSecs(-3600));
    m_room->setAccountCreatedAt(QStringLiteral("r2"), m_now.addDays(-400));
    BulkFilter f;
    f.accountYoungerThanHours = 24;
    f.firstTimeChattersOnly = true;
    const auto plan = BulkPlanner::plan(*m_room, f, m_now, QStringLiteral("me"), m_folder);
    QCOMPARE(ids(plan), QStringList{QStringLiteral("r1")});
    QCOMPARE(plan.skippedUnknownAge, 3); // r3, mod and me: age not known, so not targeted
}

void TestBulkPlanner::protectedAndRestrictedPeopleAreNeverTargets()
{
    model::RoomEvent ban;
    ban.kind = K::UserBanned;
    ban.targetId = QStringLiteral("r1");
    ban.occurredAt = t0.addSecs(599);
    m_room->apply(ban);
    say(*m_room, QStringLiteral("vip"), QStringLiteral("cheap viewers?"), 599, Role::Vip);
    say(*m_room, QStringLiteral("host"), QStringLiteral("cheap viewers?"), 599, Role::Broadcaster);
    BulkFilter f;
    f.pattern = QStringLiteral("cheap viewers");
    const auto plan = BulkPlanner::plan(*m_room, f, m_now, QStringLiteral("me"), m_folder);
    QCOMPARE(ids(plan), QStringList{QStringLiteral("r2")});
    QCOMPARE(plan.skippedRestricted, 1);
    QCOMPARE(plan.skippedProtected, 4); // mod, me, vip, host
}

void TestBulkPlanner::actionsCarryTheChoice()
{
    BulkFilter f;
    f.joinedWithinSeconds = 45;
    const auto plan = BulkPlanner::plan(*m_room, f, m_now, QStringLiteral("me"), m_folder);
    const auto timeouts =
        BulkPlanner::actions(plan, QStringLiteral("twitch:1"), model::ModerationActionKind::Timeout,
                             600, QStringLiteral("raid"));
    QCOMPARE(timeouts.size(), 3);
    for (const auto &a : timeouts) {
        QCOMPARE(a.kind, model::ModerationActionKind::Timeout);
        QCOMPARE(a.durationSeconds, std::optional<qint64>(600));
        QCOMPARE(a.validationError(), std::nullopt);
    }
    QVERIFY(BulkPlanner::actions(plan, QStringLiteral("twitch:1"),
                                 model::ModerationActionKind::Unban, {}, {})
                .isEmpty());
}

void TestBulkPlanner::onlyTheNamedAccounts()
{
    BulkFilter f; // a raid alert's list: still never the protected ones
    f.onlyUserIds = {QStringLiteral("r3"), QStringLiteral("r1"), QStringLiteral("mod"),
                     QStringLiteral("gone")};
    const auto plan = BulkPlanner::plan(*m_room, f, m_now, QStringLiteral("me"), m_folder);
    QCOMPARE(ids(plan), (QStringList{QStringLiteral("r1"), QStringLiteral("r3")}));
    QCOMPARE(plan.skippedProtected, 1);
}

ROOMWARDEN_TEST_MAIN_CORE(TestBulkPlanner)
#include "TestBulkPlanner.moc"
