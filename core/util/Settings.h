#pragma once
#include <QList>
#include <QSettings>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <memory>
#include <optional>

namespace roomwarden::util {

// The typed settings registry. Every setting the app knows is declared once in the catalog
// (Settings.cpp) with its type, default and allowed values; nothing else may be stored. No
// secret ever goes here (tokens live only in the keychain): the catalog refuses keys that name
// a credential, and a test checks that.
enum class SettingType
{
    Bool,
    Int,
    String,
    Choice
};

struct SettingSpec
{
    QString key;
    SettingType type = SettingType::String;
    QVariant defaultValue;
    QString description;
    qint64 minimum = 0;        // Int only
    qint64 maximum = 0;        // Int only
    QStringList choices;       // Choice only
    qsizetype maxLength = 256; // String only
};

// A typed handle: `settings.value(keys::kDemoSpeed)` returns an int, checked at compile time.
template <typename T>
struct SettingKey
{
    const char *name;
};

namespace keys {
inline constexpr SettingKey<QString> kLanguage{"ui/language"};
inline constexpr SettingKey<QString> kTheme{"ui/theme"};
inline constexpr SettingKey<bool> kAlertSounds{"alerts/sounds"}; // the master switch
inline constexpr SettingKey<QString> kAlertOutputDevice{"alerts/outputDevice"};
inline constexpr SettingKey<int> kRawRetentionHours{"privacy/rawRetentionHours"};
inline constexpr SettingKey<QString> kDemoScenario{"demo/scenario"};
inline constexpr SettingKey<int> kDemoSpeed{"demo/speed"};
inline constexpr SettingKey<QString> kTwitchClientId{"twitch/clientId"};
} // namespace keys

enum class SetError
{
    UnknownKey,
    WrongType,
    OutOfRange,
    NotAChoice,
    TooLong
};

class Settings
{
public:
    static const QList<SettingSpec> &catalog();
    // Problems with a catalog (e.g. a key that names a credential); empty when it is sound.
    static QStringList auditCatalog(const QList<SettingSpec> &catalog);
    static std::optional<SettingSpec> spec(const QString &key);

    // Backed by an INI file at `filePath`. Values in the file that are unknown or invalid
    // (hand-edited) are ignored with a warning and left in the file: no data is lost.
    explicit Settings(const QString &filePath);
    ~Settings();

    QVariant value(const QString &key) const; // the default when unset or invalid
    std::optional<SetError> setValue(const QString &key, const QVariant &value);
    void reset(const QString &key);
    bool isSet(const QString &key) const;
    void sync();
    QString filePath() const;

    template <typename T>
    T value(SettingKey<T> key) const
    {
        return value(QString::fromLatin1(key.name)).template value<T>();
    }
    template <typename T>
    std::optional<SetError> setValue(SettingKey<T> key, const T &v)
    {
        return setValue(QString::fromLatin1(key.name), QVariant::fromValue(v));
    }

    static QString errorText(SetError error);

private:
    std::optional<QVariant> normalized(const SettingSpec &spec, const QVariant &raw,
                                       SetError *error) const;
    std::unique_ptr<QSettings> m_store;
};

} // namespace roomwarden::util
