#pragma once
#include "core/model/Provider.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace roomwarden::model {

// One OAuth scope (Twitch) or permission (Discord) as the platform names it. The catalog of
// which operation needs which scope lives in one table (core/auth, ScopeGuard); this type only
// carries a name and compares.
struct Scope
{
    Provider provider = Provider::Twitch;
    QString name;

    friend bool operator==(const Scope &, const Scope &) = default;
};

using ScopeSet = QList<Scope>;

// Parses what a platform reports as granted. Twitch sends a JSON array on /token, a JSON array
// or null on /validate and, in older docs, a space-delimited string: all end up here as words.
ScopeSet scopesFromWords(Provider provider, const QStringList &words);
ScopeSet scopesFromSpaceDelimited(Provider provider, QStringView text);
QStringList scopeNames(const ScopeSet &scopes);
bool containsScope(const ScopeSet &scopes, const Scope &scope);

} // namespace roomwarden::model
