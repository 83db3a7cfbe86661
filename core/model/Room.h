#pragma once
#include "core/model/Provider.h"

#include <QString>

namespace roomwarden::model {

// A place where a live session happens: a Twitch channel, a Discord Stage channel.
struct Room
{
    Provider provider = Provider::Twitch;
    QString roomId; // Twitch broadcaster id; Discord "<guildId>/<channelId>"
    QString name;   // login / channel name
    QString displayName;

    // "<provider>:<roomId>": stable across sessions, used in storage and the UI.
    QString key() const;
    bool isValid() const { return !roomId.isEmpty(); }

    friend bool operator==(const Room &, const Room &) = default;
};

} // namespace roomwarden::model
