#include "ui/DeskPanel.h"

#include <QLabel>

namespace roomwarden::ui {

DeskPanel::DeskPanel(const QString &roomKey, const QString &objectName, QWidget *parent)
    : QWidget(parent), m_roomKey(roomKey), m_error(new QLabel(this))
{
    setObjectName(objectName);
    m_error->setObjectName(objectName + QStringLiteral(".error"));
    m_error->setTextFormat(Qt::PlainText);
    m_error->setWordWrap(true);
    m_error->hide();
}

void DeskPanel::setPermissionCheck(PermissionCheck check)
{
    m_check = std::move(check);
    refreshPermissions();
}

QString DeskPanel::errorText() const
{
    return m_error->text();
}

model::ModerationAction DeskPanel::newAction(model::ModerationActionKind kind) const
{
    model::ModerationAction action;
    action.kind = kind;
    action.roomKey = m_roomKey;
    return action;
}

bool DeskPanel::submit(model::ModerationAction action)
{
    std::optional<QString> why = action.validationError();
    if (!why && m_check)
        why = m_check(action.kind);
    if (why) {
        m_error->setText(*why);
        m_error->setAccessibleName(*why);
        m_error->show();
        return false;
    }
    m_error->clear();
    m_error->hide();
    Q_EMIT actionRequested(action);
    return true;
}

void DeskPanel::bindPermission(QWidget *control, model::ModerationActionKind kind)
{
    m_bound.append({control, kind});
    refreshPermissions();
}

void DeskPanel::refreshPermissions()
{
    for (const auto &[control, kind] : std::as_const(m_bound)) {
        if (!control)
            continue;
        const std::optional<QString> why = m_check ? m_check(kind) : std::nullopt;
        control->setEnabled(!why);
        control->setToolTip(why.value_or(QString()));
    }
}

} // namespace roomwarden::ui
