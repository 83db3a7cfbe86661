#include "ui/ReportWriter.h"

#include "core/analytics/SessionExport.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFileInfo>
#include <QMarginsF>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>

namespace roomwarden::ui {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("roomwarden::ui::ReportWriter", text);
}
} // namespace

QString ReportWriter::html(const analytics::SessionReport &report)
{
    return analytics::exporting::html(report);
}

QByteArray ReportWriter::pdf(const analytics::SessionReport &report)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    if (!buffer.open(QIODevice::WriteOnly))
        return {};
    {
        QPdfWriter writer(&buffer);
        writer.setTitle(tr("Session report"));
        writer.setCreator(QStringLiteral("Roomwarden"));
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
                                         QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter));
        // One page, always: the document is laid out at the width of an A4 text column on a
        // 96 dpi screen, then scaled to the page, and shrunk further if it is too tall
        // (a long list of moderators must not spill a "one-page" report onto a second page).
        QTextDocument document;
        document.setDocumentMargin(0);
        // Every user string in the HTML is escaped, so it names no image or link to load.
        document.setHtml(html(report));
        constexpr double kLayoutWidth = 680;
        document.setTextWidth(kLayoutWidth);
        double scale = writer.width() / kLayoutWidth;
        const double height = document.size().height();
        if (height * scale > writer.height())
            scale = writer.height() / height;
        QPainter painter(&writer);
        if (!painter.isActive())
            return {};
        painter.scale(scale, scale);
        document.drawContents(&painter);
    }
    buffer.close();
    return bytes;
}

bool ReportWriter::writePdf(const QString &path, const analytics::SessionReport &report,
                            QString *error)
{
    const QByteArray bytes = pdf(report);
    QSaveFile file(path);
    if (bytes.isEmpty() || !file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() ||
        !file.commit()) {
        if (error)
            *error =
                tr("Could not write %1: %2")
                    .arg(QFileInfo(path).absoluteFilePath(),
                         bytes.isEmpty() ? tr("the PDF could not be drawn") : file.errorString());
        return false;
    }
    return true;
}

bool ReportWriter::writeHtml(const QString &path, const analytics::SessionReport &report,
                             QString *error)
{
    return analytics::exporting::writeHtml(path, report, error);
}

} // namespace roomwarden::ui
