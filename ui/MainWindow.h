#pragma once
#include <QMainWindow>

class QListWidget;
class QStackedWidget;
class QLabel;
class QTabWidget;

namespace roomwarden::ui {

class AccountsPage;
class AnalyticsPage;
class AuditLogPage;
class EmptyState;
class RoomView;

// The shell: a navigation list on the left (accounts, rooms, analytics, audit log) and the
// selected area on the right. Areas are filled by later features; until then each shows an
// empty state that says what will appear there and how to get it.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum class Area
    {
        Accounts,
        Rooms,
        Analytics,
        AuditLog
    };
    Q_ENUM(Area)

    explicit MainWindow(QWidget *parent = nullptr);

    void showArea(Area area);
    Area currentArea() const;
    QWidget *areaWidget(Area area) const;
    void setStatusText(const QString &text);
    // Opens a room in its own tab (the window takes ownership) and shows it.
    void addRoom(RoomView *view);
    RoomView *roomView(const QString &roomKey) const;
    AccountsPage *accountsPage() const { return m_accounts; }
    // The audit log area; the app feeds it from the journal and the platform's reports.
    AuditLogPage *auditLogPage() const { return m_auditLog; }
    // The analytics area; the app gives it the metrics of the analytics store.
    AnalyticsPage *analyticsPage() const { return m_analytics; }

Q_SIGNALS:
    void signInRequested();
    void demoRequested();

private:
    void buildMenus();
    void buildAreas();
    void showAbout();

    QListWidget *m_navigation = nullptr;
    QStackedWidget *m_areas = nullptr;
    QStackedWidget *m_rooms = nullptr;
    QTabWidget *m_roomTabs = nullptr;
    QLabel *m_status = nullptr;
    AccountsPage *m_accounts = nullptr;
    AuditLogPage *m_auditLog = nullptr;
    AnalyticsPage *m_analytics = nullptr;
};

} // namespace roomwarden::ui
