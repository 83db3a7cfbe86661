#pragma once
// The id.twitch.tv clone (specs/twitch.md §2, §5.3 item 1): /oauth2/device, /oauth2/token
// (device_code and refresh_token grants), /oauth2/validate, /oauth2/revoke. Error bodies are the
// id shape {status,message}; RFC 8628 {"error":...} answers only through Faults.
#include "sandbox/HttpsServer.h"

#include <QUrl>

#include <optional>

namespace roomwarden::sandbox {

class Faults;
class FormFields;
class World;

class IdRoutes
{
public:
    IdRoutes(World *world, Faults *faults);

    // Where users "activate" a device code; verification_uri is built from it (§2.4).
    void setActivationBase(const QUrl &base) { m_activationBase = base; }
    // nullopt = not an /oauth2/ path.
    std::optional<HttpResult> handle(const ApiRequest &request);

private:
    HttpResult device(const FormFields &form);
    HttpResult token(const FormFields &form);
    HttpResult deviceGrant(const FormFields &form);
    HttpResult refreshGrant(const FormFields &form);
    HttpResult validate(const ApiRequest &request);
    HttpResult revoke(const FormFields &form);
    static HttpResult tokenResponse(const QString &access, const QString &refresh, int expiresIn,
                                    const QStringList &scopes);

    World *m_world;
    Faults *m_faults;
    QUrl m_activationBase;
};

} // namespace roomwarden::sandbox
