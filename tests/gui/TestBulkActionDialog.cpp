// The bulk dialog: what is confirmed is exactly what was previewed.
#include "core/live/RoomState.h"
#include "core/moderation/BulkPlanner.h"
#include "core/moderation/TextFold.h"
#include "ui/BulkActionDialog.h"

#include "TestMain.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>

using namespace roomwarden;
using model::ModerationAction;
using K = model::ModerationActionKind;

Q_DECLARE_METATYPE(QList<roomwarden::model::ModerationAction>)

class TestBulkActionDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void previewThenConfirmSendsExactlyThePreview();
    void changingTheFilterTakesTheConfirmationAway();
    void anEmptyFilterExplainsItself();
    void preparedResponseListsTheNamedAccounts();

private:
    std::unique_ptr<live::RoomState> m_room;
    moderation::TextFolder m_folder;
    const QDateTime m_now{QDate(2026, 11, 28), QTime(21, 0), Qt::UTC};
    std::unique_ptr<ui::BulkActionDialog> dialog();
};

void TestBulkActionDialog::init()
{
    qRegisterMetaType<QList<ModerationAction>>();
    m_room = std::make_unique<live::RoomState>(QStringLiteral("twitch:1"));
    const QStringList texts{QStringLiteral("buy che\u0430p followers"),
                            QStringLiteral("hello there"), QStringLiteral("CHEAP FOLLOWERS")};
    for (int i = 0; i < 3; ++i) {
        model::RoomEvent e;
        e.kind = model::RoomEventKind::ChatMessage;
        e.actorId = QStringLiteral("u%1").arg(i);
        e.actorName = i == 0 ? QStringLiteral("<b>bold</b>") : QStringLiteral("user%1").arg(i);
        e.text = texts.at(i);
        e.occurredAt = m_now.addSecs(-10);
        m_room->apply(e);
    }
}

std::unique_ptr<ui::BulkActionDialog> TestBulkActionDialog::dialog()
{
    return std::make_unique<ui::BulkActionDialog>(
        QStringLiteral("twitch:1"), [this](const moderation::BulkFilter &f) {
            return moderation::BulkPlanner::plan(*m_room, f, m_now, QStringLiteral("me"), m_folder);
        });
}

void TestBulkActionDialog::previewThenConfirmSendsExactlyThePreview()
{
    auto d = dialog();
    d->findChild<QLineEdit *>(QStringLiteral("bulkPattern"))
        ->setText(QStringLiteral("cheap followers"));
    d->findChild<QComboBox *>(QStringLiteral("bulkAction"))->setCurrentIndex(1); // 10 min
    d->findChild<QLineEdit *>(QStringLiteral("bulkReason"))->setText(QStringLiteral("spam"));
    auto *confirm = d->findChild<QPushButton *>(QStringLiteral("bulkConfirm"));
    QVERIFY(!confirm->isEnabled()); // nothing previewed yet
    QTest::mouseClick(d->findChild<QPushButton *>(QStringLiteral("bulkPreview")), Qt::LeftButton);
    auto *list = d->findChild<QListWidget *>(QStringLiteral("bulkTargets"));
    QCOMPARE(list->count(), 2);
    QCOMPARE(list->item(0)->text(), QStringLiteral("<b>bold</b>")); // plain text, verbatim
    QVERIFY(confirm->isEnabled());
    QCOMPARE(confirm->text(), QStringLiteral("Time out 2 account(s)"));

    QSignalSpy spy(d.get(), &ui::BulkActionDialog::confirmed);
    QTest::mouseClick(confirm, Qt::LeftButton);
    QCOMPARE(spy.size(), 1);
    const auto actions = spy.first().at(0).value<QList<ModerationAction>>();
    QCOMPARE(actions.size(), 2);
    for (const auto &a : actions) {
        QCOMPARE(a.kind, K::Timeout);
        QCOMPARE(a.durationSeconds, std::optional<qint64>(600));
        QCOMPARE(a.reason, QStringLiteral("spam"));
        QCOMPARE(a.roomKey, QStringLiteral("twitch:1"));
    }
    QVERIFY(!spy.first().at(1).toBool()); // shield mode not asked for
}

void TestBulkActionDialog::changingTheFilterTakesTheConfirmationAway()
{
    auto d = dialog();
    auto *pattern = d->findChild<QLineEdit *>(QStringLiteral("bulkPattern"));
    pattern->setText(QStringLiteral("cheap"));
    d->preview();
    auto *confirm = d->findChild<QPushButton *>(QStringLiteral("bulkConfirm"));
    QVERIFY(confirm->isEnabled());
    pattern->setText(QStringLiteral("hello"));
    QVERIFY(!confirm->isEnabled());
    QCOMPARE(d->findChild<QListWidget *>(QStringLiteral("bulkTargets"))->count(), 0);
}

void TestBulkActionDialog::anEmptyFilterExplainsItself()
{
    auto d = dialog();
    d->preview();
    QVERIFY(!d->findChild<QPushButton *>(QStringLiteral("bulkConfirm"))->isEnabled());
    QVERIFY(d->findChild<QLabel *>(QStringLiteral("bulkSummary"))
                ->text()
                .contains(QStringLiteral("at least one condition")));
}

void TestBulkActionDialog::preparedResponseListsTheNamedAccounts()
{
    auto d = dialog();
    moderation::BulkFilter f;
    f.onlyUserIds = {QStringLiteral("u1"), QStringLiteral("u2")};
    d->prepare(f, true);
    QCOMPARE(d->findChild<QListWidget *>(QStringLiteral("bulkTargets"))->count(), 2);
    QVERIFY(d->findChild<QCheckBox *>(QStringLiteral("bulkShield"))->isChecked());
    QSignalSpy spy(d.get(), &ui::BulkActionDialog::confirmed);
    QTest::mouseClick(d->findChild<QPushButton *>(QStringLiteral("bulkConfirm")), Qt::LeftButton);
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.first().at(0).value<QList<ModerationAction>>().first().kind, K::Ban);
    QVERIFY(spy.first().at(1).toBool());
}

ROOMWARDEN_TEST_MAIN_GUI(TestBulkActionDialog)
#include "TestBulkActionDialog.moc"
