#pragma once
#include "core/model/RoomEvent.h"
#include "ui/DeskPanel.h"

#include <QHash>

class QListWidget;
class QListWidgetItem;
class QPushButton;

namespace roomwarden::ui {

// Messages AutoMod held for review: they appear on AutoModHeld and leave when the platform
// reports them resolved (by anyone, or expired). Approve / Deny become actions; the entry
// stays until the platform confirms, so a failed call never hides a message silently.
class HeldQueuePanel : public DeskPanel
{
    Q_OBJECT
public:
    explicit HeldQueuePanel(const QString &roomKey, QWidget *parent = nullptr);

    void apply(const QList<model::RoomEvent> &events);
    int count() const;
    QListWidget *list() const { return m_list; }
    // Moves the selection (and the keyboard focus) to the next / previous held message.
    void selectNext();
    void selectPrevious();

Q_SIGNALS:
    void countChanged(int count);

private:
    void resolveSelected(model::ModerationActionKind kind);
    void step(int delta);

    QListWidget *m_list;
    QPushButton *m_approve;
    QPushButton *m_deny;
    QHash<QString, QListWidgetItem *> m_byMessageId;
};

} // namespace roomwarden::ui
