#pragma once
#include "core/analytics/SessionReport.h"
#include "core/storage/Database.h"
#include "core/storage/FieldCipher.h"

#include <memory>

namespace roomwarden::analytics {

// The read side of the analytics store, on its own read-only connection. Everything is
// computed from the rollups (`minutes`), the per-participant aggregates (`participants`) and
// `moderation_counts`; raw events are never scanned, so a dashboard costs the same for a
// session of a thousand events and one of a million. Synchronous: call it off the UI thread.
// The figures and how each is computed: docs/ANALYTICS.md.
class SessionMetrics
{
public:
    static constexpr int kRaidWindowMinutes = 5;

    static storage::Result<std::unique_ptr<SessionMetrics>> open(const QString &path,
                                                                 storage::FieldCipher cipher);

    // Newest first; every room when `roomKey` is empty.
    storage::Result<QList<SessionSummary>> listSessions(const QString &roomKey = {});
    storage::Result<SessionReport> compute(qint64 sessionId, int topChatters = 10);

    storage::Database &database() { return *m_db; }

private:
    SessionMetrics(std::unique_ptr<storage::Database> db, storage::FieldCipher cipher);
    QString unseal(const QByteArray &blob, const QByteArray &associatedData) const;

    std::unique_ptr<storage::Database> m_db;
    storage::FieldCipher m_cipher;
};

} // namespace roomwarden::analytics
