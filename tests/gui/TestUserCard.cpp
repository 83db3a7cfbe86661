#include "core/model/AuditEntry.h"
#include "core/model/ModerationAction.h"
#include "core/model/Room.h"
#include "core/model/RoomEvent.h"
#include "ui/RoomView.h"
#include "ui/UserCard.h"

#include "TestMain.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>

using namespace roomwarden;
using model::ActionOutcome;
using model::AuditEntry;
using model::ModerationAction;
using model::ModerationActionKind;
using model::RoomEvent;
using model::RoomEventKind;
using ui::RoomView;
using ui::UserCard;

namespace {
model::Room demoRoom()
{
    return {model::Provider::Twitch, QStringLiteral("1001"), QStringLiteral("sandbox_caster"),
            QStringLiteral("Sandbox Caster")};
}

RoomEvent chat(int i, const QString &userId)
{
    RoomEvent e;
    e.kind = RoomEventKind::ChatMessage;
    e.messageId = QStringLiteral("m%1").arg(i);
    e.actorId = userId;
    e.actorName = QStringLiteral("name_") + userId;
    e.text = QStringLiteral("message %1").arg(i);
    e.occurredAt = QDateTime(QDate(2024, 5, 1), QTime(10, 0), Qt::UTC).addSecs(i);
    return e;
}

AuditEntry history(int minute, const QString &action, const QString &reason)
{
    AuditEntry e;
    e.at = QDateTime(QDate(2024, 4, 1), QTime(12, minute), Qt::UTC);
    e.action = action;
    e.reason = reason;
    e.moderatorName = QStringLiteral("mod_a");
    e.targetId = QStringLiteral("u1");
    e.outcome = ActionOutcome::Applied;
    return e;
}

QStringList texts(QListWidget *list)
{
    QStringList out;
    for (int i = 0; i < list->count(); ++i)
        out << list->item(i)->text();
    return out;
}
} // namespace

class TestUserCard : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<ModerationAction>(); }
    void showsOnlyThatUsersMessagesNewestFirst();
    void showsHistoryNewestFirst();
    void notesAreReportedAfterTyping();
    void buttonsSendActionsThroughTheRoom();
};

void TestUserCard::showsOnlyThatUsersMessagesNewestFirst()
{
    RoomView view(demoRoom());
    view.applyEvents({chat(1, QStringLiteral("u1")), chat(2, QStringLiteral("u2")),
                      chat(3, QStringLiteral("u1")), chat(4, QStringLiteral("u3"))});
    UserCard *card = view.openUserCard(QStringLiteral("u1"), QStringLiteral("name_u1"));
    QCOMPARE(card->objectName(), QStringLiteral("userCard"));
    QVERIFY(!card->isModal());
    QCOMPARE(card->findChild<QLabel *>(QStringLiteral("userCardName"))->text(),
             QStringLiteral("name_u1"));
    QVERIFY(card->findChild<QLabel *>(QStringLiteral("userCardId"))->text().contains(u"u1"));
    auto *messages = card->findChild<QListWidget *>(QStringLiteral("userMessages"));
    QStringList shown = texts(messages);
    QCOMPARE(shown.size(), 2);
    QVERIFY2(shown.at(0).endsWith(QStringLiteral("message 3")), qPrintable(shown.at(0)));
    QVERIFY(shown.at(1).endsWith(QStringLiteral("message 1")));
    // New messages of this user arrive on top; others' don't.
    view.applyEvents({chat(5, QStringLiteral("u2")), chat(6, QStringLiteral("u1"))});
    shown = texts(messages);
    QCOMPARE(shown.size(), 3);
    QVERIFY(shown.at(0).endsWith(QStringLiteral("message 6")));
    for (const QString &line : shown)
        QVERIFY(!line.endsWith(QStringLiteral("message 2")) &&
                !line.endsWith(QStringLiteral("message 5")));
    for (QLabel *label : card->findChildren<QLabel *>())
        QCOMPARE(label->textFormat(), Qt::PlainText);
}

void TestUserCard::showsHistoryNewestFirst()
{
    UserCard card(QStringLiteral("twitch:1001"), QStringLiteral("u1"), QStringLiteral("name_u1"));
    card.setHistory({history(5, QStringLiteral("timeout"), QStringLiteral("caps")),
                     history(30, QStringLiteral("ban"), QStringLiteral("=spam")),
                     history(10, QStringLiteral("warn"), QStringLiteral("language"))});
    auto *list = card.findChild<QListWidget *>(QStringLiteral("userHistory"));
    const QStringList lines = texts(list);
    QCOMPARE(lines.size(), 3);
    QVERIFY2(lines.at(0).contains(QStringLiteral("Ban")) && lines.at(0).contains(u"=spam"),
             qPrintable(lines.at(0)));
    QVERIFY(lines.at(1).contains(QStringLiteral("Warn")));
    QVERIFY(lines.at(2).contains(QStringLiteral("Timeout")));
    QVERIFY(lines.at(2).contains(QStringLiteral("mod_a")));
    card.setHistory({});
    QCOMPARE(list->count(), 0);
}

void TestUserCard::notesAreReportedAfterTyping()
{
    UserCard card(QStringLiteral("twitch:1001"), QStringLiteral("u1"), QStringLiteral("name_u1"));
    QSignalSpy spy(&card, &UserCard::notesChanged);
    card.setNotes(QStringLiteral("loaded from storage"));
    auto *notes = card.findChild<QPlainTextEdit *>(QStringLiteral("userNotes"));
    QCOMPARE(notes->toPlainText(), QStringLiteral("loaded from storage"));
    notes->moveCursor(QTextCursor::End);
    QTest::keyClicks(notes, QStringLiteral(" - spams links"));
    QVERIFY(spy.wait(UserCard::kNotesDebounceMs * 5));
    QCOMPARE(spy.count(), 1); // one report for the whole burst of typing
    QCOMPARE(spy.last().at(0).toString(), QStringLiteral("u1"));
    QCOMPARE(spy.last().at(1).toString(), QStringLiteral("loaded from storage - spams links"));
    // Loading notes is not a change; closing flushes what was typed last.
    card.show();
    notes->appendPlainText(QStringLiteral("second line"));
    card.close();
    QCOMPARE(spy.count(), 2);
    QVERIFY(spy.last().at(1).toString().endsWith(QStringLiteral("second line")));
}

void TestUserCard::buttonsSendActionsThroughTheRoom()
{
    RoomView view(demoRoom());
    view.applyEvents({chat(1, QStringLiteral("u1"))});
    UserCard *card = view.openUserCard(QStringLiteral("u1"), QStringLiteral("name_u1"));
    QSignalSpy spy(&view, &RoomView::actionRequested);
    auto *duration = card->findChild<QComboBox *>(QStringLiteral("userCardDuration"));
    duration->setCurrentIndex(duration->findData(qint64(3600)));
    QTest::mouseClick(card->findChild<QPushButton *>(QStringLiteral("userCardTimeout")),
                      Qt::LeftButton);
    QCOMPARE(spy.count(), 1);
    ModerationAction a = spy.last().at(0).value<ModerationAction>();
    QCOMPARE(a.kind, ModerationActionKind::Timeout);
    QCOMPARE(a.targetUserId, QStringLiteral("u1"));
    QCOMPARE(a.durationSeconds, std::optional<qint64>(3600));
    QCOMPARE(a.roomKey, view.room().key());
    QVERIFY(!a.intentId.isEmpty());

    // A warning without a reason is explained on the card, not sent.
    QTest::mouseClick(card->findChild<QPushButton *>(QStringLiteral("userCardWarn")),
                      Qt::LeftButton);
    QCOMPARE(spy.count(), 1);
    QVERIFY(!card->errorText().isEmpty());
    card->findChild<QLineEdit *>(QStringLiteral("userCardReason"))
        ->setText(QStringLiteral("stop it"));
    QTest::mouseClick(card->findChild<QPushButton *>(QStringLiteral("userCardWarn")),
                      Qt::LeftButton);
    QCOMPARE(spy.count(), 2);
    a = spy.last().at(0).value<ModerationAction>();
    QCOMPARE(a.kind, ModerationActionKind::Warn);
    QCOMPARE(a.reason, QStringLiteral("stop it"));
    QVERIFY(card->errorText().isEmpty());

    QTest::mouseClick(card->findChild<QPushButton *>(QStringLiteral("userCardBan")),
                      Qt::LeftButton);
    QCOMPARE(spy.count(), 3);
    QCOMPARE(spy.last().at(0).value<ModerationAction>().kind, ModerationActionKind::Ban);
}

ROOMWARDEN_TEST_MAIN_GUI(TestUserCard)
#include "TestUserCard.moc"
