#include "ui/AuditLogModel.h"

#include "ui/DeskText.h"

#include <algorithm>

namespace roomwarden::ui {

using model::AuditEntry;

namespace {
bool olderThan(const AuditEntry &a, const AuditEntry &b)
{
    return a.at < b.at;
}

QString person(const QString &name, const QString &id)
{
    return name.isEmpty() ? id : name;
}
} // namespace

AuditLogModel::AuditLogModel(QObject *parent) : QAbstractTableModel(parent) {}

int AuditLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

int AuditLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const AuditEntry &AuditLogModel::entryAt(int row) const
{
    return m_entries.at(storageIndex(row));
}

QString AuditLogModel::cellText(int row, int column) const
{
    const AuditEntry &e = entryAt(row);
    switch (column) {
    case TimeColumn:
        return e.at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case RoomColumn:
        return e.roomKey;
    case ModeratorColumn:
        return person(e.moderatorName, e.moderatorId);
    case ActionColumn:
        return actionLabel(e.action);
    case TargetColumn:
        return person(e.targetName, e.targetId);
    case ReasonColumn:
        if (e.detail.isEmpty() || e.reason.isEmpty())
            return e.reason + e.detail;
        return e.reason + QStringLiteral(" · ") + e.detail;
    case OutcomeColumn:
        return e.outcomeMessage.isEmpty()
                   ? outcomeLabel(e.outcome)
                   : outcomeLabel(e.outcome) + QStringLiteral(": ") + e.outcomeMessage;
    case SourceColumn:
        return e.source == AuditEntry::Source::Local ? tr("Roomwarden") : tr("Platform");
    default:
        return {};
    }
}

QString AuditLogModel::exportText(int row, int column) const
{
    if (column == TimeColumn)
        return entryAt(row).at.toUTC().toString(Qt::ISODate);
    return cellText(row, column);
}

QVariant AuditLogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount)
        return {};
    if (role == Qt::DisplayRole)
        return cellText(index.row(), index.column()); // shown by the standard delegate: plain
    if (role == Qt::ToolTipRole && index.column() == TimeColumn)
        return entryAt(index.row()).at.toUTC().toString(Qt::ISODate);
    return {};
}

QVariant AuditLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case RoomColumn:
        return tr("Room");
    case ModeratorColumn:
        return tr("Moderator");
    case ActionColumn:
        return tr("Action");
    case TargetColumn:
        return tr("Target");
    case ReasonColumn:
        return tr("Reason / detail");
    case OutcomeColumn:
        return tr("Outcome");
    case SourceColumn:
        return tr("Source");
    default:
        return {};
    }
}

void AuditLogModel::addEntries(const QList<AuditEntry> &entries)
{
    QList<AuditEntry> fresh;
    for (const AuditEntry &e : entries) {
        if (e.source == AuditEntry::Source::Local && !e.intentId.isEmpty() &&
            m_byIntent.contains(e.intentId))
            updateEntry(e);
        else
            fresh.append(e);
    }
    if (fresh.isEmpty())
        return;
    std::stable_sort(fresh.begin(), fresh.end(), olderThan);
    if (m_entries.isEmpty() || !olderThan(fresh.front(), m_entries.back())) {
        // The usual case: everything is newer than what is shown; it goes on top.
        beginInsertRows({}, 0, static_cast<int>(fresh.size()) - 1);
        for (const AuditEntry &e : std::as_const(fresh)) {
            if (e.source == AuditEntry::Source::Local && !e.intentId.isEmpty())
                m_byIntent.insert(e.intentId, m_entries.size());
            m_entries.append(e);
        }
        endInsertRows();
        return;
    }
    // Older entries (a history load): merge and rebuild.
    beginResetModel();
    m_entries.append(fresh);
    std::stable_sort(m_entries.begin(), m_entries.end(), olderThan);
    reindex();
    endResetModel();
}

bool AuditLogModel::updateEntry(const AuditEntry &entry)
{
    const auto it = m_byIntent.constFind(entry.intentId);
    if (entry.intentId.isEmpty() || it == m_byIntent.cend())
        return false;
    const qsizetype i = *it;
    AuditEntry updated = entry;
    // The time is when it was requested: the entry keeps its place in the log.
    updated.at = m_entries.at(i).at;
    m_entries[i] = updated;
    const int row = rowOf(i);
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    return true;
}

void AuditLogModel::reindex()
{
    m_byIntent.clear();
    for (qsizetype i = 0; i < m_entries.size(); ++i) {
        const AuditEntry &e = m_entries.at(i);
        if (e.source == AuditEntry::Source::Local && !e.intentId.isEmpty())
            m_byIntent.insert(e.intentId, i);
    }
}

} // namespace roomwarden::ui
