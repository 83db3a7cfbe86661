#include "core/analytics/SessionExport.h"

#include "core/util/Csv.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QSaveFile>

#include <cmath>

namespace roomwarden::analytics::exporting {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("roomwarden::analytics::SessionExport", text);
}

QString iso(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

// Integers without a decimal point; the rest in the shortest text that reads back as the same
// double, so that an export loses nothing.
QString number(double v)
{
    if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15)
        return QString::number(static_cast<qint64>(v));
    return QString::number(v, 'g', QLocale::FloatingPointShortest);
}

QString yesNo(bool b)
{
    return b ? QStringLiteral("yes") : QStringLiteral("no");
}

QString duration(double seconds)
{
    const qint64 s = std::llround(std::max(0.0, seconds));
    return QStringLiteral("%1:%2:%3")
        .arg(s / 3600)
        .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
        .arg(s % 60, 2, 10, QLatin1Char('0'));
}

QJsonValue optionalNumber(const std::optional<double> &v)
{
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

QJsonObject figureJson(const Figure &f)
{
    QJsonObject o{{QStringLiteral("value"), f.value}, {QStringLiteral("estimate"), f.estimate}};
    if (f.estimate)
        o.insert(QStringLiteral("method"), f.method);
    return o;
}

bool writeAtomically(const QString &path, const QByteArray &bytes, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = tr("Could not write %1: %2")
                         .arg(QFileInfo(path).absoluteFilePath(), file.errorString());
        return false;
    }
    return true;
}

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

} // namespace

QList<NamedFigure> figures(const SessionReport &r)
{
    using U = NamedFigure::Unit;
    return {
        {QStringLiteral("durationSeconds"), tr("Duration"), r.durationSeconds, U::Seconds},
        {QStringLiteral("peakViewers"), tr("Peak viewers"), r.peakViewers, U::Count},
        {QStringLiteral("averageViewers"), tr("Average viewers"), r.averageViewers, U::Count},
        {QStringLiteral("viewerMinutes"), tr("Viewer-minutes"), r.viewerMinutes, U::Count},
        {QStringLiteral("peakPresent"), tr("Peak present"), r.peakPresent, U::Count},
        {QStringLiteral("peakChattersListed"), tr("Peak chatter list"), r.peakChattersListed,
         U::Count},
        {QStringLiteral("totalUnique"), tr("People seen"), r.totalUnique, U::Count},
        {QStringLiteral("totalTimeSeconds"), tr("Total time present"), r.totalTimeSeconds,
         U::Seconds},
        {QStringLiteral("averageTimeSeconds"), tr("Average time present"), r.averageTimeSeconds,
         U::Seconds},
        {QStringLiteral("averageStickiness"), tr("Average stickiness"), r.averageStickiness,
         U::Share},
        {QStringLiteral("chatMessages"), tr("Chat messages"), r.chatMessages, U::Count},
        {QStringLiteral("messagesPerMinute"), tr("Messages per minute"), r.messagesPerMinute,
         U::Rate},
        {QStringLiteral("uniqueChatters"), tr("Unique chatters"), r.uniqueChatters, U::Count},
        {QStringLiteral("totalSpeakers"), tr("Speakers"), r.totalSpeakers, U::Count},
        {QStringLiteral("newFollowers"), tr("New followers"), r.newFollowers, U::Count},
        {QStringLiteral("bans"), tr("Bans"), r.bans, U::Count},
        {QStringLiteral("timeouts"), tr("Timeouts"), r.timeouts, U::Count},
        {QStringLiteral("deletions"), tr("Deleted messages"), r.deletions, U::Count},
        {QStringLiteral("moderationActions"), tr("Moderation actions"), r.moderationActions,
         U::Count},
        {QStringLiteral("automodHeld"), tr("AutoMod holds"), r.automodHeld, U::Count},
        {QStringLiteral("gaps"), tr("Connection gaps"), r.gaps, U::Count},
    };
}

QString formatFigure(const NamedFigure &f)
{
    const double v = f.figure.value;
    QString text;
    switch (f.unit) {
    case NamedFigure::Unit::Seconds:
        text = duration(v);
        break;
    case NamedFigure::Unit::Share:
        text = QString::number(v * 100, 'f', 0) + QStringLiteral(" %");
        break;
    case NamedFigure::Unit::Rate:
        text = QString::number(v, 'f', 2);
        break;
    case NamedFigure::Unit::Count:
        text = v == std::floor(v) ? number(v) : QString::number(v, 'f', 1);
        break;
    }
    // "≈" marks an estimate wherever a figure is shown to a person.
    if (f.figure.estimate)
        text.prepend(QStringLiteral("\u2248 "));
    return text;
}

QList<QStringList> csvRows(const SessionReport &r)
{
    const SessionSummary &s = r.session;
    QList<QStringList> rows;
    rows << QStringList{QStringLiteral("session"), QStringLiteral("room"),
                        QStringLiteral("started"), QStringLiteral("ended"),
                        QStringLiteral("source"),  QStringLiteral("end reason"),
                        QStringLiteral("events"),  QStringLiteral("open")};
    rows << QStringList{QString::number(s.id),
                        s.roomKey,
                        iso(s.startedAt),
                        s.endedAt ? iso(*s.endedAt) : QString(),
                        s.source,
                        s.endReason,
                        QString::number(s.events),
                        yesNo(r.open)};
    rows << QStringList{};

    rows << QStringList{QStringLiteral("figure"), QStringLiteral("label"), QStringLiteral("value"),
                        QStringLiteral("estimate"), QStringLiteral("method")};
    for (const NamedFigure &f : figures(r))
        rows << QStringList{f.id, f.label, number(f.figure.value), yesNo(f.figure.estimate),
                            f.figure.method};
    rows << QStringList{};

    rows << QStringList{QStringLiteral("minute"),   QStringLiteral("joins"),
                        QStringLiteral("leaves"),   QStringLiteral("present"),
                        QStringLiteral("messages"), QStringLiteral("chatters"),
                        QStringLiteral("viewers")};
    for (const TimelinePoint &p : r.timeline)
        rows << QStringList{iso(p.minute),
                            QString::number(p.joins),
                            QString::number(p.leaves),
                            QString::number(p.present),
                            QString::number(p.messages),
                            QString::number(p.chatters),
                            p.viewers ? number(*p.viewers) : QString()};
    rows << QStringList{};

    rows << QStringList{QStringLiteral("top chatter id"), QStringLiteral("name"),
                        QStringLiteral("messages")};
    for (const TopChatter &c : r.topChatters)
        rows << QStringList{c.userId, c.name, QString::number(c.messages)};
    rows << QStringList{};

    rows << QStringList{QStringLiteral("moderator id"), QStringLiteral("name"),
                        QStringLiteral("action"), QStringLiteral("count")};
    for (const ModeratorActions &m : r.byModerator)
        for (auto it = m.byKind.cbegin(); it != m.byKind.cend(); ++it)
            rows << QStringList{m.moderatorId, m.name, it.key(), QString::number(it.value())};
    rows << QStringList{};

    rows << QStringList{QStringLiteral("retention minutes"), QStringLiteral("share")};
    for (const RetentionPoint &p : r.retention)
        rows << QStringList{QString::number(p.minutesAfterArrival), number(p.share)};
    rows << QStringList{};

    rows << QStringList{QStringLiteral("raid minute"),
                        QStringLiteral("direction"),
                        QStringLiteral("raid viewers"),
                        QStringLiteral("viewers before (sampled)"),
                        QStringLiteral("viewers after (sampled mean)"),
                        QStringLiteral("messages/min before"),
                        QStringLiteral("messages/min after")};
    for (const RaidEffect &e : r.raids)
        rows << QStringList{iso(e.minute),
                            e.incoming ? QStringLiteral("incoming") : QStringLiteral("outgoing"),
                            QString::number(e.raidViewers),
                            e.viewersBefore ? number(*e.viewersBefore) : QString(),
                            e.viewersAfter ? number(*e.viewersAfter) : QString(),
                            number(e.messagesPerMinuteBefore),
                            number(e.messagesPerMinuteAfter)};
    return rows;
}

QByteArray csv(const SessionReport &report)
{
    return util::csv::document(csvRows(report));
}

QJsonObject json(const SessionReport &r)
{
    const SessionSummary &s = r.session;
    QJsonObject session{{QStringLiteral("id"), s.id},
                        {QStringLiteral("room"), s.roomKey},
                        {QStringLiteral("startedAt"), iso(s.startedAt)},
                        {QStringLiteral("endedAt"),
                         s.endedAt ? QJsonValue(iso(*s.endedAt)) : QJsonValue(QJsonValue::Null)},
                        {QStringLiteral("source"), s.source},
                        {QStringLiteral("endReason"), s.endReason},
                        {QStringLiteral("events"), s.events},
                        {QStringLiteral("lastEventAt"), iso(s.lastEventAt)}};

    QJsonObject figs;
    for (const NamedFigure &f : figures(r))
        figs.insert(f.id, figureJson(f.figure));

    QJsonArray top;
    for (const TopChatter &c : r.topChatters)
        top.append(QJsonObject{{QStringLiteral("userId"), c.userId},
                               {QStringLiteral("name"), c.name},
                               {QStringLiteral("messages"), c.messages}});
    QJsonObject byKind;
    for (auto it = r.actionsByKind.cbegin(); it != r.actionsByKind.cend(); ++it)
        byKind.insert(it.key(), it.value());
    QJsonArray byModerator;
    for (const ModeratorActions &m : r.byModerator) {
        QJsonObject kinds;
        for (auto it = m.byKind.cbegin(); it != m.byKind.cend(); ++it)
            kinds.insert(it.key(), it.value());
        byModerator.append(QJsonObject{{QStringLiteral("moderatorId"), m.moderatorId},
                                       {QStringLiteral("name"), m.name},
                                       {QStringLiteral("byKind"), kinds},
                                       {QStringLiteral("total"), m.total}});
    }
    QJsonArray timeline;
    for (const TimelinePoint &p : r.timeline)
        timeline.append(QJsonObject{{QStringLiteral("minute"), iso(p.minute)},
                                    {QStringLiteral("joins"), p.joins},
                                    {QStringLiteral("leaves"), p.leaves},
                                    {QStringLiteral("present"), p.present},
                                    {QStringLiteral("messages"), p.messages},
                                    {QStringLiteral("chatters"), p.chatters},
                                    {QStringLiteral("viewers"), optionalNumber(p.viewers)}});
    QJsonArray retention;
    for (const RetentionPoint &p : r.retention)
        retention.append(QJsonObject{{QStringLiteral("minutes"), p.minutesAfterArrival},
                                     {QStringLiteral("share"), p.share}});
    QJsonArray raids;
    for (const RaidEffect &e : r.raids)
        raids.append(
            QJsonObject{{QStringLiteral("minute"), iso(e.minute)},
                        {QStringLiteral("incoming"), e.incoming},
                        {QStringLiteral("raidViewers"), e.raidViewers},
                        {QStringLiteral("viewersBefore"), optionalNumber(e.viewersBefore)},
                        {QStringLiteral("viewersAfter"), optionalNumber(e.viewersAfter)},
                        {QStringLiteral("messagesPerMinuteBefore"), e.messagesPerMinuteBefore},
                        {QStringLiteral("messagesPerMinuteAfter"), e.messagesPerMinuteAfter}});

    return QJsonObject{{QStringLiteral("format"), QStringLiteral("roomwarden-session-report")},
                       {QStringLiteral("version"), 1},
                       {QStringLiteral("session"), session},
                       {QStringLiteral("open"), r.open},
                       {QStringLiteral("figures"), figs},
                       {QStringLiteral("topChatters"), top},
                       {QStringLiteral("actionsByKind"), byKind},
                       {QStringLiteral("byModerator"), byModerator},
                       {QStringLiteral("timeline"), timeline},
                       {QStringLiteral("retention"), retention},
                       {QStringLiteral("raids"), raids}};
}

QByteArray jsonDocument(const SessionReport &report)
{
    return QJsonDocument(json(report)).toJson(QJsonDocument::Indented);
}

QString html(const SessionReport &r)
{
    const SessionSummary &s = r.session;
    QString out;
    out += QStringLiteral("<html><head><meta charset=\"utf-8\"><title>") +
           esc(tr("Session report")) + QStringLiteral("</title></head><body>");
    out += QStringLiteral("<h2>") + esc(tr("Session report: %1").arg(s.roomKey)) +
           QStringLiteral("</h2>");
    out += QStringLiteral("<p>") +
           esc(tr("Session %1, %2 to %3 (UTC). Source: %4; ended: %5.")
                   .arg(QString::number(s.id), iso(s.startedAt),
                        s.endedAt ? iso(*s.endedAt) : tr("still open"), s.source,
                        s.endReason.isEmpty() ? tr("not yet") : s.endReason)) +
           QStringLiteral("</p>");

    // Figures, with each estimate's method as a numbered note below the table.
    QStringList notes;
    out += QStringLiteral("<table border=\"1\" cellspacing=\"0\" cellpadding=\"3\">");
    out += QStringLiteral("<tr><th align=\"left\">") + esc(tr("Figure")) +
           QStringLiteral("</th><th align=\"right\">") + esc(tr("Value")) +
           QStringLiteral("</th><th>") + esc(tr("Note")) + QStringLiteral("</th></tr>");
    for (const NamedFigure &f : figures(r)) {
        QString note;
        if (f.figure.estimate) {
            notes << f.figure.method;
            note = tr("estimate [%1]").arg(notes.size());
        }
        out += QStringLiteral("<tr><td>") + esc(f.label) +
               QStringLiteral("</td><td align=\"right\">") + esc(formatFigure(f)) +
               QStringLiteral("</td><td>") + esc(note) + QStringLiteral("</td></tr>");
    }
    out += QStringLiteral("</table>");
    if (!notes.isEmpty()) {
        out += QStringLiteral("<p><small>");
        for (qsizetype i = 0; i < notes.size(); ++i)
            out += QStringLiteral("[%1] ").arg(i + 1) + esc(notes.at(i)) + QStringLiteral("<br>");
        out += QStringLiteral("</small></p>");
    }

    if (!r.topChatters.isEmpty()) {
        out += QStringLiteral("<h3>") + esc(tr("Top chatters")) + QStringLiteral("</h3><ol>");
        for (const TopChatter &c : r.topChatters)
            out += QStringLiteral("<li>") +
                   esc(tr("%1: %2 messages").arg(c.name, QString::number(c.messages))) +
                   QStringLiteral("</li>");
        out += QStringLiteral("</ol>");
    }
    if (!r.byModerator.isEmpty()) {
        out += QStringLiteral("<h3>") + esc(tr("Moderation")) + QStringLiteral("</h3><ul>");
        for (const ModeratorActions &m : r.byModerator) {
            QStringList kinds;
            for (auto it = m.byKind.cbegin(); it != m.byKind.cend(); ++it)
                kinds << QStringLiteral("%1 %2").arg(it.key()).arg(it.value());
            out +=
                QStringLiteral("<li>") +
                esc(tr("%1: %2 (%3)")
                        .arg(m.name, QString::number(m.total), kinds.join(QStringLiteral(", ")))) +
                QStringLiteral("</li>");
        }
        out += QStringLiteral("</ul>");
    }
    if (!r.raids.isEmpty()) {
        out += QStringLiteral("<h3>") + esc(tr("Raids")) + QStringLiteral("</h3><ul>");
        for (const RaidEffect &e : r.raids)
            out += QStringLiteral("<li>") +
                   esc(tr("%1 %2 with %3 viewers; viewers before \u2248 %4, after \u2248 %5 "
                          "(sampled); messages per minute %6 before, %7 after.")
                           .arg(iso(e.minute), e.incoming ? tr("incoming") : tr("outgoing"),
                                QString::number(e.raidViewers),
                                e.viewersBefore ? number(*e.viewersBefore) : tr("unknown"),
                                e.viewersAfter ? number(*e.viewersAfter) : tr("unknown"),
                                QString::number(e.messagesPerMinuteBefore, 'f', 1),
                                QString::number(e.messagesPerMinuteAfter, 'f', 1))) +
                   QStringLiteral("</li>");
        out += QStringLiteral("</ul>");
    }
    out += QStringLiteral("<p><small>") +
           esc(tr("Made by Roomwarden from data kept on this computer only. \u2248 marks an "
                  "estimate.")) +
           QStringLiteral("</small></p></body></html>");
    return out;
}

bool writeCsv(const QString &path, const SessionReport &report, QString *error)
{
    return util::csv::writeFile(path, csvRows(report), error);
}

bool writeJson(const QString &path, const SessionReport &report, QString *error)
{
    return writeAtomically(path, jsonDocument(report), error);
}

bool writeHtml(const QString &path, const SessionReport &report, QString *error)
{
    return writeAtomically(path, html(report).toUtf8(), error);
}

} // namespace roomwarden::analytics::exporting
