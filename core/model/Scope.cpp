#include "core/model/Scope.h"

#include <algorithm>

namespace roomwarden::model {

ScopeSet scopesFromWords(Provider provider, const QStringList &words)
{
    ScopeSet out;
    for (const QString &w : words) {
        const QString name = w.trimmed();
        if (name.isEmpty())
            continue;
        Scope s{provider, name};
        if (!containsScope(out, s))
            out.append(s);
    }
    return out;
}

ScopeSet scopesFromSpaceDelimited(Provider provider, QStringView text)
{
    QStringList words;
    for (QStringView part : text.split(u' ', Qt::SkipEmptyParts))
        words << part.toString();
    return scopesFromWords(provider, words);
}

QStringList scopeNames(const ScopeSet &scopes)
{
    QStringList out;
    out.reserve(scopes.size());
    for (const Scope &s : scopes)
        out << s.name;
    return out;
}

bool containsScope(const ScopeSet &scopes, const Scope &scope)
{
    return std::find(scopes.cbegin(), scopes.cend(), scope) != scopes.cend();
}

} // namespace roomwarden::model
