#include "ui/BulkActionDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace roomwarden::ui {

namespace {
// The action choices: a ban, or a timeout of this many seconds.
const QList<std::optional<qint64>> kChoices{std::nullopt, 600, 3600, 86'400};
} // namespace

BulkActionDialog::BulkActionDialog(QString roomKey, Planner planner, QWidget *parent)
    : QDialog(parent), m_roomKey(std::move(roomKey)), m_planner(std::move(planner)),
      m_joinedWithin(new QSpinBox(this)), m_pattern(new QLineEdit(this)),
      m_young(new QCheckBox(tr("Account created in the last 24 hours"), this)),
      m_firstTime(new QCheckBox(tr("First-time chatters only"), this)),
      m_action(new QComboBox(this)), m_reason(new QLineEdit(this)),
      m_shield(new QCheckBox(tr("Also turn shield mode on"), this)),
      m_targets(new QListWidget(this)), m_summary(new QLabel(this)),
      m_confirm(new QPushButton(this))
{
    setObjectName(QStringLiteral("bulkDialog"));
    setWindowTitle(tr("Bulk action"));
    m_joinedWithin->setObjectName(QStringLiteral("bulkJoinedWithin"));
    m_joinedWithin->setRange(0, 24 * 3600);
    m_joinedWithin->setSpecialValueText(tr("any time"));
    m_joinedWithin->setSuffix(tr(" s"));
    m_pattern->setObjectName(QStringLiteral("bulkPattern"));
    m_pattern->setPlaceholderText(tr("Text in their recent messages (lookalikes match too)"));
    m_young->setObjectName(QStringLiteral("bulkYoungAccounts"));
    m_firstTime->setObjectName(QStringLiteral("bulkFirstTime"));
    m_action->setObjectName(QStringLiteral("bulkAction"));
    m_action->addItems(
        {tr("Ban"), tr("Time out 10 minutes"), tr("Time out 1 hour"), tr("Time out 24 hours")});
    m_reason->setObjectName(QStringLiteral("bulkReason"));
    m_reason->setMaxLength(int(model::ModerationAction::kMaxReasonLength));
    m_shield->setObjectName(QStringLiteral("bulkShield"));
    m_targets->setObjectName(QStringLiteral("bulkTargets"));
    m_targets->setUniformItemSizes(true);
    m_targets->setAccessibleName(tr("Who the action would hit"));
    m_summary->setObjectName(QStringLiteral("bulkSummary"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_confirm->setObjectName(QStringLiteral("bulkConfirm"));
    m_confirm->setEnabled(false);
    auto *previewButton = new QPushButton(tr("Preview"), this);
    previewButton->setObjectName(QStringLiteral("bulkPreview"));

    auto *form = new QFormLayout;
    // Captions as plain-text labels too: the house rule holds for every QLabel.
    auto caption = [this](const QString &text) {
        auto *l = new QLabel(text, this);
        l->setTextFormat(Qt::PlainText);
        return l;
    };
    form->addRow(caption(tr("Joined or first spoke within")), m_joinedWithin);
    form->addRow(caption(tr("Message contains")), m_pattern);
    form->addRow(caption(QString()), m_young);
    form->addRow(caption(QString()), m_firstTime);
    form->addRow(caption(tr("Action")), m_action);
    form->addRow(caption(tr("Reason")), m_reason);
    form->addRow(caption(QString()), m_shield);
    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(previewButton, QDialogButtonBox::ActionRole);
    buttons->addButton(m_confirm, QDialogButtonBox::AcceptRole);
    buttons->addButton(QDialogButtonBox::Cancel);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_targets, 1);
    layout->addWidget(m_summary);
    layout->addWidget(buttons);

    connect(previewButton, &QPushButton::clicked, this, &BulkActionDialog::preview);
    connect(m_confirm, &QPushButton::clicked, this, &BulkActionDialog::confirm);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_joinedWithin, &QSpinBox::valueChanged, this, &BulkActionDialog::invalidate);
    connect(m_pattern, &QLineEdit::textChanged, this, &BulkActionDialog::invalidate);
    connect(m_young, &QCheckBox::toggled, this, &BulkActionDialog::invalidate);
    connect(m_firstTime, &QCheckBox::toggled, this, &BulkActionDialog::invalidate);
    connect(m_action, &QComboBox::currentIndexChanged, this, &BulkActionDialog::invalidate);
    invalidate();
}

moderation::BulkFilter BulkActionDialog::filter() const
{
    moderation::BulkFilter f;
    if (m_joinedWithin->value() > 0)
        f.joinedWithinSeconds = m_joinedWithin->value();
    f.pattern = m_pattern->text();
    if (m_young->isChecked())
        f.accountYoungerThanHours = 24;
    f.firstTimeChattersOnly = m_firstTime->isChecked();
    f.onlyUserIds = m_prepared.onlyUserIds;
    return f;
}

void BulkActionDialog::prepare(const moderation::BulkFilter &filter, bool suggestShieldMode)
{
    m_prepared = filter;
    m_joinedWithin->setValue(int(filter.joinedWithinSeconds.value_or(0)));
    m_pattern->setText(filter.pattern);
    m_young->setChecked(filter.accountYoungerThanHours.has_value());
    m_firstTime->setChecked(filter.firstTimeChattersOnly);
    m_shield->setChecked(suggestShieldMode);
    preview();
}

void BulkActionDialog::invalidate()
{
    m_plan = {};
    m_targets->clear();
    m_confirm->setEnabled(false);
    m_confirm->setText(tr("Confirm"));
    m_summary->setText(tr("Set a filter, then Preview to see exactly who it hits."));
}

void BulkActionDialog::preview()
{
    invalidate();
    m_plan = m_planner ? m_planner(filter()) : moderation::BulkPlan{};
    if (!m_plan.error.isEmpty()) {
        m_summary->setText(m_plan.error);
        return;
    }
    for (const auto &t : std::as_const(m_plan.targets)) {
        // Names are user-supplied: a QListWidgetItem shows its text as plain text.
        auto *item = new QListWidgetItem(t.name.isEmpty() ? t.userId : t.name, m_targets);
        item->setToolTip(t.userId);
    }
    const int n = int(m_plan.targets.size());
    QStringList left;
    if (m_plan.skippedProtected)
        left << tr("%n broadcaster, moderator or VIP account(s) left out", nullptr,
                   m_plan.skippedProtected);
    if (m_plan.skippedRestricted)
        left << tr("%n already banned or timed out", nullptr, m_plan.skippedRestricted);
    if (m_plan.skippedUnknownAge)
        left << tr("%n whose account age is not known", nullptr, m_plan.skippedUnknownAge);
    m_summary->setText(n == 0 ? tr("Nobody matches.")
                              : tr("%n account(s) match.", nullptr, n) +
                                    (left.isEmpty()
                                         ? QString()
                                         : QLatin1Char(' ') + left.join(u"; ") + QLatin1Char('.')));
    const bool ban = !kChoices.at(m_action->currentIndex());
    m_confirm->setText(ban ? tr("Ban %n account(s)", nullptr, n)
                           : tr("Time out %n account(s)", nullptr, n));
    m_confirm->setEnabled(n > 0);
}

void BulkActionDialog::confirm()
{
    if (m_plan.targets.isEmpty())
        return;
    const auto duration = kChoices.at(m_action->currentIndex());
    const auto actions = moderation::BulkPlanner::actions(
        m_plan, m_roomKey,
        duration ? model::ModerationActionKind::Timeout : model::ModerationActionKind::Ban,
        duration, m_reason->text());
    Q_EMIT confirmed(actions, m_shield->isChecked());
    accept();
}

} // namespace roomwarden::ui
