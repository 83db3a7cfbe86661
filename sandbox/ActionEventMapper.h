#pragma once
// Turns one applied platform action into the EventSub events Twitch would send for it
// (specs/twitch.md §4.5/§4.6): channel.moderate v2 for moderators, the broadcaster-only
// channel.ban/unban, chat.* side effects, shield mode, warnings, AutoMod and unban requests.
#include "sandbox/EventFactory.h"
#include "sandbox/Types.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace roomwarden::sandbox {

class World;

struct OutgoingEvent
{
    QString type;
    QString version;
    QJsonObject event;
    QJsonObject match; // channel fields a subscription's condition must agree with
};

class ActionEventMapper
{
public:
    explicit ActionEventMapper(const World *world);

    QList<OutgoingEvent> map(const AppliedAction &action) const;

    UserRef user(const QString &id) const;
    // prefix_user_id / prefix_user_login / prefix_user_name ("" → user_id, user_login, ...).
    void putUser(QJsonObject &o, const QString &prefix, const QString &id) const;
    QJsonObject userObject(const QString &id) const; // {user_id, user_login, user_name}

private:
    QJsonObject moderateBase(const AppliedAction &a, const QString &action) const;
    void chatSettingsEvents(const AppliedAction &a, QList<OutgoingEvent> &out) const;
    void autoModUpdate(const AppliedAction &a, QList<OutgoingEvent> &out) const;
    void unbanRequestResolved(const AppliedAction &a, QList<OutgoingEvent> &out) const;

    const World *m_world;
};

} // namespace roomwarden::sandbox
