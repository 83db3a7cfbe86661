#pragma once
#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace roomwarden::ui {

// Asks for the reason of a ban or a warning (at most 500 characters, the platform's limit).
// It stays open until the caller accepts what was entered: `submitted` hands the reason over,
// and the caller either calls accept() or showError() with why it cannot be sent.
// Shown with open(), never exec(), so the event loop (and tests) keep running.
class ReasonDialog : public QDialog
{
    Q_OBJECT
public:
    ReasonDialog(const QString &objectName, const QString &title, const QString &prompt,
                 QWidget *parent = nullptr);

    QString reason() const;
    void setReason(const QString &reason);
    void showError(const QString &error);
    QString errorText() const;
    // Same as pressing OK.
    void submit();

Q_SIGNALS:
    void submitted(const QString &reason);

private:
    QLabel *m_prompt;
    QLineEdit *m_reason;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
};

} // namespace roomwarden::ui
