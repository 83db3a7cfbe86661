#include "ui/EmptyState.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace roomwarden::ui {

EmptyState::EmptyState(const QString &objectName, const QString &title, const QString &help,
                       QWidget *parent)
    : QWidget(parent), m_title(new QLabel(this)), m_help(new QLabel(this))
{
    setObjectName(objectName);
    m_title->setObjectName(objectName + QStringLiteral(".title"));
    m_help->setObjectName(objectName + QStringLiteral(".help"));
    for (QLabel *label : {m_title, m_help}) {
        label->setTextFormat(Qt::PlainText);
        label->setAlignment(Qt::AlignCenter);
        label->setWordWrap(true);
    }
    m_title->setText(title);
    m_help->setText(help);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);

    auto *layout = new QVBoxLayout(this);
    layout->addStretch(1);
    layout->addWidget(m_title);
    layout->addWidget(m_help);
    layout->addStretch(2);
}

QPushButton *EmptyState::setAction(const QString &text)
{
    if (!m_action) {
        m_action = new QPushButton(this);
        m_action->setObjectName(objectName() + QStringLiteral(".action"));
        auto *box = qobject_cast<QVBoxLayout *>(layout());
        box->insertWidget(3, m_action, 0, Qt::AlignHCenter);
    }
    m_action->setText(text);
    m_action->setAccessibleName(text);
    return m_action;
}

QString EmptyState::title() const
{
    return m_title->text();
}

QString EmptyState::help() const
{
    return m_help->text();
}

} // namespace roomwarden::ui
