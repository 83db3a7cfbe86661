#pragma once
// The typed results of HelixClient's calls (specs/twitch.md §3.3–3.4), and the mapping between
// Twitch's chat settings and the platform-neutral model::ChatModes.
#include "core/auth/ScopeGuard.h"
#include "core/model/ChatModes.h"
#include "core/net/ApiError.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace roomwarden::twitch {

template <typename T>
struct HelixResult
{
    std::optional<T> value;
    std::optional<net::ApiError> error;
    // Set when ScopeGuard refused the call before anything was sent (error is then Refused).
    std::optional<auth::ScopeRefusal> refusal;
    bool ok() const { return value.has_value(); }
};

struct HelixNothing
{};

struct HelixUser
{
    QString id;
    QString login;
    QString displayName;
    QDateTime createdAt; // when the account was made (the raid judge's strongest signal)
};

struct ModeratedChannel
{
    QString broadcasterId;
    QString login;
    QString name;
};

struct CreatedSubscription
{
    QString id;
    QString status;
    QString type;
    QString version;
    int cost = 0;
};

struct BanResult
{
    QString userId;
    QDateTime createdAt;
    std::optional<QDateTime> endTime; // null for a permanent ban
};

// One line of Get Banned Users: a permanent ban, or a timeout that has not run out.
struct BannedUser
{
    QString userId;
    QString login;
    QString name;
    std::optional<QDateTime> expiresAt; // nullopt for a permanent ban (§3.3: "")
    QDateTime createdAt;
    QString reason; // user-supplied text
    QString moderatorId;
    QString moderatorName;

    friend bool operator==(const BannedUser &, const BannedUser &) = default;
};

struct Chatter
{
    QString userId;
    QString login;
    QString name;

    friend bool operator==(const Chatter &, const Chatter &) = default;
};

struct ChatterList
{
    QList<Chatter> chatters;
    // §3.3: the platform's count of users in chat; it may differ from chatters.size() (the list
    // lags, changes while paging, and stops at the page cap).
    int total = 0;

    friend bool operator==(const ChatterList &, const ChatterList &) = default;
};

struct ShieldModeStatus
{
    bool active = false;
    QString moderatorId;                      // who last activated it; empty if never
    std::optional<QDateTime> lastActivatedAt; // nullopt if never activated
};

// Get Streams for one user: the stream while it is live (offline users are absent, §3.3).
struct LiveStream
{
    QString id;
    int viewerCount = 0;
    QDateTime startedAt;
    QString title; // user-supplied text
};

struct BlockedTerm
{
    QString id;
    QString text; // user-supplied text
    QString moderatorId;
    QDateTime createdAt;
    QDateTime updatedAt;
    std::optional<QDateTime> expiresAt; // nullopt = permanent
};

enum class UnbanRequestStatus
{
    Pending,
    Approved,
    Denied,
    Acknowledged,
    Canceled,
};

QString unbanRequestStatusId(UnbanRequestStatus status); // the wire value, "pending", ...
std::optional<UnbanRequestStatus> unbanRequestStatusFromId(const QString &id);

struct UnbanRequest
{
    QString id;
    QString userId;
    QString userLogin;
    QString userName;
    QString text; // user-supplied text
    UnbanRequestStatus status = UnbanRequestStatus::Pending;
    QDateTime createdAt;
    QString moderatorId; // who resolved it; empty while pending
    QString moderatorName;
    std::optional<QDateTime> resolvedAt;
    std::optional<QString> resolutionText;
};

// §3.3 Send Chat Announcement: the colours are case-sensitive lower-case words.
enum class AnnouncementColor
{
    Primary,
    Blue,
    Green,
    Orange,
    Purple,
};

QString announcementColorId(AnnouncementColor color);

struct ChatSettings
{
    bool emoteMode = false;
    bool followerMode = false;
    std::optional<int> followerModeDurationMinutes;
    bool slowMode = false;
    std::optional<int> slowModeWaitSeconds;
    bool subscriberMode = false;
    bool uniqueChatMode = false;
    bool nonModeratorChatDelay = false;
    std::optional<int> nonModeratorChatDelayDurationSeconds;
    // §3.3: the delay fields come back only when moderator_id was sent and the token has
    // moderator:read:chat_settings and the role. False = they were absent and read as "off".
    bool nonModeratorChatDelayKnown = false;
};

// Only the fields that change (§3.3 Update Chat Settings: send only what changes).
struct ChatSettingsPatch
{
    std::optional<bool> emoteMode;
    std::optional<bool> followerMode;
    std::optional<int> followerModeDurationMinutes;
    std::optional<bool> slowMode;
    std::optional<int> slowModeWaitSeconds;
    std::optional<bool> subscriberMode;
    std::optional<bool> uniqueChatMode;
    std::optional<bool> nonModeratorChatDelay;
    std::optional<int> nonModeratorChatDelayDurationSeconds;

    friend bool operator==(const ChatSettingsPatch &, const ChatSettingsPatch &) = default;
};

// A mode with a length is on exactly when Twitch says its mode flag is true; the length is then
// the reply's duration (§3.3: null while off).
model::ChatModes toChatModes(const ChatSettings &settings);
// "On with N" = mode true + duration N (§3.3: a duration must come with its mode set to true);
// "off" = mode false, which clears the duration on the platform's side.
ChatSettingsPatch toSettingsPatch(const model::ChatModesPatch &patch);

} // namespace roomwarden::twitch
