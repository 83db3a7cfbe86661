#include "sandbox/ChatFragmenter.h"

#include "sandbox/World.h"

#include <QHash>

namespace roomwarden::sandbox {

namespace {

struct Emote
{
    const char *code;
    const char *id;
};

// Well-known global emote codes with ids in Twitch's format; only used as fixtures.
constexpr Emote kEmotes[] = {
    {"Kappa", "25"},     {"LUL", "425618"},       {"PogChamp", "305954156"}, {"BibleThump", "86"},
    {"Kreygasm", "41"},  {"SeemsGood", "64138"},  {"HeyGuys", "30259"},      {"VoHiYo", "81274"},
    {"<3", "555555584"}, {"NotLikeThis", "58765"}};

const QHash<QString, QString> &emoteIds()
{
    static const QHash<QString, QString> kIds = [] {
        QHash<QString, QString> h;
        for (const Emote &e : kEmotes)
            h.insert(QString::fromLatin1(e.code), QString::fromLatin1(e.id));
        return h;
    }();
    return kIds;
}

} // namespace

const QStringList &ChatFragmenter::emoteCodes()
{
    static const QStringList kCodes = [] {
        QStringList l;
        for (const Emote &e : kEmotes)
            l << QString::fromLatin1(e.code);
        return l;
    }();
    return kCodes;
}

QList<ChatFragment> ChatFragmenter::split(const QString &text, const LoginLookup &lookup)
{
    QList<ChatFragment> out;
    QString pending;
    const auto flush = [&] {
        if (!pending.isEmpty())
            out.append({ChatFragment::Kind::Text, pending, {}, {}, {}, {}});
        pending.clear();
    };
    const QStringList words = text.split(QLatin1Char(' '));
    for (qsizetype i = 0; i < words.size(); ++i) {
        const QString &w = words.at(i);
        const QString sep = i + 1 < words.size() ? QStringLiteral(" ") : QString();
        const auto emote = emoteIds().constFind(w);
        if (emote != emoteIds().constEnd()) {
            flush();
            out.append({ChatFragment::Kind::Emote,
                        w,
                        emote.value(),
                        QStringLiteral("0"),
                        QStringLiteral("0"),
                        {}});
            pending = sep;
            continue;
        }
        if (w.size() > 1 && w.startsWith(QLatin1Char('@')) && lookup) {
            if (const std::optional<UserRef> u = lookup(w.mid(1))) {
                flush();
                out.append({ChatFragment::Kind::Mention, w, {}, {}, {}, *u});
                pending = sep;
                continue;
            }
        }
        pending += w + sep;
    }
    flush();
    return out;
}

QList<ChatBadge> ChatFragmenter::badgesFor(const World &world, const QString &broadcasterId,
                                           const QString &userId)
{
    QList<ChatBadge> badges;
    if (userId == broadcasterId)
        badges.append({QStringLiteral("broadcaster"), QStringLiteral("1"), QString()});
    else if (world.isModerator(broadcasterId, userId))
        badges.append({QStringLiteral("moderator"), QStringLiteral("1"), QString()});
    else if (world.isVip(broadcasterId, userId))
        badges.append({QStringLiteral("vip"), QStringLiteral("1"), QString()});
    return badges;
}

QString ChatFragmenter::colorFor(const QString &userId)
{
    const uint h = qHash(userId, 7u);
    if (h % 5 == 0)
        return QString();
    return QStringLiteral("#%1").arg(h & 0xffffff, 6, 16, QLatin1Char('0')).toUpper();
}

} // namespace roomwarden::sandbox
