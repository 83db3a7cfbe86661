#pragma once
#include "core/auth/ScopeGuard.h"
#include "core/moderation/ModerationBackend.h"
#include "core/net/ApiError.h"

#include <optional>

namespace roomwarden::net {
class ApiClient;
}

namespace roomwarden::twitch {

class HelixClient;

// Moderation actions as Helix calls (specs/twitch.md §3.3), and Twitch's answers as outcomes:
// "user is already banned" / "user is not banned" are AlreadyDone, 409 (another moderator is
// changing the same user) is Conflict, 429 is TooMany, 5xx and the network are Transient.
class TwitchModerationBackend final : public moderation::ModerationBackend
{
public:
    // Neither is owned; `helix` carries the signed-in account and its token.
    TwitchModerationBackend(HelixClient *helix, net::ApiClient *api);

    QString moderatorId() const override;
    QString moderatorName() const override;
    std::optional<QString> refusal(const model::ModerationAction &action) const override;
    bool isSafeToRetry(const model::ModerationAction &action) const override;
    void execute(const model::ModerationAction &action, QObject *context, Done done) override;

    // The Helix operation an action needs (for ScopeGuard), nullopt for non-Twitch kinds.
    static std::optional<auth::ApiOperation> operationFor(const model::ModerationAction &action);
    // How a Helix error ends an action of `kind`.
    static moderation::BackendReply classify(model::ModerationActionKind kind,
                                             const net::ApiError &error);

private:
    template <typename T>
    void answer(const T &result, model::ModerationActionKind kind, const Done &done) const;

    HelixClient *m_helix;
    net::ApiClient *m_api;
};

} // namespace roomwarden::twitch
