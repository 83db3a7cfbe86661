#pragma once
#include "core/model/AuditEntry.h"
#include "core/model/RoomEvent.h"
#include "ui/DeskPanel.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTimer;

namespace roomwarden::ui {

// One user in one room, non-modal: who they are, what they said (the messages still in the
// room's chat window, newest first), what moderators did to them (setHistory, from the audit
// log), private notes kept on this computer, and timeout / ban / warn buttons that go out the
// same way as the chat's context menu (actionRequested, completed and passed on by RoomView).
class UserCard : public QDialog
{
    Q_OBJECT
public:
    static constexpr int kNotesDebounceMs = 700;
    static constexpr int kMaxMessages = 1000;

    UserCard(const QString &roomKey, const QString &userId, const QString &userName,
             QWidget *parent = nullptr);

    const QString &userId() const { return m_userId; }
    const QString &userName() const { return m_userName; }
    // Replaces the messages (given oldest first, as the chat holds them).
    void setMessages(const QList<model::RoomEvent> &oldestFirst);
    // Adds this user's chat messages from a batch of room events.
    void addMessages(const QList<model::RoomEvent> &events);
    int messageCount() const;
    void setHistory(const QList<model::AuditEntry> &entries);
    int historyCount() const;
    // Loads the stored notes without reporting them as changed.
    void setNotes(const QString &text);
    QString notes() const;
    void setPermissionCheck(PermissionCheck check);
    QString errorText() const;

Q_SIGNALS:
    void actionRequested(const roomwarden::model::ModerationAction &action);
    // After the user stops typing for kNotesDebounceMs, and when the card closes.
    void notesChanged(const QString &userId, const QString &text);

protected:
    void hideEvent(QHideEvent *event) override;

private:
    void request(model::ModerationActionKind kind);
    void flushNotes();
    void refreshPermissions();

    QString m_roomKey;
    QString m_userId;
    QString m_userName;
    QString m_savedNotes;
    PermissionCheck m_check;
    QLabel *m_name;
    QLabel *m_id;
    QListWidget *m_messages;
    QListWidget *m_history;
    QPlainTextEdit *m_notes;
    QTimer *m_notesTimer;
    QComboBox *m_duration;
    QLineEdit *m_reason;
    QPushButton *m_timeout;
    QPushButton *m_ban;
    QPushButton *m_warn;
    QLabel *m_error;
};

} // namespace roomwarden::ui
