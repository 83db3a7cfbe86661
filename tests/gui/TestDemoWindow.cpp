// The GUI demo end to end: the main window, the sandbox platform and the real client over
// loopback. The room opens in a tab and fills with chat; nothing user-supplied is rendered as
// markup; the status bar tells who is signed in.
#include "app/DemoController.h"
#include "app/DemoSession.h"
#include "core/util/Redactor.h"
#include "ui/ChatModel.h"
#include "ui/MainWindow.h"
#include "ui/RoomView.h"

#include "TestMain.h"

#include <QApplication>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>

using namespace roomwarden;

class TestDemoWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void demoRoomOpensAndFills();
    void demoButtonStartsTheDemoOnce();
};

void TestDemoWindow::demoRoomOpensAndFills()
{
    util::Redactor redactor;
    ui::MainWindow window;
    window.show();
    app::Options options;
    options.demo = true;
    options.scenario = QStringLiteral("calm");
    options.speed = 20;
    app::DemoController demo(&window, options, redactor);
    QVERIFY(demo.start());

    auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("rooms.tabs"));
    QTRY_VERIFY_WITH_TIMEOUT(tabs->count() == 1, 20000);
    auto *view = qobject_cast<ui::RoomView *>(tabs->widget(0));
    QVERIFY(view);
    QCOMPARE(window.currentArea(), ui::MainWindow::Area::Rooms);
    auto *state = view->findChild<QLabel *>(QStringLiteral("room.state"));
    QTRY_COMPARE_WITH_TIMEOUT(state->text(), QStringLiteral("Live"), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(view->chatModel()->rowCount() >= 5, 20000);
    // The chat is the simulator's, through EventSub: real names and texts, not placeholders.
    const QString first = view->chatModel()->index(0).data(ui::ChatModel::TextRole).toString();
    QVERIFY(!first.isEmpty());
    QVERIFY(demo.session()->account().login == QStringLiteral("demo_mod"));
    QVERIFY(redactor.secretCount() >= 2); // the access and refresh tokens are masked in logs
    QVERIFY(!window.grab().isNull());
}

void TestDemoWindow::demoButtonStartsTheDemoOnce()
{
    util::Redactor redactor;
    ui::MainWindow window;
    window.show();
    app::Options options;
    options.speed = 20;
    app::DemoController demo(&window, options, redactor);
    QObject::connect(&window, &ui::MainWindow::demoRequested, &demo, &app::DemoController::start);
    window.showArea(ui::MainWindow::Area::Rooms);
    auto *button = window.findChild<QPushButton *>(QStringLiteral("area.roomsEmpty.action"));
    QVERIFY(button);
    QTest::mouseClick(button, Qt::LeftButton);
    auto *session = demo.session();
    QVERIFY(session);
    QTest::mouseClick(button, Qt::LeftButton); // hidden by now or not: no second session
    QCOMPARE(demo.session(), session);
    auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("rooms.tabs"));
    QTRY_VERIFY_WITH_TIMEOUT(tabs->count() == 1, 20000);
}

ROOMWARDEN_TEST_MAIN_GUI(TestDemoWindow)
#include "TestDemoWindow.moc"
