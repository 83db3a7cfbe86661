#pragma once
#include "core/model/Room.h"
#include "core/model/RoomEvent.h"

#include <QWidget>

class QLabel;
class QListView;
class QListWidget;
class QTimer;

namespace roomwarden::ui {

class ChatModel;

// One live room: its connection state and counters on top, the chat on the left, everything
// else that happens (moderation, raids, follows, gaps) on the right. Everything user-supplied
// is shown as plain text.
class RoomView : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kMaxEventLines = 2000;

    explicit RoomView(const model::Room &room, QWidget *parent = nullptr);

    const model::Room &room() const { return m_room; }
    void applyEvents(const QList<model::RoomEvent> &events);
    // Collects events and applies them together at most every kFlushIntervalMs: a raid of
    // thousands of messages per second costs a few repaints per second, not thousands.
    void queueEvent(const model::RoomEvent &event);
    static constexpr int kFlushIntervalMs = 100;
    void setConnectionState(const QString &text);

    ChatModel *chatModel() const { return m_chat; }
    int eventLineCount() const;
    qint64 moderationCount() const { return m_moderationCount; }

private:
    void updateCounters();

    void flush();

    model::Room m_room;
    QList<model::RoomEvent> m_queue;
    QTimer *m_flushTimer;
    ChatModel *m_chat;
    QLabel *m_title;
    QLabel *m_state;
    QLabel *m_counters;
    QListView *m_chatView;
    QListWidget *m_events;
    qint64 m_moderationCount = 0;
    qint64 m_gapCount = 0;
};

} // namespace roomwarden::ui
