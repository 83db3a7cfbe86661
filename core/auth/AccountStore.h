#pragma once
#include "core/model/Account.h"

#include <QList>
#include <QObject>
#include <QString>

#include <optional>

namespace roomwarden::auth {

// The signed-in accounts, as non-secret metadata only (provider, id, login, display name,
// granted scopes, expiry, which one is active), in `<configDir>/accounts.json`. model::Account
// has no token field, so nothing here can hold one; tokens are in the keychain (SecretStore),
// keyed by Account::secretKey().
class AccountStore : public QObject
{
    Q_OBJECT
public:
    static constexpr const char *kFileName = "accounts.json";

    explicit AccountStore(QString configDir, QObject *parent = nullptr);

    // Reads the file; a missing file is an empty list. False (and `error`) for an unreadable
    // or malformed file, which is left untouched.
    bool load(QString *error = nullptr);
    QString filePath() const;

    QList<model::Account> accounts() const { return m_accounts; }
    std::optional<model::Account> find(const QString &key) const;
    std::optional<model::Account> active() const;
    QString activeKey() const { return m_activeKey; }

    // Adds or replaces (same secretKey()) and saves; the first account becomes active.
    bool add(const model::Account &account, QString *error = nullptr);
    // Replaces the metadata of a known account (e.g. scopes after validate); false if unknown.
    bool update(const model::Account &account, QString *error = nullptr);
    bool remove(const QString &key, QString *error = nullptr);
    bool setActive(const QString &key, QString *error = nullptr);

Q_SIGNALS:
    void changed();

private:
    bool save(QString *error);

    QString m_configDir;
    QList<model::Account> m_accounts;
    QString m_activeKey;
};

} // namespace roomwarden::auth
