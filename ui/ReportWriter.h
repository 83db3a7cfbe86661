#pragma once
#include "core/analytics/SessionReport.h"

#include <QString>

namespace roomwarden::ui {

// The one-page post-room report of a session as PDF or HTML. The HTML text comes from core
// (analytics::exporting::html: every user string escaped); the PDF is that HTML laid out by
// QTextDocument on an A4 QPdfWriter page. QtGui is needed for the PDF, so this lives in ui/;
// the headless `roomwarden report --format pdf` uses it under a QGuiApplication (offscreen
// when there is no display).
class ReportWriter
{
public:
    static QString html(const analytics::SessionReport &report);
    // The PDF bytes, or empty when drawing failed.
    static QByteArray pdf(const analytics::SessionReport &report);
    // Atomic writes: the old file stays if anything fails; `error` says why.
    static bool writePdf(const QString &path, const analytics::SessionReport &report,
                         QString *error);
    static bool writeHtml(const QString &path, const analytics::SessionReport &report,
                          QString *error);
};

} // namespace roomwarden::ui
