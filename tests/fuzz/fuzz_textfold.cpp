// Chat text folding (ICU NFKC case fold + confusable skeletons) runs on every chat message of
// a hostile room: any UTF-16, lone surrogates included, in bounded time (libFuzzer's -timeout
// catches a hang; TextFolder caps its input at kMaxInput).
#include "core/moderation/TextFold.h"

#include "FuzzSupport.h"

using namespace roomwarden;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz::quietLogs();
    static const moderation::TextFolder folder;
    if (size < 1)
        return 0;
    // The first byte splits the rest into a message and a pattern.
    const size_t split = std::min<size_t>(size - 1, (data[0] * (size - 1)) / 255) & ~size_t(1);
    const QString text = fuzz::utf16(data + 1, split);
    const QString pattern = fuzz::utf16(data + 1 + split, size - 1 - split);

    const QString folded = folder.fold(text);
    if (folded.size() > 64 * moderation::TextFolder::kMaxInput)
        fuzz::fail("folding grew without bound");
    // Folding is deterministic: a text always matches its own fold.
    if (!text.isEmpty() && !folded.isEmpty() && !folder.matches(text, folded))
        fuzz::fail("a text does not match its own fold");
    (void)folder.matches(text, folder.fold(pattern));
    (void)folder.fold(QString::fromUtf8(fuzz::bytes(data, size)));
    return 0;
}
