#include "core/storage/SqliteActionJournal.h"

#include "core/util/Logging.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

namespace roomwarden::moderation {

namespace {
using storage::Statement;

QString tr(const char *text)
{
    return QCoreApplication::translate("roomwarden::moderation::SqliteActionJournal", text);
}

constexpr auto kColumns =
    "intent_id, bulk_id, room_key, moderator_id, moderator_name, kind, target_id, target_name, "
    "message_id, reason, text, duration_s, params, requested_at_ms, outcome, outcome_message";

QJsonValue lengthValue(const std::optional<int> &v)
{
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

std::optional<int> lengthFrom(const QJsonValue &v)
{
    return v.isNull() ? std::nullopt : std::optional<int>(v.toInt());
}

// Everything of an action that is not personal text and not a column of its own.
QByteArray paramsOf(const model::ModerationAction &a)
{
    QJsonObject o;
    if (a.active)
        o.insert(QStringLiteral("active"), *a.active);
    if (!a.undoOf.isEmpty())
        o.insert(QStringLiteral("undo_of"), a.undoOf);
    if (a.undoesTimeout)
        o.insert(QStringLiteral("undoes_timeout"), true);
    if (a.chatModes) {
        const model::ChatModesPatch &p = *a.chatModes;
        QJsonObject m;
        if (p.slowSeconds)
            m.insert(QStringLiteral("slow_s"), lengthValue(*p.slowSeconds));
        if (p.followerMinutes)
            m.insert(QStringLiteral("follower_min"), lengthValue(*p.followerMinutes));
        if (p.nonModeratorDelaySeconds)
            m.insert(QStringLiteral("delay_s"), lengthValue(*p.nonModeratorDelaySeconds));
        if (p.emoteOnly)
            m.insert(QStringLiteral("emote_only"), *p.emoteOnly);
        if (p.subscriberOnly)
            m.insert(QStringLiteral("subscriber_only"), *p.subscriberOnly);
        if (p.uniqueChat)
            m.insert(QStringLiteral("unique_chat"), *p.uniqueChat);
        o.insert(QStringLiteral("chat_modes"), m);
    }
    return o.isEmpty() ? QByteArray() : QJsonDocument(o).toJson(QJsonDocument::Compact);
}

void applyParams(model::ModerationAction &a, const QByteArray &json)
{
    if (json.isEmpty())
        return;
    const QJsonObject o = QJsonDocument::fromJson(json).object();
    if (o.contains(u"active"))
        a.active = o.value(u"active").toBool();
    a.undoOf = o.value(u"undo_of").toString();
    a.undoesTimeout = o.value(u"undoes_timeout").toBool();
    if (o.contains(u"chat_modes")) {
        const QJsonObject m = o.value(u"chat_modes").toObject();
        model::ChatModesPatch p;
        if (m.contains(u"slow_s"))
            p.slowSeconds = lengthFrom(m.value(u"slow_s"));
        if (m.contains(u"follower_min"))
            p.followerMinutes = lengthFrom(m.value(u"follower_min"));
        if (m.contains(u"delay_s"))
            p.nonModeratorDelaySeconds = lengthFrom(m.value(u"delay_s"));
        if (m.contains(u"emote_only"))
            p.emoteOnly = m.value(u"emote_only").toBool();
        if (m.contains(u"subscriber_only"))
            p.subscriberOnly = m.value(u"subscriber_only").toBool();
        if (m.contains(u"unique_chat"))
            p.uniqueChat = m.value(u"unique_chat").toBool();
        a.chatModes = p;
    }
}

QString errorText(const storage::StorageError &e)
{
    return e.message;
}
} // namespace

struct SqliteActionJournal::Row
{
    Intent intent;
    model::ActionOutcome outcome = model::ActionOutcome::Pending;
    QString message;
};

storage::Schema SqliteActionJournal::schema()
{
    storage::Schema s;
    s.name = QStringLiteral("journal");
    s.migrations << storage::Migration::fromSql(
        1, QStringLiteral("journal: intents and outcomes"),
        QStringLiteral("CREATE TABLE intents ("
                       " intent_id TEXT PRIMARY KEY,"
                       " bulk_id TEXT,"
                       " room_key TEXT NOT NULL,"
                       " moderator_id TEXT NOT NULL,"
                       " moderator_name BLOB,"
                       " kind TEXT NOT NULL,"
                       " target_id TEXT,"
                       " target_name BLOB,"
                       " message_id TEXT,"
                       " reason BLOB,"
                       " text BLOB,"
                       " duration_s INTEGER,"
                       " params TEXT,"
                       " requested_at_ms INTEGER NOT NULL,"
                       " outcome TEXT NOT NULL DEFAULT 'pending',"
                       " outcome_message TEXT,"
                       " outcome_at_ms INTEGER);"
                       "CREATE INDEX intents_room_time ON intents(room_key, requested_at_ms);"
                       "CREATE INDEX intents_outcome ON intents(outcome);"));
    s.migrations << storage::Migration::fromSql(
        2, QStringLiteral("journal: private notes about people"),
        QStringLiteral("CREATE TABLE notes ("
                       " room_key TEXT NOT NULL,"
                       " user_id TEXT NOT NULL,"
                       " note BLOB NOT NULL,"
                       " updated_at_ms INTEGER NOT NULL,"
                       " PRIMARY KEY (room_key, user_id));"));
    return s;
}

storage::Result<std::unique_ptr<SqliteActionJournal>>
SqliteActionJournal::open(const QString &path, storage::FieldCipher cipher,
                          storage::OpenReport *report)
{
    if (!cipher.isValid())
        return storage::StorageError{storage::StorageError::Code::KeyUnavailable,
                                     tr("The journal's encryption key is not available."),
                                     {},
                                     0};
    auto db = storage::Database::open(path, schema(), {}, report);
    if (!db)
        return *db.error;
    std::unique_ptr<SqliteActionJournal> journal(
        new SqliteActionJournal(std::move(*db), std::move(cipher)));
    if (auto error = journal->loadUnconfirmed())
        return storage::StorageError{storage::StorageError::Code::Io, *error, {}, 0};
    return journal;
}

SqliteActionJournal::SqliteActionJournal(std::unique_ptr<storage::Database> db,
                                         storage::FieldCipher cipher)
    : m_db(std::move(db)), m_cipher(std::move(cipher))
{}

QByteArray SqliteActionJournal::seal(const QString &text, const char *column,
                                     const QString &intentId) const
{
    if (text.isEmpty())
        return {};
    const QByteArray ad = QByteArray("journal.") + column + ':' + intentId.toUtf8();
    return m_cipher.seal(text, ad);
}

QString SqliteActionJournal::unseal(const QByteArray &blob, const char *column,
                                    const QString &intentId) const
{
    if (blob.isEmpty())
        return {};
    const QByteArray ad = QByteArray("journal.") + column + ':' + intentId.toUtf8();
    auto text = m_cipher.open(blob, ad);
    if (!text) {
        qCWarning(lcStorage) << "journal field" << column << "unreadable:" << text.error->message;
        return tr("(unreadable)");
    }
    return *text;
}

SqliteActionJournal::Row SqliteActionJournal::readRow(Statement &st) const
{
    Row r;
    model::ModerationAction &a = r.intent.action;
    a.intentId = st.text(0);
    r.intent.bulkId = st.text(1);
    a.roomKey = st.text(2);
    r.intent.moderatorId = st.text(3);
    r.intent.moderatorName = unseal(st.blob(4), "moderator_name", a.intentId);
    a.kind = model::actionKindFromId(st.text(5)).value_or(model::ModerationActionKind::Ban);
    a.targetUserId = st.text(6);
    a.targetName = unseal(st.blob(7), "target_name", a.intentId);
    a.messageId = st.text(8);
    a.reason = unseal(st.blob(9), "reason", a.intentId);
    a.text = unseal(st.blob(10), "text", a.intentId);
    if (!st.isNull(11))
        a.durationSeconds = st.int64(11);
    applyParams(a, st.text(12).toUtf8());
    a.requestedAt = QDateTime::fromMSecsSinceEpoch(st.int64(13), Qt::UTC);
    r.outcome = model::outcomeFromId(st.text(14)).value_or(model::ActionOutcome::Unconfirmed);
    a.outcome = r.outcome;
    r.message = st.text(15);
    return r;
}

std::optional<QString> SqliteActionJournal::loadUnconfirmed()
{
    auto st = m_db->prepare(QStringLiteral("SELECT %1 FROM intents WHERE outcome = 'pending' "
                                           "ORDER BY requested_at_ms, rowid")
                                .arg(QLatin1String(kColumns)));
    if (!st)
        return errorText(*st.error);
    while (true) {
        auto row = st->step();
        if (!row)
            return errorText(*row.error);
        if (!*row)
            break;
        m_unconfirmed << readRow(*st).intent;
    }
    if (m_unconfirmed.isEmpty())
        return std::nullopt;
    qCWarning(lcModeration) << m_unconfirmed.size()
                            << "journaled actions have no outcome (the last run ended mid-call)";
    auto mark = m_db->prepare(
        QStringLiteral("UPDATE intents SET outcome = 'unconfirmed' WHERE outcome = 'pending'"));
    if (!mark)
        return errorText(*mark.error);
    if (auto error = mark->run())
        return errorText(*error);
    return std::nullopt;
}

std::optional<QString> SqliteActionJournal::recordIntents(const QList<Intent> &intents)
{
    storage::Transaction tx = m_db->transaction();
    if (tx.beginStatus())
        return errorText(*tx.beginStatus());
    auto st = m_db->cached(QStringLiteral(
        "INSERT INTO intents (intent_id, bulk_id, room_key, moderator_id, moderator_name, kind, "
        "target_id, target_name, message_id, reason, text, duration_s, params, requested_at_ms) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"));
    if (!st)
        return errorText(*st.error);
    Statement &insert = **st;
    for (const Intent &i : intents) {
        const model::ModerationAction &a = i.action;
        const QByteArray params = paramsOf(a);
        insert.reset();
        insert.bind(1, a.intentId)
            .bind(2, i.bulkId.isEmpty() ? std::optional<QString>() : i.bulkId)
            .bind(3, a.roomKey)
            .bind(4, i.moderatorId)
            .bind(5, seal(i.moderatorName, "moderator_name", a.intentId))
            .bind(6, model::actionKindId(a.kind))
            .bind(7, a.targetUserId)
            .bind(8, seal(a.targetName, "target_name", a.intentId))
            .bind(9, a.messageId)
            .bind(10, seal(a.reason, "reason", a.intentId))
            .bind(11, seal(a.text, "text", a.intentId))
            .bind(12, a.durationSeconds)
            .bind(13, params.isEmpty() ? std::optional<QString>() : QString::fromUtf8(params))
            .bind(14, a.requestedAt.toMSecsSinceEpoch());
        if (auto error = insert.run())
            return errorText(*error);
    }
    if (auto error = tx.commit())
        return errorText(*error);
    return std::nullopt;
}

std::optional<QString> SqliteActionJournal::recordOutcome(const QString &intentId,
                                                          model::ActionOutcome outcome,
                                                          const QString &message,
                                                          const QDateTime &at)
{
    auto st = m_db->cached(QStringLiteral("UPDATE intents SET outcome = ?1, outcome_message = ?2, "
                                          "outcome_at_ms = ?3 WHERE intent_id = ?4"));
    if (!st)
        return errorText(*st.error);
    (*st)->bind(1, model::outcomeId(outcome)).bind(2, message);
    (*st)->bind(3, at.toMSecsSinceEpoch()).bind(4, intentId);
    if (auto error = (*st)->run())
        return errorText(*error);
    if (m_db->changes() != 1)
        return tr("No intent %1 in the journal.").arg(intentId);
    return std::nullopt;
}

QList<model::AuditEntry> SqliteActionJournal::entries(const QString &roomKey, int limit)
{
    QList<model::AuditEntry> out;
    auto st =
        m_db->prepare(QStringLiteral("SELECT %1 FROM intents WHERE (?1 = '' OR room_key = ?1) "
                                     "ORDER BY requested_at_ms DESC, rowid DESC LIMIT ?2")
                          .arg(QLatin1String(kColumns)));
    if (!st) {
        qCWarning(lcModeration) << "journal query failed:" << st.error->detail;
        return out;
    }
    st->bind(1, roomKey.isNull() ? QStringLiteral("") : roomKey).bind(2, limit);
    while (true) {
        auto row = st->step();
        if (!row || !*row)
            break;
        const Row r = readRow(*st);
        out << auditEntryFor(r.intent, r.outcome, r.message);
    }
    return out;
}

std::optional<ActionJournal::Intent> SqliteActionJournal::intent(const QString &intentId)
{
    auto st = m_db->prepare(
        QStringLiteral("SELECT %1 FROM intents WHERE intent_id = ?1").arg(QLatin1String(kColumns)));
    if (!st)
        return std::nullopt;
    st->bind(1, intentId);
    auto row = st->step();
    if (!row || !*row)
        return std::nullopt;
    return readRow(*st).intent;
}

QString SqliteActionJournal::note(const QString &roomKey, const QString &userId)
{
    auto st = m_db->prepare(
        QStringLiteral("SELECT note FROM notes WHERE room_key = ?1 AND user_id = ?2"));
    if (!st)
        return {};
    st->bind(1, roomKey).bind(2, userId);
    auto row = st->step();
    if (!row || !*row)
        return {};
    const QByteArray ad = "notes.note:" + roomKey.toUtf8() + '\x1f' + userId.toUtf8();
    auto text = m_cipher.open(st->blob(0), ad);
    return text ? *text : tr("(unreadable)");
}

std::optional<QString> SqliteActionJournal::setNote(const QString &roomKey, const QString &userId,
                                                    const QString &text, const QDateTime &at)
{
    if (text.isEmpty()) {
        auto st =
            m_db->prepare(QStringLiteral("DELETE FROM notes WHERE room_key = ?1 AND user_id = ?2"));
        if (!st)
            return errorText(*st.error);
        st->bind(1, roomKey).bind(2, userId);
        if (auto error = st->run())
            return errorText(*error);
        return std::nullopt;
    }
    const QByteArray ad = "notes.note:" + roomKey.toUtf8() + '\x1f' + userId.toUtf8();
    const QByteArray sealed = m_cipher.seal(text, ad);
    if (sealed.isEmpty())
        return tr("The note could not be encrypted; it was not saved.");
    auto st = m_db->prepare(QStringLiteral(
        "INSERT INTO notes (room_key, user_id, note, updated_at_ms) VALUES (?1, ?2, ?3, ?4) "
        "ON CONFLICT (room_key, user_id) DO UPDATE SET note = excluded.note, "
        "updated_at_ms = excluded.updated_at_ms"));
    if (!st)
        return errorText(*st.error);
    st->bind(1, roomKey).bind(2, userId).bind(3, sealed).bind(4, at.toMSecsSinceEpoch());
    if (auto error = st->run())
        return errorText(*error);
    return std::nullopt;
}

int SqliteActionJournal::forget(const QString &roomKey)
{
    auto st = m_db->prepare(QStringLiteral("DELETE FROM intents WHERE (?1 = '' OR room_key = ?1)"));
    if (!st)
        return -1;
    st->bind(1, roomKey.isNull() ? QStringLiteral("") : roomKey);
    if (st->run())
        return -1;
    const int rows = m_db->changes();
    auto notes =
        m_db->prepare(QStringLiteral("DELETE FROM notes WHERE (?1 = '' OR room_key = ?1)"));
    if (!notes)
        return -1;
    notes->bind(1, roomKey.isNull() ? QStringLiteral("") : roomKey);
    if (notes->run())
        return -1;
    return rows + m_db->changes();
}

} // namespace roomwarden::moderation
