#include "ui/ChatModel.h"

#include <QBrush>
#include <QFont>
#include <QPalette>

namespace roomwarden::ui {

using model::RoomEvent;
using model::RoomEventKind;

ChatModel::ChatModel(int capacity, QObject *parent)
    : QAbstractListModel(parent), m_capacity(std::max(1, capacity))
{}

int ChatModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_lines.size());
}

QVariant ChatModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() < 0 || index.row() >= rowCount())
        return {};
    const Line &line = m_lines[static_cast<size_t>(index.row())];
    const RoomEvent &e = line.event;
    switch (role) {
    case Qt::DisplayRole:
        return QString(e.actorName + QStringLiteral(": ") +
                       (line.removed ? tr("<message removed>") : e.text));
    case Qt::ForegroundRole:
        // Removed by moderation: greyed and struck through, still in place so that the
        // moderator sees what happened where.
        if (line.removed)
            return QBrush(QPalette().color(QPalette::Disabled, QPalette::Text));
        return {};
    case Qt::FontRole:
        if (line.removed) {
            QFont font;
            font.setStrikeOut(true);
            return font;
        }
        return {};
    case Qt::ToolTipRole:
        return QString(e.occurredAt.toLocalTime().toString(QStringLiteral("HH:mm:ss")) + u' ' +
                       e.actorName);
    case AuthorRole:
        return e.actorName;
    case AuthorIdRole:
        return e.actorId;
    case TextRole:
        return e.text;
    case MessageIdRole:
        return e.messageId;
    case RemovedRole:
        return line.removed;
    case TimeRole:
        return e.occurredAt;
    default:
        return {};
    }
}

QHash<int, QByteArray> ChatModel::roleNames() const
{
    auto names = QAbstractListModel::roleNames();
    names.insert(AuthorRole, "author");
    names.insert(AuthorIdRole, "authorId");
    names.insert(TextRole, "text");
    names.insert(MessageIdRole, "messageId");
    names.insert(RemovedRole, "removed");
    names.insert(TimeRole, "time");
    return names;
}

QList<RoomEvent> ChatModel::messagesBy(const QString &authorId) const
{
    QList<RoomEvent> out;
    for (const Line &line : m_lines) {
        if (line.event.actorId == authorId)
            out.append(line.event);
    }
    return out;
}

void ChatModel::append(const QList<RoomEvent> &messages)
{
    if (messages.isEmpty())
        return;
    m_totalSeen += messages.size();
    // Only the newest `capacity` of this batch can ever be shown.
    const qsizetype first = std::max<qsizetype>(0, messages.size() - m_capacity);
    const int incoming = static_cast<int>(messages.size() - first);
    const int overflow = static_cast<int>(m_lines.size()) + incoming - m_capacity;
    if (overflow > 0) {
        beginRemoveRows({}, 0, overflow - 1);
        m_lines.erase(m_lines.begin(), m_lines.begin() + overflow);
        endRemoveRows();
    }
    const int start = static_cast<int>(m_lines.size());
    beginInsertRows({}, start, start + incoming - 1);
    for (qsizetype i = first; i < messages.size(); ++i)
        m_lines.push_back({messages.at(i), false});
    endInsertRows();
}

void ChatModel::markRemoved(const std::function<bool(const Line &)> &match)
{
    int row = 0;
    for (Line &line : m_lines) {
        if (!line.removed && match(line)) {
            line.removed = true;
            const QModelIndex idx = index(row);
            Q_EMIT dataChanged(idx, idx,
                               {Qt::DisplayRole, Qt::ForegroundRole, Qt::FontRole, RemovedRole});
        }
        ++row;
    }
}

void ChatModel::apply(const QList<RoomEvent> &events)
{
    QList<RoomEvent> pending;
    for (const RoomEvent &e : events) {
        switch (e.kind) {
        case RoomEventKind::ChatMessage:
            pending.append(e);
            break;
        case RoomEventKind::MessageDeleted:
            append(pending);
            pending.clear();
            markRemoved([&](const Line &l) { return l.event.messageId == e.messageId; });
            break;
        case RoomEventKind::UserBanned:
        case RoomEventKind::UserTimedOut:
            append(pending);
            pending.clear();
            markRemoved([&](const Line &l) { return l.event.actorId == e.targetId; });
            break;
        case RoomEventKind::ChatCleared:
            append(pending);
            pending.clear();
            markRemoved([](const Line &) { return true; });
            break;
        default:
            break;
        }
    }
    append(pending);
}

} // namespace roomwarden::ui
