#pragma once
#include "core/analytics/SessionReport.h"

#include <QWidget>

#include <optional>

class QChartView;
class QLabel;
class QListWidget;
class QPushButton;
class QStackedWidget;

namespace roomwarden::analytics {
class SessionMetrics;
} // namespace roomwarden::analytics

namespace roomwarden::ui {

class EmptyState;

// The Analytics area: the recorded sessions (newest first) and, for the selected one, its
// figures (estimates marked "≈" with their method in the tooltip) and three charts: audience
// over time (mean viewer samples per minute, with raids as markers), chat messages per minute,
// and the retention curve. Hovering a point shows its value.
//
// The page reads through a SessionMetrics it is given and does not own; without one, or with no
// sessions, it shows its empty state ("area.analytics").
class AnalyticsPage : public QWidget
{
    Q_OBJECT
public:
    explicit AnalyticsPage(QWidget *parent = nullptr);

    // Reloads the session list; null clears the page.
    void setMetrics(analytics::SessionMetrics *metrics);
    void refresh();

    bool selectSession(qint64 sessionId);
    qint64 selectedSession() const; // 0 when none
    // The report shown, if any.
    const std::optional<analytics::SessionReport> &report() const { return m_report; }
    EmptyState *emptyState() const { return m_empty; }

Q_SIGNALS:
    // A read failed; the text is for the user.
    void errorOccurred(const QString &message);
    // The user asked to delete the selected session (button "analytics.forgetSession"). The
    // page has only a read connection: the app deletes (analytics::Retention), then refresh().
    void forgetSessionRequested(qint64 sessionId);

private:
    void showSession(qint64 sessionId);
    void showReport(const analytics::SessionReport &report);

    analytics::SessionMetrics *m_metrics = nullptr;
    std::optional<analytics::SessionReport> m_report;
    QStackedWidget *m_stack;
    EmptyState *m_empty;
    QListWidget *m_sessions;
    QPushButton *m_forget;
    QLabel *m_figures;
    QChartView *m_audience;
    QChartView *m_chat;
    QChartView *m_retention;
};

} // namespace roomwarden::ui
