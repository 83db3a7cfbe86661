#pragma once
// The platform's state and its ground truth. Everything the Helix, id and EventSub sides and the
// simulator agree on lives here; they never talk to each other except through World.
//
// Signals, for the EventSub side and for tests:
//  - actionApplied: every moderation/chat state change applied through an API call, the control
//    API or the simulator (ban, timeout, unban, delete, clear, chat_settings, ...), in order.
//  - chatMessageRecorded / autoModMessageHeld / unbanRequestCreated / followerAdded /
//    chatterJoined / chatterLeft / streamChanged: things viewers did (feeds channel.chat.message,
//    automod.message.hold, channel.unban_request.create, channel.follow, stream.online/offline).
//    A Helix Send Chat Message emits both chatMessageRecorded and actionApplied("chat_message");
//    EventSub should build channel.chat.message from chatMessageRecorded only.
//  - tokenRevoked: an access token stopped working because it was revoked (not on expiry).
//
// All of it is single-threaded (the GUI/main thread of whoever owns the Sandbox).
#include "sandbox/SandboxConfig.h"
#include "sandbox/Types.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QRandomGenerator>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace roomwarden::sandbox {

struct User
{
    QString id;
    QString login;
    QString displayName;
    QString type;            // "", "admin", "global_mod", "staff"
    QString broadcasterType; // "", "affiliate", "partner"
    QString description;
    QDateTime createdAt;
};

struct Ban
{
    QString userId;
    QString moderatorId;
    QString reason;
    QDateTime createdAt;
    std::optional<QDateTime> expiresAt; // nullopt = permanent ban, otherwise a timeout
    bool isTimeout() const { return expiresAt.has_value(); }
};

// §3.3 Get/Update Chat Settings. Durations are nullopt when their mode is off.
struct ChatSettings
{
    bool emoteMode = false;
    bool followerMode = false;
    std::optional<int> followerModeDuration; // minutes
    bool nonModeratorChatDelay = false;
    std::optional<int> nonModeratorChatDelayDuration; // seconds
    bool slowMode = false;
    std::optional<int> slowModeWaitTime; // seconds
    bool subscriberMode = false;
    bool uniqueChatMode = false;
};

struct ShieldMode
{
    bool active = false;
    QString moderatorId; // who last activated it; empty if never
    QDateTime lastActivatedAt;
};

struct BlockedTerm
{
    QString id;
    QString text;
    QString moderatorId;
    QDateTime createdAt;
    QDateTime updatedAt;
    std::optional<QDateTime> expiresAt;
};

struct UnbanRequest
{
    QString id;
    QString userId;
    QString text;
    QString status = QStringLiteral("pending"); // pending|approved|denied|acknowledged|canceled
    QString moderatorId;                        // who resolved it
    QDateTime createdAt;
    std::optional<QDateTime> resolvedAt;
    std::optional<QString> resolutionText;
};

struct HeldMessage
{
    QString id;
    QString userId;
    QString text;
    QString category; // e.g. "aggression", "blocked_term"
    int level = 0;
    QDateTime heldAt;
    QString status = QStringLiteral("pending"); // pending|approved|denied|expired
};

struct ChatMessage
{
    QString id;
    QString senderId;
    QString text;
    QDateTime sentAt;
    bool deleted = false;
};

struct Follower
{
    QString userId;
    QDateTime followedAt;
};

struct Warning
{
    QString userId;
    QString moderatorId;
    QString reason;
    QDateTime at;
    bool acknowledged = false;
};

struct StreamState
{
    bool live = false;
    QString streamId;
    int viewerCount = 0;
    QDateTime startedAt;
    QString title = QStringLiteral("Sandbox stream");
    QString gameId = QStringLiteral("509658");
    QString gameName = QStringLiteral("Just Chatting");
    QString language = QStringLiteral("en");
    QStringList tags;
};

struct Channel
{
    QString broadcasterId;
    QStringList moderators; // in the order they were added
    QStringList vips;
    QHash<QString, Ban> bans; // by user id; expired timeouts are purged lazily
    ChatSettings chatSettings;
    ShieldMode shieldMode;
    QList<BlockedTerm> blockedTerms;
    QList<UnbanRequest> unbanRequests;
    QList<HeldMessage> heldMessages;
    QList<ChatMessage> messages; // recent chat, oldest first
    QList<Follower> followers;   // oldest first (Helix lists newest first)
    QStringList chatters;        // users currently in chat, in join order
    QHash<QString, Warning> warnings;
    StreamState stream;
    bool acceptsUnbanRequests = true;
    QDateTime lastAnnouncementAt; // §3.1: 1 announcement per 2 s
};

struct RegisteredClient
{
    QString clientId;
    QString name;
    bool isPublic = true; // §1: Roomwarden is registered as a Public client
};

struct DeviceCode
{
    enum class State
    {
        Pending,
        Approved,
        Denied,
        Used
    };
    QString deviceCode;
    QString userCode;
    QString clientId;
    QStringList requestedScopes;
    QDateTime createdAt;
    QDateTime expiresAt;
    State state = State::Pending;
    QString userId;            // set on approval
    QStringList grantedScopes; // set on approval
    QDateTime lastPollAt;      // for slow_down
};

struct RefreshToken
{
    QString token;
    QString clientId;
    QString userId;
    QStringList scopes;
    QDateTime issuedAt;
    bool used = false;
    bool revoked = false;
};

// What /oauth2/token returns (§2.2).
struct IssuedTokens
{
    QString accessToken;
    QString refreshToken;
    int expiresIn = 0;
    QStringList scopes;
};

// Ground truth: one line per request the platform received, in order.
struct RequestRecord
{
    QString method;
    QString path;
    QString query;
    QDateTime at;
    int status = 0;
    QString clientId; // the Client-Id header or form field, when present
};

struct IssuedTokenRecord
{
    QString kind; // "access" or "refresh"
    QString token;
    QString clientId;
    QString userId;
    QDateTime issuedAt;
};

class World : public QObject
{
    Q_OBJECT
public:
    using Clock = std::function<QDateTime()>;
    // A built-in public client, 30 lowercase alnum chars like Twitch's client ids.
    static constexpr const char *kSandboxClientId = "rwsandbox0public0client0000001";

    explicit World(const Config &config, QObject *parent = nullptr);
    ~World() override;

    const Config &config() const { return m_config; }
    Config &mutableConfig() { return m_config; }

    // --- time ------------------------------------------------------------------------------
    QDateTime now() const;      // UTC
    void setClock(Clock clock); // nullptr = system UTC
    // Convenience for tests: freeze time at `start` and move it only with advanceClock().
    void useManualClock(const QDateTime &start);
    void advanceClock(qint64 msecs);

    // --- users and roles -------------------------------------------------------------------
    QString broadcasterId() const { return m_broadcasterId; } // the seeded channel
    QString demoUserId() const { return m_demoUserId; }       // a moderator of that channel
    QString viewerId() const { return m_viewerId; }           // a seeded plain viewer
    User addUser(const QString &login, const QString &displayName = {});
    QStringList addViewers(int count, const QString &loginPrefix = QStringLiteral("viewer"));
    const User *user(const QString &id) const;
    const User *userByLogin(const QString &login) const;
    QList<User> users() const;
    // Added for the simulator (hate-raid accounts are minutes old): sets one account's creation
    // time. False for an unknown id.
    bool setUserCreatedAt(const QString &id, const QDateTime &createdAt);

    Channel *channel(const QString &broadcasterId);
    const Channel *channel(const QString &broadcasterId) const;
    Channel &ensureChannel(const QString &broadcasterId);
    QStringList channelsModeratedBy(const QString &userId) const; // broadcaster ids
    bool isModerator(const QString &broadcasterId, const QString &userId) const;
    // The broadcaster or one of its moderators (§3.1 403 rule).
    bool hasModRights(const QString &broadcasterId, const QString &userId) const;
    bool isVip(const QString &broadcasterId, const QString &userId) const;
    void addModerator(const QString &broadcasterId, const QString &userId);
    void removeModerator(const QString &broadcasterId, const QString &userId);
    void addVip(const QString &broadcasterId, const QString &userId);
    void removeVip(const QString &broadcasterId, const QString &userId);

    // --- the live room (the simulator feeds these) -----------------------------------------
    void joinChat(const QString &broadcasterId, const QString &userId);
    void leaveChat(const QString &broadcasterId, const QString &userId);
    // Returns the message id (a UUID, as EventSub's message_id). `at` invalid = now().
    QString recordChatMessage(const QString &broadcasterId, const QString &senderId,
                              const QString &text, const QDateTime &at = {});
    QString holdAutoModMessage(const QString &broadcasterId, const QString &userId,
                               const QString &text, const QString &category = {}, int level = 0);
    QString createUnbanRequest(const QString &broadcasterId, const QString &userId,
                               const QString &text);
    void addFollower(const QString &broadcasterId, const QString &userId, const QDateTime &at = {});
    void setStreamLive(const QString &broadcasterId, bool live);
    void setViewerCount(const QString &broadcasterId, int viewers);

    // --- moderation state ------------------------------------------------------------------
    bool isBanned(const QString &broadcasterId, const QString &userId) const; // permanent only
    bool isTimedOut(const QString &broadcasterId, const QString &userId) const;
    std::optional<Ban> activeBan(const QString &broadcasterId, const QString &userId) const;
    bool shieldModeActive(const QString &broadcasterId) const;
    // Applies a state change (the kinds listed in Types.h) and emits actionApplied. Helix routes
    // and the control API's inject go through here so ground truth and events never diverge.
    // Returns false for an unknown kind (still recorded and emitted, so tests can fake events).
    bool applyAction(AppliedAction action);

    // --- OAuth: clients, device codes, tokens ----------------------------------------------
    void registerClient(const RegisteredClient &client);
    bool isKnownClient(const QString &clientId) const;
    DeviceCode startDeviceFlow(const QString &clientId, const QStringList &scopes);
    DeviceCode *deviceCodeByDevice(const QString &deviceCode);
    DeviceCode *deviceCodeByUser(const QString &userCode);
    // nullopt scopes = all requested. False if unknown, expired or not pending.
    bool approveDeviceCode(const QString &userCode, const QString &userId,
                           const std::optional<QStringList> &scopes = std::nullopt);
    bool denyDeviceCode(const QString &userCode);
    IssuedTokens issueTokens(const QString &clientId, const QString &userId,
                             const QStringList &scopes);
    // Rotation per Config::refreshRotation. nullopt = "Invalid refresh token".
    std::optional<IssuedTokens> refresh(const QString &clientId, const QString &refreshToken);
    // A valid (known, unexpired, unrevoked) access token, else nullopt.
    std::optional<TokenGrant> grantFor(const QString &accessToken) const;
    bool revokeAccessToken(const QString &accessToken); // emits tokenRevoked
    int revokeUserTokens(const QString &userId);        // "disconnect the app"

    // --- ground truth ----------------------------------------------------------------------
    void recordRequest(const RequestRecord &record);
    const QList<RequestRecord> &requests() const { return m_requests; }
    const QList<AppliedAction> &actions() const { return m_actions; }
    const QList<IssuedTokenRecord> &issuedTokens() const { return m_issuedTokens; }

    // Random strings. Secrets come from the system CSPRNG; ids from the seeded generator.
    static QString randomToken(int length);
    QString newId(); // numeric string, like Twitch ids
    QString newUuid();

Q_SIGNALS:
    void actionApplied(const roomwarden::sandbox::AppliedAction &action);
    void tokenRevoked(const QString &accessToken, const QString &userId);
    void chatMessageRecorded(const QString &broadcasterId,
                             const roomwarden::sandbox::ChatMessage &message);
    void autoModMessageHeld(const QString &broadcasterId,
                            const roomwarden::sandbox::HeldMessage &message);
    void unbanRequestCreated(const QString &broadcasterId,
                             const roomwarden::sandbox::UnbanRequest &request);
    void followerAdded(const QString &broadcasterId, const roomwarden::sandbox::Follower &follower);
    void chatterJoined(const QString &broadcasterId, const QString &userId);
    void chatterLeft(const QString &broadcasterId, const QString &userId);
    void streamChanged(const QString &broadcasterId, const roomwarden::sandbox::StreamState &state);

private:
    struct AccessToken
    {
        TokenGrant grant;
        bool revoked = false;
    };

    void seed();
    void purgeExpiredBans(Channel &channel) const;

    Config m_config;
    Clock m_clock;
    QDateTime m_manualNow;
    QRandomGenerator m_rng;
    quint64 m_nextId = 100000001;

    QString m_broadcasterId;
    QString m_demoUserId;
    QString m_viewerId;
    QHash<QString, User> m_users;
    QStringList m_userOrder;
    QHash<QString, Channel> m_channels;

    QHash<QString, RegisteredClient> m_clients;
    QHash<QString, DeviceCode> m_deviceCodes; // by device_code
    QHash<QString, AccessToken> m_accessTokens;
    QHash<QString, RefreshToken> m_refreshTokens;

    QList<RequestRecord> m_requests;
    QList<AppliedAction> m_actions;
    QList<IssuedTokenRecord> m_issuedTokens;
};

} // namespace roomwarden::sandbox
