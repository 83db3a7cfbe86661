#pragma once
// Small value types shared by the sandbox's HTTP side (id + Helix + control) and its EventSub
// side. The sandbox is the *platform*: nothing here may include core/ or ui/.
#include <QByteArray>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace roomwarden::sandbox {

// Who is calling: resolved from a valid user access token.
struct TokenGrant
{
    QString accessToken;
    QString clientId;
    QString userId;
    QString login;
    QStringList scopes;
    QDateTime expiresAt;

    bool hasScope(const QString &scope) const { return scopes.contains(scope); }
};

// A platform reply before it is turned into an HTTP response. `body` empty = no body (204).
struct HttpResult
{
    int status = 200;
    QJsonDocument body;
    QList<QPair<QByteArray, QByteArray>> headers;

    // Helix error shape: {"error":"<reason phrase>","status":N,"message":"..."}
    static HttpResult helixError(int status, const QString &message);
    // id.twitch.tv error shape: {"status":N,"message":"..."}
    static HttpResult idError(int status, const QString &message);
    static QString reasonPhrase(int status);
};

// Something the platform applied because of an API call or the simulator (ground truth).
// The EventSub side turns these into notifications (channel.moderate v2, channel.ban, ...).
struct AppliedAction
{
    QString kind; // ban, timeout, unban, delete, clear, chat_settings, shield_mode, warn,
                  // automod_allow, automod_deny, unban_request_resolve, blocked_term_add,
                  // blocked_term_remove, announcement, chat_message, mod, unmod, vip, unvip
    QString broadcasterId;
    QString moderatorId; // empty when the platform itself acted (e.g. an expiry)
    QString targetUserId;
    QJsonObject details; // kind-specific: reason, duration, message_id, settings, ...
    QDateTime at;
};

} // namespace roomwarden::sandbox
