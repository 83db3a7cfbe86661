#include "ui/UnbanQueuePanel.h"

#include <QHBoxLayout>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace roomwarden::ui {

using model::ModerationActionKind;
using model::RoomEventKind;

namespace {
enum Roles
{
    RequestIdRole = Qt::UserRole,
    UserIdRole,
    UserNameRole,
};
}

UnbanQueuePanel::UnbanQueuePanel(const QString &roomKey, QWidget *parent)
    : DeskPanel(roomKey, QStringLiteral("unbanQueue"), parent), m_list(new QListWidget(this)),
      m_resolution(new QLineEdit(this)), m_approve(new QPushButton(tr("Approve"), this)),
      m_deny(new QPushButton(tr("Deny"), this))
{
    m_list->setObjectName(QStringLiteral("unbanList"));
    m_list->setAccessibleName(tr("Unban requests"));
    m_list->setUniformItemSizes(true);
    m_resolution->setObjectName(QStringLiteral("unbanResolution"));
    m_resolution->setPlaceholderText(tr("Resolution text (optional, the requester sees it)"));
    m_resolution->setAccessibleName(tr("Resolution text"));
    m_resolution->setMaxLength(static_cast<int>(model::ModerationAction::kMaxReasonLength));
    m_approve->setObjectName(QStringLiteral("unbanApprove"));
    m_deny->setObjectName(QStringLiteral("unbanDeny"));
    bindPermission(m_approve, ModerationActionKind::ApproveUnbanRequest);
    bindPermission(m_deny, ModerationActionKind::DenyUnbanRequest);
    connect(m_approve, &QPushButton::clicked, this,
            [this] { resolveSelected(ModerationActionKind::ApproveUnbanRequest); });
    connect(m_deny, &QPushButton::clicked, this,
            [this] { resolveSelected(ModerationActionKind::DenyUnbanRequest); });

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_approve);
    buttons->addWidget(m_deny);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_resolution);
    layout->addWidget(errorLabel());
    layout->addLayout(buttons);
}

int UnbanQueuePanel::count() const
{
    return m_list->count();
}

void UnbanQueuePanel::apply(const QList<model::RoomEvent> &events)
{
    const int before = count();
    for (const model::RoomEvent &e : events) {
        if (e.kind == RoomEventKind::UnbanRequestCreated) {
            if (e.messageId.isEmpty() || m_byRequestId.contains(e.messageId))
                continue;
            auto *item = new QListWidgetItem(e.actorName + QStringLiteral(": ") + e.text);
            item->setData(RequestIdRole, e.messageId);
            item->setData(UserIdRole, e.actorId);
            item->setData(UserNameRole, e.actorName);
            m_list->addItem(item);
            m_byRequestId.insert(e.messageId, item);
            m_requestByUser.insert(e.actorId, e.messageId);
        } else if (e.kind == RoomEventKind::UnbanRequestResolved) {
            // channel.unban_request.resolve names the request; channel.moderate's
            // approve/deny_unban_request only names the user.
            remove(e.messageId.isEmpty() ? m_requestByUser.value(e.targetId) : e.messageId);
        }
    }
    if (count() != before)
        Q_EMIT countChanged(count());
}

void UnbanQueuePanel::remove(const QString &requestId)
{
    QListWidgetItem *item = m_byRequestId.take(requestId);
    if (!item)
        return;
    m_requestByUser.remove(item->data(UserIdRole).toString());
    delete item;
}

void UnbanQueuePanel::resolveSelected(ModerationActionKind kind)
{
    model::ModerationAction action = newAction(kind);
    if (QListWidgetItem *item = m_list->currentItem()) {
        action.messageId = item->data(RequestIdRole).toString();
        action.targetUserId = item->data(UserIdRole).toString();
        action.targetName = item->data(UserNameRole).toString();
    }
    action.reason = m_resolution->text().trimmed();
    if (submit(action))
        m_resolution->clear();
}

} // namespace roomwarden::ui
