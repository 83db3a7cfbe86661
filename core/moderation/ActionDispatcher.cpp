#include "core/moderation/ActionDispatcher.h"

#include "core/moderation/ModerationBackend.h"
#include "core/util/Clock.h"
#include "core/util/Logging.h"

#include <QRandomGenerator>
#include <QTimer>
#include <QUuid>

#include <algorithm>

namespace roomwarden::moderation {

namespace {
using model::ActionOutcome;
using K = model::ModerationActionKind;

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString personKey(const QString &roomKey, const QString &userId)
{
    return roomKey + QLatin1Char('\x1f') + userId;
}
} // namespace

ActionDispatcher::ActionDispatcher(ModerationBackend *backend, ActionJournal *journal,
                                   const util::Clock *clock, QObject *parent)
    : ActionDispatcher(backend, journal, clock, Options{}, parent)
{}

ActionDispatcher::ActionDispatcher(ModerationBackend *backend, ActionJournal *journal,
                                   const util::Clock *clock, Options options, QObject *parent)
    : QObject(parent), m_backend(backend), m_journal(journal), m_clock(clock), m_options(options),
      m_pacer(net::RatePacer::kDefaultLimit, options.reservePoints), m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &ActionDispatcher::pump);
    m_unconfirmed = m_journal->unconfirmed();
}

ActionDispatcher::~ActionDispatcher() = default;

ActionJournal::Intent ActionDispatcher::intentFor(model::ModerationAction action,
                                                  const QString &bulkId) const
{
    if (action.intentId.isEmpty())
        action.intentId = newId();
    if (!action.requestedAt.isValid())
        action.requestedAt = m_clock->now();
    action.outcome = ActionOutcome::Pending;
    return ActionJournal::Intent{std::move(action), m_backend->moderatorId(),
                                 m_backend->moderatorName(), bulkId};
}

std::optional<QString> ActionDispatcher::precheck(const model::ModerationAction &action) const
{
    if (auto invalid = action.validationError())
        return invalid;
    if (auto refused = m_backend->refusal(action))
        return refused;
    if (!action.undoOf.isEmpty()) {
        const auto undo = undoFor(action.undoOf);
        if (const QString *why = std::get_if<QString>(&undo))
            return *why;
    }
    return std::nullopt;
}

void ActionDispatcher::refuseLater(const ActionJournal::Intent &intent, const QString &why)
{
    // Not journaled: nothing was sent. Answered later, like every other outcome.
    const model::AuditEntry entry = auditEntryFor(intent, ActionOutcome::Refused, why);
    QTimer::singleShot(0, this, [this, entry] { Q_EMIT finished(entry); });
}

QString ActionDispatcher::dispatch(model::ModerationAction action)
{
    const ActionJournal::Intent intent = intentFor(std::move(action), {});
    const QString id = intent.action.intentId;
    if (auto why = precheck(intent.action)) {
        refuseLater(intent, *why);
        return id;
    }
    if (auto error = m_journal->recordIntent(intent)) {
        qCWarning(lcModeration) << "journal refused an intent:" << *error;
        Q_EMIT journalFailed(*error);
        refuseLater(intent,
                    tr("Not sent: the action journal could not be written (%1).").arg(*error));
        return id;
    }
    Q_EMIT journaled(auditEntryFor(intent, ActionOutcome::Pending, {}));
    m_interactive.push_back(Item{intent});
    schedulePump(0);
    return id;
}

QString ActionDispatcher::dispatchBulk(QList<model::ModerationAction> actions)
{
    const QString bulkId = newId();
    QList<ActionJournal::Intent> accepted;
    for (model::ModerationAction &a : actions) {
        ActionJournal::Intent intent = intentFor(std::move(a), bulkId);
        if (auto why = precheck(intent.action))
            refuseLater(intent, *why);
        else
            accepted.append(std::move(intent));
    }
    if (accepted.isEmpty())
        return bulkId;
    if (auto error = m_journal->recordIntents(accepted)) {
        qCWarning(lcModeration) << "journal refused a bulk of" << accepted.size() << ":" << *error;
        Q_EMIT journalFailed(*error);
        for (const auto &intent : std::as_const(accepted))
            refuseLater(intent,
                        tr("Not sent: the action journal could not be written (%1).").arg(*error));
        return bulkId;
    }
    qCInfo(lcModeration) << "bulk" << bulkId << "queued" << accepted.size() << "actions";
    for (const auto &intent : std::as_const(accepted)) {
        Q_EMIT journaled(auditEntryFor(intent, ActionOutcome::Pending, {}));
        m_bulk.push_back(Item{intent});
    }
    schedulePump(0);
    return bulkId;
}

int ActionDispatcher::cancelBulk(const QString &bulkId)
{
    int cancelled = 0;
    for (auto it = m_bulk.begin(); it != m_bulk.end();) {
        if (it->intent.bulkId == bulkId) {
            const Item item = *it;
            it = m_bulk.erase(it);
            finish(item, ActionOutcome::Refused, tr("Cancelled before it was sent."));
            ++cancelled;
        } else {
            ++it;
        }
    }
    schedulePump(0);
    return cancelled;
}

std::variant<model::ModerationAction, QString>
ActionDispatcher::undoFor(const QString &intentId) const
{
    if (m_undone.contains(intentId))
        return tr("This action has already been undone.");
    const auto it = m_applied.constFind(intentId);
    if (it == m_applied.cend())
        return tr("Only a ban or a timeout applied in this session can be undone.");
    const model::ModerationAction &done = *it;
    const QString person = personKey(done.roomKey, done.targetUserId);
    if (m_latestRestriction.value(person) != intentId)
        return tr("A later ban or timeout of %1 replaced this one; undo that one instead.")
            .arg(done.targetName.isEmpty() ? done.targetUserId : done.targetName);
    if (done.kind == K::Timeout && m_permanentlyBanned.contains(person))
        return tr("%1 has since been banned permanently; undoing the timeout would lift that ban.")
            .arg(done.targetName.isEmpty() ? done.targetUserId : done.targetName);
    model::ModerationAction undo;
    undo.kind = K::Unban;
    undo.roomKey = done.roomKey;
    undo.targetUserId = done.targetUserId;
    undo.targetName = done.targetName;
    undo.undoOf = intentId;
    undo.undoesTimeout = done.kind == K::Timeout;
    return undo;
}

QString ActionDispatcher::undo(const QString &intentId)
{
    auto undo = undoFor(intentId);
    if (const QString *why = std::get_if<QString>(&undo)) {
        model::ModerationAction refused;
        refused.kind = K::Unban;
        refused.undoOf = intentId;
        refuseLater(intentFor(refused, {}), *why);
        return {};
    }
    return dispatch(std::get<model::ModerationAction>(std::move(undo)));
}

bool ActionDispatcher::resume(const QString &intentId)
{
    const auto it = std::find_if(m_unconfirmed.begin(), m_unconfirmed.end(),
                                 [&](const auto &i) { return i.action.intentId == intentId; });
    if (it == m_unconfirmed.end())
        return false;
    Item item{*it};
    m_unconfirmed.erase(it);
    if (auto why = precheck(item.intent.action)) {
        finish(item, ActionOutcome::Refused, *why);
        return true;
    }
    m_interactive.push_back(item);
    schedulePump(0);
    return true;
}

bool ActionDispatcher::drop(const QString &intentId)
{
    const auto it = std::find_if(m_unconfirmed.begin(), m_unconfirmed.end(),
                                 [&](const auto &i) { return i.action.intentId == intentId; });
    if (it == m_unconfirmed.end())
        return false;
    const Item item{*it};
    m_unconfirmed.erase(it);
    finish(item, ActionOutcome::Failed,
           tr("Dropped after a restart; the platform may or may not have applied it."));
    return true;
}

void ActionDispatcher::observeBan(const QString &roomKey, const QString &userId, bool permanent)
{
    if (permanent)
        m_permanentlyBanned.insert(personKey(roomKey, userId));
}

void ActionDispatcher::observeUnban(const QString &roomKey, const QString &userId)
{
    m_permanentlyBanned.remove(personKey(roomKey, userId));
}

void ActionDispatcher::schedulePump(qint64 delayMs)
{
    delayMs = std::max<qint64>(0, delayMs);
    if (m_timer->isActive() && m_timer->remainingTime() <= delayMs)
        return;
    m_timer->start(int(std::min<qint64>(delayMs, 3'600'000)));
}

void ActionDispatcher::pump()
{
    while (m_inFlight < m_options.maxInFlight && (!m_interactive.empty() || !m_bulk.empty())) {
        const bool background = m_interactive.empty();
        std::deque<Item> &queue = background ? m_bulk : m_interactive;
        const qint64 nowMs = m_clock->monotonicMs();
        if (queue.front().notBeforeMs > nowMs) {
            schedulePump(queue.front().notBeforeMs - nowMs);
            return;
        }
        if (const qint64 wait = m_pacer.delayMs(m_clock->now(), background); wait > 0) {
            schedulePump(wait);
            return;
        }
        Item item = std::move(queue.front());
        queue.pop_front();
        send(std::move(item));
    }
    const bool busy = m_inFlight > 0 || !m_interactive.empty() || !m_bulk.empty();
    if (m_wasBusy && !busy)
        Q_EMIT idle();
    m_wasBusy = busy;
}

void ActionDispatcher::send(Item item)
{
    ++item.attempts;
    ++m_stats.sent;
    ++m_inFlight;
    m_wasBusy = true;
    m_pacer.onSent(m_clock->now());
    const model::ModerationAction action = item.intent.action;
    m_backend->execute(action, this,
                       [this, item](const BackendReply &reply) { onReply(item, reply); });
}

void ActionDispatcher::requeue(Item item, bool front)
{
    std::deque<Item> &queue = item.intent.bulkId.isEmpty() ? m_interactive : m_bulk;
    if (front)
        queue.push_front(std::move(item));
    else
        queue.push_back(std::move(item));
}

void ActionDispatcher::onReply(Item item, const BackendReply &reply)
{
    --m_inFlight;
    const QDateTime now = m_clock->now();
    switch (reply.kind) {
    case BackendReply::Kind::TooMany:
        ++m_stats.tooMany;
        m_pacer.onTooManyRequests(reply.rateLimit, now, m_inFlight);
        if (++item.rateLimited > m_options.maxRateLimitedRetries) {
            finish(item, ActionOutcome::Failed,
                   tr("The platform kept answering \"too many requests\"."));
        } else {
            qCInfo(lcModeration) << "429; waiting for the bucket before sending"
                                 << item.intent.action.intentId << "again";
            requeue(std::move(item), true);
        }
        break;
    case BackendReply::Kind::Transient:
        m_pacer.onReply(reply.rateLimit, now, m_inFlight);
        if (m_backend->isSafeToRetry(item.intent.action) &&
            item.attempts <= m_options.maxUnsafeRetries) {
            ++m_stats.retries;
            const qint64 base = m_options.retryBaseMs << std::min(item.attempts - 1, 6);
            const qint64 jitter = qint64(QRandomGenerator::global()->bounded(base / 4 + 1));
            item.notBeforeMs = m_clock->monotonicMs() + base + jitter;
            requeue(std::move(item), false);
        } else if (m_backend->isSafeToRetry(item.intent.action)) {
            finish(item, ActionOutcome::Failed, reply.message);
        } else {
            finish(item, ActionOutcome::Failed,
                   tr("%1 Not sent again: if the platform did apply it, a second try would do "
                      "it twice.")
                       .arg(reply.message));
        }
        break;
    case BackendReply::Kind::Finished:
        m_pacer.onReply(reply.rateLimit, now, m_inFlight);
        // §3.3: a 409 means another moderator was changing the same person; one more try
        // after a moment usually answers "already banned" or goes through.
        if (reply.outcome == ActionOutcome::Conflict && item.attempts < 2 &&
            m_backend->isSafeToRetry(item.intent.action)) {
            ++m_stats.retries;
            item.notBeforeMs = m_clock->monotonicMs() + m_options.retryBaseMs / 2;
            requeue(std::move(item), false);
            break;
        }
        finish(item, reply.outcome, reply.message);
        break;
    }
    schedulePump(0);
}

void ActionDispatcher::finish(const Item &item, ActionOutcome outcome, const QString &message)
{
    const model::ModerationAction &action = item.intent.action;
    if (auto error = m_journal->recordOutcome(action.intentId, outcome, message, m_clock->now())) {
        qCWarning(lcModeration) << "journal refused an outcome:" << *error;
        Q_EMIT journalFailed(*error);
    }
    const QString person = personKey(action.roomKey, action.targetUserId);
    if (outcome == ActionOutcome::Applied || outcome == ActionOutcome::AlreadyDone) {
        if (action.kind == K::Ban || action.kind == K::Timeout) {
            if (outcome == ActionOutcome::Applied) {
                m_applied.insert(action.intentId, action);
                m_latestRestriction.insert(person, action.intentId);
            }
            if (action.kind == K::Ban)
                m_permanentlyBanned.insert(person);
        } else if (action.kind == K::Unban) {
            m_permanentlyBanned.remove(person);
            m_latestRestriction.remove(person);
            if (!action.undoOf.isEmpty())
                m_undone.insert(action.undoOf);
        }
    }
    ++m_stats.finished;
    Q_EMIT finished(auditEntryFor(item.intent, outcome, message));
}

} // namespace roomwarden::moderation
