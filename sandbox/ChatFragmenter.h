#pragma once
// How the platform dresses a chat line for channel.chat.message (specs/twitch.md §4.5): the
// text split into text/emote/mention fragments, the sender's badges and colour.
#include "sandbox/EventFactory.h"

#include <functional>
#include <optional>

namespace roomwarden::sandbox {

class World;

class ChatFragmenter
{
public:
    using LoginLookup = std::function<std::optional<UserRef>(const QString &login)>;

    // Words that are known emote codes become emote fragments; "@login" of a known user a
    // mention; the rest is merged into text fragments (spaces included, as Twitch does).
    static QList<ChatFragment> split(const QString &text, const LoginLookup &lookup);
    static QList<ChatBadge> badgesFor(const World &world, const QString &broadcasterId,
                                      const QString &userId);
    // Stable per user, "" for some (Twitch sends "" when the user never picked one).
    static QString colorFor(const QString &userId);
    // The global emote codes the sandbox knows (the simulator sprinkles them into chat).
    static const QStringList &emoteCodes();
};

} // namespace roomwarden::sandbox
