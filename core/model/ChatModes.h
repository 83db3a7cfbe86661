#pragma once
#include <optional>

namespace roomwarden::model {

// A room's chat restrictions, platform-neutral (Twitch: Get/Update Chat Settings). A mode that
// carries a length is on when its length is set: slow mode with a wait of N seconds, follower-only
// after following N minutes (0 = any follower), a delay of N seconds on non-moderators' messages.
struct ChatModes
{
    std::optional<int> slowSeconds;
    std::optional<int> followerMinutes;
    bool emoteOnly = false;
    bool subscriberOnly = false;
    bool uniqueChat = false;
    std::optional<int> nonModeratorDelaySeconds;

    friend bool operator==(const ChatModes &, const ChatModes &) = default;
};

// Only what changes. For the modes with a length, the outer optional says "change this" and
// the inner one is the new value (nullopt = off).
struct ChatModesPatch
{
    std::optional<std::optional<int>> slowSeconds;
    std::optional<std::optional<int>> followerMinutes;
    std::optional<bool> emoteOnly;
    std::optional<bool> subscriberOnly;
    std::optional<bool> uniqueChat;
    std::optional<std::optional<int>> nonModeratorDelaySeconds;

    bool isEmpty() const
    {
        return !slowSeconds && !followerMinutes && !emoteOnly && !subscriberOnly && !uniqueChat &&
               !nonModeratorDelaySeconds;
    }
    ChatModes appliedTo(ChatModes modes) const
    {
        if (slowSeconds)
            modes.slowSeconds = *slowSeconds;
        if (followerMinutes)
            modes.followerMinutes = *followerMinutes;
        if (emoteOnly)
            modes.emoteOnly = *emoteOnly;
        if (subscriberOnly)
            modes.subscriberOnly = *subscriberOnly;
        if (uniqueChat)
            modes.uniqueChat = *uniqueChat;
        if (nonModeratorDelaySeconds)
            modes.nonModeratorDelaySeconds = *nonModeratorDelaySeconds;
        return modes;
    }

    friend bool operator==(const ChatModesPatch &, const ChatModesPatch &) = default;
};

} // namespace roomwarden::model
