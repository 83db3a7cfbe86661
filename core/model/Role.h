#pragma once
#include <optional>
#include <QFlags>
#include <QString>
#include <QStringList>
#include <QStringView>

namespace roomwarden::model {

// A participant's standing in one room. Several can hold at once (a subscribed VIP), so they
// are flags; `primaryRole` picks the one a badge or a sort order shows.
enum class Role : unsigned
{
    None = 0,
    Subscriber = 1u << 0,
    Vip = 1u << 1,
    Moderator = 1u << 2,
    Broadcaster = 1u << 3,
    // Marks the room's software gives a person, not platform roles:
    FirstTimeChatter = 1u << 4,
    Suspicious = 1u << 5,
    // Discord Stage: who may speak.
    Speaker = 1u << 6,
};
Q_DECLARE_FLAGS(Roles, Role)
Q_DECLARE_OPERATORS_FOR_FLAGS(Roles)

QString roleId(Role role); // "moderator", ...: stable, used in storage
std::optional<Role> roleFromId(QStringView id);
// Broadcaster > Moderator > Vip > Speaker > Subscriber > None; marks never win.
Role primaryRole(Roles roles);
// True when a holder of `actor` may moderate a holder of `target` (platform rule: nobody
// moderates the broadcaster; moderators do not moderate each other).
bool canModerate(Roles actor, Roles target);
QStringList roleIds(Roles roles);

} // namespace roomwarden::model
