#include "core/model/Account.h"
#include "core/model/ModerationAction.h"
#include "core/model/Participant.h"
#include "core/model/Provider.h"
#include "core/model/Role.h"
#include "core/model/Room.h"
#include "core/model/RoomEvent.h"
#include "core/model/RoomSession.h"
#include "core/model/Scope.h"

#include "TestMain.h"

#include <QSet>
#include <QTimeZone>

using namespace roomwarden::model;

class TestModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void providerIdsRoundTrip();
    void accountKeysAreProviderQualified();
    void accountScopesAreProviderBound();
    void scopesParseEveryShapeTwitchSends_data();
    void scopesParseEveryShapeTwitchSends();
    void primaryRoleOrder_data();
    void primaryRoleOrder();
    void moderationRules_data();
    void moderationRules();
    void roleIdsRoundTrip();
    void eventKindIdsRoundTripAndAreUnique();
    void moderationEventsAreClassified();
    void sessionDuration();
    void participantShownName();
    void actionValidation_data();
    void actionValidation();
    void actionKindIdsRoundTrip();
};

void TestModel::providerIdsRoundTrip()
{
    for (Provider p : {Provider::Twitch, Provider::Discord}) {
        QCOMPARE(providerFromId(providerId(p)), p);
        QVERIFY(!providerDisplayName(p).isEmpty());
    }
    QCOMPARE(providerFromId(u"Twitch"), std::nullopt); // ids are exact, lower case
    QCOMPARE(providerFromId(u""), std::nullopt);
}

void TestModel::accountKeysAreProviderQualified()
{
    Account a{Provider::Twitch,
              QStringLiteral("141981764"),
              QStringLiteral("twitchdev"),
              QStringLiteral("TwitchDev"),
              {},
              {}};
    QCOMPARE(a.secretKey(), QStringLiteral("twitch:141981764"));
    a.provider = Provider::Discord;
    QCOMPARE(a.secretKey(), QStringLiteral("discord:141981764"));
    QVERIFY(a.isValid());
    QVERIFY(!Account{}.isValid());
}

void TestModel::accountScopesAreProviderBound()
{
    Account a;
    a.accountId = QStringLiteral("1");
    a.grantedScopes = scopesFromWords(Provider::Twitch, {QStringLiteral("user:read:chat")});
    QVERIFY(a.hasScope(QStringLiteral("user:read:chat")));
    QVERIFY(!a.hasScope(QStringLiteral("user:write:chat")));
    a.provider = Provider::Discord; // same word, other platform: not the same grant
    QVERIFY(!a.hasScope(QStringLiteral("user:read:chat")));
}

void TestModel::scopesParseEveryShapeTwitchSends_data()
{
    QTest::addColumn<QString>("spaceDelimited");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("one") << "chat:read" << QStringList{"chat:read"};
    QTest::newRow("several") << "chat:read chat:edit" << QStringList{"chat:read", "chat:edit"};
    QTest::newRow("extra spaces") << "  chat:read   chat:edit "
                                  << QStringList{"chat:read", "chat:edit"};
    QTest::newRow("duplicates collapse") << "a a b a" << QStringList{"a", "b"};
    QTest::newRow("empty") << "" << QStringList{};
}

void TestModel::scopesParseEveryShapeTwitchSends()
{
    QFETCH(QString, spaceDelimited);
    QFETCH(QStringList, expected);
    const ScopeSet set = scopesFromSpaceDelimited(Provider::Twitch, spaceDelimited);
    QCOMPARE(scopeNames(set), expected);
    QCOMPARE(scopeNames(scopesFromWords(Provider::Twitch, spaceDelimited.split(u' '))), expected);
}

void TestModel::primaryRoleOrder_data()
{
    QTest::addColumn<int>("roles");
    QTest::addColumn<int>("primary");
    QTest::newRow("none") << 0 << int(Role::None);
    QTest::newRow("sub vip") << int(Role::Subscriber | Role::Vip) << int(Role::Vip);
    QTest::newRow("mod sub") << int(Role::Moderator | Role::Subscriber) << int(Role::Moderator);
    QTest::newRow("broadcaster wins")
        << int(Role::Broadcaster | Role::Moderator | Role::Vip) << int(Role::Broadcaster);
    QTest::newRow("marks never win")
        << int(Role::Suspicious | Role::FirstTimeChatter) << int(Role::None);
    QTest::newRow("speaker over sub")
        << int(Role::Speaker | Role::Subscriber) << int(Role::Speaker);
}

void TestModel::primaryRoleOrder()
{
    QFETCH(int, roles);
    QFETCH(int, primary);
    QCOMPARE(int(primaryRole(Roles::fromInt(roles))), primary);
}

void TestModel::moderationRules_data()
{
    QTest::addColumn<int>("actor");
    QTest::addColumn<int>("target");
    QTest::addColumn<bool>("allowed");
    const int b = int(Role::Broadcaster), m = int(Role::Moderator), v = int(Role::Vip),
              s = int(Role::Subscriber);
    QTest::newRow("broadcaster on viewer") << b << 0 << true;
    QTest::newRow("broadcaster on mod") << b << m << true;
    QTest::newRow("mod on viewer") << m << 0 << true;
    QTest::newRow("mod on vip sub") << m << (v | s) << true;
    QTest::newRow("mod on mod") << m << m << false;
    QTest::newRow("mod on broadcaster") << m << b << false;
    QTest::newRow("nobody on broadcaster") << (b | m) << b << false;
    QTest::newRow("vip on viewer") << v << 0 << false;
    QTest::newRow("viewer on viewer") << 0 << 0 << false;
}

void TestModel::moderationRules()
{
    QFETCH(int, actor);
    QFETCH(int, target);
    QFETCH(bool, allowed);
    QCOMPARE(canModerate(Roles::fromInt(actor), Roles::fromInt(target)), allowed);
}

void TestModel::roleIdsRoundTrip()
{
    const Roles all = Role::Subscriber | Role::Vip | Role::Moderator | Role::Broadcaster |
                      Role::FirstTimeChatter | Role::Suspicious | Role::Speaker;
    const QStringList ids = roleIds(all);
    QCOMPARE(ids.size(), 7);
    Roles back;
    for (const QString &id : ids) {
        const auto r = roleFromId(id);
        QVERIFY2(r.has_value(), qPrintable(id));
        back |= *r;
    }
    QCOMPARE(back, all);
    QCOMPARE(roleFromId(u"admin"), std::nullopt);
}

void TestModel::eventKindIdsRoundTripAndAreUnique()
{
    QSet<QString> seen;
    for (int k = int(RoomEventKind::ChatMessage); k <= int(RoomEventKind::Gap); ++k) {
        const auto kind = RoomEventKind(k);
        const QString id = eventKindId(kind);
        QVERIFY2(id != u"unknown", qPrintable(QString::number(k)));
        QVERIFY2(!seen.contains(id), qPrintable(id));
        seen.insert(id);
        QCOMPARE(eventKindFromId(id), kind);
    }
    QCOMPARE(eventKindFromId(u"CHAT_MESSAGE"), std::nullopt);
}

void TestModel::moderationEventsAreClassified()
{
    QVERIFY(isModerationEvent(RoomEventKind::UserBanned));
    QVERIFY(isModerationEvent(RoomEventKind::MessageDeleted));
    QVERIFY(!isModerationEvent(RoomEventKind::ChatMessage));
    QVERIFY(!isModerationEvent(RoomEventKind::Follow));
    QVERIFY(!isModerationEvent(RoomEventKind::Gap));
}

void TestModel::sessionDuration()
{
    const QDateTime start(QDate(2026, 3, 1), QTime(20, 0), Qt::UTC);
    RoomSession s{QStringLiteral("s1"), QStringLiteral("twitch:1"), QStringLiteral("t"), start, {}};
    QVERIFY(s.isOpen());
    QCOMPARE(s.durationSeconds(start.addSecs(90)), 90);
    QCOMPARE(s.durationSeconds(start.addSecs(-30)),
             0); // a clock that disagrees never goes negative
    s.endedAt = start.addSecs(3600);
    QVERIFY(!s.isOpen());
    QCOMPARE(s.durationSeconds(start.addSecs(99999)), 3600);
    QCOMPARE(RoomSession{}.durationSeconds(start), 0);
}

void TestModel::participantShownName()
{
    Participant p{
        QStringLiteral("42"), QStringLiteral("login"), QStringLiteral("Display"), {}, {}, {}};
    QCOMPARE(p.shownName(), QStringLiteral("Display"));
    p.displayName = QStringLiteral("   ");
    QCOMPARE(p.shownName(), QStringLiteral("login"));
    p.login.clear();
    QCOMPARE(p.shownName(), QStringLiteral("42"));
}

void TestModel::actionValidation_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("messageId");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<qint64>("duration"); // -1: none
    QTest::addColumn<bool>("valid");
    using K = ModerationActionKind;
    const QString longReason(501, u'x');
    QTest::newRow("ban") << int(K::Ban) << "9"
                         << ""
                         << "spam" << qint64(-1) << true;
    QTest::newRow("ban without target") << int(K::Ban) << ""
                                        << ""
                                        << "" << qint64(-1) << false;
    QTest::newRow("ban with duration") << int(K::Ban) << "9"
                                       << ""
                                       << "" << qint64(60) << false;
    QTest::newRow("timeout") << int(K::Timeout) << "9"
                             << ""
                             << "" << qint64(600) << true;
    QTest::newRow("timeout 1 s ends a timeout") << int(K::Timeout) << "9"
                                                << ""
                                                << "" << qint64(1) << true;
    QTest::newRow("timeout 2 weeks") << int(K::Timeout) << "9"
                                     << ""
                                     << "" << qint64(1209600) << true;
    QTest::newRow("timeout too long") << int(K::Timeout) << "9"
                                      << ""
                                      << "" << qint64(1209601) << false;
    QTest::newRow("timeout zero") << int(K::Timeout) << "9"
                                  << ""
                                  << "" << qint64(0) << false;
    QTest::newRow("timeout without duration") << int(K::Timeout) << "9"
                                              << ""
                                              << "" << qint64(-1) << false;
    QTest::newRow("reason 500") << int(K::Ban) << "9"
                                << "" << QString(500, u'x') << qint64(-1) << true;
    QTest::newRow("reason 501") << int(K::Ban) << "9"
                                << "" << longReason << qint64(-1) << false;
    QTest::newRow("warn needs reason") << int(K::Warn) << "9"
                                       << ""
                                       << " " << qint64(-1) << false;
    QTest::newRow("warn") << int(K::Warn) << "9"
                          << ""
                          << "rule 3" << qint64(-1) << true;
    QTest::newRow("delete") << int(K::DeleteMessage) << ""
                            << "m-1"
                            << "" << qint64(-1) << true;
    QTest::newRow("delete without message") << int(K::DeleteMessage) << ""
                                            << ""
                                            << "" << qint64(-1) << false;
    QTest::newRow("clear chat") << int(K::ClearChat) << ""
                                << ""
                                << "" << qint64(-1) << true;
    QTest::newRow("approve held") << int(K::ApproveHeldMessage) << ""
                                  << "h-1"
                                  << "" << qint64(-1) << true;
}

void TestModel::actionValidation()
{
    QFETCH(int, kind);
    QFETCH(QString, target);
    QFETCH(QString, messageId);
    QFETCH(QString, reason);
    QFETCH(qint64, duration);
    QFETCH(bool, valid);
    ModerationAction a;
    a.kind = ModerationActionKind(kind);
    a.roomKey = QStringLiteral("twitch:1");
    a.targetUserId = target;
    a.messageId = messageId;
    a.reason = reason;
    if (duration >= 0)
        a.durationSeconds = duration;
    const auto error = a.validationError();
    QCOMPARE(!error.has_value(), valid);
    if (error)
        QVERIFY(!error->isEmpty());
    a.roomKey.clear();
    QVERIFY(a.validationError().has_value()); // never valid without a room
}

void TestModel::actionKindIdsRoundTrip()
{
    for (int k = int(ModerationActionKind::Ban); k <= int(ModerationActionKind::Kick); ++k) {
        const auto kind = ModerationActionKind(k);
        QCOMPARE(actionKindFromId(actionKindId(kind)), kind);
    }
    QCOMPARE(actionKindFromId(u"nuke"), std::nullopt);
}

ROOMWARDEN_TEST_MAIN_CORE(TestModel)
#include "TestModel.moc"
