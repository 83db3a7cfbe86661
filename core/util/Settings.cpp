#include "core/util/Settings.h"

#include "core/util/Logging.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace roomwarden::util {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("roomwarden::util::Settings", text);
}

SettingSpec boolSpec(const char *key, bool def, const QString &description)
{
    return {QString::fromLatin1(key), SettingType::Bool, def, description, 0, 0, {}, 0};
}
SettingSpec intSpec(const char *key, int def, qint64 min, qint64 max, const QString &description)
{
    return {QString::fromLatin1(key), SettingType::Int, def, description, min, max, {}, 0};
}
SettingSpec choiceSpec(const char *key, const QString &def, const QStringList &choices,
                       const QString &description)
{
    return {QString::fromLatin1(key), SettingType::Choice, def, description, 0, 0, choices, 0};
}
SettingSpec stringSpec(const char *key, const QString &def, qsizetype maxLength,
                       const QString &description)
{
    return {QString::fromLatin1(key), SettingType::String, def, description, 0, 0, {}, maxLength};
}
} // namespace

const QList<SettingSpec> &Settings::catalog()
{
    static const QList<SettingSpec> kCatalog = {
        stringSpec(keys::kLanguage.name, QString(), 16,
                   tr("Interface language (empty: follow the system)")),
        choiceSpec(keys::kTheme.name, QStringLiteral("system"),
                   {QStringLiteral("system"), QStringLiteral("light"), QStringLiteral("dark")},
                   tr("Colour theme")),
        boolSpec(keys::kAlertSounds.name, true, tr("Play a sound for alerts")),
        // Twitch's developer agreement allows caching raw content for 24 hours; aggregates
        // are kept. A broadcaster may choose longer for their own room (up to a year).
        intSpec(keys::kRawRetentionHours.name, 24, 1, 24 * 366,
                tr("Hours to keep raw chat text and user-level data")),
        choiceSpec(keys::kDemoScenario.name, QStringLiteral("calm"),
                   {QStringLiteral("calm"), QStringLiteral("raid"), QStringLiteral("hate-raid"),
                    QStringLiteral("spam-wave"), QStringLiteral("automod"),
                    QStringLiteral("other-mods")},
                   tr("Scenario the demo room plays")),
        intSpec(keys::kDemoSpeed.name, 10, 1, 600,
                tr("How much faster than real time the demo runs")),
        // A public client id identifies the app, it is not a secret (Twitch public clients
        // have no secret at all). Empty: the built-in default.
        stringSpec(keys::kTwitchClientId.name, QString(), 64,
                   tr("Twitch client id of your own registered public application")),
        stringSpec(keys::kAlertOutputDevice.name, QString(), 512,
                   tr("Sound output device for alerts (empty: the system default)")),
    };
    static const QList<SettingSpec> kWithAlerts = [] {
        QList<SettingSpec> all = kCatalog;
        // One route per alert kind (core/live/AlertRules.h): sound on/off, file, volume,
        // desktop notification. Mentions and raids sound by default; the rest only notify.
        for (const char *kind :
             {"automod_hold", "raid", "unban_request", "mention", "suspicious_user"}) {
            const QString base = QStringLiteral("alerts/%1/").arg(QLatin1String(kind));
            const bool loud = qstrcmp(kind, "raid") == 0 || qstrcmp(kind, "mention") == 0;
            all << SettingSpec{base + QStringLiteral("sound"),
                               SettingType::Bool,
                               loud,
                               tr("Play a sound for this alert"),
                               0,
                               0,
                               {},
                               0};
            all << SettingSpec{base + QStringLiteral("soundFile"),
                               SettingType::String,
                               QString(),
                               tr("Sound file for this alert (empty: the built-in one)"),
                               0,
                               0,
                               {},
                               1024};
            all << SettingSpec{base + QStringLiteral("volume"),
                               SettingType::Int,
                               80,
                               tr("Volume for this alert, 0 to 100"),
                               0,
                               100,
                               {},
                               0};
            all << SettingSpec{base + QStringLiteral("notify"),
                               SettingType::Bool,
                               true,
                               tr("Show a desktop notification for this alert"),
                               0,
                               0,
                               {},
                               0};
        }
        return all;
    }();
    return kWithAlerts;
}

QStringList Settings::auditCatalog(const QList<SettingSpec> &catalog)
{
    static const QRegularExpression kCredentialWord(
        QStringLiteral("(token|secret|password|passwd|credential|cookie|privatekey|apikey)"),
        QRegularExpression::CaseInsensitiveOption);
    QStringList problems;
    QStringList seen;
    for (const SettingSpec &s : catalog) {
        const QString flat = QString(s.key).remove(u'_').remove(u'-');
        if (kCredentialWord.match(flat).hasMatch())
            problems << QStringLiteral("%1: names a credential; secrets belong in the keychain")
                            .arg(s.key);
        if (seen.contains(s.key))
            problems << QStringLiteral("%1: declared twice").arg(s.key);
        seen << s.key;
        if (s.type == SettingType::Int &&
            (s.minimum > s.maximum || s.defaultValue.toLongLong() < s.minimum ||
             s.defaultValue.toLongLong() > s.maximum))
            problems << QStringLiteral("%1: default outside its range").arg(s.key);
        if (s.type == SettingType::Choice && !s.choices.contains(s.defaultValue.toString()))
            problems << QStringLiteral("%1: default is not one of its choices").arg(s.key);
    }
    return problems;
}

std::optional<SettingSpec> Settings::spec(const QString &key)
{
    for (const SettingSpec &s : catalog()) {
        if (s.key == key)
            return s;
    }
    return std::nullopt;
}

Settings::Settings(const QString &filePath)
    : m_store(std::make_unique<QSettings>(filePath, QSettings::IniFormat))
{
    Q_ASSERT_X(auditCatalog(catalog()).isEmpty(), "Settings", "the settings catalog is unsound");
}

Settings::~Settings() = default;

QString Settings::filePath() const
{
    return m_store->fileName();
}

std::optional<QVariant> Settings::normalized(const SettingSpec &spec, const QVariant &raw,
                                             SetError *error) const
{
    auto fail = [error](SetError e) -> std::optional<QVariant> {
        if (error)
            *error = e;
        return std::nullopt;
    };
    switch (spec.type) {
    case SettingType::Bool: {
        if (raw.typeId() == QMetaType::Bool)
            return raw;
        const QString s = raw.toString().trimmed().toLower();
        if (s == u"true" || s == u"1")
            return QVariant(true);
        if (s == u"false" || s == u"0")
            return QVariant(false);
        return fail(SetError::WrongType);
    }
    case SettingType::Int: {
        bool ok = false;
        const qint64 v = raw.typeId() == QMetaType::QString
                             ? raw.toString().trimmed().toLongLong(&ok)
                             : raw.toLongLong(&ok);
        if (!ok || raw.typeId() == QMetaType::Bool)
            return fail(SetError::WrongType);
        if (v < spec.minimum || v > spec.maximum)
            return fail(SetError::OutOfRange);
        return QVariant(static_cast<int>(v));
    }
    case SettingType::String:
    case SettingType::Choice: {
        if (raw.typeId() != QMetaType::QString && raw.typeId() != QMetaType::QByteArray)
            return fail(SetError::WrongType);
        const QString s = raw.toString();
        if (spec.type == SettingType::Choice && !spec.choices.contains(s))
            return fail(SetError::NotAChoice);
        if (spec.type == SettingType::String && s.size() > spec.maxLength)
            return fail(SetError::TooLong);
        return QVariant(s);
    }
    }
    return fail(SetError::WrongType);
}

QVariant Settings::value(const QString &key) const
{
    const auto s = spec(key);
    Q_ASSERT_X(s.has_value(), "Settings::value", "unknown setting key");
    if (!s)
        return {};
    if (!m_store->contains(key))
        return s->defaultValue;
    SetError error{};
    if (auto v = normalized(*s, m_store->value(key), &error))
        return *v;
    qCWarning(lcApp) << "ignoring invalid value for setting" << key << "in" << filePath() << ":"
                     << errorText(error);
    return s->defaultValue;
}

std::optional<SetError> Settings::setValue(const QString &key, const QVariant &value)
{
    const auto s = spec(key);
    if (!s)
        return SetError::UnknownKey;
    SetError error{};
    const auto v = normalized(*s, value, &error);
    if (!v)
        return error;
    m_store->setValue(key, *v);
    return std::nullopt;
}

void Settings::reset(const QString &key)
{
    m_store->remove(key);
}

bool Settings::isSet(const QString &key) const
{
    return m_store->contains(key);
}

void Settings::sync()
{
    m_store->sync();
}

QString Settings::errorText(SetError error)
{
    switch (error) {
    case SetError::UnknownKey:
        return tr("There is no such setting.");
    case SetError::WrongType:
        return tr("The value has the wrong type.");
    case SetError::OutOfRange:
        return tr("The value is outside the allowed range.");
    case SetError::NotAChoice:
        return tr("The value is not one of the allowed choices.");
    case SetError::TooLong:
        return tr("The value is too long.");
    }
    return {};
}

} // namespace roomwarden::util
