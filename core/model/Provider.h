#pragma once
#include <optional>
#include <QString>
#include <QStringView>

namespace roomwarden::model {

// The platforms Roomwarden talks to. Generic code switches on this enum only to label things;
// behaviour lives behind the Provider interface in core/providers/.
enum class Provider
{
    Twitch,
    Discord
};

QString providerId(Provider provider);          // "twitch", "discord": stable, used in keys
QString providerDisplayName(Provider provider); // "Twitch", "Discord"
std::optional<Provider> providerFromId(QStringView id);

} // namespace roomwarden::model
