#include "ui/AnnouncementPanel.h"

#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace roomwarden::ui {

AnnouncementPanel::AnnouncementPanel(const QString &roomKey, QWidget *parent)
    : DeskPanel(roomKey, QStringLiteral("announcementPanel"), parent),
      m_text(new QPlainTextEdit(this)), m_send(new QPushButton(tr("Send announcement"), this))
{
    m_text->setObjectName(QStringLiteral("announcementText"));
    m_text->setAccessibleName(tr("Announcement"));
    m_text->setPlaceholderText(tr("Up to 500 characters, shown highlighted in chat"));
    m_text->setTabChangesFocus(true);
    m_send->setObjectName(QStringLiteral("announcementSend"));
    bindPermission(m_text, model::ModerationActionKind::SendAnnouncement);
    bindPermission(m_send, model::ModerationActionKind::SendAnnouncement);
    connect(m_send, &QPushButton::clicked, this, &AnnouncementPanel::sendClicked);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_text, 1);
    layout->addWidget(errorLabel());
    layout->addWidget(m_send);
}

void AnnouncementPanel::sendClicked()
{
    model::ModerationAction action = newAction(model::ModerationActionKind::SendAnnouncement);
    action.text = m_text->toPlainText().trimmed();
    if (submit(action))
        m_text->clear();
}

} // namespace roomwarden::ui
