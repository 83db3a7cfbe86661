#include "core/auth/AccountStore.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace roomwarden::auth {

namespace {
constexpr int kFormatVersion = 1;

QJsonObject toJson(const model::Account &a)
{
    // Deliberately field by field: a new Account field is stored only once someone decides
    // here that it is not a secret.
    QJsonObject o{
        {QStringLiteral("provider"), model::providerId(a.provider)},
        {QStringLiteral("account_id"), a.accountId},
        {QStringLiteral("login"), a.login},
        {QStringLiteral("display_name"), a.displayName},
        {QStringLiteral("granted_scopes"),
         QJsonArray::fromStringList(model::scopeNames(a.grantedScopes))},
    };
    if (a.accessExpiresAt.isValid())
        o.insert(QStringLiteral("access_expires_at"),
                 a.accessExpiresAt.toUTC().toString(Qt::ISODate));
    return o;
}

std::optional<model::Account> fromJson(const QJsonObject &o)
{
    const auto provider = model::providerFromId(o.value(u"provider").toString());
    if (!provider)
        return std::nullopt;
    model::Account a;
    a.provider = *provider;
    a.accountId = o.value(u"account_id").toString();
    if (a.accountId.isEmpty())
        return std::nullopt;
    a.login = o.value(u"login").toString();
    a.displayName = o.value(u"display_name").toString();
    QStringList scopes;
    const QJsonArray array = o.value(u"granted_scopes").toArray();
    for (const QJsonValue &v : array)
        scopes << v.toString();
    a.grantedScopes = model::scopesFromWords(a.provider, scopes);
    const QString expires = o.value(u"access_expires_at").toString();
    if (!expires.isEmpty())
        a.accessExpiresAt = QDateTime::fromString(expires, Qt::ISODate).toUTC();
    return a;
}
} // namespace

AccountStore::AccountStore(QString configDir, QObject *parent)
    : QObject(parent), m_configDir(std::move(configDir))
{}

QString AccountStore::filePath() const
{
    return m_configDir + u'/' + QLatin1String(kFileName);
}

bool AccountStore::load(QString *error)
{
    m_accounts.clear();
    m_activeKey.clear();
    QFile f(filePath());
    if (!f.exists()) {
        Q_EMIT changed();
        return true;
    }
    if (!f.open(QIODevice::ReadOnly)) {
        if (error)
            *error = tr("Cannot read the account list %1.").arg(filePath());
        return false;
    }
    QJsonParseError parse;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &parse);
    const QJsonObject root = doc.object();
    if (parse.error != QJsonParseError::NoError || !doc.isObject() ||
        root.value(u"version").toInt() != kFormatVersion) {
        if (error)
            *error = tr("The account list %1 is damaged; it was left as it is.").arg(filePath());
        return false;
    }
    const QJsonArray list = root.value(u"accounts").toArray();
    for (const QJsonValue &v : list) {
        if (auto a = fromJson(v.toObject()); a && !find(a->secretKey()))
            m_accounts.append(*a);
    }
    const QString active = root.value(u"active").toString();
    if (find(active))
        m_activeKey = active;
    else if (!m_accounts.isEmpty())
        m_activeKey = m_accounts.first().secretKey();
    Q_EMIT changed();
    return true;
}

bool AccountStore::save(QString *error)
{
    if (!QDir().mkpath(m_configDir)) {
        if (error)
            *error = tr("Cannot create the folder %1.").arg(m_configDir);
        return false;
    }
    QJsonArray list;
    for (const model::Account &a : std::as_const(m_accounts))
        list.append(toJson(a));
    const QJsonObject root{{QStringLiteral("version"), kFormatVersion},
                           {QStringLiteral("active"), m_activeKey},
                           {QStringLiteral("accounts"), list}};
    // Written whole and renamed into place, so a crash never leaves half a list.
    QSaveFile f(filePath());
    if (!f.open(QIODevice::WriteOnly) ||
        !f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) ||
        f.write(QJsonDocument(root).toJson(QJsonDocument::Indented)) < 0 || !f.commit()) {
        if (error)
            *error = tr("Cannot write the account list %1.").arg(filePath());
        return false;
    }
    return true;
}

std::optional<model::Account> AccountStore::find(const QString &key) const
{
    for (const model::Account &a : m_accounts) {
        if (a.secretKey() == key)
            return a;
    }
    return std::nullopt;
}

std::optional<model::Account> AccountStore::active() const
{
    return find(m_activeKey);
}

bool AccountStore::add(const model::Account &account, QString *error)
{
    if (!account.isValid()) {
        if (error)
            *error = tr("An account needs an id.");
        return false;
    }
    const QString key = account.secretKey();
    bool replaced = false;
    for (model::Account &a : m_accounts) {
        if (a.secretKey() == key) {
            a = account;
            replaced = true;
        }
    }
    if (!replaced)
        m_accounts.append(account);
    if (m_activeKey.isEmpty())
        m_activeKey = key;
    const bool ok = save(error);
    Q_EMIT changed();
    return ok;
}

bool AccountStore::update(const model::Account &account, QString *error)
{
    if (!find(account.secretKey()))
        return false;
    return add(account, error);
}

bool AccountStore::remove(const QString &key, QString *error)
{
    const auto before = m_accounts.size();
    m_accounts.removeIf([&key](const model::Account &a) { return a.secretKey() == key; });
    if (m_accounts.size() == before)
        return false;
    if (m_activeKey == key)
        m_activeKey = m_accounts.isEmpty() ? QString() : m_accounts.first().secretKey();
    const bool ok = save(error);
    Q_EMIT changed();
    return ok;
}

bool AccountStore::setActive(const QString &key, QString *error)
{
    if (!find(key))
        return false;
    m_activeKey = key;
    const bool ok = save(error);
    Q_EMIT changed();
    return ok;
}

} // namespace roomwarden::auth
