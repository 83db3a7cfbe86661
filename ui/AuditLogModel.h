#pragma once
#include "core/model/AuditEntry.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace roomwarden::ui {

// The audit log as a table, newest first. Entries are kept oldest first internally so that
// the usual case (a new action, newer than everything) is an append at the top row, and a
// Local entry's outcome is updated in place through its intent id, both in O(1).
class AuditLogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        TimeColumn,
        RoomColumn,
        ModeratorColumn,
        ActionColumn,
        TargetColumn,
        ReasonColumn, // reason and detail
        OutcomeColumn,
        SourceColumn,
        ColumnCount
    };

    explicit AuditLogModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // A Local entry whose intent id is already shown replaces it (the outcome arrived).
    void addEntries(const QList<model::AuditEntry> &entries);
    // Replaces the Local entry with the same intent id; false if there is none.
    bool updateEntry(const model::AuditEntry &entry);
    const model::AuditEntry &entryAt(int row) const;
    // The text of a cell as shown, and as exported (time in ISO 8601 UTC there).
    QString cellText(int row, int column) const;
    QString exportText(int row, int column) const;

private:
    qsizetype storageIndex(int row) const { return m_entries.size() - 1 - row; }
    int rowOf(qsizetype storage) const { return static_cast<int>(m_entries.size() - 1 - storage); }
    void reindex();

    QList<model::AuditEntry> m_entries; // oldest first
    QHash<QString, qsizetype> m_byIntent;
};

} // namespace roomwarden::ui
