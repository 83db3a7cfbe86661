#pragma once
// The subscription types the sandbox's EventSub side knows, as data (specs/twitch.md §4.5): the
// version(s) that exist, the condition fields, which field names the authorising user, and the
// scopes that user's token must carry. The Helix create route and the publisher both read it.
#include <optional>
#include <QString>
#include <QStringList>

namespace roomwarden::sandbox {

struct EventSubTypeInfo
{
    QString type;
    QString version;
    QStringList conditionFields; // all required, all strings
    // The condition field holding the user whose authorisation the subscription uses
    // ("user_id", "moderator_user_id", "broadcaster_user_id" for B-only types); empty = none
    // (stream.online, channel.raid: anyone may subscribe, at cost 1 unless it is their channel).
    QString authField;
    // The authorising user must moderate the channel (or be its broadcaster).
    bool needsModerator = false;
    // Each inner list is "one of these"; every inner list must be satisfied (§4.5 "all of").
    QList<QStringList> scopes;
    // channel.raid: exactly one of the condition fields, not all of them.
    bool exactlyOneCondition = false;
};

class EventSubCatalog
{
public:
    // The entry for type+version; std::nullopt when that pair does not exist.
    static std::optional<EventSubTypeInfo> find(const QString &type, const QString &version);
    // True when the type exists in some other version (a wrong version is a 400, §3.4).
    static bool knowsType(const QString &type);
    // Versions that existed once and are gone (§4.5: channel.follow v1 → 410 Gone).
    static bool isRemoved(const QString &type, const QString &version);
    // Condition keys that name the *reader* rather than the channel; they never filter events.
    static bool isReaderField(const QString &field);
    static const QList<EventSubTypeInfo> &all();
};

} // namespace roomwarden::sandbox
