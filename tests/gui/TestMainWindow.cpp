#include "ui/EmptyState.h"
#include "ui/MainWindow.h"

#include "TestMain.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>

using roomwarden::ui::EmptyState;
using roomwarden::ui::MainWindow;

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void opensWithEveryArea();
    void everyWidgetHasAnObjectName();
    void navigationSwitchesAreas();
    void emptyStatesExplainThemselves();
    void actionsAreWired();
    void labelsNeverInterpretMarkup();
};

void TestMainWindow::opensWithEveryArea()
{
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.findChild<QWidget *>(QStringLiteral("area.accounts")));
    for (const char *name :
         {"accounts.empty", "area.roomsEmpty", "area.analytics", "area.auditLog"})
        QVERIFY2(w.findChild<EmptyState *>(QString::fromLatin1(name)), name);
    QVERIFY(w.findChild<QListWidget *>(QStringLiteral("navigation")));
    QCOMPARE(w.findChild<QListWidget *>(QStringLiteral("navigation"))->count(), 4);
    QCOMPARE(w.currentArea(), MainWindow::Area::Accounts);
    QVERIFY(!w.grab().isNull());
}

void TestMainWindow::everyWidgetHasAnObjectName()
{
    MainWindow w;
    w.show();
    QStringList unnamed;
    const auto widgets = w.findChildren<QWidget *>();
    for (QWidget *child : widgets) {
        // Qt's own internals (scroll-area viewports, layouts' helpers) start with "qt_".
        // Parts Qt creates itself (scroll bars, the size grip, the menu bar's overflow menu)
        // are not ours to name; everything we create must carry a name.
        if (child->objectName().startsWith(QStringLiteral("qt_")) ||
            child->inherits("QScrollBar") || child->inherits("QSizeGrip"))
            continue;
        if (auto *menu = qobject_cast<QMenu *>(child); menu && menu->title().isEmpty())
            continue;
        if (child->objectName().isEmpty())
            unnamed << QString::fromLatin1(child->metaObject()->className());
    }
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(u", ")));
    for (QAction *a : w.findChildren<QAction *>()) {
        if (!a->text().isEmpty() && !a->isSeparator())
            QVERIFY2(!a->objectName().isEmpty() || a->menu(), qPrintable(a->text()));
    }
}

void TestMainWindow::navigationSwitchesAreas()
{
    MainWindow w;
    auto *nav = w.findChild<QListWidget *>(QStringLiteral("navigation"));
    auto *areas = w.findChild<QStackedWidget *>(QStringLiteral("areas"));
    nav->setCurrentRow(2);
    QCOMPARE(areas->currentWidget()->objectName(), QStringLiteral("area.analytics"));
    w.showArea(MainWindow::Area::AuditLog);
    QCOMPARE(nav->currentRow(), 3);
    QCOMPARE(areas->currentWidget(), w.areaWidget(MainWindow::Area::AuditLog));
    // The View menu's shortcuts go to the same place.
    auto *viewRooms = w.findChild<QAction *>(QStringLiteral("action.view.2"));
    QVERIFY(viewRooms);
    viewRooms->trigger();
    QCOMPARE(w.currentArea(), MainWindow::Area::Rooms);
}

void TestMainWindow::emptyStatesExplainThemselves()
{
    MainWindow w;
    for (auto area : {MainWindow::Area::Accounts, MainWindow::Area::Rooms,
                      MainWindow::Area::Analytics, MainWindow::Area::AuditLog}) {
        QWidget *widget = w.areaWidget(area);
        auto *state = qobject_cast<EmptyState *>(widget);
        if (!state) // Rooms: the empty state shares a stack with the room tabs
            state = widget->findChild<EmptyState *>();
        QVERIFY(state);
        QVERIFY(!state->title().isEmpty());
        QVERIFY2(state->help().size() > 40, qPrintable(state->help()));
    }
}

void TestMainWindow::actionsAreWired()
{
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QSignalSpy signIn(&w, &MainWindow::signInRequested);
    QSignalSpy demo(&w, &MainWindow::demoRequested);
    auto *signInButton = w.findChild<QPushButton *>(QStringLiteral("accounts.empty.action"));
    QVERIFY(signInButton);
    QVERIFY(!signInButton->accessibleName().isEmpty());
    QTest::mouseClick(signInButton, Qt::LeftButton);
    QCOMPARE(signIn.count(), 1);
    w.findChild<QAction *>(QStringLiteral("action.signIn"))->trigger();
    QCOMPARE(signIn.count(), 2);
    w.showArea(MainWindow::Area::Rooms);
    QTest::mouseClick(w.findChild<QPushButton *>(QStringLiteral("area.roomsEmpty.action")),
                      Qt::LeftButton);
    QCOMPARE(demo.count(), 1);
}

void TestMainWindow::labelsNeverInterpretMarkup()
{
    MainWindow w;
    w.setStatusText(QStringLiteral("<b>bold</b><img src=x>"));
    auto *status = w.findChild<QLabel *>(QStringLiteral("statusText"));
    QCOMPARE(status->textFormat(), Qt::PlainText);
    for (QLabel *label : w.findChildren<QLabel *>())
        QVERIFY2(label->textFormat() == Qt::PlainText, qPrintable(label->objectName()));
}

ROOMWARDEN_TEST_MAIN_GUI(TestMainWindow)
#include "TestMainWindow.moc"
