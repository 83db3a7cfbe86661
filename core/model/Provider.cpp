#include "core/model/Provider.h"

namespace roomwarden::model {

QString providerId(Provider provider)
{
    switch (provider) {
    case Provider::Twitch:
        return QStringLiteral("twitch");
    case Provider::Discord:
        return QStringLiteral("discord");
    }
    return {};
}

QString providerDisplayName(Provider provider)
{
    switch (provider) {
    case Provider::Twitch:
        return QStringLiteral("Twitch");
    case Provider::Discord:
        return QStringLiteral("Discord");
    }
    return {};
}

std::optional<Provider> providerFromId(QStringView id)
{
    if (id == u"twitch")
        return Provider::Twitch;
    if (id == u"discord")
        return Provider::Discord;
    return std::nullopt;
}

} // namespace roomwarden::model
