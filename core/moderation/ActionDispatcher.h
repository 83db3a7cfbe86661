#pragma once
#include "core/model/AuditEntry.h"
#include "core/model/ModerationAction.h"
#include "core/moderation/ActionJournal.h"
#include "core/moderation/ModerationBackend.h"
#include "core/net/RatePacer.h"

#include <QHash>
#include <QObject>
#include <QSet>

#include <deque>
#include <optional>
#include <variant>

class QTimer;

namespace roomwarden::util {
class Clock;
}

namespace roomwarden::moderation {

// The one way a moderation action reaches a platform (ARCHITECTURE's data flow):
//   validate → ScopeGuard (via the backend) → journal the intent → pace → call → journal the
//   outcome → tell the UI.
// - Pacing: a RatePacer spreads calls at the rate the platform's bucket refills, so a bulk
//   action never draws a 429; the moderator's own clicks go ahead of bulk work and may use the
//   small reserve the bulk work leaves.
// - A 429 anyway (another tool shares the bucket): wait for a point and send again.
// - 5xx or the network: sent again only when the backend says that is harmless (a ban, a
//   delete); otherwise reported as failed with the reason, never repeated blindly.
// - "Already banned", "not banned", 409 from another moderator acting: their own outcomes.
// - Undo within the session: a ban or timeout is undone by an unban; undoing a timeout never
//   lifts a ban that replaced it.
class ActionDispatcher : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        int maxInFlight = 6;      // concurrent calls (HTTP/1.1 uses six connections per host)
        int reservePoints = 4;    // kept back from bulk work for interactive actions
        int maxUnsafeRetries = 3; // 5xx/network retries for actions that are safe to repeat
        int maxRateLimitedRetries = 20;
        qint64 retryBaseMs = 1000; // 1 s, 2 s, 4 s (+ up to 25 % jitter)
    };

    struct Stats
    {
        int sent = 0;
        int tooMany = 0; // 429s seen
        int retries = 0;
        int finished = 0;
    };

    ActionDispatcher(ModerationBackend *backend, ActionJournal *journal, const util::Clock *clock,
                     QObject *parent = nullptr);
    ActionDispatcher(ModerationBackend *backend, ActionJournal *journal, const util::Clock *clock,
                     Options options, QObject *parent = nullptr);
    ~ActionDispatcher() override;

    // Fills in intentId and requestedAt when empty. Returns the intent id; the outcome comes
    // as `finished` (a refusal too, asynchronously).
    QString dispatch(model::ModerationAction action);
    // Journals all intents in one go, then sends them paced, behind interactive actions.
    // Returns the bulk id.
    QString dispatchBulk(QList<model::ModerationAction> actions);
    // Drops the bulk's actions that have not been sent yet (they end Refused, "cancelled").
    int cancelBulk(const QString &bulkId);

    // The action that undoes `intentId` (an applied ban or timeout from this session), or the
    // reason there is none.
    std::variant<model::ModerationAction, QString> undoFor(const QString &intentId) const;
    // Sends undoFor(intentId); returns its intent id, or an empty string (and `finished` with
    // Refused) when it cannot be undone.
    QString undo(const QString &intentId);

    // Intents an earlier run left without an outcome. resume() sends one again (same intent
    // id); drop() closes it as Failed "dropped".
    QList<ActionJournal::Intent> unconfirmed() const { return m_unconfirmed; }
    bool resume(const QString &intentId);
    bool drop(const QString &intentId);

    // What the platform reported (channel.moderate): keeps undo honest when someone else banned
    // a person we had timed out.
    void observeBan(const QString &roomKey, const QString &userId, bool permanent);
    void observeUnban(const QString &roomKey, const QString &userId);

    int queued() const { return int(m_interactive.size() + m_bulk.size()); }
    int inFlight() const { return m_inFlight; }
    Stats stats() const { return m_stats; }
    const net::RatePacer &pacer() const { return m_pacer; }

Q_SIGNALS:
    void journaled(const roomwarden::model::AuditEntry &entry);
    void finished(const roomwarden::model::AuditEntry &entry);
    void journalFailed(const QString &message);
    void idle();

private:
    struct Item
    {
        ActionJournal::Intent intent;
        int attempts = 0;
        int rateLimited = 0;
        qint64 notBeforeMs = 0; // monotonic; backoff after a transient failure
    };

    ActionJournal::Intent intentFor(model::ModerationAction action, const QString &bulkId) const;
    std::optional<QString> precheck(const model::ModerationAction &action) const;
    void refuseLater(const ActionJournal::Intent &intent, const QString &why);
    void schedulePump(qint64 delayMs);
    void pump();
    void send(Item item);
    void onReply(Item item, const BackendReply &reply);
    void finish(const Item &item, model::ActionOutcome outcome, const QString &message);
    void requeue(Item item, bool front);

    ModerationBackend *m_backend;
    ActionJournal *m_journal;
    const util::Clock *m_clock;
    Options m_options;
    net::RatePacer m_pacer;
    std::deque<Item> m_interactive;
    std::deque<Item> m_bulk;
    QTimer *m_timer;
    int m_inFlight = 0;
    Stats m_stats;
    QList<ActionJournal::Intent> m_unconfirmed;
    // This session's applied bans/timeouts, for undo: intent id → the action.
    QHash<QString, model::ModerationAction> m_applied;
    // room key + user id → permanently banned (as far as we know now).
    QSet<QString> m_permanentlyBanned;
    QSet<QString> m_undone;
    // room key + user id → the latest ban/timeout intent applied here: only that one is undone.
    QHash<QString, QString> m_latestRestriction;
    bool m_wasBusy = false;
};

} // namespace roomwarden::moderation
