#include "core/util/Csv.h"

#include <QCoreApplication>
#include <QSaveFile>

namespace roomwarden::util::csv {

namespace {
bool startsLikeFormula(QStringView value)
{
    if (value.isEmpty())
        return false;
    switch (value.front().unicode()) {
    case u'=':
    case u'+':
    case u'-':
    case u'@':
    case u'\t':
    case u'\r':
        return true;
    default:
        return false;
    }
}

bool needsQuotes(QStringView value)
{
    for (QChar c : value) {
        if (c == u',' || c == u'"' || c == u'\r' || c == u'\n')
            return true;
    }
    return false;
}
} // namespace

QString field(QStringView value)
{
    QString cell = value.toString();
    if (startsLikeFormula(value))
        cell.prepend(QLatin1Char('\''));
    if (!needsQuotes(cell))
        return cell;
    cell.replace(u'"', QStringLiteral("\"\""));
    return QLatin1Char('"') + cell + QLatin1Char('"');
}

QString record(const QStringList &fields)
{
    QString line;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i > 0)
            line += u',';
        line += field(fields.at(i));
    }
    line += QStringLiteral("\r\n");
    return line;
}

QByteArray document(const QList<QStringList> &rows)
{
    // No byte-order mark: RFC 4180 readers (Python's csv, pandas, LibreOffice, awk) take a BOM
    // for part of the first header name, and UTF-8 needs no byte order. A spreadsheet that
    // guesses a legacy encoding is told UTF-8 in its import dialog.
    QString text;
    for (const QStringList &row : rows)
        text += record(row);
    return text.toUtf8();
}

bool writeFile(const QString &path, const QList<QStringList> &rows, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    const QByteArray bytes = document(rows);
    if (file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace roomwarden::util::csv
