#pragma once
#include "core/analytics/EventStore.h"
#include "core/moderation/ActionJournal.h"
#include "core/util/Paths.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>

namespace roomwarden::auth {
class SecretStore;
}
namespace roomwarden::storage {
class DataKeyStore;
}

namespace roomwarden::app {

// The demo's local data: the action journal and the analytics store, in the profile's data
// folder under names of their own ("journal-demo", "analytics-demo") so that a demo never mixes
// with a real account's data. Personal text is sealed with a data key from the keychain — the
// sandbox's own service ("roomwarden-sandbox"), never the real one.
//
// Without a keychain (or when a file cannot be opened) the journal is kept in memory for the
// session, nothing is recorded for analytics, and `notice` says so: never a key or plaintext in
// a file instead.
class DemoStorage : public QObject
{
    Q_OBJECT
public:
    static constexpr const char *kKeychainService = "roomwarden-sandbox";
    static constexpr const char *kJournalName = "journal-demo";
    static constexpr const char *kAnalyticsName = "analytics-demo";

    struct Opened
    {
        std::unique_ptr<moderation::ActionJournal> journal; // never null
        std::unique_ptr<analytics::EventStore> events;      // null when not available
        QString notice;                                     // for the user, when not all is well
    };

    explicit DemoStorage(util::ProfilePaths paths, QObject *parent = nullptr);
    ~DemoStorage() override;

    // Asynchronous (the keychain answers later); `done` runs once on this thread.
    void open(std::function<void(Opened)> done);

private:
    util::ProfilePaths m_paths;
    std::unique_ptr<auth::SecretStore> m_secrets;
    std::unique_ptr<storage::DataKeyStore> m_keys;
};

} // namespace roomwarden::app
