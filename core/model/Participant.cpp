#include "core/model/Participant.h"

namespace roomwarden::model {

QString Participant::shownName() const
{
    if (!displayName.trimmed().isEmpty())
        return displayName;
    if (!login.isEmpty())
        return login;
    return userId;
}

} // namespace roomwarden::model
