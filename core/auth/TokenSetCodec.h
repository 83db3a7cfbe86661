#pragma once
#include "core/auth/TokenSet.h"

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace roomwarden::auth {

// The keychain value of one account: its TokenSet as compact JSON. Used only between memory
// and SecretStore; the bytes are a secret and never go anywhere else.
class TokenSetCodec
{
public:
    static QByteArray encode(const TokenSet &tokens);
    // nullopt for anything that is not a token set with an access token.
    static std::optional<TokenSet> decode(QByteArrayView bytes);
    // Overwrites a buffer that held a secret before it is released.
    static void wipe(QByteArray &bytes);
    static void wipe(QString &text);
};

} // namespace roomwarden::auth
