#pragma once
// The words of the simulated room. Everything is drawn from the simulator's seeded generator so a
// seed replays the same chat. Abuse is *placeholder* text ("[slur]") spelled with homoglyphs, the
// way real hate raids dodge word filters — never real slurs.
#include <QRandomGenerator>
#include <QString>
#include <QStringList>

namespace roomwarden::sandbox {

class ScenarioText
{
public:
    // Ordinary chat: greetings, reactions, questions; English and other scripts (RTL, CJK),
    // emoji, emotes, mentions, and now and then text that looks like markup.
    static QString regular(QRandomGenerator &rng, const QStringList &mentionable);
    static QString emoteOnly(QRandomGenerator &rng);
    static QString raidHype(QRandomGenerator &rng, const QString &raider);
    static QString hate(QRandomGenerator &rng);
    static QString spam(QRandomGenerator &rng);
    // A message AutoMod would hold, with its category and level (1–4).
    static QString autoModBait(QRandomGenerator &rng, QString *category, int *level);
    static QString subMessage(QRandomGenerator &rng);
    static QString modReason(QRandomGenerator &rng);

    static QString viewerLogin(QRandomGenerator &rng, int index);
    // Throw-away raid accounts: numbered variations of one base, like real hate-raid batches.
    static QString raiderLogin(QRandomGenerator &rng, int index);
    // Replaces some Latin letters with look-alikes from Cyrillic/Greek/Armenian.
    static QString homoglyphs(QRandomGenerator &rng, const QString &text);
};

} // namespace roomwarden::sandbox
