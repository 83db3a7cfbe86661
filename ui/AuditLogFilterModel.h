#pragma once
#include <QSet>
#include <QSortFilterProxyModel>

namespace roomwarden::ui {

class AuditLogModel;

// What the audit log shows: a case-insensitive search over moderator, target, reason, detail
// and action, one action kind (or all), and whose actions (all / mine / other moderators).
// "Mine" is what this user sent through Roomwarden plus what the platform reports under one
// of their own moderator ids.
class AuditLogFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    enum class Who
    {
        All,
        Mine,
        Others
    };

    explicit AuditLogFilterModel(QObject *parent = nullptr);

    void setAuditModel(AuditLogModel *model);
    void setSearchText(const QString &text);
    // An action id (actionKindId() or a platform action name); empty = every action.
    void setActionFilter(const QString &actionId);
    void setWho(Who who);
    void setOwnModeratorIds(const QSet<QString> &ids);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    AuditLogModel *m_audit = nullptr;
    QString m_search;
    QString m_action;
    Who m_who = Who::All;
    QSet<QString> m_ownIds;
};

} // namespace roomwarden::ui
