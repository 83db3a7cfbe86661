#include "core/moderation/TextFold.h"

#include "core/util/Logging.h"

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uspoof.h>
#include <unicode/ustring.h>

#include <vector>

namespace roomwarden::moderation {

namespace {
static_assert(sizeof(UChar) == sizeof(char16_t));

const UChar *icuChars(const QString &s)
{
    return reinterpret_cast<const UChar *>(s.utf16());
}

// Runs an ICU "write into a buffer" function, growing the buffer once when it was too small.
template <typename F>
QString icuString(qsizetype sizeHint, F &&call)
{
    std::vector<UChar> out(size_t(std::max<qsizetype>(16, sizeHint)));
    UErrorCode status = U_ZERO_ERROR;
    int32_t n = call(out.data(), int32_t(out.size()), &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) {
        out.resize(size_t(n) + 1);
        status = U_ZERO_ERROR;
        n = call(out.data(), int32_t(out.size()), &status);
    }
    if (U_FAILURE(status))
        return {};
    return QString::fromUtf16(reinterpret_cast<const char16_t *>(out.data()), n);
}
} // namespace

struct TextFolder::Icu
{
    const UNormalizer2 *nfkcCasefold = nullptr;
    const UNormalizer2 *nfd = nullptr;
    USpoofChecker *spoof = nullptr;
    ~Icu()
    {
        if (spoof)
            uspoof_close(spoof);
    }
};

TextFolder::TextFolder() : m_icu(std::make_unique<Icu>())
{
    UErrorCode status = U_ZERO_ERROR;
    m_icu->nfkcCasefold = unorm2_getNFKCCasefoldInstance(&status);
    status = U_ZERO_ERROR;
    m_icu->nfd = unorm2_getNFDInstance(&status);
    status = U_ZERO_ERROR;
    m_icu->spoof = uspoof_open(&status);
    if (U_FAILURE(status)) {
        qCWarning(lcModeration) << "ICU spoof checker unavailable:" << u_errorName(status);
        m_icu->spoof = nullptr;
    }
}

TextFolder::~TextFolder() = default;

QString TextFolder::fold(const QString &input) const
{
    const QString text = input.left(kMaxInput);
    if (text.isEmpty())
        return {};
    // 1. NFKC + case folding; this also removes default-ignorable code points.
    QString s = text;
    if (m_icu->nfkcCasefold) {
        s = icuString(text.size() * 2, [&](UChar *out, int32_t cap, UErrorCode *st) {
            return unorm2_normalize(m_icu->nfkcCasefold, icuChars(text), int32_t(text.size()), out,
                                    cap, st);
        });
    }
    // 2. Decompose and drop combining marks and anything else invisible.
    if (m_icu->nfd) {
        const QString folded = s;
        s = icuString(folded.size() * 2, [&](UChar *out, int32_t cap, UErrorCode *st) {
            return unorm2_normalize(m_icu->nfd, icuChars(folded), int32_t(folded.size()), out, cap,
                                    st);
        });
    }
    QString stripped;
    stripped.reserve(s.size());
    for (qsizetype i = 0; i < s.size(); ++i) {
        char32_t c = s.at(i).unicode();
        if (QChar::isHighSurrogate(c) && i + 1 < s.size() && s.at(i + 1).isLowSurrogate()) {
            c = QChar::surrogateToUcs4(s.at(i), s.at(i + 1));
            ++i;
        }
        const auto category = QChar::category(c);
        if (category == QChar::Mark_NonSpacing || category == QChar::Mark_Enclosing ||
            category == QChar::Mark_SpacingCombining || category == QChar::Other_Format ||
            category == QChar::Other_Control)
            continue;
        if (u_hasBinaryProperty(UChar32(c), UCHAR_DEFAULT_IGNORABLE_CODE_POINT))
            continue;
        stripped.append(QChar::fromUcs4(c));
    }
    // 3. Confusables to their prototype (UTS #39 skeleton), folded again: the skeleton may
    //    map to capitals.
    QString skeleton = stripped;
    if (m_icu->spoof && !stripped.isEmpty()) {
        skeleton = icuString(stripped.size() * 2, [&](UChar *out, int32_t cap, UErrorCode *st) {
            return uspoof_getSkeleton(m_icu->spoof, 0, icuChars(stripped), int32_t(stripped.size()),
                                      out, cap, st);
        });
        skeleton = skeleton.toCaseFolded();
    }
    return skeleton.simplified();
}

bool TextFolder::matches(const QString &text, const QString &foldedPattern) const
{
    if (foldedPattern.isEmpty())
        return false;
    return fold(text).contains(foldedPattern);
}

} // namespace roomwarden::moderation
