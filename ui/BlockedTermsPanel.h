#pragma once
#include "ui/DeskPanel.h"

class QLineEdit;
class QListWidget;
class QPushButton;

namespace roomwarden::ui {

// The room's blocked terms as the platform lists them; add one, or remove the selected one.
class BlockedTermsPanel : public DeskPanel
{
    Q_OBJECT
public:
    explicit BlockedTermsPanel(const QString &roomKey, QWidget *parent = nullptr);

    // (term id, term text), as the platform reported them.
    void setBlockedTerms(const QList<QPair<QString, QString>> &terms);
    int count() const;

private:
    void addClicked();
    void removeClicked();

    QListWidget *m_list;
    QLineEdit *m_term;
    QPushButton *m_add;
    QPushButton *m_remove;
};

} // namespace roomwarden::ui
