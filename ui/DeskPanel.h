#pragma once
#include "core/model/ModerationAction.h"

#include <QLabel>
#include <QList>
#include <QPair>
#include <QPointer>
#include <QWidget>

#include <functional>
#include <optional>

namespace roomwarden::ui {

// Asks whether an action may be sent: nullopt = allowed, otherwise the reason (ScopeGuard's
// refusal sentence). The desk only displays the answer; the dispatcher enforces it again.
using PermissionCheck = std::function<std::optional<QString>(model::ModerationActionKind)>;

// Base of the room's side panels (held queue, unban queue, chat modes, ...): they turn what
// the user does into ModerationActions, check them before anything leaves, and show why not
// inline. They hold no state of the platform beyond what they display.
class DeskPanel : public QWidget
{
    Q_OBJECT
public:
    DeskPanel(const QString &roomKey, const QString &objectName, QWidget *parent = nullptr);

    const QString &roomKey() const { return m_roomKey; }
    // Controls of refused actions are disabled and carry the reason as their tooltip.
    void setPermissionCheck(PermissionCheck check);
    // The inline error, empty when the last attempt went out.
    QString errorText() const;

Q_SIGNALS:
    // roomKey is set; RoomView adds the intent id and time before passing it on.
    void actionRequested(const roomwarden::model::ModerationAction &action);

protected:
    // Emits the action, or shows why it cannot be sent (validation or permission) and emits
    // nothing. Returns whether it was emitted.
    bool submit(model::ModerationAction action);
    model::ModerationAction newAction(model::ModerationActionKind kind) const;
    void bindPermission(QWidget *control, model::ModerationActionKind kind);
    QLabel *errorLabel() const { return m_error; }

private:
    void refreshPermissions();

    QString m_roomKey;
    PermissionCheck m_check;
    QLabel *m_error;
    QList<QPair<QPointer<QWidget>, model::ModerationActionKind>> m_bound;
};

} // namespace roomwarden::ui
