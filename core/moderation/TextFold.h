#pragma once
#include <QString>

#include <memory>

namespace roomwarden::moderation {

// Folds chat text so that the tricks raiders use to dodge filters compare equal to the plain
// text they imitate:
//   - NFKC with case folding (fullwidth "ｈｅｌｌｏ", ligatures, "ℌ", upper/lower case);
//   - default-ignorable characters dropped (zero-width spaces and joiners, bidi overrides);
//   - combining marks dropped ("zalgo" text);
//   - Unicode confusables mapped to one prototype (Cyrillic "а" → Latin "a", "𝐡" → "h") with
//     ICU's spoof checker skeleton (UTS #39), the maintained table rather than a hand-made one;
//   - runs of whitespace collapsed to one space, ends trimmed.
// The result is for comparing and matching only; never show it to the user.
//
// Not thread-safe: one TextFolder per thread (it keeps an ICU spoof checker open).
class TextFolder
{
public:
    // Folded text longer than this is cut: a 10,000-character "word" costs bounded time.
    static constexpr qsizetype kMaxInput = 2000;

    TextFolder();
    ~TextFolder();
    TextFolder(const TextFolder &) = delete;
    TextFolder &operator=(const TextFolder &) = delete;

    QString fold(const QString &text) const;
    // True when `pattern`, folded, occurs in `text`, folded. An empty pattern matches nothing.
    bool matches(const QString &text, const QString &foldedPattern) const;

private:
    struct Icu;
    std::unique_ptr<Icu> m_icu;
};

} // namespace roomwarden::moderation
