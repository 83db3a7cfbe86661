#pragma once
#include <QMainWindow>

class QListWidget;
class QStackedWidget;
class QLabel;

namespace roomwarden::ui {

class EmptyState;

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

Q_SIGNALS:
    void signInRequested();
    void demoRequested();

private:
    void buildMenus();
    void buildAreas();
    void showAbout();

    QListWidget *m_navigation = nullptr;
    QStackedWidget *m_areas = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace roomwarden::ui
