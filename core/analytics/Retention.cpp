#include "core/analytics/Retention.h"

#include "core/analytics/AnalyticsSchema.h"
#include "core/util/Logging.h"

namespace roomwarden::analytics {

namespace {
using S = Retention::Removed;
} // namespace

storage::Result<std::unique_ptr<Retention>> Retention::open(const QString &path)
{
    auto db = storage::Database::open(path, analyticsSchema());
    if (!db)
        return *db.error;
    // Deleted content is overwritten with zeros instead of left in free pages.
    if (storage::Status s = (*db)->exec(QStringLiteral("PRAGMA secure_delete=ON")))
        return *s;
    return std::unique_ptr<Retention>(new Retention(std::move(*db)));
}

Retention::Retention(std::unique_ptr<storage::Database> db) : m_db(std::move(db)) {}

storage::Result<S> Retention::run(const QList<Step> &steps,
                                  const std::function<void(storage::Statement &)> &bind)
{
    Removed removed;
    {
        storage::Transaction tx = m_db->transaction();
        if (tx.beginStatus())
            return *tx.beginStatus();
        for (const Step &step : steps) {
            auto st = m_db->prepare(step.sql);
            if (!st)
                return *st.error;
            if (bind && st->parameterCount() > 0)
                bind(*st);
            if (storage::Status s = st->run())
                return *s;
            if (step.counter)
                removed.*(step.counter) += m_db->changes();
        }
        if (storage::Status s = tx.commit())
            return *s;
    }
    // The WAL still holds the pages as they were before; fold it into the file and empty it.
    // Another connection reading or writing can keep it from truncating: then the next
    // checkpoint does it, and the log says so.
    if (storage::Status s = m_db->exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")))
        qCWarning(lcStorage) << "forget: checkpoint after deleting:" << s->detail;
    return removed;
}

storage::Result<S> Retention::forgetSession(qint64 sessionId)
{
    const QList<Step> steps{
        {QStringLiteral("DELETE FROM events WHERE session_id = ?1"), &S::events},
        {QStringLiteral("DELETE FROM participants WHERE session_id = ?1"), &S::participants},
        {QStringLiteral("DELETE FROM moderation_counts WHERE session_id = ?1"), &S::moderators},
        {QStringLiteral("DELETE FROM minutes WHERE session_id = ?1"), nullptr},
        {QStringLiteral("DELETE FROM sessions WHERE id = ?1"), &S::sessions},
    };
    return run(steps, [sessionId](storage::Statement &st) { st.bind(1, sessionId); });
}

storage::Result<S> Retention::forgetRoom(const QString &roomKey)
{
    const QString inRoom = QStringLiteral(" WHERE session_id IN (SELECT id FROM sessions WHERE "
                                          "room_key = ?1)");
    const QList<Step> steps{
        {QStringLiteral("DELETE FROM events") + inRoom, &S::events},
        {QStringLiteral("DELETE FROM participants") + inRoom, &S::participants},
        {QStringLiteral("DELETE FROM moderation_counts") + inRoom, &S::moderators},
        {QStringLiteral("DELETE FROM minutes") + inRoom, nullptr},
        {QStringLiteral("DELETE FROM sessions WHERE room_key = ?1"), &S::sessions},
        {QStringLiteral("DELETE FROM rooms WHERE room_key = ?1"), nullptr},
    };
    return run(steps, [roomKey](storage::Statement &st) { st.bind(1, roomKey); });
}

storage::Result<S> Retention::forgetPerson(const QString &userId)
{
    const QList<Step> steps{
        {QStringLiteral("DELETE FROM events WHERE actor_id = ?1 OR target_id = ?1"), &S::events},
        {QStringLiteral("DELETE FROM participants WHERE user_id = ?1"), &S::participants},
        {QStringLiteral("DELETE FROM moderation_counts WHERE moderator_id = ?1"), &S::moderators},
    };
    return run(steps, [userId](storage::Statement &st) { st.bind(1, userId); });
}

storage::Result<S> Retention::forgetEverything()
{
    const QList<Step> steps{
        {QStringLiteral("DELETE FROM events"), &S::events},
        {QStringLiteral("DELETE FROM participants"), &S::participants},
        {QStringLiteral("DELETE FROM moderation_counts"), &S::moderators},
        {QStringLiteral("DELETE FROM minutes"), nullptr},
        {QStringLiteral("DELETE FROM sessions"), &S::sessions},
        {QStringLiteral("DELETE FROM rooms"), nullptr},
    };
    return run(steps, {});
}

storage::Result<S> Retention::purgeRawOlderThan(int hours, const QDateTime &now)
{
    const qint64 cutoff = now.toMSecsSinceEpoch() - qint64(hours) * 3600 * 1000;
    const QList<Step> steps{
        {QStringLiteral("DELETE FROM events WHERE occurred_at_ms < ?1"), &S::events},
    };
    return run(steps, [cutoff](storage::Statement &st) { st.bind(1, cutoff); });
}

} // namespace roomwarden::analytics
