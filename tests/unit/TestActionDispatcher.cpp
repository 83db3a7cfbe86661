// ActionDispatcher at the unit level: a scripted backend (the contract tests drive the real
// Twitch backend against the sandbox) and the in-memory journal.
#include "core/moderation/ActionDispatcher.h"
#include "core/moderation/ModerationBackend.h"
#include "core/util/Clock.h"

#include "TestMain.h"

#include <QSignalSpy>
#include <QTimer>

#include <deque>

using namespace roomwarden;
using model::ActionOutcome;
using model::ModerationAction;
using K = model::ModerationActionKind;
using moderation::ActionDispatcher;
using moderation::BackendReply;

namespace {

// Answers each call with the next scripted reply (Applied when the script is empty), later,
// or holds the answers until release() when `hold` is set.
class ScriptedBackend final : public moderation::ModerationBackend
{
public:
    explicit ScriptedBackend(moderation::ActionJournal *journal) : m_journal(journal) {}

    QString moderatorId() const override { return QStringLiteral("1001"); }
    QString moderatorName() const override { return QStringLiteral("ModMe"); }
    std::optional<QString> refusal(const ModerationAction &action) const override
    {
        if (refused.contains(action.kind))
            return QStringLiteral("needs moderator:manage:banned_users");
        return std::nullopt;
    }
    bool isSafeToRetry(const ModerationAction &action) const override
    {
        return action.kind != K::Warn && action.kind != K::SendAnnouncement;
    }
    void execute(const ModerationAction &action, QObject *context, Done done) override
    {
        calls.append(action);
        // What the journal held at the moment the call left.
        const auto intent = m_journal->intent(action.intentId);
        journaledBeforeCall.append(intent.has_value());
        BackendReply reply;
        reply.outcome = ActionOutcome::Applied;
        if (!script.empty()) {
            reply = script.front();
            script.pop_front();
        }
        if (hold) {
            held.append([done, reply] { done(reply); });
            return;
        }
        QTimer::singleShot(0, context, [done, reply] { done(reply); });
    }
    void releaseOne()
    {
        if (!held.isEmpty())
            held.takeFirst()();
    }

    QList<K> refused;
    std::deque<BackendReply> script;
    QList<ModerationAction> calls;
    QList<bool> journaledBeforeCall;
    bool hold = false;
    QList<std::function<void()>> held;

private:
    moderation::ActionJournal *m_journal;
};

BackendReply finished(ActionOutcome outcome, const QString &message = {})
{
    BackendReply r;
    r.outcome = outcome;
    r.message = message;
    return r;
}

BackendReply of(BackendReply::Kind kind)
{
    BackendReply r;
    r.kind = kind;
    r.message = QStringLiteral("Twitch had a problem (503).");
    return r;
}

ModerationAction action(K kind, const QString &user = QStringLiteral("2002"))
{
    ModerationAction a;
    a.kind = kind;
    a.roomKey = QStringLiteral("twitch:1001");
    a.targetUserId = user;
    a.targetName = QStringLiteral("user") + user;
    if (kind == K::Timeout)
        a.durationSeconds = 600;
    if (kind == K::Warn)
        a.reason = QStringLiteral("be kind");
    return a;
}

model::AuditEntry lastFinished(const QSignalSpy &spy)
{
    return spy.last().first().value<model::AuditEntry>();
}

} // namespace

Q_DECLARE_METATYPE(roomwarden::model::AuditEntry)

class TestActionDispatcher : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void journalsTheIntentBeforeTheCallAndTheOutcomeAfter();
    void invalidActionsAreRefusedUnsentAndUnjournaled();
    void scopeRefusalsAreNotSent();
    void aJournalThatCannotBeWrittenStopsTheCall();
    void tooManyRequestsIsSentAgainUntilApplied();
    void unclearFailuresAreRetriedOnlyWhenHarmless_data();
    void unclearFailuresAreRetriedOnlyWhenHarmless();
    void aConflictIsTriedOnceMoreThenReported();
    void interactiveActionsGoAheadOfBulkWork();
    void cancellingABulkClosesWhatWasNotSent();
    void undoingATimeoutNeverLiftsALaterBan();
    void undoingABanUnbansOnce();

private:
    util::SystemClock m_clock;
    std::unique_ptr<moderation::MemoryActionJournal> m_journal;
    std::unique_ptr<ScriptedBackend> m_backend;
    std::unique_ptr<ActionDispatcher> m_dispatcher;
    ActionDispatcher::Options m_options;
};

void TestActionDispatcher::init()
{
    qRegisterMetaType<model::AuditEntry>();
    m_journal = std::make_unique<moderation::MemoryActionJournal>();
    m_backend = std::make_unique<ScriptedBackend>(m_journal.get());
    m_options = ActionDispatcher::Options{};
    m_options.retryBaseMs = 20; // keep backoff short; the contract tests use the real one
    m_dispatcher =
        std::make_unique<ActionDispatcher>(m_backend.get(), m_journal.get(), &m_clock, m_options);
}

void TestActionDispatcher::cleanup()
{
    m_dispatcher.reset();
    m_backend.reset();
    m_journal.reset();
}

void TestActionDispatcher::journalsTheIntentBeforeTheCallAndTheOutcomeAfter()
{
    QSignalSpy journaled(m_dispatcher.get(), &ActionDispatcher::journaled);
    QSignalSpy done(m_dispatcher.get(), &ActionDispatcher::finished);
    const QString id = m_dispatcher->dispatch(action(K::Ban));
    QVERIFY(!id.isEmpty());
    QCOMPARE(journaled.size(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 5000);
    QCOMPARE(m_backend->calls.size(), 1);
    QCOMPARE(m_backend->calls.first().intentId, id);
    QCOMPARE(m_backend->journaledBeforeCall, QList<bool>{true});
    const auto entries = m_journal->entries();
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().intentId, id);
    QCOMPARE(entries.first().outcome, ActionOutcome::Applied);
    QCOMPARE(entries.first().moderatorId, QStringLiteral("1001"));
    QCOMPARE(lastFinished(done).outcome, ActionOutcome::Applied);
}

void TestActionDispatcher::invalidActionsAreRefusedUnsentAndUnjournaled()
{
    QSignalSpy done(m_dispatcher.get(), &ActionDispatcher::finished);
    ModerationAction a = action(K::Timeout);
    a.durationSeconds.reset();
    m_dispatcher->dispatch(a);
    QVERIFY(done.isEmpty()); // answered later, never from inside dispatch()
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 5000);
    QCOMPARE(lastFinished(done).outcome, ActionOutcome::Refused);
    QVERIFY(lastFinished(done).outcomeMessage.contains(QStringLiteral("duration")));
    QVERIFY(m_backend->calls.isEmpty());
    QVERIFY(m_journal->entries().isEmpty());
}

void TestActionDispatcher::scopeRefusalsAreNotSent()
{
    m_backend->refused = {K::Ban};
    QSignalSpy done(m_dispatcher.get(), &ActionDispatcher::finished);
    m_dispatcher->dispatch(action(K::Ban));
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 5000);
    QCOMPARE(lastFinished(done).outcome, ActionOutcome::Refused);
    QCOMPARE(lastFinished(done).outcomeMessage,
             QStringLiteral("needs moderator:manage:banned_users"));
    QVERIFY(m_backend->calls.isEmpty());
}

void TestActionDispatcher::aJournalThatCannotBeWrittenStopsTheCall()
{
    m_journal->failNextWrite(QStringLiteral("disk full"));
    QSignalSpy failed(m_dispatcher.get(), &ActionDispatcher::journalFailed);
    QSignalSpy done(m_dispatcher.get(), &ActionDispatcher::finished);
    m_dispatcher->dispatch(action(K::Ban));
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 5000);
    QCOMPARE(failed.size(), 1);
    QCOMPARE(lastFinished(done).outcome, ActionOutcome::Refused);
    QVERIFY(lastFinished(done).outcomeMessage.contains(QStringLiteral("disk full")));
    QVERIFY(m_backend->calls.isEmpty());
}

void TestActionDispatcher::tooManyRequestsIsSentAgainUntilApplied()
{
    m_backend->script = {of(BackendReply::Kind::TooMany), of(BackendReply::Kind::TooMany)};
    QSignalSpy done(m_dispatcher.get(), &ActionDispatcher::finished);
    m_dispatcher->dispatch(action(K::Warn)); // even a warning: a 429 was never applied
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 5000);
    QCOMPARE(lastFinished(done).outcome, ActionOutcome::Applied);
    QCOMPARE(m_backend->calls.size(), 3);
    QCOMPARE(m_dispatcher->stats().tooMany, 2);
    QCOMPARE(m_journal->entries().first().outcome, ActionOutcome::Applied);
}

void TestActionDispatcher::unclearFailuresAreRetriedOnlyWhenHarmless_data()
{
    QTest::addColumn<K>("kind");
    QTest::addColumn<int>("calls");
    QTest::addColumn<ActionOutcome>("outcome");
    QTest::newRow("ban is sent again") << K::Ban << 2 << ActionOutcome::Applied;
    QTest::newRow("delete is sent again") << K::DeleteMessage << 2 << ActionOutcome::Applied;
    QTest::newRow("warning is not") << K::Warn << 1 << ActionOutcome::Failed;
}

void TestActionDispatcher::unclearFailuresAreRetriedOnlyWhenHarmless()
{
    QFETCH(K, kind);
    QFETCH(int, calls);
    QFETCH(ActionOutcome, outcome);
    m_backend->script = {of(BackendReply::Kind::Transient)};
    QSignalSpy done(m_dispatcher.get(), &ActionDispatcher::finished);
    ModerationAction a = action(kind);
    if (kind == K::DeleteMessage)
        a.messageId = QStringLiteral("m-1");
    m_dispatcher->dispatch(a);
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 5000);
    QCOMPARE(m_backend->calls.size(), calls);
    QCOMPARE(lastFinished(done).outcome, outcome);
    if (outcome == ActionOutcome::Failed)
        QVERIFY(lastFinished(done).outcomeMessage.contains(QStringLiteral("Not sent again")));
}

void TestActionDispatcher::aConflictIsTriedOnceMoreThenReported()
{
    m_backend->script = {finished(ActionOutcome::Conflict), finished(ActionOutcome::Conflict)};
    QSignalSpy done(m_dispatcher.get(), &ActionDispatcher::finished);
    m_dispatcher->dispatch(action(K::Ban));
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 5000);
    QCOMPARE(m_backend->calls.size(), 2);
    QCOMPARE(lastFinished(done).outcome, ActionOutcome::Conflict);
}

void TestActionDispatcher::interactiveActionsGoAheadOfBulkWork()
{
    m_options.maxInFlight = 1;
    m_dispatcher =
        std::make_unique<ActionDispatcher>(m_backend.get(), m_journal.get(), &m_clock, m_options);
    m_backend->hold = true;
    QList<ModerationAction> bulk;
    for (int i = 0; i < 5; ++i)
        bulk.append(action(K::Ban, QString::number(3000 + i)));
    m_dispatcher->dispatchBulk(bulk);
    QTRY_COMPARE_WITH_TIMEOUT(m_backend->calls.size(), 1, 5000);
    m_dispatcher->dispatch(action(K::Timeout, QStringLiteral("4242")));
    m_backend->releaseOne();
    QTRY_COMPARE_WITH_TIMEOUT(m_backend->calls.size(), 2, 5000);
    QCOMPARE(m_backend->calls.at(1).targetUserId, QStringLiteral("4242"));
    QCOMPARE(m_backend->calls.at(1).kind, K::Timeout);
}

void TestActionDispatcher::cancellingABulkClosesWhatWasNotSent()
{
    m_options.maxInFlight = 1;
    m_dispatcher =
        std::make_unique<ActionDispatcher>(m_backend.get(), m_journal.get(), &m_clock, m_options);
    m_backend->hold = true;
    QSignalSpy done(m_dispatcher.get(), &ActionDispatcher::finished);
    QList<ModerationAction> bulk;
    for (int i = 0; i < 4; ++i)
        bulk.append(action(K::Ban, QString::number(3000 + i)));
    const QString bulkId = m_dispatcher->dispatchBulk(bulk);
    QTRY_COMPARE_WITH_TIMEOUT(m_backend->calls.size(), 1, 5000);
    QCOMPARE(m_dispatcher->cancelBulk(bulkId), 3);
    m_backend->releaseOne();
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 4, 5000);
    QCOMPARE(m_backend->calls.size(), 1);
    int applied = 0, cancelled = 0;
    for (const auto &e : m_journal->entries()) {
        applied += e.outcome == ActionOutcome::Applied;
        cancelled += e.outcome == ActionOutcome::Refused &&
                     e.outcomeMessage.contains(QStringLiteral("Cancelled"));
    }
    QCOMPARE(applied, 1);
    QCOMPARE(cancelled, 3);
}

void TestActionDispatcher::undoingATimeoutNeverLiftsALaterBan()
{
    QSignalSpy done(m_dispatcher.get(), &ActionDispatcher::finished);
    const QString timeout = m_dispatcher->dispatch(action(K::Timeout));
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 5000);
    QVERIFY(std::holds_alternative<ModerationAction>(m_dispatcher->undoFor(timeout)));

    // Another moderator bans the same person for good (channel.moderate says so).
    m_dispatcher->observeBan(QStringLiteral("twitch:1001"), QStringLiteral("2002"), true);
    const auto refused = m_dispatcher->undoFor(timeout);
    QVERIFY(std::holds_alternative<QString>(refused));
    QVERIFY(std::get<QString>(refused).contains(QStringLiteral("banned permanently")));
    QVERIFY(m_dispatcher->undo(timeout).isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 2, 5000);
    QCOMPARE(lastFinished(done).outcome, ActionOutcome::Refused);
    QCOMPARE(m_backend->calls.size(), 1); // no unban was sent

    // Our own later ban replaces the timeout as well.
    m_dispatcher->observeUnban(QStringLiteral("twitch:1001"), QStringLiteral("2002"));
    QVERIFY(std::holds_alternative<ModerationAction>(m_dispatcher->undoFor(timeout)));
    m_dispatcher->dispatch(action(K::Ban));
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 3, 5000);
    QVERIFY(std::holds_alternative<QString>(m_dispatcher->undoFor(timeout)));
}

void TestActionDispatcher::undoingABanUnbansOnce()
{
    QSignalSpy done(m_dispatcher.get(), &ActionDispatcher::finished);
    const QString ban = m_dispatcher->dispatch(action(K::Ban));
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 5000);
    const QString undo = m_dispatcher->undo(ban);
    QVERIFY(!undo.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 2, 5000);
    QCOMPARE(m_backend->calls.size(), 2);
    const ModerationAction sent = m_backend->calls.last();
    QCOMPARE(sent.kind, K::Unban);
    QCOMPARE(sent.targetUserId, QStringLiteral("2002"));
    QCOMPARE(sent.undoOf, ban);
    QVERIFY(!sent.undoesTimeout);
    QVERIFY(m_dispatcher->undo(ban).isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 3, 5000);
    QVERIFY(lastFinished(done).outcomeMessage.contains(QStringLiteral("already been undone")));
    QCOMPARE(m_backend->calls.size(), 2);
}

ROOMWARDEN_TEST_MAIN_CORE(TestActionDispatcher)
#include "TestActionDispatcher.moc"
