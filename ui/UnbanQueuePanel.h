#pragma once
#include "core/model/RoomEvent.h"
#include "ui/DeskPanel.h"

#include <QHash>

class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QPushButton;

namespace roomwarden::ui {

// Unban requests: added on UnbanRequestCreated (the request id is the event's messageId, the
// requester its actor), removed on UnbanRequestResolved. Approve / Deny carry the optional
// resolution text the requester will read.
class UnbanQueuePanel : public DeskPanel
{
    Q_OBJECT
public:
    explicit UnbanQueuePanel(const QString &roomKey, QWidget *parent = nullptr);

    void apply(const QList<model::RoomEvent> &events);
    int count() const;

Q_SIGNALS:
    void countChanged(int count);

private:
    void resolveSelected(model::ModerationActionKind kind);
    void remove(const QString &requestId);

    QListWidget *m_list;
    QLineEdit *m_resolution;
    QPushButton *m_approve;
    QPushButton *m_deny;
    QHash<QString, QListWidgetItem *> m_byRequestId;
    QHash<QString, QString> m_requestByUser; // a user has at most one open request
};

} // namespace roomwarden::ui
