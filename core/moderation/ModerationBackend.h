#pragma once
#include "core/model/ModerationAction.h"
#include "core/net/ApiRequest.h"

#include <QDateTime>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>

namespace roomwarden::moderation {

// How one attempt at an action ended, as the dispatcher needs to know it.
struct BackendReply
{
    enum class Kind
    {
        Finished,  // `outcome` is final (Applied, AlreadyDone, Conflict, Refused, Failed)
        TooMany,   // 429: not applied; wait and send again
        Transient, // 5xx or the network: may or may not have been applied
    };
    Kind kind = Kind::Finished;
    model::ActionOutcome outcome = model::ActionOutcome::Failed;
    QString message; // for the user, plain language
    net::RateLimitState rateLimit;
    int httpStatus = 0;
};

// A platform's way of carrying out moderation actions (Twitch: Helix). The dispatcher owns the
// order, the journal, pacing and retries; a backend turns one action into one platform call
// (or a short, read-only precheck and the call) and classifies the answer.
class ModerationBackend
{
public:
    using Done = std::function<void(const BackendReply &)>;
    virtual ~ModerationBackend() = default;

    // The signed-in moderator whose token is used.
    virtual QString moderatorId() const = 0;
    virtual QString moderatorName() const = 0;
    // Why this action cannot be sent at all (a missing scope or role: ScopeGuard's sentence),
    // or nullopt.
    virtual std::optional<QString> refusal(const model::ModerationAction &action) const = 0;
    // May the same request be sent again after an unclear failure without doing harm twice?
    virtual bool isSafeToRetry(const model::ModerationAction &action) const = 0;
    // Answers exactly once, on this thread, later (never synchronously), while `context` lives.
    virtual void execute(const model::ModerationAction &action, QObject *context, Done done) = 0;
};

} // namespace roomwarden::moderation
