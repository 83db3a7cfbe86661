#pragma once
#include <QHash>
#include <QString>

#include <list>

namespace roomwarden::twitch {

// A bounded LRU set of EventSub message ids (§4.2: delivery is at least once and a resend keeps
// its message_id). 10k ids cover well over ten minutes of a busy channel.
class MessageIdCache
{
public:
    static constexpr qsizetype kDefaultCapacity = 10'000;

    explicit MessageIdCache(qsizetype capacity = kDefaultCapacity);

    // True when `id` is new (and remembers it); false for a duplicate. Empty ids are never
    // duplicates: a frame without an id cannot be de-duplicated, only processed.
    bool insert(const QString &id);
    bool contains(const QString &id) const { return m_index.contains(id); }
    qsizetype size() const { return m_index.size(); }
    qsizetype capacity() const { return m_capacity; }
    void clear();

private:
    qsizetype m_capacity;
    std::list<QString> m_order; // most recent at the front
    QHash<QString, std::list<QString>::iterator> m_index;
};

} // namespace roomwarden::twitch
