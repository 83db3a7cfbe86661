#pragma once
#include "core/model/RoomEvent.h"

#include <QAbstractListModel>
#include <QHash>
#include <QList>

#include <deque>

namespace roomwarden::ui {

// The chat of one room as a list model: a bounded window of the most recent messages (older
// ones leave the view; the store keeps them). Appends arrive in batches so that thousands of
// messages per second cost one model reset of the tail, not thousands of row inserts.
//
// Message bodies and names are user-supplied: the model hands them out as plain QString for
// DisplayRole, and the views that show them never interpret markup.
class ChatModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Roles
    {
        AuthorRole = Qt::UserRole + 1,
        AuthorIdRole,
        TextRole,
        MessageIdRole,
        RemovedRole, // deleted, or its author was banned / timed out
        TimeRole,
    };

    static constexpr int kDefaultCapacity = 5000;

    explicit ChatModel(int capacity = kDefaultCapacity, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Chat messages are added; deletions, clears, bans and timeouts mark what they remove.
    void apply(const QList<model::RoomEvent> &events);
    int capacity() const { return m_capacity; }
    qint64 totalSeen() const { return m_totalSeen; }
    // The messages of one author still in the window, oldest first (for the user card).
    QList<model::RoomEvent> messagesBy(const QString &authorId) const;

private:
    struct Line
    {
        model::RoomEvent event;
        bool removed = false;
    };
    void append(const QList<model::RoomEvent> &messages);
    void markRemoved(const std::function<bool(const Line &)> &match);

    int m_capacity;
    std::deque<Line> m_lines;
    qint64 m_totalSeen = 0;
};

} // namespace roomwarden::ui
