#include "core/live/AlertRules.h"

#include "core/util/Settings.h"

#include <QRegularExpression>

namespace roomwarden::live {

namespace {
QString key(AlertKind kind, const char *field)
{
    return QStringLiteral("alerts/%1/%2").arg(alertKindId(kind), QLatin1String(field));
}
} // namespace

QString alertKindId(AlertKind kind)
{
    switch (kind) {
    case AlertKind::AutoModHold:
        return QStringLiteral("automod_hold");
    case AlertKind::Raid:
        return QStringLiteral("raid");
    case AlertKind::UnbanRequest:
        return QStringLiteral("unban_request");
    case AlertKind::Mention:
        return QStringLiteral("mention");
    case AlertKind::SuspiciousUser:
        return QStringLiteral("suspicious_user");
    }
    return QStringLiteral("unknown");
}

QList<AlertKind> allAlertKinds()
{
    return {AlertKind::AutoModHold, AlertKind::Raid, AlertKind::UnbanRequest, AlertKind::Mention,
            AlertKind::SuspiciousUser};
}

AlertRoute AlertRouting::load(const util::Settings &settings, AlertKind kind)
{
    AlertRoute r;
    r.sound = settings.value(key(kind, "sound")).toBool();
    r.soundFile = settings.value(key(kind, "soundFile")).toString();
    r.volume = settings.value(key(kind, "volume")).toInt();
    r.notify = settings.value(key(kind, "notify")).toBool();
    return r;
}

void AlertRouting::save(util::Settings &settings, AlertKind kind, const AlertRoute &route)
{
    settings.setValue(key(kind, "sound"), route.sound);
    settings.setValue(key(kind, "soundFile"), route.soundFile);
    settings.setValue(key(kind, "volume"), qBound(0, route.volume, 100));
    settings.setValue(key(kind, "notify"), route.notify);
}

bool AlertRouting::soundsEnabled(const util::Settings &settings)
{
    return settings.value(QString::fromLatin1(util::keys::kAlertSounds.name)).toBool();
}

AlertClassifier::AlertClassifier(const QStringList &mentionNames)
{
    QStringList alternatives;
    for (const QString &name : mentionNames) {
        if (name.trimmed().isEmpty())
            continue;
        m_names << name;
        alternatives << QRegularExpression::escape(name);
    }
    if (!alternatives.isEmpty()) {
        // A whole word: "@host", "host," — not "ghostly".
        m_mention.setPattern(
            QStringLiteral("(^|[^\\w])@?(%1)($|[^\\w])").arg(alternatives.join(QLatin1Char('|'))));
        m_mention.setPatternOptions(QRegularExpression::CaseInsensitiveOption |
                                    QRegularExpression::UseUnicodePropertiesOption);
        m_mention.optimize();
    }
}

std::optional<AlertKind> AlertClassifier::classify(const model::RoomEvent &event) const
{
    using K = model::RoomEventKind;
    switch (event.kind) {
    case K::AutoModHeld:
        return AlertKind::AutoModHold;
    case K::UnbanRequestCreated:
        return AlertKind::UnbanRequest;
    case K::ChatMessage:
        if (m_names.isEmpty())
            return std::nullopt;
        for (const QString &name : m_names) {
            if (event.actorName.compare(name, Qt::CaseInsensitive) == 0)
                return std::nullopt; // talking about yourself is not a mention
        }
        if (m_mention.match(event.text.left(2000)).hasMatch())
            return AlertKind::Mention;
        return std::nullopt;
    default:
        return std::nullopt;
    }
}

} // namespace roomwarden::live
