#include "core/providers/twitch/MessageIdCache.h"

namespace roomwarden::twitch {

MessageIdCache::MessageIdCache(qsizetype capacity) : m_capacity(std::max<qsizetype>(1, capacity)) {}

bool MessageIdCache::insert(const QString &id)
{
    if (id.isEmpty())
        return true;
    const auto it = m_index.find(id);
    if (it != m_index.end()) {
        m_order.splice(m_order.begin(), m_order, it.value());
        return false;
    }
    m_order.push_front(id);
    m_index.insert(id, m_order.begin());
    while (m_index.size() > m_capacity) {
        m_index.remove(m_order.back());
        m_order.pop_back();
    }
    return true;
}

void MessageIdCache::clear()
{
    m_order.clear();
    m_index.clear();
}

} // namespace roomwarden::twitch
