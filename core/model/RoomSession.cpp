#include "core/model/RoomSession.h"

#include <algorithm>

namespace roomwarden::model {

qint64 RoomSession::durationSeconds(const QDateTime &now) const
{
    if (!startedAt.isValid())
        return 0;
    const QDateTime end = endedAt.value_or(now);
    return std::max<qint64>(0, startedAt.secsTo(end));
}

} // namespace roomwarden::model
