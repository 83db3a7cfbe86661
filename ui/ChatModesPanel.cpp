#include "ui/ChatModesPanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace roomwarden::ui {

using model::ModerationActionKind;

namespace {
// Wider than the platform allows, on purpose: an out-of-range value is explained by
// ModerationAction::validationError() instead of being silently clamped.
constexpr int kSpinMax = 999'999;

QWidget *pair(QWidget *parent, QCheckBox *on, QWidget *value)
{
    auto *row = new QWidget(parent);
    row->setObjectName(on->objectName() + QStringLiteral(".row"));
    auto *l = new QHBoxLayout(row);
    l->setContentsMargins(0, 0, 0, 0);
    l->addWidget(on);
    l->addWidget(value, 1);
    value->setEnabled(on->isChecked());
    QObject::connect(on, &QCheckBox::toggled, value, &QWidget::setEnabled);
    return row;
}

template <typename T>
void diff(std::optional<T> &out, const T &now, const T &before)
{
    if (now != before)
        out = now;
}
} // namespace

ChatModesPanel::ChatModesPanel(const QString &roomKey, QWidget *parent)
    : DeskPanel(roomKey, QStringLiteral("chatModesPanel"), parent),
      m_group(new QGroupBox(tr("Chat modes"), this)), m_slowOn(new QCheckBox(tr("Slow mode"))),
      m_slowSeconds(new QSpinBox), m_followerOn(new QCheckBox(tr("Followers only"))),
      m_followerMinutes(new QSpinBox), m_emoteOnly(new QCheckBox(tr("Emote only"))),
      m_subscriberOnly(new QCheckBox(tr("Subscribers only"))),
      m_uniqueChat(new QCheckBox(tr("Unique chat"))),
      m_delayOn(new QCheckBox(tr("Delay non-moderators"))), m_delaySeconds(new QComboBox),
      m_apply(new QPushButton(tr("Apply"))), m_shieldButton(new QPushButton(this))
{
    m_group->setObjectName(QStringLiteral("chatModesGroup"));
    m_slowOn->setObjectName(QStringLiteral("slowEnabled"));
    m_slowSeconds->setObjectName(QStringLiteral("slowSeconds"));
    m_slowSeconds->setRange(0, kSpinMax);
    m_slowSeconds->setValue(30);
    m_slowSeconds->setSuffix(tr(" s"));
    m_slowSeconds->setToolTip(tr("3 to 120 seconds between messages"));
    m_slowSeconds->setAccessibleName(tr("Slow mode wait in seconds"));
    m_followerOn->setObjectName(QStringLiteral("followerEnabled"));
    m_followerMinutes->setObjectName(QStringLiteral("followerMinutes"));
    m_followerMinutes->setRange(0, kSpinMax);
    m_followerMinutes->setSuffix(tr(" min"));
    m_followerMinutes->setToolTip(tr("How long someone must have followed; 0 = any follower"));
    m_followerMinutes->setAccessibleName(tr("Follow age in minutes"));
    m_emoteOnly->setObjectName(QStringLiteral("emoteOnly"));
    m_subscriberOnly->setObjectName(QStringLiteral("subscriberOnly"));
    m_uniqueChat->setObjectName(QStringLiteral("uniqueChat"));
    m_delayOn->setObjectName(QStringLiteral("delayEnabled"));
    m_delaySeconds->setObjectName(QStringLiteral("delaySeconds"));
    m_delaySeconds->setAccessibleName(tr("Delay in seconds"));
    for (int s : {2, 4, 6})
        m_delaySeconds->addItem(tr("%n second(s)", nullptr, s), s);
    m_apply->setObjectName(QStringLiteral("chatModesApply"));
    m_shieldButton->setObjectName(QStringLiteral("shieldToggle"));
    m_shieldButton->setCheckable(true);

    auto *form = new QVBoxLayout(m_group);
    form->addWidget(pair(m_group, m_slowOn, m_slowSeconds));
    form->addWidget(pair(m_group, m_followerOn, m_followerMinutes));
    form->addWidget(m_emoteOnly);
    form->addWidget(m_subscriberOnly);
    form->addWidget(m_uniqueChat);
    form->addWidget(pair(m_group, m_delayOn, m_delaySeconds));
    form->addWidget(m_apply);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_group);
    layout->addWidget(errorLabel());
    layout->addWidget(m_shieldButton);
    layout->addStretch(1);

    bindPermission(m_group, ModerationActionKind::UpdateChatModes);
    bindPermission(m_shieldButton, ModerationActionKind::SetShieldMode);
    connect(m_apply, &QPushButton::clicked, this, &ChatModesPanel::applyClicked);
    connect(m_shieldButton, &QPushButton::clicked, this, &ChatModesPanel::shieldClicked);
    setChatModes({});
    updateShieldButton();
}

void ChatModesPanel::setChatModes(const model::ChatModes &modes)
{
    m_modes = modes;
    m_slowOn->setChecked(modes.slowSeconds.has_value());
    if (modes.slowSeconds)
        m_slowSeconds->setValue(*modes.slowSeconds);
    m_followerOn->setChecked(modes.followerMinutes.has_value());
    if (modes.followerMinutes)
        m_followerMinutes->setValue(*modes.followerMinutes);
    m_emoteOnly->setChecked(modes.emoteOnly);
    m_subscriberOnly->setChecked(modes.subscriberOnly);
    m_uniqueChat->setChecked(modes.uniqueChat);
    m_delayOn->setChecked(modes.nonModeratorDelaySeconds.has_value());
    if (modes.nonModeratorDelaySeconds) {
        const int i = m_delaySeconds->findData(*modes.nonModeratorDelaySeconds);
        if (i >= 0)
            m_delaySeconds->setCurrentIndex(i);
    }
}

model::ChatModesPatch ChatModesPanel::pendingPatch() const
{
    auto valueIf = [](QCheckBox *on, int value) {
        return on->isChecked() ? std::optional<int>(value) : std::nullopt;
    };
    model::ChatModesPatch patch;
    diff(patch.slowSeconds, valueIf(m_slowOn, m_slowSeconds->value()), m_modes.slowSeconds);
    diff(patch.followerMinutes, valueIf(m_followerOn, m_followerMinutes->value()),
         m_modes.followerMinutes);
    diff(patch.emoteOnly, m_emoteOnly->isChecked(), m_modes.emoteOnly);
    diff(patch.subscriberOnly, m_subscriberOnly->isChecked(), m_modes.subscriberOnly);
    diff(patch.uniqueChat, m_uniqueChat->isChecked(), m_modes.uniqueChat);
    diff(patch.nonModeratorDelaySeconds, valueIf(m_delayOn, m_delaySeconds->currentData().toInt()),
         m_modes.nonModeratorDelaySeconds);
    return patch;
}

void ChatModesPanel::applyClicked()
{
    model::ModerationAction action = newAction(ModerationActionKind::UpdateChatModes);
    action.chatModes = pendingPatch();
    submit(action);
}

void ChatModesPanel::setShieldMode(bool active)
{
    m_shield = active;
    updateShieldButton();
}

void ChatModesPanel::shieldClicked()
{
    model::ModerationAction action = newAction(ModerationActionKind::SetShieldMode);
    action.active = !m_shield;
    submit(action);
    // The button keeps showing the platform's state until the platform reports the change.
    updateShieldButton();
}

void ChatModesPanel::updateShieldButton()
{
    m_shieldButton->setChecked(m_shield);
    m_shieldButton->setText(m_shield ? tr("Shield mode is on — turn off")
                                     : tr("Shield mode is off — turn on"));
    m_shieldButton->setAccessibleName(m_shield ? tr("Shield mode on") : tr("Shield mode off"));
}

} // namespace roomwarden::ui
