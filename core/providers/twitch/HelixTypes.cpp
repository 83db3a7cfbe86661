#include "core/providers/twitch/HelixTypes.h"

#include <array>
#include <utility>

namespace roomwarden::twitch {

namespace {

constexpr std::array kUnbanStatuses{
    std::pair{UnbanRequestStatus::Pending, "pending"},
    std::pair{UnbanRequestStatus::Approved, "approved"},
    std::pair{UnbanRequestStatus::Denied, "denied"},
    std::pair{UnbanRequestStatus::Acknowledged, "acknowledged"},
    std::pair{UnbanRequestStatus::Canceled, "canceled"},
};

// A mode with a length, on the wire: its flag and its duration.
void putLengthMode(const std::optional<std::optional<int>> &change, std::optional<bool> &mode,
                   std::optional<int> &duration)
{
    if (!change)
        return;
    mode = change->has_value();
    if (*change)
        duration = **change;
}

std::optional<int> lengthWhenOn(bool on, const std::optional<int> &duration, int fallback)
{
    if (!on)
        return std::nullopt;
    return duration.value_or(fallback);
}

} // namespace

QString unbanRequestStatusId(UnbanRequestStatus status)
{
    for (const auto &[s, id] : kUnbanStatuses) {
        if (s == status)
            return QLatin1String(id);
    }
    return {};
}

std::optional<UnbanRequestStatus> unbanRequestStatusFromId(const QString &id)
{
    for (const auto &[s, name] : kUnbanStatuses) {
        if (id == QLatin1String(name))
            return s;
    }
    return std::nullopt;
}

QString announcementColorId(AnnouncementColor color)
{
    switch (color) {
    case AnnouncementColor::Blue:
        return QStringLiteral("blue");
    case AnnouncementColor::Green:
        return QStringLiteral("green");
    case AnnouncementColor::Orange:
        return QStringLiteral("orange");
    case AnnouncementColor::Purple:
        return QStringLiteral("purple");
    case AnnouncementColor::Primary:
        break;
    }
    return QStringLiteral("primary");
}

model::ChatModes toChatModes(const ChatSettings &s)
{
    model::ChatModes m;
    // A mode reported on without its length should not happen; the platform defaults (§3.3:
    // slow 30 s, followers 0 min, delay 2 s) are the honest reading if it ever does.
    m.slowSeconds = lengthWhenOn(s.slowMode, s.slowModeWaitSeconds, 30);
    m.followerMinutes = lengthWhenOn(s.followerMode, s.followerModeDurationMinutes, 0);
    m.emoteOnly = s.emoteMode;
    m.subscriberOnly = s.subscriberMode;
    m.uniqueChat = s.uniqueChatMode;
    m.nonModeratorDelaySeconds =
        lengthWhenOn(s.nonModeratorChatDelay, s.nonModeratorChatDelayDurationSeconds, 2);
    return m;
}

ChatSettingsPatch toSettingsPatch(const model::ChatModesPatch &p)
{
    ChatSettingsPatch out;
    putLengthMode(p.slowSeconds, out.slowMode, out.slowModeWaitSeconds);
    putLengthMode(p.followerMinutes, out.followerMode, out.followerModeDurationMinutes);
    putLengthMode(p.nonModeratorDelaySeconds, out.nonModeratorChatDelay,
                  out.nonModeratorChatDelayDurationSeconds);
    out.emoteMode = p.emoteOnly;
    out.subscriberMode = p.subscriberOnly;
    out.uniqueChatMode = p.uniqueChat;
    return out;
}

} // namespace roomwarden::twitch
