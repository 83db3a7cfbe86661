#include "core/model/Role.h"

#include <array>
#include <utility>

namespace roomwarden::model {

namespace {
constexpr std::array kRoleIds{
    std::pair{Role::Subscriber, u"subscriber"},
    std::pair{Role::Vip, u"vip"},
    std::pair{Role::Moderator, u"moderator"},
    std::pair{Role::Broadcaster, u"broadcaster"},
    std::pair{Role::FirstTimeChatter, u"first_time_chatter"},
    std::pair{Role::Suspicious, u"suspicious"},
    std::pair{Role::Speaker, u"speaker"},
};
} // namespace

QString roleId(Role role)
{
    for (const auto &[r, id] : kRoleIds) {
        if (r == role)
            return QString::fromUtf16(id);
    }
    return QStringLiteral("none");
}

std::optional<Role> roleFromId(QStringView id)
{
    if (id == u"none")
        return Role::None;
    for (const auto &[r, name] : kRoleIds) {
        if (id == QStringView(name))
            return r;
    }
    return std::nullopt;
}

Role primaryRole(Roles roles)
{
    for (Role r :
         {Role::Broadcaster, Role::Moderator, Role::Vip, Role::Speaker, Role::Subscriber}) {
        if (roles.testFlag(r))
            return r;
    }
    return Role::None;
}

bool canModerate(Roles actor, Roles target)
{
    if (target.testFlag(Role::Broadcaster))
        return false;
    if (actor.testFlag(Role::Broadcaster))
        return true;
    if (actor.testFlag(Role::Moderator))
        return !target.testFlag(Role::Moderator);
    return false;
}

QStringList roleIds(Roles roles)
{
    QStringList out;
    for (const auto &[r, id] : kRoleIds) {
        if (roles.testFlag(r))
            out << QString::fromUtf16(id);
    }
    return out;
}

} // namespace roomwarden::model
