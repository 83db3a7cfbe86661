#pragma once
#include <QWidget>

class QLabel;
class QPushButton;

namespace roomwarden::ui {

// What an area shows when it has nothing yet: a title, a line of help and, optionally, the
// one action that fills it. Text is set as plain text: nothing here interprets markup.
class EmptyState : public QWidget
{
    Q_OBJECT
public:
    EmptyState(const QString &objectName, const QString &title, const QString &help,
               QWidget *parent = nullptr);

    // Adds the action button (object name "<objectName>.action").
    QPushButton *setAction(const QString &text);
    QString title() const;
    QString help() const;

private:
    QLabel *m_title;
    QLabel *m_help;
    QPushButton *m_action = nullptr;
};

} // namespace roomwarden::ui
