#pragma once
#include "core/auth/ScopeGuard.h"
#include "core/model/Account.h"
#include "core/model/Role.h"
#include "core/net/ApiError.h"
#include "core/net/ApiRequest.h"
#include "core/providers/twitch/HelixTypes.h"
#include "core/providers/twitch/TwitchSubscriptionPlanner.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QObject>
#include <QUrl>

#include <functional>
#include <optional>

namespace roomwarden::net {
class ApiClient;
}

namespace roomwarden::twitch {

// Thin typed Helix calls (specs/twitch.md §3.3–3.4) on ApiClient, which attaches the token and
// Client-Id only for the profile's Helix origin. Callbacks run on this thread, only while
// `context` lives.
//
// Every call asks ScopeGuard first, with the account's *granted* scopes (setAccount) and the
// user's role in the room: a refused call sends nothing and answers, asynchronously like any
// other, with a Refused error and the ScopeRefusal. The role is certain only for the user's own
// channel (broadcaster); for other channels it is what setRoomRoles() said, and when nobody said,
// the user is taken to be a moderator there and the platform has the last word (403).
class HelixClient : public QObject
{
    Q_OBJECT
public:
    template <typename T>
    using Done = std::function<void(const HelixResult<T> &)>;

    HelixClient(net::ApiClient *api, QUrl helixBase, QString clientId, QObject *parent = nullptr);

    void setAccessToken(const QString &token) { m_accessToken = token; }
    // The signed-in account: its granted scopes (from validate) and id decide what is refused.
    void setAccount(const model::Account &account) { m_account = account; }
    const model::Account &account() const { return m_account; }
    void setRoomRoles(const QString &broadcasterId, model::Roles roles);
    model::Roles roleIn(const QString &broadcasterId) const;
    // What the guard says about `operation` in `broadcasterId`'s room (for the UI's tooltips).
    std::optional<auth::ScopeRefusal> check(auth::ApiOperation operation,
                                            const QString &broadcasterId = {}) const;

    // With no ids, the token's own user (§3.3 Get Users).
    void getUsers(const QStringList &ids, QObject *context, Done<QList<HelixUser>> done);
    void createEventSubSubscription(const PlannedSubscription &subscription,
                                    const QString &sessionId, QObject *context,
                                    Done<CreatedSubscription> done);
    void deleteEventSubSubscription(const QString &id, QObject *context, Done<HelixNothing> done);
    // Follows the cursor up to `maxPages` pages of 100.
    void getModeratedChannels(const QString &userId, QObject *context,
                              Done<QList<ModeratedChannel>> done, int maxPages = 10);
    // A timeout when `durationSeconds` is set, a permanent ban otherwise.
    void banUser(const QString &broadcasterId, const QString &moderatorId, const QString &userId,
                 std::optional<qint64> durationSeconds, const QString &reason, QObject *context,
                 Done<BanResult> done);
    void unbanUser(const QString &broadcasterId, const QString &moderatorId, const QString &userId,
                   QObject *context, Done<HelixNothing> done);
    // An empty `messageId` clears the whole chat (§3.3 Delete Chat Messages).
    void deleteMessage(const QString &broadcasterId, const QString &moderatorId,
                       const QString &messageId, QObject *context, Done<HelixNothing> done);
    void getChatSettings(const QString &broadcasterId, const QString &moderatorId, QObject *context,
                         Done<ChatSettings> done);
    void updateChatSettings(const QString &broadcasterId, const QString &moderatorId,
                            const ChatSettingsPatch &patch, QObject *context,
                            Done<ChatSettings> done);
    void updateShieldMode(const QString &broadcasterId, const QString &moderatorId, bool active,
                          QObject *context, Done<bool> done);
    void warnUser(const QString &broadcasterId, const QString &moderatorId, const QString &userId,
                  const QString &reason, QObject *context, Done<HelixNothing> done);
    // `allow` = ALLOW, else DENY (§3.3 Manage Held AutoMod Messages).
    void manageHeldMessage(const QString &moderatorId, const QString &messageId, bool allow,
                           QObject *context, Done<HelixNothing> done);

    // B-only (§3.3): `broadcasterId` must be the signed-in user. Active bans and timeouts,
    // newest first, following the cursor up to `maxPages` pages of 100.
    void getBannedUsers(const QString &broadcasterId, QObject *context,
                        Done<QList<BannedUser>> done, int maxPages = 10);
    // Pages of 1000 (§3.3), up to `maxPages`; `total` is the platform's own count.
    void getChatters(const QString &broadcasterId, const QString &moderatorId, QObject *context,
                     Done<ChatterList> done, int maxPages = 5);
    void getShieldMode(const QString &broadcasterId, const QString &moderatorId, QObject *context,
                       Done<ShieldModeStatus> done);
    // nullopt inside the result = the user is not live (§3.3: offline users are absent).
    void getStreams(const QString &userId, QObject *context, Done<std::optional<LiveStream>> done);
    void getBlockedTerms(const QString &broadcasterId, const QString &moderatorId, QObject *context,
                         Done<QList<BlockedTerm>> done, int maxPages = 10);
    // §3.3: adding a term that exists answers with the existing term.
    void addBlockedTerm(const QString &broadcasterId, const QString &moderatorId,
                        const QString &text, QObject *context, Done<BlockedTerm> done);
    // §3.3: succeeds even when `termId` is unknown.
    void removeBlockedTerm(const QString &broadcasterId, const QString &moderatorId,
                           const QString &termId, QObject *context, Done<HelixNothing> done);
    void getUnbanRequests(const QString &broadcasterId, const QString &moderatorId,
                          UnbanRequestStatus status, QObject *context,
                          Done<QList<UnbanRequest>> done, int maxPages = 10);
    // `approve` = approved, else denied; an empty `resolutionText` is not sent.
    void resolveUnbanRequest(const QString &broadcasterId, const QString &moderatorId,
                             const QString &requestId, bool approve, const QString &resolutionText,
                             QObject *context, Done<UnbanRequest> done);
    void sendAnnouncement(const QString &broadcasterId, const QString &moderatorId,
                          const QString &message, AnnouncementColor color, QObject *context,
                          Done<HelixNothing> done);

    static ChatSettings chatSettingsFromJson(const QJsonObject &object);

private:
    // True (and `done` is answered later) when the guard refuses `operation`.
    template <typename T>
    bool refuse(auth::ApiOperation operation, const QString &broadcasterId, QObject *context,
                const Done<T> &done);
    net::ApiRequest request(const QByteArray &verb, const QString &path,
                            const QUrlQuery &query = {}) const;
    net::ApiRequest jsonRequest(const QByteArray &verb, const QString &path, const QUrlQuery &query,
                                const QJsonObject &body) const;
    void send(const net::ApiRequest &request, QObject *context,
              std::function<void(const net::ApiResponse &)> done);
    // A Helix list, page after page (§3.1: an empty `pagination` is the last page), until
    // `pagesLeft` runs out. `total` is the last page's, when the list has one.
    struct Pages
    {
        QJsonArray items;
        std::optional<int> total;
        bool capped = false; // stopped at the page cap while the platform had more
    };
    void fetchPages(const QString &path, const QUrlQuery &query, int pageSize, int pagesLeft,
                    Pages acc, QObject *context, Done<Pages> done);

    net::ApiClient *m_api;
    QUrl m_helixBase;
    QString m_clientId;
    QString m_accessToken;
    model::Account m_account;
    QHash<QString, model::Roles> m_roomRoles;
};

} // namespace roomwarden::twitch
