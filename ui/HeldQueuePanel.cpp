#include "ui/HeldQueuePanel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace roomwarden::ui {

using model::ModerationActionKind;
using model::RoomEventKind;

namespace {
enum Roles
{
    MessageIdRole = Qt::UserRole,
    UserIdRole,
    UserNameRole,
};
}

HeldQueuePanel::HeldQueuePanel(const QString &roomKey, QWidget *parent)
    : DeskPanel(roomKey, QStringLiteral("heldQueue"), parent), m_list(new QListWidget(this)),
      m_approve(new QPushButton(tr("&Approve"), this)), m_deny(new QPushButton(tr("&Deny"), this))
{
    m_list->setObjectName(QStringLiteral("heldList"));
    m_list->setAccessibleName(tr("Held messages"));
    m_list->setUniformItemSizes(true);
    m_approve->setObjectName(QStringLiteral("heldApprove"));
    m_deny->setObjectName(QStringLiteral("heldDeny"));
    bindPermission(m_approve, ModerationActionKind::ApproveHeldMessage);
    bindPermission(m_deny, ModerationActionKind::DenyHeldMessage);
    connect(m_approve, &QPushButton::clicked, this,
            [this] { resolveSelected(ModerationActionKind::ApproveHeldMessage); });
    connect(m_deny, &QPushButton::clicked, this,
            [this] { resolveSelected(ModerationActionKind::DenyHeldMessage); });

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_approve);
    buttons->addWidget(m_deny);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_list, 1);
    layout->addWidget(errorLabel());
    layout->addLayout(buttons);
}

int HeldQueuePanel::count() const
{
    return m_list->count();
}

void HeldQueuePanel::apply(const QList<model::RoomEvent> &events)
{
    const int before = count();
    for (const model::RoomEvent &e : events) {
        if (e.messageId.isEmpty())
            continue;
        if (e.kind == RoomEventKind::AutoModHeld) {
            if (m_byMessageId.contains(e.messageId))
                continue; // a redelivery
            // QListWidgetItem text is never interpreted as markup.
            auto *item = new QListWidgetItem(e.actorName + QStringLiteral(": ") + e.text);
            item->setData(MessageIdRole, e.messageId);
            item->setData(UserIdRole, e.actorId);
            item->setData(UserNameRole, e.actorName);
            item->setToolTip(e.occurredAt.toLocalTime().toString(QStringLiteral("HH:mm:ss")));
            m_list->addItem(item);
            m_byMessageId.insert(e.messageId, item);
        } else if (e.kind == RoomEventKind::AutoModResolved) {
            if (QListWidgetItem *item = m_byMessageId.take(e.messageId))
                delete item; // QListWidget removes a deleted item from itself
        }
    }
    if (count() != before)
        Q_EMIT countChanged(count());
}

void HeldQueuePanel::resolveSelected(ModerationActionKind kind)
{
    model::ModerationAction action = newAction(kind);
    if (QListWidgetItem *item = m_list->currentItem()) {
        action.messageId = item->data(MessageIdRole).toString();
        action.targetUserId = item->data(UserIdRole).toString();
        action.targetName = item->data(UserNameRole).toString();
    }
    submit(action);
}

void HeldQueuePanel::selectNext()
{
    step(1);
}

void HeldQueuePanel::selectPrevious()
{
    step(-1);
}

void HeldQueuePanel::step(int delta)
{
    if (m_list->count() == 0)
        return;
    const int row = m_list->currentRow() < 0
                        ? (delta > 0 ? 0 : m_list->count() - 1)
                        : std::clamp(m_list->currentRow() + delta, 0, m_list->count() - 1);
    m_list->setCurrentRow(row);
    m_list->scrollToItem(m_list->currentItem());
    m_list->setFocus(Qt::ShortcutFocusReason);
}

} // namespace roomwarden::ui
