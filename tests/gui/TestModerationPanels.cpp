#include "core/model/ChatModes.h"
#include "core/model/ModerationAction.h"
#include "core/model/Room.h"
#include "core/model/RoomEvent.h"
#include "ui/ChatModesPanel.h"
#include "ui/RoomView.h"

#include "TestMain.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>

using namespace roomwarden;
using model::ChatModes;
using model::ChatModesPatch;
using model::ModerationAction;
using model::ModerationActionKind;
using model::RoomEvent;
using model::RoomEventKind;
using ui::RoomView;

Q_DECLARE_METATYPE(roomwarden::model::ChatModes)
Q_DECLARE_METATYPE(roomwarden::model::ChatModesPatch)

namespace {
model::Room demoRoom()
{
    return {model::Provider::Twitch, QStringLiteral("1001"), QStringLiteral("sandbox_caster"),
            QStringLiteral("Sandbox Caster")};
}

RoomEvent roomEvent(RoomEventKind kind, const QString &id, const QString &user = {})
{
    RoomEvent e;
    e.kind = kind;
    e.messageId = id;
    e.actorId = user;
    e.actorName = user.isEmpty() ? QString() : QStringLiteral("name_") + user;
    e.text = QStringLiteral("text of ") + id;
    e.occurredAt = QDateTime::currentDateTimeUtc();
    return e;
}

ModerationAction last(const QSignalSpy &spy)
{
    return spy.last().at(0).value<ModerationAction>();
}

template <typename T>
T *child(QObject *parent, const char *name)
{
    T *w = parent->findChild<T *>(QString::fromLatin1(name));
    if (!w)
        qWarning("no child %s", name);
    return w;
}

void click(QObject *parent, const char *name)
{
    auto *button = child<QPushButton>(parent, name);
    QVERIFY(button);
    QVERIFY2(button->isEnabled(), name);
    QTest::mouseClick(button, Qt::LeftButton);
}

QStringList itemTexts(QListWidget *list)
{
    QStringList out;
    for (int i = 0; i < list->count(); ++i)
        out << list->item(i)->text();
    return out;
}
} // namespace

class TestModerationPanels : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<ModerationAction>(); }
    void heldQueue();
    void unbanQueue();
    void chatModesPatch_data();
    void chatModesPatch();
    void invalidChatModesAreExplained();
    void shieldToggle();
    void blockedTerms();
    void announcement();
    void refusedPanelActionsAreDisabled();
};

void TestModerationPanels::heldQueue()
{
    RoomView view(demoRoom());
    view.show();
    QSignalSpy spy(&view, &RoomView::actionRequested);
    view.applyEvents(
        {roomEvent(RoomEventKind::AutoModHeld, QStringLiteral("h1"), QStringLiteral("a")),
         roomEvent(RoomEventKind::AutoModHeld, QStringLiteral("h2"), QStringLiteral("b")),
         roomEvent(RoomEventKind::AutoModHeld, QStringLiteral("h3"), QStringLiteral("c")),
         roomEvent(RoomEventKind::AutoModHeld, QStringLiteral("h1"), QStringLiteral("a"))});
    QCOMPARE(view.heldCount(), 3); // the redelivered h1 counts once
    auto *panel = child<QWidget>(&view, "heldQueue");
    auto *list = child<QListWidget>(panel, "heldList");
    QCOMPARE(itemTexts(list).first(), QStringLiteral("name_a: text of h1"));
    auto *tabs = child<QTabWidget>(&view, "room.side");
    QVERIFY(tabs->tabText(tabs->indexOf(panel)).contains(u'3'));

    // Nothing selected: explained, nothing sent.
    click(panel, "heldApprove");
    QCOMPARE(spy.count(), 0);
    QVERIFY(!child<QLabel>(panel, "heldQueue.error")->text().isEmpty());

    list->setCurrentRow(1);
    click(panel, "heldApprove");
    QCOMPARE(spy.count(), 1);
    QCOMPARE(last(spy).kind, ModerationActionKind::ApproveHeldMessage);
    QCOMPARE(last(spy).messageId, QStringLiteral("h2"));
    QCOMPARE(last(spy).targetUserId, QStringLiteral("b"));
    QCOMPARE(last(spy).roomKey, view.room().key());
    QVERIFY(!last(spy).intentId.isEmpty());
    QVERIFY(child<QLabel>(panel, "heldQueue.error")->text().isEmpty());
    QCOMPARE(view.heldCount(), 3); // stays until the platform says it is resolved

    view.applyEvents({roomEvent(RoomEventKind::AutoModResolved, QStringLiteral("h2"))});
    QCOMPARE(view.heldCount(), 2);
    QVERIFY(!itemTexts(list).join(u'|').contains(QStringLiteral("h2")));
    QVERIFY(tabs->tabText(tabs->indexOf(panel)).contains(u'2'));

    list->setCurrentRow(1); // h3
    click(panel, "heldDeny");
    QCOMPARE(spy.count(), 2);
    QCOMPARE(last(spy).kind, ModerationActionKind::DenyHeldMessage);
    QCOMPARE(last(spy).messageId, QStringLiteral("h3"));

    // A resolution for something never shown changes nothing.
    view.applyEvents({roomEvent(RoomEventKind::AutoModResolved, QStringLiteral("zz"))});
    QCOMPARE(view.heldCount(), 2);
}

void TestModerationPanels::unbanQueue()
{
    RoomView view(demoRoom());
    view.show();
    QSignalSpy spy(&view, &RoomView::actionRequested);
    view.applyEvents(
        {roomEvent(RoomEventKind::UnbanRequestCreated, QStringLiteral("r1"), QStringLiteral("u5")),
         roomEvent(RoomEventKind::UnbanRequestCreated, QStringLiteral("r2"), QStringLiteral("u6")),
         roomEvent(RoomEventKind::UnbanRequestCreated, QStringLiteral("r3"),
                   QStringLiteral("u7"))});
    auto *panel = child<QWidget>(&view, "unbanQueue");
    auto *list = child<QListWidget>(panel, "unbanList");
    QCOMPARE(list->count(), 3);
    list->setCurrentRow(0);
    auto *resolution = child<QLineEdit>(panel, "unbanResolution");
    QTest::keyClicks(resolution, QStringLiteral("Welcome back, be nice"));
    click(panel, "unbanApprove");
    QCOMPARE(spy.count(), 1);
    QCOMPARE(last(spy).kind, ModerationActionKind::ApproveUnbanRequest);
    QCOMPARE(last(spy).messageId, QStringLiteral("r1"));
    QCOMPARE(last(spy).reason, QStringLiteral("Welcome back, be nice"));
    QCOMPARE(last(spy).targetUserId, QStringLiteral("u5"));
    QVERIFY(resolution->text().isEmpty());

    list->setCurrentRow(1);
    click(panel, "unbanDeny");
    QCOMPARE(last(spy).kind, ModerationActionKind::DenyUnbanRequest);
    QCOMPARE(last(spy).messageId, QStringLiteral("r2"));
    QVERIFY(last(spy).reason.isEmpty());

    // Resolved by request id (channel.unban_request.resolve)...
    view.applyEvents({roomEvent(RoomEventKind::UnbanRequestResolved, QStringLiteral("r1"))});
    QCOMPARE(list->count(), 2);
    // ...or only by user (channel.moderate's approve/deny_unban_request).
    RoomEvent byUser = roomEvent(RoomEventKind::UnbanRequestResolved, QString());
    byUser.targetId = QStringLiteral("u6");
    view.applyEvents({byUser});
    QCOMPARE(itemTexts(list), QStringList{QStringLiteral("name_u7: text of r3")});
}

void TestModerationPanels::chatModesPatch_data()
{
    QTest::addColumn<ChatModes>("initial");
    QTest::addColumn<QStringList>("edits");
    QTest::addColumn<ChatModesPatch>("expected");
    ChatModes off;
    ChatModes busy;
    busy.slowSeconds = 10;
    busy.subscriberOnly = true;
    busy.followerMinutes = 30;
    ChatModesPatch p;

    p = {};
    p.slowSeconds = std::optional<int>(30);
    QTest::newRow("slow 30 only") << off << QStringList{"slow=30"} << p;
    p = {};
    p.emoteOnly = true;
    QTest::newRow("emote only on") << off << QStringList{"emote"} << p;
    p = {};
    p.slowSeconds = std::optional<int>(std::nullopt);
    QTest::newRow("slow off, the rest untouched") << busy << QStringList{"slow=off"} << p;
    p = {};
    p.followerMinutes = std::optional<int>(0);
    QTest::newRow("any follower") << off << QStringList{"follower=0"} << p;
    p = {};
    p.nonModeratorDelaySeconds = std::optional<int>(4);
    p.uniqueChat = true;
    QTest::newRow("delay 4 and unique") << off << QStringList{"delay=4", "unique"} << p;
    p = {};
    p.slowSeconds = std::optional<int>(60);
    p.subscriberOnly = false;
    QTest::newRow("two changes on a busy room")
        << busy << QStringList{"slow=60", "subscriber"} << p;
}

void TestModerationPanels::chatModesPatch()
{
    QFETCH(ChatModes, initial);
    QFETCH(QStringList, edits);
    QFETCH(ChatModesPatch, expected);
    RoomView view(demoRoom());
    view.show();
    view.setChatModes(initial);
    auto *panel = child<QWidget>(&view, "chatModesPanel");
    QSignalSpy spy(&view, &RoomView::actionRequested);
    for (const QString &edit : edits) {
        const QString what = edit.section(u'=', 0, 0);
        const QString value = edit.section(u'=', 1);
        if (what == u"slow") {
            child<QCheckBox>(panel, "slowEnabled")->setChecked(value != u"off");
            if (value != u"off")
                child<QSpinBox>(panel, "slowSeconds")->setValue(value.toInt());
        } else if (what == u"follower") {
            child<QCheckBox>(panel, "followerEnabled")->setChecked(true);
            child<QSpinBox>(panel, "followerMinutes")->setValue(value.toInt());
        } else if (what == u"delay") {
            child<QCheckBox>(panel, "delayEnabled")->setChecked(true);
            auto *combo = child<QComboBox>(panel, "delaySeconds");
            combo->setCurrentIndex(combo->findData(value.toInt()));
        } else if (what == u"emote") {
            child<QCheckBox>(panel, "emoteOnly")->toggle();
        } else if (what == u"subscriber") {
            child<QCheckBox>(panel, "subscriberOnly")->toggle();
        } else if (what == u"unique") {
            child<QCheckBox>(panel, "uniqueChat")->toggle();
        } else {
            QFAIL(qPrintable(edit));
        }
    }
    click(panel, "chatModesApply");
    QCOMPARE(spy.count(), 1);
    const ModerationAction a = last(spy);
    QCOMPARE(a.kind, ModerationActionKind::UpdateChatModes);
    QVERIFY(a.chatModes.has_value());
    QCOMPARE(a.chatModes->slowSeconds, expected.slowSeconds);
    QCOMPARE(a.chatModes->followerMinutes, expected.followerMinutes);
    QCOMPARE(a.chatModes->emoteOnly, expected.emoteOnly);
    QCOMPARE(a.chatModes->subscriberOnly, expected.subscriberOnly);
    QCOMPARE(a.chatModes->uniqueChat, expected.uniqueChat);
    QCOMPARE(a.chatModes->nonModeratorDelaySeconds, expected.nonModeratorDelaySeconds);
    QVERIFY(*a.chatModes == expected);
    QVERIFY(!a.validationError());
}

void TestModerationPanels::invalidChatModesAreExplained()
{
    RoomView view(demoRoom());
    view.show();
    auto *panel = child<QWidget>(&view, "chatModesPanel");
    auto *error = child<QLabel>(panel, "chatModesPanel.error");
    QSignalSpy spy(&view, &RoomView::actionRequested);
    click(panel, "chatModesApply"); // nothing changed
    QCOMPARE(spy.count(), 0);
    QVERIFY(!error->isHidden()); // (its tab is not the current one)
    QVERIFY(!error->text().isEmpty());

    child<QCheckBox>(panel, "slowEnabled")->setChecked(true);
    child<QSpinBox>(panel, "slowSeconds")->setValue(200);
    click(panel, "chatModesApply");
    QCOMPARE(spy.count(), 0);
    QVERIFY2(error->text().contains(QStringLiteral("120")), qPrintable(error->text()));
    QCOMPARE(error->textFormat(), Qt::PlainText);

    child<QSpinBox>(panel, "slowSeconds")->setValue(120);
    click(panel, "chatModesApply");
    QCOMPARE(spy.count(), 1);
    QVERIFY(error->isHidden());
}

void TestModerationPanels::shieldToggle()
{
    RoomView view(demoRoom());
    view.show();
    auto *panel = child<QWidget>(&view, "chatModesPanel");
    auto *toggle = child<QPushButton>(panel, "shieldToggle");
    QSignalSpy spy(&view, &RoomView::actionRequested);
    view.setShieldMode(false);
    QVERIFY(!toggle->isChecked());
    click(panel, "shieldToggle");
    QCOMPARE(spy.count(), 1);
    QCOMPARE(last(spy).kind, ModerationActionKind::SetShieldMode);
    QCOMPARE(last(spy).active, std::optional<bool>(true));
    QVERIFY(!toggle->isChecked()); // the platform has not confirmed yet

    // The platform reports it on: the button follows and now turns it off.
    RoomEvent on = roomEvent(RoomEventKind::ShieldModeChanged, QString(), QStringLiteral("mod"));
    on.count = 1;
    view.applyEvents({on});
    QVERIFY(toggle->isChecked());
    click(panel, "shieldToggle");
    QCOMPARE(spy.count(), 2);
    QCOMPARE(last(spy).active, std::optional<bool>(false));
    view.setShieldMode(false);
    QVERIFY(!toggle->isChecked());
}

void TestModerationPanels::blockedTerms()
{
    RoomView view(demoRoom());
    view.show();
    view.setBlockedTerms({{QStringLiteral("t1"), QStringLiteral("badword")},
                          {QStringLiteral("t2"), QStringLiteral("<b>other</b>")}});
    auto *panel = child<QWidget>(&view, "blockedTermsPanel");
    auto *list = child<QListWidget>(panel, "blockedTermsList");
    QCOMPARE(itemTexts(list),
             (QStringList{QStringLiteral("badword"), QStringLiteral("<b>other</b>")}));
    QSignalSpy spy(&view, &RoomView::actionRequested);

    auto *edit = child<QLineEdit>(panel, "blockedTermEdit");
    QTest::keyClicks(edit, QStringLiteral("x"));
    click(panel, "blockedTermAdd");
    QCOMPARE(spy.count(), 0);
    QVERIFY(!child<QLabel>(panel, "blockedTermsPanel.error")->text().isEmpty());
    QCOMPARE(edit->text(), QStringLiteral("x")); // kept for correction

    edit->setText(QStringLiteral(" new term "));
    click(panel, "blockedTermAdd");
    QCOMPARE(spy.count(), 1);
    QCOMPARE(last(spy).kind, ModerationActionKind::AddBlockedTerm);
    QCOMPARE(last(spy).text, QStringLiteral("new term"));
    QVERIFY(edit->text().isEmpty());

    list->setCurrentRow(1);
    click(panel, "blockedTermRemove");
    QCOMPARE(spy.count(), 2);
    QCOMPARE(last(spy).kind, ModerationActionKind::RemoveBlockedTerm);
    QCOMPARE(last(spy).messageId, QStringLiteral("t2"));
}

void TestModerationPanels::announcement()
{
    RoomView view(demoRoom());
    view.show();
    auto *panel = child<QWidget>(&view, "announcementPanel");
    QSignalSpy spy(&view, &RoomView::actionRequested);
    click(panel, "announcementSend");
    QCOMPARE(spy.count(), 0);
    QVERIFY(!child<QLabel>(panel, "announcementPanel.error")->text().isEmpty());
    auto *text = child<QPlainTextEdit>(panel, "announcementText");
    text->setPlainText(QStringLiteral("Stream starts at 8 <b>sharp</b>"));
    click(panel, "announcementSend");
    QCOMPARE(spy.count(), 1);
    QCOMPARE(last(spy).kind, ModerationActionKind::SendAnnouncement);
    QCOMPARE(last(spy).text, QStringLiteral("Stream starts at 8 <b>sharp</b>"));
    QVERIFY(text->toPlainText().isEmpty());
    text->setPlainText(QString(501, u'a'));
    click(panel, "announcementSend");
    QCOMPARE(spy.count(), 1);
}

void TestModerationPanels::refusedPanelActionsAreDisabled()
{
    const QString reason =
        QStringLiteral("Shield mode needs the moderator:manage:shield_mode scope.");
    RoomView view(demoRoom());
    view.setPermissionCheck([reason](ModerationActionKind kind) -> std::optional<QString> {
        if (kind == ModerationActionKind::SetShieldMode ||
            kind == ModerationActionKind::ApproveHeldMessage)
            return reason;
        return std::nullopt;
    });
    auto *toggle = child<QPushButton>(&view, "shieldToggle");
    QVERIFY(!toggle->isEnabled());
    QCOMPARE(toggle->toolTip(), reason);
    auto *approve = child<QPushButton>(&view, "heldApprove");
    QVERIFY(!approve->isEnabled());
    QCOMPARE(approve->toolTip(), reason);
    auto *deny = child<QPushButton>(&view, "heldDeny");
    QVERIFY(deny->isEnabled());
    QVERIFY(deny->toolTip().isEmpty());
    QVERIFY(child<QPushButton>(&view, "chatModesApply")->isEnabled());
    // Allowed again.
    view.setPermissionCheck({});
    QVERIFY(toggle->isEnabled());
    QVERIFY(toggle->toolTip().isEmpty());
}

ROOMWARDEN_TEST_MAIN_GUI(TestModerationPanels)
#include "TestModerationPanels.moc"
