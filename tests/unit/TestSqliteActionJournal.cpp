// The action journal in a real SQLite file: intents before outcomes, personal text sealed,
// unconfirmed intents found after a restart, a lost key shown as unreadable, not as garbage.
#include "core/moderation/ActionDispatcher.h"
#include "core/storage/SqliteActionJournal.h"
#include "core/util/Clock.h"

#include "DiskScan.h"
#include "TestMain.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>

using namespace roomwarden;
using model::ActionOutcome;
using model::ModerationAction;
using K = model::ModerationActionKind;
using moderation::ActionJournal;
using moderation::SqliteActionJournal;

Q_DECLARE_METATYPE(roomwarden::model::AuditEntry)

namespace {

const QByteArray kKey(32, '\x5a');

ActionJournal::Intent intent(K kind, const QString &id)
{
    ActionJournal::Intent i;
    i.action.kind = kind;
    i.action.intentId = id;
    i.action.roomKey = QStringLiteral("twitch:1001");
    i.action.targetUserId = QStringLiteral("2002");
    i.action.targetName = QStringLiteral("N\u0430sty<b>Name</b>'); DROP TABLE intents;--");
    i.action.reason = QStringLiteral("secret-reason-\U0001F525 with \"quotes\"");
    i.action.requestedAt = QDateTime(QDate(2026, 11, 28), QTime(10, 0, 1, 250), Qt::UTC);
    i.moderatorId = QStringLiteral("1001");
    i.moderatorName = QStringLiteral("HostName");
    if (kind == K::Timeout)
        i.action.durationSeconds = 600;
    return i;
}

// Applies everything, later.
class ApplyingBackend final : public moderation::ModerationBackend
{
public:
    QString moderatorId() const override { return QStringLiteral("1001"); }
    QString moderatorName() const override { return QStringLiteral("HostName"); }
    std::optional<QString> refusal(const ModerationAction &) const override { return {}; }
    bool isSafeToRetry(const ModerationAction &) const override { return true; }
    void execute(const ModerationAction &action, QObject *context, Done done) override
    {
        sent << action.intentId;
        QTimer::singleShot(0, context, [done] {
            moderation::BackendReply r;
            r.outcome = ActionOutcome::Applied;
            done(r);
        });
    }
    QStringList sent;
};

} // namespace

class TestSqliteActionJournal : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void intentsAndOutcomesRoundTrip();
    void everyActionFieldSurvives();
    void personalTextIsNotInTheFile();
    void pendingIntentsBecomeUnconfirmedAfterARestart();
    void theDispatcherResumesOrDropsUnconfirmedIntents();
    void anotherKeyShowsUnreadableNotGarbage();
    void duplicateIntentIdsAreRefusedWhole();
    void forgetDeletesOneRoomOrAll();
    void notesAreSealedAndSurviveARestart();
    void aVersionOneJournalGainsNotes();

private:
    std::unique_ptr<SqliteActionJournal> open(const QByteArray &key = kKey);
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

void TestSqliteActionJournal::init()
{
    qRegisterMetaType<model::AuditEntry>();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(QStringLiteral("profile/journal.sqlite"));
}

std::unique_ptr<SqliteActionJournal> TestSqliteActionJournal::open(const QByteArray &key)
{
    auto j = SqliteActionJournal::open(m_path, storage::FieldCipher(key));
    if (!j) {
        qWarning() << "open failed:" << j.error->message;
        return nullptr;
    }
    return std::move(*j);
}

void TestSqliteActionJournal::intentsAndOutcomesRoundTrip()
{
    auto j = open();
    QVERIFY(j);
    const auto ban = intent(K::Ban, QStringLiteral("a-1"));
    QCOMPARE(j->recordIntent(ban), std::nullopt);
    auto entries = j->entries();
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().outcome, ActionOutcome::Pending);
    QCOMPARE(entries.first().targetName, ban.action.targetName);
    QCOMPARE(entries.first().reason, ban.action.reason);
    QCOMPARE(entries.first().moderatorName, QStringLiteral("HostName"));
    QCOMPARE(entries.first().at, ban.action.requestedAt);

    const QDateTime at = ban.action.requestedAt.addMSecs(180);
    QCOMPARE(j->recordOutcome(QStringLiteral("a-1"), ActionOutcome::AlreadyDone,
                              QStringLiteral("Already banned."), at),
             std::nullopt);
    QVERIFY(j->recordOutcome(QStringLiteral("nope"), ActionOutcome::Applied, {}, at));
    entries = j->entries();
    QCOMPARE(entries.first().outcome, ActionOutcome::AlreadyDone);
    QCOMPARE(entries.first().outcomeMessage, QStringLiteral("Already banned."));

    // Newest first, filtered by room.
    auto other = intent(K::Timeout, QStringLiteral("a-2"));
    other.action.requestedAt = other.action.requestedAt.addSecs(5);
    other.action.roomKey = QStringLiteral("twitch:3003");
    QCOMPARE(j->recordIntent(other), std::nullopt);
    entries = j->entries();
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries.first().intentId, QStringLiteral("a-2"));
    QCOMPARE(entries.first().detail, QStringLiteral("10 min"));
    QCOMPARE(j->entries(QStringLiteral("twitch:1001")).size(), 1);
}

void TestSqliteActionJournal::everyActionFieldSurvives()
{
    auto j = open();
    QVERIFY(j);
    auto modes = intent(K::UpdateChatModes, QStringLiteral("m-1"));
    modes.action.targetUserId.clear();
    modes.action.targetName.clear();
    model::ChatModesPatch patch;
    patch.slowSeconds = std::optional<int>(30);
    patch.followerMinutes = std::optional<int>(); // off
    patch.emoteOnly = true;
    modes.action.chatModes = patch;
    auto undo = intent(K::Unban, QStringLiteral("u-1"));
    undo.action.undoOf = QStringLiteral("t-9");
    undo.action.undoesTimeout = true;
    auto shield = intent(K::SetShieldMode, QStringLiteral("s-1"));
    shield.action.active = false;
    auto term = intent(K::AddBlockedTerm, QStringLiteral("b-1"));
    term.action.text = QStringLiteral("bad\u200Bword");
    term.bulkId = QStringLiteral("bulk-7");
    QCOMPARE(j->recordIntents({modes, undo, shield, term}), std::nullopt);
    j.reset();

    j = open(); // from the file, not from memory
    QVERIFY(j);
    for (const auto &expected : {modes, undo, shield, term}) {
        const auto got = j->intent(expected.action.intentId);
        QVERIFY(got);
        ModerationAction want = expected.action;
        want.outcome = ActionOutcome::Unconfirmed; // reopened with no outcome
        QCOMPARE(got->action, want);
        QCOMPARE(got->bulkId, expected.bulkId);
        QCOMPARE(got->moderatorName, expected.moderatorName);
    }
}

void TestSqliteActionJournal::personalTextIsNotInTheFile()
{
    auto j = open();
    QVERIFY(j);
    auto i = intent(K::Ban, QStringLiteral("p-1"));
    i.action.targetName = QStringLiteral("plaintext-name-marker");
    i.action.reason = QStringLiteral("plaintext-reason-marker");
    i.moderatorName = QStringLiteral("plaintext-moderator-marker");
    QCOMPARE(j->recordIntent(i), std::nullopt);
    QCOMPARE(j->entries().first().reason, QStringLiteral("plaintext-reason-marker"));
    // Ids are in the clear (queries need them); the text is not, in the file or its WAL.
    QVERIFY(!roomwarden::test::filesContaining(m_dir->path(), {QByteArray("p-1")}).isEmpty());
    const QStringList leaks = roomwarden::test::filesContaining(
        m_dir->path(), {QByteArray("plaintext-name-marker"), QByteArray("plaintext-reason-marker"),
                        QByteArray("plaintext-moderator-marker")});
    QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(QLatin1Char(' '))));
}

void TestSqliteActionJournal::pendingIntentsBecomeUnconfirmedAfterARestart()
{
    {
        auto j = open();
        QVERIFY(j);
        QCOMPARE(j->recordIntents({intent(K::Ban, QStringLiteral("k-1")),
                                   intent(K::Ban, QStringLiteral("k-2"))}),
                 std::nullopt);
        QCOMPARE(j->recordOutcome(QStringLiteral("k-1"), ActionOutcome::Applied, {},
                                  QDateTime::currentDateTimeUtc()),
                 std::nullopt);
        QVERIFY(j->unconfirmed().isEmpty());
    } // the process "ends" between k-2's intent and its outcome

    auto j = open();
    QVERIFY(j);
    const auto left = j->unconfirmed();
    QCOMPARE(left.size(), 1);
    QCOMPARE(left.first().action.intentId, QStringLiteral("k-2"));
    QCOMPARE(j->intent(QStringLiteral("k-2"))->action.outcome, ActionOutcome::Unconfirmed);
    j.reset();
    // Listed once: the next start does not ask again about the same intent as "new".
    j = open();
    QVERIFY(j->unconfirmed().isEmpty());
    QCOMPARE(j->intent(QStringLiteral("k-2"))->action.outcome, ActionOutcome::Unconfirmed);
}

void TestSqliteActionJournal::theDispatcherResumesOrDropsUnconfirmedIntents()
{
    {
        auto j = open();
        QVERIFY(j);
        QCOMPARE(j->recordIntents({intent(K::Ban, QStringLiteral("r-1")),
                                   intent(K::Timeout, QStringLiteral("r-2"))}),
                 std::nullopt);
    }
    auto j = open();
    QVERIFY(j);
    util::SystemClock clock;
    ApplyingBackend backend;
    moderation::ActionDispatcher dispatcher(&backend, j.get(), &clock);
    QCOMPARE(dispatcher.unconfirmed().size(), 2);
    QSignalSpy done(&dispatcher, &moderation::ActionDispatcher::finished);
    QVERIFY(dispatcher.resume(QStringLiteral("r-1")));
    QVERIFY(dispatcher.drop(QStringLiteral("r-2")));
    QVERIFY(!dispatcher.resume(QStringLiteral("r-2")));
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 2, 5000);
    QCOMPARE(backend.sent, QStringList{QStringLiteral("r-1")}); // same intent id, sent once
    QCOMPARE(j->intent(QStringLiteral("r-1"))->action.outcome, ActionOutcome::Applied);
    QCOMPARE(j->intent(QStringLiteral("r-2"))->action.outcome, ActionOutcome::Failed);
    QVERIFY(dispatcher.unconfirmed().isEmpty());
}

void TestSqliteActionJournal::anotherKeyShowsUnreadableNotGarbage()
{
    {
        auto j = open();
        QVERIFY(j);
        QCOMPARE(j->recordIntent(intent(K::Ban, QStringLiteral("w-1"))), std::nullopt);
    }
    auto j = open(QByteArray(32, '\x11'));
    QVERIFY(j);
    const auto entries = j->entries();
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().targetId, QStringLiteral("2002")); // ids are still there
    QCOMPARE(entries.first().reason, QStringLiteral("(unreadable)"));
    QCOMPARE(entries.first().targetName, QStringLiteral("(unreadable)"));
}

void TestSqliteActionJournal::duplicateIntentIdsAreRefusedWhole()
{
    auto j = open();
    QVERIFY(j);
    QCOMPARE(j->recordIntent(intent(K::Ban, QStringLiteral("d-1"))), std::nullopt);
    // A batch with one clash writes none of its rows.
    QVERIFY(j->recordIntents(
        {intent(K::Ban, QStringLiteral("d-2")), intent(K::Ban, QStringLiteral("d-1"))}));
    QVERIFY(!j->intent(QStringLiteral("d-2")));
    QCOMPARE(j->entries().size(), 1);
}

void TestSqliteActionJournal::forgetDeletesOneRoomOrAll()
{
    auto j = open();
    QVERIFY(j);
    auto a = intent(K::Ban, QStringLiteral("f-1"));
    auto b = intent(K::Ban, QStringLiteral("f-2"));
    b.action.roomKey = QStringLiteral("twitch:3003");
    auto c = intent(K::Ban, QStringLiteral("f-3"));
    QCOMPARE(j->recordIntents({a, b, c}), std::nullopt);
    QCOMPARE(j->forget(QStringLiteral("twitch:1001")), 2);
    QCOMPARE(j->entries().size(), 1);
    QCOMPARE(j->forget(QString()), 1);
    QVERIFY(j->entries().isEmpty());
}

void TestSqliteActionJournal::notesAreSealedAndSurviveARestart()
{
    const QString room = QStringLiteral("twitch:1001");
    {
        auto j = open();
        QVERIFY(j);
        QCOMPARE(j->note(room, QStringLiteral("2002")), QString());
        QCOMPARE(j->setNote(room, QStringLiteral("2002"), QStringLiteral("note-marker: 3rd strike"),
                            QDateTime::currentDateTimeUtc()),
                 std::nullopt);
        QCOMPARE(j->setNote(room, QStringLiteral("2002"), QStringLiteral("note-marker: 4th"),
                            QDateTime::currentDateTimeUtc()),
                 std::nullopt); // replaces, not appends
    }
    auto j = open();
    QVERIFY(j);
    QCOMPARE(j->note(room, QStringLiteral("2002")), QStringLiteral("note-marker: 4th"));
    QCOMPARE(j->note(QStringLiteral("twitch:9"), QStringLiteral("2002")), QString()); // per room
    QVERIFY(
        roomwarden::test::filesContaining(m_dir->path(), {QByteArray("note-marker")}).isEmpty());
    QCOMPARE(j->setNote(room, QStringLiteral("2002"), QString(), QDateTime::currentDateTimeUtc()),
             std::nullopt);
    QCOMPARE(j->note(room, QStringLiteral("2002")), QString());
    QCOMPARE(j->setNote(room, QStringLiteral("7"), QStringLiteral("x"), QDateTime()), std::nullopt);
    QCOMPARE(j->forget(room), 1); // forgetting a room forgets its notes
    QCOMPARE(j->note(room, QStringLiteral("7")), QString());
}

void TestSqliteActionJournal::aVersionOneJournalGainsNotes()
{
    // A journal written by the first version of the schema (golden rows included) ...
    storage::Schema v1 = SqliteActionJournal::schema();
    v1.migrations = {v1.migrations.first()};
    {
        auto db = storage::Database::open(m_path, v1);
        QVERIFY(db.ok());
        QCOMPARE((*db)->userVersion(), 1);
    }
    {
        auto j = open(); // ... is migrated forward on open, keeping what it had
        QVERIFY(j);
        QCOMPARE(j->database().userVersion(), SqliteActionJournal::schema().latestVersion());
        QCOMPARE(j->recordIntent(intent(K::Ban, QStringLiteral("g-1"))), std::nullopt);
        QCOMPARE(j->setNote(QStringLiteral("twitch:1001"), QStringLiteral("2002"),
                            QStringLiteral("ok"), QDateTime::currentDateTimeUtc()),
                 std::nullopt);
    }
    auto j = open();
    QVERIFY(j);
    QCOMPARE(j->entries().size(), 1);
    QCOMPARE(j->note(QStringLiteral("twitch:1001"), QStringLiteral("2002")), QStringLiteral("ok"));
}

ROOMWARDEN_TEST_MAIN_CORE(TestSqliteActionJournal)
#include "TestSqliteActionJournal.moc"
