#pragma once
#include "core/analytics/EventStore.h"
#include "core/analytics/SessionMetrics.h"
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

// The profile's local data: the action journal and the analytics store in its data folder,
// personal text sealed with a data key from the keychain. The demo (and sandbox accounts) use
// files and a keychain service of their own ("journal-demo", "analytics-demo",
// "roomwarden-sandbox") so that practice never mixes with a real account's data.
//
// Without a keychain (or when a file cannot be opened) the journal is kept in memory for the
// session, nothing is recorded for analytics, and `notice` says so: never a key or plaintext in
// a file instead.
class LocalStorage : public QObject
{
    Q_OBJECT
public:
    struct Names
    {
        QString keychainService;
        QString journal;
        QString analytics;
    };
    static Names demoNames(); // the sandbox: "roomwarden-sandbox", "journal-demo", ...
    static Names realNames(); // "roomwarden", "journal", "analytics"

    struct Opened
    {
        std::unique_ptr<moderation::ActionJournal> journal; // never null
        std::unique_ptr<analytics::EventStore> events;      // null when not available
        std::unique_ptr<analytics::SessionMetrics> metrics; // its read side, for the page
        QString notice;                                     // for the user, when not all is well
    };

    LocalStorage(util::ProfilePaths paths, Names names, QObject *parent = nullptr);
    ~LocalStorage() override;
    const Names &names() const { return m_names; }

    // Asynchronous (the keychain answers later); `done` runs once on this thread.
    void open(std::function<void(Opened)> done);

private:
    util::ProfilePaths m_paths;
    Names m_names;
    std::unique_ptr<auth::SecretStore> m_secrets;
    std::unique_ptr<storage::DataKeyStore> m_keys;
};

} // namespace roomwarden::app
