#include "core/model/RoomEvent.h"

#include <array>
#include <utility>

namespace roomwarden::model {

namespace {
using K = RoomEventKind;
constexpr std::array kKindIds{
    std::pair{K::ChatMessage, u"chat_message"},
    std::pair{K::MessageDeleted, u"message_deleted"},
    std::pair{K::ChatCleared, u"chat_cleared"},
    std::pair{K::UserBanned, u"user_banned"},
    std::pair{K::UserTimedOut, u"user_timed_out"},
    std::pair{K::UserUnbanned, u"user_unbanned"},
    std::pair{K::UserWarned, u"user_warned"},
    std::pair{K::Follow, u"follow"},
    std::pair{K::Subscription, u"subscription"},
    std::pair{K::RaidIncoming, u"raid_incoming"},
    std::pair{K::RaidOutgoing, u"raid_outgoing"},
    std::pair{K::StreamOnline, u"stream_online"},
    std::pair{K::StreamOffline, u"stream_offline"},
    std::pair{K::AutoModHeld, u"automod_held"},
    std::pair{K::AutoModResolved, u"automod_resolved"},
    std::pair{K::ChatSettingsChanged, u"chat_settings_changed"},
    std::pair{K::ShieldModeChanged, u"shield_mode_changed"},
    std::pair{K::UnbanRequestCreated, u"unban_request_created"},
    std::pair{K::UnbanRequestResolved, u"unban_request_resolved"},
    std::pair{K::ParticipantJoined, u"participant_joined"},
    std::pair{K::ParticipantLeft, u"participant_left"},
    std::pair{K::SpeakerInvited, u"speaker_invited"},
    std::pair{K::HandRaised, u"hand_raised"},
    std::pair{K::ViewerCountSample, u"viewer_count_sample"},
    std::pair{K::Gap, u"gap"},
};
} // namespace

QString eventKindId(RoomEventKind kind)
{
    for (const auto &[k, id] : kKindIds) {
        if (k == kind)
            return QString::fromUtf16(id);
    }
    return QStringLiteral("unknown");
}

std::optional<RoomEventKind> eventKindFromId(QStringView id)
{
    for (const auto &[k, name] : kKindIds) {
        if (id == QStringView(name))
            return k;
    }
    return std::nullopt;
}

bool isModerationEvent(RoomEventKind kind)
{
    switch (kind) {
    case K::MessageDeleted:
    case K::ChatCleared:
    case K::UserBanned:
    case K::UserTimedOut:
    case K::UserUnbanned:
    case K::UserWarned:
    case K::AutoModResolved:
    case K::ChatSettingsChanged:
    case K::ShieldModeChanged:
    case K::UnbanRequestResolved:
    case K::SpeakerInvited:
        return true;
    default:
        return false;
    }
}

} // namespace roomwarden::model
