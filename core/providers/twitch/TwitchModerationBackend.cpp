#include "core/providers/twitch/TwitchModerationBackend.h"

#include "core/net/ApiClient.h"
#include "core/providers/twitch/HelixClient.h"

#include <QCoreApplication>

namespace roomwarden::twitch {

namespace {
using K = model::ModerationActionKind;
using moderation::BackendReply;

QString tr(const char *text)
{
    return QCoreApplication::translate("roomwarden::twitch::TwitchModerationBackend", text);
}

QString broadcasterOf(const QString &roomKey)
{
    // Room keys are "twitch:<broadcaster id>" (model::Room::key()).
    return roomKey.section(QLatin1Char(':'), 1);
}
} // namespace

TwitchModerationBackend::TwitchModerationBackend(HelixClient *helix, net::ApiClient *api)
    : m_helix(helix), m_api(api)
{}

QString TwitchModerationBackend::moderatorId() const
{
    return m_helix->account().accountId;
}

QString TwitchModerationBackend::moderatorName() const
{
    const model::Account &a = m_helix->account();
    return a.displayName.isEmpty() ? a.login : a.displayName;
}

std::optional<auth::ApiOperation>
TwitchModerationBackend::operationFor(const model::ModerationAction &action)
{
    using Op = auth::ApiOperation;
    switch (action.kind) {
    case K::Ban:
        return Op::BanUser;
    case K::Timeout:
        return Op::TimeoutUser;
    case K::Unban:
        return Op::UnbanUser;
    case K::DeleteMessage:
        return Op::DeleteChatMessage;
    case K::ClearChat:
        return Op::ClearChat;
    case K::Warn:
        return Op::WarnUser;
    case K::ApproveHeldMessage:
    case K::DenyHeldMessage:
        return Op::ManageHeldMessage;
    case K::ApproveUnbanRequest:
    case K::DenyUnbanRequest:
        return Op::ResolveUnbanRequest;
    case K::UpdateChatModes:
        return Op::UpdateChatSettings;
    case K::SetShieldMode:
        return Op::UpdateShieldMode;
    case K::AddBlockedTerm:
        return Op::AddBlockedTerm;
    case K::RemoveBlockedTerm:
        return Op::RemoveBlockedTerm;
    case K::SendAnnouncement:
        return Op::SendAnnouncement;
    case K::InviteToSpeak:
    case K::MoveToAudience:
    case K::Mute:
    case K::Disconnect:
    case K::Kick:
        return std::nullopt;
    }
    return std::nullopt;
}

std::optional<QString> TwitchModerationBackend::refusal(const model::ModerationAction &action) const
{
    const auto op = operationFor(action);
    if (!op)
        return tr("Twitch has no such action.");
    if (auto refused = m_helix->check(*op, broadcasterOf(action.roomKey)))
        return refused->reason;
    return std::nullopt;
}

bool TwitchModerationBackend::isSafeToRetry(const model::ModerationAction &action) const
{
    switch (action.kind) {
    // Sending these twice leaves the room as sending them once did (a second ban answers
    // "already banned"; a second delete finds nothing to delete).
    case K::Ban:
    case K::Timeout:
    case K::Unban:
    case K::DeleteMessage:
    case K::ClearChat:
    case K::ApproveHeldMessage:
    case K::DenyHeldMessage:
    case K::ApproveUnbanRequest:
    case K::DenyUnbanRequest:
    case K::UpdateChatModes:
    case K::SetShieldMode:
    case K::RemoveBlockedTerm:
        return true;
    // A second warning, announcement or (possibly duplicate) term is visible to people.
    default:
        return false;
    }
}

BackendReply TwitchModerationBackend::classify(model::ModerationActionKind kind,
                                               const net::ApiError &error)
{
    BackendReply r;
    r.httpStatus = error.httpStatus;
    r.message = error.message;
    using Kind = net::ApiError::Kind;
    switch (error.kind) {
    case Kind::RateLimited:
        r.kind = BackendReply::Kind::TooMany;
        return r;
    case Kind::Network:
        r.kind = BackendReply::Kind::Transient;
        r.message = tr("No answer from Twitch (%1).").arg(error.message);
        return r;
    case Kind::Refused:
        r.outcome = model::ActionOutcome::Refused;
        return r;
    case Kind::Tls:
    case Kind::Parse:
        r.outcome = model::ActionOutcome::Failed;
        return r;
    case Kind::Http:
        break;
    }
    if (error.httpStatus >= 500) {
        r.kind = BackendReply::Kind::Transient;
        r.message = tr("Twitch had a problem (%1).").arg(error.httpStatus);
        return r;
    }
    if (error.httpStatus == 409) {
        r.outcome = model::ActionOutcome::Conflict;
        r.message = tr("Another moderator was changing this at the same moment.");
        return r;
    }
    // §3.3: the exact strings Twitch sends for "nothing to do".
    const QString m = error.message.toLower();
    if (error.httpStatus == 400 && (kind == K::Ban || kind == K::Timeout) &&
        m.contains(QLatin1String("already banned"))) {
        r.outcome = model::ActionOutcome::AlreadyDone;
        r.message = kind == K::Ban ? tr("Already banned.")
                                   : tr("Already banned; a timeout does not replace a ban.");
        return r;
    }
    if (error.httpStatus == 400 && kind == K::Unban && m.contains(QLatin1String("not banned"))) {
        r.outcome = model::ActionOutcome::AlreadyDone;
        r.message = tr("Not banned or timed out any more.");
        return r;
    }
    if (error.httpStatus == 400 && m.contains(QLatin1String("already"))) {
        r.outcome = model::ActionOutcome::AlreadyDone;
        return r;
    }
    r.outcome = model::ActionOutcome::Failed;
    return r;
}

template <typename T>
void TwitchModerationBackend::answer(const T &result, model::ModerationActionKind kind,
                                     const Done &done) const
{
    BackendReply r;
    if (result.ok()) {
        r.outcome = model::ActionOutcome::Applied;
    } else if (result.refusal) {
        r.outcome = model::ActionOutcome::Refused;
        r.message = result.refusal->reason;
    } else if (result.error) {
        r = classify(kind, *result.error);
    }
    r.rateLimit = m_api->rateLimit();
    done(r);
}

void TwitchModerationBackend::execute(const model::ModerationAction &action, QObject *context,
                                      Done done)
{
    const QString bid = broadcasterOf(action.roomKey);
    const QString me = moderatorId();
    const K kind = action.kind;
    auto reply = [this, kind, done](const auto &result) { answer(result, kind, done); };
    switch (kind) {
    case K::Ban:
    case K::Timeout:
        m_helix->banUser(bid, me, action.targetUserId,
                         kind == K::Timeout ? action.durationSeconds : std::nullopt, action.reason,
                         context, reply);
        return;
    case K::Unban:
        m_helix->unbanUser(bid, me, action.targetUserId, context, reply);
        return;
    case K::DeleteMessage:
        m_helix->deleteMessage(bid, me, action.messageId, context, reply);
        return;
    case K::ClearChat:
        m_helix->deleteMessage(bid, me, QString(), context, reply);
        return;
    case K::Warn:
        m_helix->warnUser(bid, me, action.targetUserId, action.reason, context, reply);
        return;
    case K::ApproveHeldMessage:
    case K::DenyHeldMessage:
        m_helix->manageHeldMessage(me, action.messageId, kind == K::ApproveHeldMessage, context,
                                   reply);
        return;
    case K::SetShieldMode:
        m_helix->updateShieldMode(bid, me, action.active.value_or(false), context, reply);
        return;
    case K::UpdateChatModes:
        m_helix->updateChatSettings(
            bid, me, toSettingsPatch(action.chatModes.value_or(model::ChatModesPatch{})), context,
            reply);
        return;
    case K::ApproveUnbanRequest:
    case K::DenyUnbanRequest:
        m_helix->resolveUnbanRequest(bid, me, action.messageId, kind == K::ApproveUnbanRequest,
                                     action.reason, context, reply);
        return;
    case K::AddBlockedTerm:
        m_helix->addBlockedTerm(bid, me, action.text, context, reply);
        return;
    case K::RemoveBlockedTerm:
        m_helix->removeBlockedTerm(bid, me, action.messageId, context, reply);
        return;
    case K::SendAnnouncement:
        m_helix->sendAnnouncement(bid, me, action.text, AnnouncementColor::Primary, context, reply);
        return;
    default:
        break;
    }
    // Not a Twitch action (refusal() says so first; this keeps execute() total).
    BackendReply r;
    r.outcome = model::ActionOutcome::Refused;
    r.message = tr("%1 cannot be done on Twitch by Roomwarden yet.").arg(model::actionKindId(kind));
    QMetaObject::invokeMethod(
        context, [done, r] { done(r); }, Qt::QueuedConnection);
}

} // namespace roomwarden::twitch
