#include "ui/BlockedTermsPanel.h"

#include <QHBoxLayout>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace roomwarden::ui {

using model::ModerationActionKind;

BlockedTermsPanel::BlockedTermsPanel(const QString &roomKey, QWidget *parent)
    : DeskPanel(roomKey, QStringLiteral("blockedTermsPanel"), parent),
      m_list(new QListWidget(this)), m_term(new QLineEdit(this)),
      m_add(new QPushButton(tr("Add"), this)), m_remove(new QPushButton(tr("Remove"), this))
{
    m_list->setObjectName(QStringLiteral("blockedTermsList"));
    m_list->setAccessibleName(tr("Blocked terms"));
    m_list->setUniformItemSizes(true);
    m_term->setObjectName(QStringLiteral("blockedTermEdit"));
    m_term->setPlaceholderText(tr("Term to block (2 to 500 characters)"));
    m_term->setAccessibleName(tr("New blocked term"));
    m_add->setObjectName(QStringLiteral("blockedTermAdd"));
    m_remove->setObjectName(QStringLiteral("blockedTermRemove"));
    bindPermission(m_term, ModerationActionKind::AddBlockedTerm);
    bindPermission(m_add, ModerationActionKind::AddBlockedTerm);
    bindPermission(m_remove, ModerationActionKind::RemoveBlockedTerm);
    connect(m_add, &QPushButton::clicked, this, &BlockedTermsPanel::addClicked);
    connect(m_term, &QLineEdit::returnPressed, this, &BlockedTermsPanel::addClicked);
    connect(m_remove, &QPushButton::clicked, this, &BlockedTermsPanel::removeClicked);

    auto *addRow = new QHBoxLayout;
    addRow->addWidget(m_term, 1);
    addRow->addWidget(m_add);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_remove);
    layout->addLayout(addRow);
    layout->addWidget(errorLabel());
}

void BlockedTermsPanel::setBlockedTerms(const QList<QPair<QString, QString>> &terms)
{
    m_list->clear();
    for (const auto &[id, text] : terms) {
        auto *item = new QListWidgetItem(text, m_list);
        item->setData(Qt::UserRole, id);
    }
}

int BlockedTermsPanel::count() const
{
    return m_list->count();
}

void BlockedTermsPanel::addClicked()
{
    model::ModerationAction action = newAction(ModerationActionKind::AddBlockedTerm);
    action.text = m_term->text().trimmed();
    if (submit(action))
        m_term->clear();
}

void BlockedTermsPanel::removeClicked()
{
    model::ModerationAction action = newAction(ModerationActionKind::RemoveBlockedTerm);
    if (QListWidgetItem *item = m_list->currentItem()) {
        action.messageId = item->data(Qt::UserRole).toString();
        action.text = item->text();
    }
    submit(action);
}

} // namespace roomwarden::ui
