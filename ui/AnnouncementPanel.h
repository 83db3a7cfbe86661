#pragma once
#include "ui/DeskPanel.h"

class QPlainTextEdit;
class QPushButton;

namespace roomwarden::ui {

// Writes an announcement to the room (a highlighted chat message).
class AnnouncementPanel : public DeskPanel
{
    Q_OBJECT
public:
    explicit AnnouncementPanel(const QString &roomKey, QWidget *parent = nullptr);

private:
    void sendClicked();

    QPlainTextEdit *m_text;
    QPushButton *m_send;
};

} // namespace roomwarden::ui
