#include "ui/RoomView.h"

#include "core/live/EventText.h"
#include "ui/ChatModel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QListWidget>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

namespace roomwarden::ui {

using model::RoomEventKind;

RoomView::RoomView(const model::Room &room, QWidget *parent)
    : QWidget(parent), m_room(room), m_chat(new ChatModel(ChatModel::kDefaultCapacity, this)),
      m_title(new QLabel(this)), m_state(new QLabel(this)), m_counters(new QLabel(this)),
      m_chatView(new QListView(this)), m_events(new QListWidget(this))
{
    m_flushTimer = new QTimer(this);
    m_flushTimer->setSingleShot(true);
    m_flushTimer->setInterval(kFlushIntervalMs);
    connect(m_flushTimer, &QTimer::timeout, this, &RoomView::flush);
    setObjectName(QStringLiteral("room.") + room.key());
    m_title->setObjectName(QStringLiteral("room.title"));
    m_state->setObjectName(QStringLiteral("room.state"));
    m_counters->setObjectName(QStringLiteral("room.counters"));
    m_chatView->setObjectName(QStringLiteral("room.chat"));
    m_events->setObjectName(QStringLiteral("room.events"));
    for (QLabel *l : {m_title, m_state, m_counters})
        l->setTextFormat(Qt::PlainText);
    m_title->setText(room.displayName.isEmpty() ? room.name : room.displayName);
    QFont f = m_title->font();
    f.setBold(true);
    m_title->setFont(f);

    // Uniform rows let the view skip measuring every line: smooth at thousands of lines/s.
    m_chatView->setModel(m_chat);
    m_chatView->setUniformItemSizes(true);
    m_chatView->setWordWrap(false);
    m_chatView->setAccessibleName(tr("Chat"));
    m_chatView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_events->setAccessibleName(tr("Room events"));
    m_events->setUniformItemSizes(true);

    auto *header = new QHBoxLayout;
    header->addWidget(m_title);
    header->addWidget(m_state);
    header->addStretch(1);
    header->addWidget(m_counters);

    auto *split = new QSplitter(this);
    split->setObjectName(QStringLiteral("room.split"));
    split->addWidget(m_chatView);
    split->addWidget(m_events);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(split, 1);
    setConnectionState(tr("Connecting…"));
    updateCounters();
}

void RoomView::setConnectionState(const QString &text)
{
    m_state->setText(text);
}

int RoomView::eventLineCount() const
{
    return m_events->count();
}

void RoomView::applyEvents(const QList<model::RoomEvent> &events)
{
    m_chat->apply(events);
    const bool atBottom =
        m_events->count() == 0 || m_events->currentRow() < 0; // the user isn't reading back
    for (const model::RoomEvent &e : events) {
        if (e.kind == RoomEventKind::ChatMessage || e.kind == RoomEventKind::ParticipantJoined ||
            e.kind == RoomEventKind::ParticipantLeft || e.kind == RoomEventKind::ViewerCountSample)
            continue;
        if (model::isModerationEvent(e.kind))
            ++m_moderationCount;
        if (e.kind == RoomEventKind::Gap)
            ++m_gapCount;
        // QListWidgetItem text is never interpreted as markup.
        m_events->addItem(e.occurredAt.toLocalTime().toString(QStringLiteral("HH:mm:ss ")) +
                          live::describeEvent(e));
    }
    while (m_events->count() > kMaxEventLines)
        delete m_events->takeItem(0);
    if (atBottom)
        m_events->scrollToBottom();
    m_chatView->scrollToBottom();
    updateCounters();
}

void RoomView::queueEvent(const model::RoomEvent &event)
{
    m_queue.append(event);
    if (!m_flushTimer->isActive())
        m_flushTimer->start();
}

void RoomView::flush()
{
    const QList<model::RoomEvent> batch = std::exchange(m_queue, {});
    applyEvents(batch);
}

void RoomView::updateCounters()
{
    m_counters->setText(tr("%1 messages · %2 moderation events · %3 gaps")
                            .arg(m_chat->totalSeen())
                            .arg(m_moderationCount)
                            .arg(m_gapCount));
}

} // namespace roomwarden::ui
