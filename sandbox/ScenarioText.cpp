#include "sandbox/ScenarioText.h"

#include "sandbox/ChatFragmenter.h"

namespace roomwarden::sandbox {

namespace {

template <typename T, std::size_t N>
QString pick(QRandomGenerator &rng, const T (&items)[N])
{
    return QString::fromUtf8(items[rng.bounded(int(N))]);
}

const char *const kGreetings[] = {"hi chat",     "hello everyone",
                                  "hey hey",     "good evening from Lisbon",
                                  "yo",          "first time here, love the vibe",
                                  "back again",  "hiii",
                                  "evening all", "just got home, what did I miss?"};
const char *const kReactions[] = {"lol",
                                  "LOL that was close",
                                  "gg",
                                  "no way",
                                  "clean",
                                  "that was insane",
                                  "unlucky",
                                  "W",
                                  "huge",
                                  "ok that was smart",
                                  "called it",
                                  "chat is this real",
                                  "can't believe that worked"};
const char *const kQuestions[] = {"what game is this?",         "how long have you been live?",
                                  "what keyboard is that?",     "is there a schedule?",
                                  "which settings do you use?", "will you play the DLC?",
                                  "any tips for the boss?"};
// Other scripts and emoji, because clients must lay out RTL, CJK and astral-plane text.
const char *const kInternational[] = {"مرحبا بالجميع",
                                      "שלום לכולם",
                                      "こんにちは！",
                                      "大家好",
                                      "Привет всем",
                                      "olá pessoal",
                                      "¡vamos!",
                                      "Γεια σας",
                                      "नमस्ते",
                                      "안녕하세요",
                                      "gg مبروك",
                                      "wow 🔥🔥🔥",
                                      "😂😂",
                                      "🎉 let's go 🎉",
                                      "🇵🇹❤️",
                                      "👀",
                                      "🫡"};
// Looks like markup; clients must render it as plain text.
const char *const kMarkup[] = {
    "<b>bold move</b>", "<i>sure</i> buddy",       "<script>alert(1)</script> lol",
    "&lt;3 &amp; more", "<a href=\"x\">click</a>", "**not markdown**",
    "</div> oops"};
const char *const kHype[] = {
    "RAID HYPE",           "we're here!",          "raid from the best community",
    "hello from the raid", "the raid has arrived", "raiders say hi"};
// Placeholders only: the abuse is simulated by shape, not by content.
const char *const kHate[] = {
    "[slur] [slur] [slur]", "get out [slur]",  "nobody wants you here [slur]", "[threat] [slur]",
    "you [insult] [slur]",  "[slur] streamer", "everyone spam [slur]"};
const char *const kSpam[] = {"FREE FOLLOWERS at b1gfollows dot example",
                             "want more viewers? visit cheap-viewers dot example",
                             "best prices on followers, primes and viewers: b1gfollows dot example",
                             "click here for free gift subs!! gift-subs dot example",
                             "WIN A FREE SKIN >>> skins dot example <<<"};
const char *const kBait[][3] = {{"you are such an [insult]", "bullying", "2"},
                                {"I will [threat] you", "aggression", "3"},
                                {"[swear] this game", "swearing", "1"},
                                {"[slur] lol", "disability", "4"},
                                {"[explicit] stuff", "sexuality", "2"}};
const char *const kSubMessages[] = {"love the streams!", "5 months already", "", "keep it up", "🎉",
                                    "worth it"};
const char *const kReasons[] = {
    "spam", "be nice", "no self-promo", "hate speech", "please read the rules", "caps spam", ""};
const char *const kSyllables[] = {"pix", "el",  "fox", "nova", "zen", "kai",  "mo",   "ri",
                                  "lu",  "tor", "ash", "bee",  "cy",  "dra",  "gon",  "ix",
                                  "jam", "ko",  "vy",  "sol",  "tam", "quin", "wren", "yo"};
const char *const kSuffixes[] = {"", "_", "tv", "gg", "_live", "x", "plays"};

} // namespace

QString ScenarioText::regular(QRandomGenerator &rng, const QStringList &mentionable)
{
    const int kind = rng.bounded(100);
    QString text;
    if (kind < 25)
        text = pick(rng, kGreetings);
    else if (kind < 55)
        text = pick(rng, kReactions);
    else if (kind < 67)
        text = pick(rng, kQuestions);
    else if (kind < 82)
        text = pick(rng, kInternational);
    else if (kind < 87)
        text = pick(rng, kMarkup);
    else if (kind < 93 && !mentionable.isEmpty()) {
        // One draw per statement: the order of draws must not depend on the compiler.
        const QString who = mentionable.at(rng.bounded(int(mentionable.size())));
        text = QLatin1Char('@') + who + QLatin1Char(' ') + pick(rng, kQuestions);
    } else
        text = emoteOnly(rng);
    // Emotes sprinkled in, and now and then a long message (lengths vary a lot in real chat).
    if (rng.bounded(4) == 0) {
        const QStringList &emotes = ChatFragmenter::emoteCodes();
        text += QLatin1Char(' ') + emotes.at(rng.bounded(int(emotes.size())));
    }
    if (rng.bounded(25) == 0) {
        const QString base = text;
        const int repeats = 3 + rng.bounded(5);
        for (int i = 0; i < repeats; ++i)
            text += QLatin1Char(' ') + base;
    }
    return text;
}

QString ScenarioText::emoteOnly(QRandomGenerator &rng)
{
    const QStringList &emotes = ChatFragmenter::emoteCodes();
    QStringList parts;
    const int count = 1 + rng.bounded(4);
    for (int i = 0; i < count; ++i)
        parts << emotes.at(rng.bounded(int(emotes.size())));
    return parts.join(QLatin1Char(' '));
}

QString ScenarioText::raidHype(QRandomGenerator &rng, const QString &raider)
{
    QString text = pick(rng, kHype);
    if (rng.bounded(3) == 0)
        text += QStringLiteral(" ") + raider + QStringLiteral(" sent us");
    return text + QStringLiteral(" PogChamp");
}

QString ScenarioText::hate(QRandomGenerator &rng)
{
    return homoglyphs(rng, pick(rng, kHate));
}

QString ScenarioText::spam(QRandomGenerator &rng)
{
    return pick(rng, kSpam);
}

QString ScenarioText::autoModBait(QRandomGenerator &rng, QString *category, int *level)
{
    const int i = rng.bounded(int(std::size(kBait)));
    *category = QString::fromLatin1(kBait[i][1]);
    *level = QString::fromLatin1(kBait[i][2]).toInt();
    return homoglyphs(rng, QString::fromLatin1(kBait[i][0]));
}

QString ScenarioText::subMessage(QRandomGenerator &rng)
{
    return pick(rng, kSubMessages);
}

QString ScenarioText::modReason(QRandomGenerator &rng)
{
    return pick(rng, kReasons);
}

QString ScenarioText::viewerLogin(QRandomGenerator &rng, int index)
{
    QString login;
    const int syllables = 2 + rng.bounded(2);
    for (int i = 0; i < syllables; ++i)
        login += pick(rng, kSyllables);
    login += pick(rng, kSuffixes);
    // The index keeps logins unique however the syllables fall.
    return login + QString::number(index);
}

QString ScenarioText::raiderLogin(QRandomGenerator &rng, int index)
{
    static const char *const kBases[] = {"h8tr", "xx_void", "n0_name", "zz_anon"};
    const QString base = pick(rng, kBases);
    return base + QStringLiteral("_%1").arg(index, 4, 10, QLatin1Char('0'));
}

QString ScenarioText::homoglyphs(QRandomGenerator &rng, const QString &text)
{
    // Latin → look-alike: Cyrillic а е о р с у і ѕ ӏ, Greek ο, Armenian ս.
    static const QList<QPair<QChar, QString>> kMap = {
        {QLatin1Char('a'), QStringLiteral("а")}, {QLatin1Char('e'), QStringLiteral("е")},
        {QLatin1Char('o'), QStringLiteral("ο")}, {QLatin1Char('p'), QStringLiteral("р")},
        {QLatin1Char('c'), QStringLiteral("с")}, {QLatin1Char('y'), QStringLiteral("у")},
        {QLatin1Char('i'), QStringLiteral("і")}, {QLatin1Char('s'), QStringLiteral("ѕ")},
        {QLatin1Char('l'), QStringLiteral("ӏ")}, {QLatin1Char('u'), QStringLiteral("ս")}};
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        QString replaced;
        for (const auto &m : kMap) {
            if (m.first == c && rng.bounded(3) != 0)
                replaced = m.second;
        }
        out += replaced.isEmpty() ? QString(c) : replaced;
    }
    return out;
}

} // namespace roomwarden::sandbox
