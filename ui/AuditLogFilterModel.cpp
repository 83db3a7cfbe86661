#include "ui/AuditLogFilterModel.h"

#include "ui/AuditLogModel.h"
#include "ui/DeskText.h"

namespace roomwarden::ui {

using model::AuditEntry;

AuditLogFilterModel::AuditLogFilterModel(QObject *parent) : QSortFilterProxyModel(parent) {}

void AuditLogFilterModel::setAuditModel(AuditLogModel *model)
{
    m_audit = model;
    setSourceModel(model);
}

void AuditLogFilterModel::setSearchText(const QString &text)
{
    m_search = text.trimmed();
    invalidateFilter();
}

void AuditLogFilterModel::setActionFilter(const QString &actionId)
{
    m_action = actionId;
    invalidateFilter();
}

void AuditLogFilterModel::setWho(Who who)
{
    m_who = who;
    invalidateFilter();
}

void AuditLogFilterModel::setOwnModeratorIds(const QSet<QString> &ids)
{
    m_ownIds = ids;
    invalidateFilter();
}

bool AuditLogFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_audit || sourceParent.isValid())
        return false;
    const AuditEntry &e = m_audit->entryAt(sourceRow);
    if (!m_action.isEmpty() && e.action != m_action)
        return false;
    if (m_who != Who::All) {
        const bool mine = e.source == AuditEntry::Source::Local || m_ownIds.contains(e.moderatorId);
        if (mine != (m_who == Who::Mine))
            return false;
    }
    if (m_search.isEmpty())
        return true;
    for (const QString *field : {&e.moderatorName, &e.moderatorId, &e.targetName, &e.targetId,
                                 &e.reason, &e.detail, &e.action}) {
        if (field->contains(m_search, Qt::CaseInsensitive))
            return true;
    }
    return actionLabel(e.action).contains(m_search, Qt::CaseInsensitive);
}

} // namespace roomwarden::ui
