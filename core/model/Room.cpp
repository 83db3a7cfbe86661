#include "core/model/Room.h"

namespace roomwarden::model {

QString Room::key() const
{
    return providerId(provider) + u':' + roomId;
}

} // namespace roomwarden::model
