// OAuth: what the keychain hands back (TokenSetCodec), the token endpoint's reply, the validate
// reply and the revocation result. The device-flow and code-flow replies are parsed inline in
// their classes (no static entry point); they share TokenSet::fromTokenResponse and
// ApiError::fromHttp, which are fuzzed here.
#include "core/auth/TokenRevoker.h"
#include "core/auth/TokenSet.h"
#include "core/auth/TokenSetCodec.h"
#include "core/auth/TokenValidator.h"
#include "core/net/ApiError.h"
#include "core/net/ApiRequest.h"

#include "FuzzSupport.h"

#include <QJsonObject>

using namespace roomwarden;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz::quietLogs();
    const QByteArray body = fuzz::bytes(data, size);

    // Keychain bytes: whatever decodes must survive encode -> decode unchanged.
    if (const auto tokens = auth::TokenSetCodec::decode(body)) {
        if (!tokens->isValid())
            fuzz::fail("a decoded token set has an access token");
        const auto again = auth::TokenSetCodec::decode(auth::TokenSetCodec::encode(*tokens));
        if (!again || again->accessToken != tokens->accessToken ||
            again->refreshToken != tokens->refreshToken ||
            again->reportedScopes != tokens->reportedScopes ||
            again->expiresAt.isValid() != tokens->expiresAt.isValid())
            fuzz::fail("TokenSetCodec round trip");
    }

    const QJsonObject json = QJsonDocument::fromJson(body).object();
    const QDateTime now = QDateTime::fromSecsSinceEpoch(1'800'000'000, Qt::UTC);
    QString error;
    const auto fromToken = auth::TokenSet::fromTokenResponse(json, now, &error);
    if (!fromToken && error.isEmpty())
        fuzz::fail("a refused token response must say why");

    const auth::TokenValidation v = auth::TokenValidation::fromJson(json);
    if (v.isValid() && v.clientId.isEmpty())
        fuzz::fail("a validation without client_id is never valid");

    net::ApiResponse r;
    r.httpStatus = 400;
    r.body = body;
    r.error = net::ApiError::fromHttp(400, body);
    (void)auth::TokenRevoker::resultFor(r);
    return 0;
}
