#include "ui/MainWindow.h"

#include "ui/AccountsPage.h"
#include "ui/AnalyticsPage.h"
#include "ui/AuditLogPage.h"
#include "ui/EmptyState.h"
#include "ui/RoomView.h"

#include <QAction>
#include <QApplication>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>

// Resources compiled into a static library must be registered by hand, outside any namespace.
static void initResources()
{
    Q_INIT_RESOURCE(roomwarden);
}

namespace roomwarden::ui {

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    initResources();
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Roomwarden"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/roomwarden.svg")));
    resize(1100, 720);
    buildMenus();
    buildAreas();

    m_status = new QLabel(tr("Not signed in"), this);
    m_status->setObjectName(QStringLiteral("statusText"));
    m_status->setTextFormat(Qt::PlainText);
    statusBar()->setObjectName(QStringLiteral("statusBar"));
    statusBar()->addWidget(m_status, 1);
}

void MainWindow::buildMenus()
{
    menuBar()->setObjectName(QStringLiteral("menuBar"));

    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->setObjectName(QStringLiteral("menu.file"));
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::quit);
    quit->setObjectName(QStringLiteral("action.quit"));
    quit->setShortcut(QKeySequence::Quit);

    QMenu *accounts = menuBar()->addMenu(tr("&Accounts"));
    accounts->setObjectName(QStringLiteral("menu.accounts"));
    QAction *signIn = accounts->addAction(tr("&Sign in…"), this, &MainWindow::signInRequested);
    signIn->setObjectName(QStringLiteral("action.signIn"));

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("menu.view"));
    const std::pair<Area, QString> views[] = {{Area::Accounts, tr("&Accounts")},
                                              {Area::Rooms, tr("&Rooms")},
                                              {Area::Analytics, tr("A&nalytics")},
                                              {Area::AuditLog, tr("Audit &log")}};
    int index = 1;
    for (const auto &[area, text] : views) {
        QAction *a = view->addAction(text, this, [this, a = area] { showArea(a); });
        a->setObjectName(QStringLiteral("action.view.%1").arg(index));
        a->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_0 + index)));
        ++index;
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->setObjectName(QStringLiteral("menu.help"));
    QAction *about = help->addAction(tr("&About Roomwarden"), this, &MainWindow::showAbout);
    about->setObjectName(QStringLiteral("action.about"));
}

void MainWindow::buildAreas()
{
    auto *central = new QWidget(this);
    central->setObjectName(QStringLiteral("central"));
    auto *layout = new QHBoxLayout(central);

    m_navigation = new QListWidget(central);
    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setAccessibleName(tr("Areas"));
    m_navigation->setMaximumWidth(200);
    m_areas = new QStackedWidget(central);
    m_areas->setObjectName(QStringLiteral("areas"));
    layout->addWidget(m_navigation);
    layout->addWidget(m_areas, 1);
    setCentralWidget(central);

    // Accounts: the list of signed-in accounts (or its empty state); the app attaches the
    // account store and keychain (accountsPage()->attach) once they exist.
    m_accounts = new AccountsPage(m_areas);
    connect(m_accounts, &AccountsPage::signInRequested, this, &MainWindow::signInRequested);
    QWidget *accounts = m_accounts;

    // Rooms: an empty state until the first room opens, then one tab per room.
    auto *rooms = new QStackedWidget(m_areas);
    rooms->setObjectName(QStringLiteral("area.rooms"));
    auto *noRooms = new EmptyState(
        QStringLiteral("area.roomsEmpty"), tr("No rooms open"),
        tr("Your own channel and every channel you moderate appear here once you are signed "
           "in. To practise without an account, try the demo room."),
        rooms);
    QPushButton *demo = noRooms->setAction(tr("Open the demo room"));
    connect(demo, &QPushButton::clicked, this, &MainWindow::demoRequested);
    m_roomTabs = new QTabWidget(rooms);
    m_roomTabs->setObjectName(QStringLiteral("rooms.tabs"));
    m_roomTabs->setDocumentMode(true);
    rooms->addWidget(noRooms);
    rooms->addWidget(m_roomTabs);
    m_rooms = rooms;

    // Analytics shows its own empty state ("area.analytics") until it has sessions.
    m_analytics = new AnalyticsPage(m_areas);
    QWidget *analytics = m_analytics;

    // The audit log shows its own empty state ("area.auditLog") until the first entry.
    m_auditLog = new AuditLogPage(m_areas);
    QWidget *audit = m_auditLog;

    const std::pair<QString, QWidget *> areas[] = {{tr("Accounts"), accounts},
                                                   {tr("Rooms"), rooms},
                                                   {tr("Analytics"), analytics},
                                                   {tr("Audit log"), audit}};
    for (const auto &[label, widget] : areas) {
        m_navigation->addItem(label);
        m_areas->addWidget(widget);
    }
    connect(m_navigation, &QListWidget::currentRowChanged, m_areas,
            &QStackedWidget::setCurrentIndex);
    m_navigation->setCurrentRow(0);
}

void MainWindow::showArea(Area area)
{
    m_navigation->setCurrentRow(static_cast<int>(area));
}

MainWindow::Area MainWindow::currentArea() const
{
    return static_cast<Area>(m_areas->currentIndex());
}

QWidget *MainWindow::areaWidget(Area area) const
{
    return m_areas->widget(static_cast<int>(area));
}

void MainWindow::addRoom(RoomView *view)
{
    const QString title =
        view->room().displayName.isEmpty() ? view->room().name : view->room().displayName;
    const int index = m_roomTabs->addTab(view, title);
    m_roomTabs->setCurrentIndex(index);
    m_rooms->setCurrentWidget(m_roomTabs);
    showArea(Area::Rooms);
}

RoomView *MainWindow::roomView(const QString &roomKey) const
{
    for (int i = 0; i < m_roomTabs->count(); ++i) {
        auto *view = qobject_cast<RoomView *>(m_roomTabs->widget(i));
        if (view && view->room().key() == roomKey)
            return view;
    }
    return nullptr;
}

void MainWindow::setStatusText(const QString &text)
{
    m_status->setText(text);
}

void MainWindow::showAbout()
{
    QMessageBox box(this);
    box.setObjectName(QStringLiteral("aboutDialog"));
    box.setWindowTitle(tr("About Roomwarden"));
    box.setTextFormat(Qt::PlainText);
    box.setText(tr("Roomwarden %1\n\nModeration and local analytics for live rooms, through "
                   "official APIs only. Your tokens stay in your keychain; your data stays on "
                   "this computer.")
                    .arg(QApplication::applicationVersion()));
    box.exec();
}

} // namespace roomwarden::ui
