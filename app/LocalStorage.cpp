#include "app/LocalStorage.h"

#include "core/auth/SecretStore.h"
#include "core/storage/Database.h"
#include "core/storage/DataKeyStore.h"
#include "core/storage/SqliteActionJournal.h"
#include "core/util/Logging.h"

namespace roomwarden::app {

LocalStorage::Names LocalStorage::demoNames()
{
    return {QStringLiteral("roomwarden-sandbox"), QStringLiteral("journal-demo"),
            QStringLiteral("analytics-demo")};
}

LocalStorage::Names LocalStorage::realNames()
{
    return {QString::fromLatin1(auth::SecretStore::kService), QStringLiteral("journal"),
            QStringLiteral("analytics")};
}

LocalStorage::LocalStorage(util::ProfilePaths paths, Names names, QObject *parent)
    : QObject(parent), m_paths(std::move(paths)), m_names(std::move(names)),
      m_secrets(std::make_unique<auth::SecretStore>(m_names.keychainService)),
      m_keys(std::make_unique<storage::DataKeyStore>(m_secrets.get()))
{}

LocalStorage::~LocalStorage() = default;

void LocalStorage::open(std::function<void(Opened)> done)
{
    m_keys->load([this, done](storage::Result<QByteArray> key) {
        Opened result;
        QStringList notices;
        if (!key) {
            notices << tr("The keychain is not available (%1): this session's actions are "
                          "journaled in memory only and nothing is recorded for analytics.")
                           .arg(key.error->message);
        } else {
            QString error;
            if (!m_paths.ensureExists(&error)) {
                notices << tr("The profile folder cannot be used (%1).").arg(error);
            } else {
                storage::OpenReport report;
                auto journal = moderation::SqliteActionJournal::open(
                    storage::databasePath(m_paths, m_names.journal), storage::FieldCipher(*key),
                    &report);
                if (journal)
                    result.journal = std::move(*journal);
                else
                    notices << tr("The action journal could not be opened (%1); this session's "
                                  "actions are journaled in memory only.")
                                   .arg(journal.error->message);
                if (!report.movedAsidePath.isEmpty())
                    notices << tr("The action journal was damaged; it was moved aside to %1.")
                                   .arg(report.movedAsidePath);
                storage::OpenReport eventsReport;
                auto events =
                    analytics::EventStore::open(storage::databasePath(m_paths, m_names.analytics),
                                                storage::FieldCipher(*key), {}, &eventsReport);
                if (events) {
                    result.events = std::move(*events);
                    auto metrics = analytics::SessionMetrics::open(
                        storage::databasePath(m_paths, m_names.analytics),
                        storage::FieldCipher(*key));
                    if (metrics)
                        result.metrics = std::move(*metrics);
                } else
                    notices << tr("The analytics store could not be opened (%1); nothing is "
                                  "recorded this session.")
                                   .arg(events.error->message);
                if (!eventsReport.movedAsidePath.isEmpty())
                    notices << tr("The analytics store was damaged; it was moved aside to %1.")
                                   .arg(eventsReport.movedAsidePath);
            }
            key->fill(0); // the ciphers hold their own copies
        }
        if (!result.journal)
            result.journal = std::make_unique<moderation::MemoryActionJournal>();
        result.notice = notices.join(QLatin1Char(' '));
        if (!result.notice.isEmpty())
            qCWarning(lcApp) << "demo storage:" << result.notice;
        done(std::move(result));
    });
}

} // namespace roomwarden::app
