// CSV export (audit log, bulk previews): any list of fields must come back unchanged from an
// RFC 4180 reader, except that a cell that a spreadsheet would run as a formula (= + - @ TAB
// CR first) is prefixed with an apostrophe, and no exported cell starts like a formula.
#include "core/util/Csv.h"

#include "FuzzSupport.h"

#include <QList>
#include <QStringList>

using namespace roomwarden;

namespace {

bool startsLikeFormula(const QString &cell)
{
    if (cell.isEmpty())
        return false;
    const char16_t c = cell.front().unicode();
    return c == u'=' || c == u'+' || c == u'-' || c == u'@' || c == u'\t' || c == u'\r';
}

// A strict RFC 4180 reader: records end with CRLF, quoted fields double their quotes, and a
// quote anywhere else is an error (nullopt), as is a document that does not end with CRLF.
std::optional<QList<QStringList>> readCsv(const QString &text)
{
    QList<QStringList> rows;
    QStringList row;
    QString cell;
    qsizetype i = 0;
    const qsizetype n = text.size();
    bool quoted = false;
    bool cellWasQuoted = false;
    while (i < n) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"') {
                if (i + 1 < n && text.at(i + 1) == u'"') {
                    cell += u'"';
                    i += 2;
                    continue;
                }
                quoted = false;
                ++i;
                continue;
            }
            cell += c;
            ++i;
            continue;
        }
        if (c == u'"') {
            if (!cell.isEmpty() || cellWasQuoted)
                return std::nullopt; // a quote inside an unquoted field
            quoted = true;
            cellWasQuoted = true;
            ++i;
        } else if (c == u',') {
            row.append(cell);
            cell.clear();
            cellWasQuoted = false;
            ++i;
        } else if (c == u'\r') {
            if (i + 1 >= n || text.at(i + 1) != u'\n')
                return std::nullopt; // a bare CR outside quotes
            row.append(cell);
            rows.append(row);
            row.clear();
            cell.clear();
            cellWasQuoted = false;
            i += 2;
        } else if (c == u'\n') {
            return std::nullopt; // a bare LF outside quotes
        } else {
            if (cellWasQuoted)
                return std::nullopt; // text after a closing quote
            cell += c;
            ++i;
        }
    }
    if (quoted || !cell.isEmpty() || !row.isEmpty() || cellWasQuoted)
        return std::nullopt; // the last record was not terminated
    return rows;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // Input: UTF-8 text; U+0000 separates fields and U+0001 separates rows (neither can appear
    // in what the app exports, whose cells come from chat and the platform).
    const QString input = QString::fromUtf8(fuzz::bytes(data, size));
    QList<QStringList> rows;
    for (const QString &line : input.split(QChar(u'\x01')))
        rows.append(line.split(QChar(u'\0')));

    const QByteArray doc = util::csv::document(rows);
    const auto back = readCsv(QString::fromUtf8(doc));
    if (!back)
        fuzz::fail("csv::document is not RFC 4180");
    if (back->size() != rows.size())
        fuzz::fail("row count changed");
    for (qsizetype r = 0; r < rows.size(); ++r) {
        const QStringList &want = rows.at(r);
        const QStringList &got = back->at(r);
        if (got.size() != want.size())
            fuzz::fail("field count changed");
        for (qsizetype f = 0; f < want.size(); ++f) {
            if (startsLikeFormula(got.at(f)))
                fuzz::fail("an exported cell starts like a formula");
            const QString expected =
                startsLikeFormula(want.at(f)) ? QLatin1Char('\'') + want.at(f) : want.at(f);
            if (got.at(f) != expected)
                fuzz::fail("a cell did not survive the round trip");
        }
    }
    return 0;
}
