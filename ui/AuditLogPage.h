#pragma once
#include "core/model/AuditEntry.h"

#include <QSet>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTableView;

namespace roomwarden::ui {

class AuditLogFilterModel;
class AuditLogModel;
class EmptyState;

// The audit log: every action sent through Roomwarden (journaled intent, then outcome) and
// every one the platform reported, newest first, searchable and filterable, exportable to CSV
// exactly as filtered. The app feeds it (addEntries / updateEntry); it reads no storage itself.
class AuditLogPage : public QWidget
{
    Q_OBJECT
public:
    explicit AuditLogPage(QWidget *parent = nullptr);

    void addEntries(const QList<model::AuditEntry> &entries);
    // The outcome of a Local entry arrived (same intent id): updated in place. An entry not
    // shown yet is added.
    void updateEntry(const model::AuditEntry &entry);
    // The user's own moderator ids, for the "mine / other moderators" filter.
    void setOwnModeratorIds(const QSet<QString> &ids);

    // Writes the rows currently shown (search and filters applied), in the order shown.
    bool exportCsv(const QString &path, QString *error) const;

    AuditLogModel *model() const { return m_model; }
    AuditLogFilterModel *filterModel() const { return m_filter; }
    QTableView *table() const { return m_table; }
    int visibleRowCount() const;

private:
    void noteActions(const QList<model::AuditEntry> &entries);
    void updateCount();
    void exportClicked();

    AuditLogModel *m_model;
    AuditLogFilterModel *m_filter;
    QStackedWidget *m_stack;
    EmptyState *m_empty;
    QLineEdit *m_search;
    QComboBox *m_actionFilter;
    QComboBox *m_sourceFilter;
    QPushButton *m_export;
    QTableView *m_table;
    QLabel *m_count;
    QSet<QString> m_knownActions;
};

} // namespace roomwarden::ui
