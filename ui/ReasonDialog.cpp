#include "ui/ReasonDialog.h"

#include "core/model/ModerationAction.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace roomwarden::ui {

ReasonDialog::ReasonDialog(const QString &objectName, const QString &title, const QString &prompt,
                           QWidget *parent)
    : QDialog(parent), m_prompt(new QLabel(this)), m_reason(new QLineEdit(this)),
      m_error(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(objectName);
    setWindowTitle(title);
    m_prompt->setObjectName(QStringLiteral("reasonPrompt"));
    m_error->setObjectName(QStringLiteral("reasonError"));
    // The prompt names the user: plain text, like every label.
    for (QLabel *l : {m_prompt, m_error}) {
        l->setTextFormat(Qt::PlainText);
        l->setWordWrap(true);
    }
    m_prompt->setText(prompt);
    m_error->hide();
    m_reason->setObjectName(QStringLiteral("reasonEdit"));
    m_reason->setAccessibleName(tr("Reason"));
    m_reason->setMaxLength(static_cast<int>(model::ModerationAction::kMaxReasonLength));
    m_prompt->setBuddy(m_reason);
    m_buttons->setObjectName(QStringLiteral("reasonButtons"));
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("reasonOk"));
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("reasonCancel"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ReasonDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_prompt);
    layout->addWidget(m_reason);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
}

QString ReasonDialog::reason() const
{
    return m_reason->text().trimmed();
}

void ReasonDialog::setReason(const QString &reason)
{
    m_reason->setText(reason);
}

void ReasonDialog::showError(const QString &error)
{
    m_error->setText(error);
    m_error->setAccessibleName(error);
    m_error->show();
}

QString ReasonDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void ReasonDialog::submit()
{
    Q_EMIT submitted(reason());
}

} // namespace roomwarden::ui
