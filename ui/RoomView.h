#pragma once
#include "core/model/AuditEntry.h"
#include "core/model/ChatModes.h"
#include "core/model/ModerationAction.h"
#include "core/model/Room.h"
#include "core/model/RoomEvent.h"
#include "ui/DeskPanel.h"
#include "ui/UserCard.h" // complete, for the userCardOpened signal's meta type

#include <QHash>
#include <QPointer>
#include <QWidget>

class QAction;
class QLabel;
class QListView;
class QListWidget;
class QMenu;
class QModelIndex;
class QPushButton;
class QTabWidget;
class QTimer;

namespace roomwarden::ui {

class AnnouncementPanel;
class BlockedTermsPanel;
class ChatModel;
class ChatModesPanel;
class HeldQueuePanel;
class UnbanQueuePanel;

// One live room: its connection state and counters on top, the chat on the left, and on the
// right the moderation desk: the room's events, AutoMod's held messages, unban requests, chat
// modes, blocked terms and announcements. Everything user-supplied is shown as plain text.
//
// The view holds no business logic and never talks to the network: what the moderator does
// becomes a model::ModerationAction on actionRequested (room, intent id and time filled in);
// the app dispatches it and reports back through showOutcome().
class RoomView : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kMaxEventLines = 2000;

    explicit RoomView(const model::Room &room, QWidget *parent = nullptr);
    ~RoomView() override;

    const model::Room &room() const { return m_room; }
    void applyEvents(const QList<model::RoomEvent> &events);
    // Collects events and applies them together at most every kFlushIntervalMs: a raid of
    // thousands of messages per second costs a few repaints per second, not thousands.
    void queueEvent(const model::RoomEvent &event);
    static constexpr int kFlushIntervalMs = 100;
    void setConnectionState(const QString &text);

    ChatModel *chatModel() const { return m_chat; }
    QListView *chatView() const { return m_chatView; }
    int eventLineCount() const;
    qint64 moderationCount() const { return m_moderationCount; }

    // --- the moderation desk ---
    // 1 min, 10 min, 1 h, 24 h: the timeout entries of the chat's context menu.
    static QList<qint64> timeoutPresets();
    // nullopt = allowed; otherwise the reason, shown as the tooltip of the disabled menu
    // entries and buttons, and in the status line when a shortcut asks for a refused action.
    // Default: everything allowed.
    void setPermissionCheck(PermissionCheck check);
    // Feedback for an action this view requested ("Banned alice", "Failed: ...").
    void showOutcome(const model::AuditEntry &entry);
    QString statusText() const;
    // The context menu of a chat row, its entries bound to that row's message and author. The
    // menu is parented to the view and deletes itself when closed after popup(); a caller that
    // never pops it up deletes it.
    QMenu *contextMenuFor(const QModelIndex &index);
    // Opens (or raises) the non-modal user card of a chatter, filled with their messages in
    // the chat window; userCardOpened lets the app add the history and notes.
    UserCard *openUserCard(const QString &userId, const QString &userName);
    UserCard *userCard(const QString &userId) const;

    HeldQueuePanel *heldQueue() const { return m_held; }
    int heldCount() const;
    UnbanQueuePanel *unbanQueue() const { return m_unban; }
    ChatModesPanel *chatModesPanel() const { return m_modes; }
    BlockedTermsPanel *blockedTermsPanel() const { return m_terms; }
    void setChatModes(const model::ChatModes &modes);
    void setShieldMode(bool active);
    void setBlockedTerms(const QList<QPair<QString, QString>> &terms);

    // A raid/brigade alert for this room, with a button that asks for the prepared response.
    void showRaidAlert(const QString &text, bool hostile);
    QString raidAlertText() const;

Q_SIGNALS:
    void actionRequested(const roomwarden::model::ModerationAction &action);
    void userCardOpened(roomwarden::ui::UserCard *card);
    // The moderator clicked Undo under an applied ban or timeout.
    void undoRequested(const QString &intentId);
    // "Bulk action…": the app opens the bulk dialog with this room's planner.
    void bulkRequested();
    // "Prepare response…" on a raid alert.
    void raidResponseRequested();

private:
    struct ChatRow
    {
        QString messageId;
        QString userId;
        QString userName;
        bool isValid() const { return !userId.isEmpty(); }
    };

    void buildShortcuts();
    void updateCounters();
    void updateSideTabs();
    void flush();
    ChatRow rowAt(const QModelIndex &index) const;
    ChatRow selectedRow() const;
    std::optional<QString> refusal(model::ModerationActionKind kind) const;
    // Builds, checks and sends an action against a chat row; explains in the status line why
    // not when it cannot go.
    void requestFor(const ChatRow &row, model::ModerationActionKind kind,
                    std::optional<qint64> durationSeconds = std::nullopt);
    void askReason(const ChatRow &row, model::ModerationActionKind kind);
    void shortcut(model::ModerationActionKind kind, const std::function<void(const ChatRow &)> &go);
    // Stamps intent id and time and emits.
    void dispatch(model::ModerationAction action);
    void setStatus(const QString &text);

    model::Room m_room;
    QList<model::RoomEvent> m_queue;
    QTimer *m_flushTimer;
    ChatModel *m_chat;
    QLabel *m_title;
    QLabel *m_state;
    QLabel *m_counters;
    QLabel *m_status;
    QPushButton *m_undo;
    QLabel *m_raidAlert;
    QPushButton *m_raidResponse;
    QString m_undoIntent;
    QListView *m_chatView;
    QTabWidget *m_side;
    QListWidget *m_events;
    HeldQueuePanel *m_held;
    UnbanQueuePanel *m_unban;
    ChatModesPanel *m_modes;
    BlockedTermsPanel *m_terms;
    AnnouncementPanel *m_announce;
    PermissionCheck m_check;
    QList<QPair<QAction *, model::ModerationActionKind>> m_shortcutKinds;
    QHash<QString, QPointer<QWidget>> m_cards; // UserCards (QPointer needs a complete type)
    qint64 m_moderationCount = 0;
    qint64 m_gapCount = 0;
};

} // namespace roomwarden::ui
