#pragma once
#include "core/analytics/SessionReport.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace roomwarden::analytics {

// One figure of a report with a stable id (used as a JSON key and a CSV cell) and a label for
// people (translated).
struct NamedFigure
{
    enum class Unit
    {
        Count,
        Seconds,
        Share, // 0..1
        Rate   // per minute
    };
    QString id;
    QString label;
    Figure figure;
    Unit unit = Unit::Count;
};

// The outputs of a session report that need no GUI: CSV, JSON and the one-page HTML text of the
// post-room report (the PDF is drawn from that HTML in ui/ReportWriter, because QTextDocument
// and QPdfWriter belong to QtGui, which core does not link).
//
// Every string from the platform or a chatter (room key, names, ids) is treated as hostile:
// CSV cells go through util::csv (quoting and formula neutralisation), JSON through
// QJsonDocument, HTML through toHtmlEscaped(). Every figure that is an estimate says so, with the
// method that computed it.
namespace exporting {

// Every figure of the report, in the order the report shows them.
QList<NamedFigure> figures(const SessionReport &report);
// "1:02:03", "95 %", "12.5", "1234": the value as a person reads it.
QString formatFigure(const NamedFigure &figure);

// CSV: a block about the session, the figures (value, estimate yes/no, method), then the
// per-minute timeline, the top chatters, the retention curve and the raids, each block under
// its own header row and separated by an empty row. Cells are raw here; csv() quotes and
// neutralises them.
QList<QStringList> csvRows(const SessionReport &report);
QByteArray csv(const SessionReport &report);

// JSON: the whole report. Times are ISO 8601 in UTC; a figure is
// {"value": v, "estimate": bool, "method": "..."} ("method" only when it is an estimate).
QJsonObject json(const SessionReport &report);
QByteArray jsonDocument(const SessionReport &report);

// The one-page post-room report as an HTML document (Qt's rich-text subset, so that
// QTextDocument lays it out the same way for the PDF). All user text is escaped.
QString html(const SessionReport &report);

// Atomic writes (QSaveFile): the old file stays if anything fails; `error` says why.
bool writeCsv(const QString &path, const SessionReport &report, QString *error);
bool writeJson(const QString &path, const SessionReport &report, QString *error);
bool writeHtml(const QString &path, const SessionReport &report, QString *error);

} // namespace exporting
} // namespace roomwarden::analytics
