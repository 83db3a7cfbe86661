#pragma once
#include "core/model/ChatModes.h"
#include "ui/DeskPanel.h"

class QCheckBox;
class QComboBox;
class QGroupBox;
class QPushButton;
class QSpinBox;

namespace roomwarden::ui {

// The room's chat restrictions as the platform last reported them (setChatModes), edited in
// place. Apply sends one UpdateChatModes action whose patch holds only what the user changed,
// so it never overwrites a change another moderator made to a mode this user did not touch.
// Shield mode is separate: one button, one SetShieldMode action.
class ChatModesPanel : public DeskPanel
{
    Q_OBJECT
public:
    explicit ChatModesPanel(const QString &roomKey, QWidget *parent = nullptr);

    void setChatModes(const model::ChatModes &modes);
    const model::ChatModes &chatModes() const { return m_modes; }
    // What Apply would send.
    model::ChatModesPatch pendingPatch() const;
    void setShieldMode(bool active);
    bool shieldMode() const { return m_shield; }

private:
    void applyClicked();
    void shieldClicked();
    void updateShieldButton();

    model::ChatModes m_modes;
    bool m_shield = false;
    QGroupBox *m_group;
    QCheckBox *m_slowOn;
    QSpinBox *m_slowSeconds;
    QCheckBox *m_followerOn;
    QSpinBox *m_followerMinutes;
    QCheckBox *m_emoteOnly;
    QCheckBox *m_subscriberOnly;
    QCheckBox *m_uniqueChat;
    QCheckBox *m_delayOn;
    QComboBox *m_delaySeconds;
    QPushButton *m_apply;
    QPushButton *m_shieldButton;
};

} // namespace roomwarden::ui
