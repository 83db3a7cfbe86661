#include "ui/AnalyticsPage.h"

#include "core/analytics/SessionExport.h"
#include "core/analytics/SessionMetrics.h"
#include "ui/EmptyState.h"

#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QListWidget>
#include <QPushButton>
#include <QScatterSeries>
#include <QSplitter>
#include <QStackedWidget>
#include <QToolTip>
#include <QValueAxis>
#include <QVBoxLayout>

namespace roomwarden::ui {

namespace {

QChartView *makeChartView(const QString &name, QWidget *parent)
{
    auto *view = new QChartView(parent);
    view->setObjectName(name);
    // QGraphicsView replaces the scroll area's (named) viewport with an unnamed widget.
    view->viewport()->setObjectName(name + QStringLiteral(".viewport"));
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(160);
    view->chart()->legend()->setAlignment(Qt::AlignBottom);
    return view;
}

// Replaces the chart's series and axes. Series are owned by the chart once added.
void resetChart(QChartView *view, const QString &title)
{
    QChart *chart = view->chart();
    chart->removeAllSeries();
    for (QAbstractAxis *axis : chart->axes()) {
        chart->removeAxis(axis);
        delete axis;
    }
    chart->setTitle(title);
}

void attach(QChart *chart, QAbstractSeries *series, QAbstractAxis *x, QAbstractAxis *y)
{
    chart->addSeries(series);
    series->attachAxis(x);
    series->attachAxis(y);
}

QString hoverText(const QString &what, const QPointF &p, bool time)
{
    const QString at = time ? QDateTime::fromMSecsSinceEpoch(qint64(p.x()), Qt::UTC)
                                  .toString(QStringLiteral("HH:mm"))
                            : QString::number(p.x());
    return QStringLiteral("%1 %2: %3").arg(what, at, QString::number(p.y(), 'f', 1));
}

} // namespace

AnalyticsPage::AnalyticsPage(QWidget *parent)
    : QWidget(parent), m_stack(new QStackedWidget(this)),
      m_empty(new EmptyState(
          QStringLiteral("area.analytics"), tr("No sessions recorded"),
          tr("When a room you moderate goes live, Roomwarden records what happens on this "
             "computer only and shows how the session went: viewers, chat, follows, raids and "
             "moderation."),
          m_stack)),
      m_sessions(new QListWidget(this)), m_forget(new QPushButton(tr("Forget this session"), this)),
      m_figures(new QLabel(this)),
      m_audience(makeChartView(QStringLiteral("analytics.audience"), this)),
      m_chat(makeChartView(QStringLiteral("analytics.chat"), this)),
      m_retention(makeChartView(QStringLiteral("analytics.retention"), this))
{
    // The navigation's area name: MainWindow and its tests find the area by it.
    setObjectName(QStringLiteral("area.analytics"));
    m_stack->setObjectName(QStringLiteral("analytics.stack"));
    m_sessions->setObjectName(QStringLiteral("analytics.sessions"));
    m_forget->setObjectName(QStringLiteral("analytics.forgetSession"));
    m_forget->setToolTip(tr("Delete everything recorded in the selected session from this "
                            "computer."));
    m_forget->setEnabled(false);
    m_figures->setObjectName(QStringLiteral("analytics.figures"));
    m_figures->setTextFormat(Qt::PlainText);
    m_figures->setWordWrap(true);
    m_figures->setAlignment(Qt::AlignTop | Qt::AlignLeft);

    auto *content = new QSplitter(m_stack);
    content->setObjectName(QStringLiteral("analytics.content"));
    auto *sessionsPane = new QWidget(content);
    sessionsPane->setObjectName(QStringLiteral("analytics.sessionsPane"));
    auto *sessionsLayout = new QVBoxLayout(sessionsPane);
    sessionsLayout->setContentsMargins(0, 0, 0, 0);
    sessionsLayout->addWidget(m_sessions);
    sessionsLayout->addWidget(m_forget);
    content->addWidget(sessionsPane);
    auto *detail = new QWidget(content);
    detail->setObjectName(QStringLiteral("analytics.detail"));
    auto *detailLayout = new QVBoxLayout(detail);
    detailLayout->addWidget(m_figures);
    detailLayout->addWidget(m_audience, 2);
    detailLayout->addWidget(m_chat, 1);
    detailLayout->addWidget(m_retention, 1);
    content->addWidget(detail);
    content->setStretchFactor(1, 3);

    m_stack->addWidget(m_empty);
    m_stack->addWidget(content);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    connect(m_forget, &QPushButton::clicked, this, [this] {
        if (const qint64 id = selectedSession())
            Q_EMIT forgetSessionRequested(id);
    });
    connect(m_sessions, &QListWidget::currentRowChanged, this, [this](int row) {
        m_forget->setEnabled(row >= 0);
        if (row < 0)
            return;
        showSession(m_sessions->item(row)->data(Qt::UserRole).toLongLong());
    });
}

void AnalyticsPage::setMetrics(analytics::SessionMetrics *metrics)
{
    m_metrics = metrics;
    refresh();
}

void AnalyticsPage::refresh()
{
    const qint64 previous = selectedSession();
    m_sessions->blockSignals(true);
    m_sessions->clear();
    m_sessions->blockSignals(false);
    m_forget->setEnabled(false);
    m_report.reset();
    QList<analytics::SessionSummary> sessions;
    if (m_metrics) {
        auto listed = m_metrics->listSessions();
        if (listed)
            sessions = *listed;
        else
            Q_EMIT errorOccurred(listed.error->message);
    }
    m_stack->setCurrentIndex(sessions.isEmpty() ? 0 : 1);
    if (sessions.isEmpty())
        return;
    m_sessions->blockSignals(true);
    for (const analytics::SessionSummary &s : sessions) {
        // QListWidget items are plain text: a room name with markup shows verbatim.
        auto *item = new QListWidgetItem(
            tr("%1 — %2 (%3 events)")
                .arg(s.roomKey, QLocale().toString(s.startedAt.toLocalTime(), QLocale::ShortFormat),
                     QString::number(s.events)),
            m_sessions);
        item->setData(Qt::UserRole, s.id);
        if (!s.endedAt)
            item->setToolTip(tr("Still being recorded"));
    }
    m_sessions->blockSignals(false);
    if (previous == 0 || !selectSession(previous))
        m_sessions->setCurrentRow(0);
}

bool AnalyticsPage::selectSession(qint64 sessionId)
{
    for (int row = 0; row < m_sessions->count(); ++row) {
        if (m_sessions->item(row)->data(Qt::UserRole).toLongLong() == sessionId) {
            if (m_sessions->currentRow() == row)
                showSession(sessionId);
            else
                m_sessions->setCurrentRow(row);
            return true;
        }
    }
    return false;
}

qint64 AnalyticsPage::selectedSession() const
{
    const QListWidgetItem *item = m_sessions->currentItem();
    return item ? item->data(Qt::UserRole).toLongLong() : 0;
}

void AnalyticsPage::showSession(qint64 sessionId)
{
    if (!m_metrics)
        return;
    // compute() reads only the rollups: milliseconds even for a session of a million events.
    auto computed = m_metrics->compute(sessionId);
    if (!computed) {
        m_report.reset();
        Q_EMIT errorOccurred(computed.error->message);
        return;
    }
    m_report = *computed;
    showReport(*m_report);
}

void AnalyticsPage::showReport(const analytics::SessionReport &report)
{
    // Figures: "≈" marks an estimate; the tooltip says how each was computed.
    QStringList lines;
    QStringList methods;
    for (const analytics::NamedFigure &f : analytics::exporting::figures(report)) {
        lines << tr("%1: %2").arg(f.label, analytics::exporting::formatFigure(f));
        if (f.figure.estimate)
            methods << tr("%1 (estimate): %2").arg(f.label, f.figure.method);
    }
    m_figures->setText(lines.join(QStringLiteral("   ")));
    m_figures->setToolTip(methods.join(u'\n'));

    // Audience over time, with raids as markers.
    resetChart(m_audience, tr("Audience (≈ viewer count sampled about once a minute)"));
    QChart *audience = m_audience->chart();
    auto *timeAxis = new QDateTimeAxis;
    timeAxis->setFormat(QStringLiteral("HH:mm"));
    auto *viewersAxis = new QValueAxis;
    viewersAxis->setLabelFormat(QStringLiteral("%d"));
    audience->addAxis(timeAxis, Qt::AlignBottom);
    audience->addAxis(viewersAxis, Qt::AlignLeft);
    auto *viewers = new QLineSeries;
    viewers->setObjectName(QStringLiteral("analytics.series.viewers"));
    viewers->setName(tr("Viewers (≈)"));
    auto *present = new QLineSeries;
    present->setObjectName(QStringLiteral("analytics.series.present"));
    present->setName(tr("Present (joins − leaves)"));
    double top = 1;
    for (const analytics::TimelinePoint &p : report.timeline) {
        const double x = double(p.minute.toMSecsSinceEpoch());
        if (p.viewers) {
            viewers->append(x, *p.viewers);
            top = std::max(top, *p.viewers);
        }
        present->append(x, double(p.present));
        top = std::max(top, double(p.present));
    }
    auto *raids = new QScatterSeries;
    raids->setObjectName(QStringLiteral("analytics.series.raids"));
    raids->setName(tr("Raids"));
    raids->setMarkerSize(12);
    for (const analytics::RaidEffect &raid : report.raids) {
        const double y = raid.viewersAfter.value_or(raid.viewersBefore.value_or(0));
        raids->append(double(raid.minute.toMSecsSinceEpoch()), y);
        top = std::max(top, y);
    }
    attach(audience, viewers, timeAxis, viewersAxis);
    attach(audience, present, timeAxis, viewersAxis);
    attach(audience, raids, timeAxis, viewersAxis);
    viewersAxis->setRange(0, top * 1.1);
    if (!report.timeline.isEmpty())
        timeAxis->setRange(report.timeline.constFirst().minute,
                           report.timeline.constLast().minute.addSecs(60));

    // Chat rate.
    resetChart(m_chat, tr("Chat messages per minute"));
    QChart *chat = m_chat->chart();
    auto *chatTime = new QDateTimeAxis;
    chatTime->setFormat(QStringLiteral("HH:mm"));
    auto *chatAxis = new QValueAxis;
    chatAxis->setLabelFormat(QStringLiteral("%d"));
    chat->addAxis(chatTime, Qt::AlignBottom);
    chat->addAxis(chatAxis, Qt::AlignLeft);
    auto *messages = new QLineSeries;
    messages->setObjectName(QStringLiteral("analytics.series.messages"));
    messages->setName(tr("Messages"));
    double chatTop = 1;
    for (const analytics::TimelinePoint &p : report.timeline) {
        messages->append(double(p.minute.toMSecsSinceEpoch()), double(p.messages));
        chatTop = std::max(chatTop, double(p.messages));
    }
    attach(chat, messages, chatTime, chatAxis);
    chatAxis->setRange(0, chatTop * 1.1);
    if (!report.timeline.isEmpty())
        chatTime->setRange(report.timeline.constFirst().minute,
                           report.timeline.constLast().minute.addSecs(60));

    // Retention: the share of people who stayed at least k minutes.
    resetChart(m_retention, tr("Retention"));
    QChart *retentionChart = m_retention->chart();
    auto *minutesAxis = new QValueAxis;
    minutesAxis->setTitleText(tr("minutes after arrival"));
    minutesAxis->setLabelFormat(QStringLiteral("%d"));
    auto *shareAxis = new QValueAxis;
    shareAxis->setRange(0, 100);
    shareAxis->setLabelFormat(QStringLiteral("%d %%"));
    retentionChart->addAxis(minutesAxis, Qt::AlignBottom);
    retentionChart->addAxis(shareAxis, Qt::AlignLeft);
    auto *retention = new QLineSeries;
    retention->setObjectName(QStringLiteral("analytics.series.retention"));
    retention->setName(tr("People still present (%)"));
    for (const analytics::RetentionPoint &p : report.retention)
        retention->append(p.minutesAfterArrival, p.share * 100);
    attach(retentionChart, retention, minutesAxis, shareAxis);
    minutesAxis->setRange(0, report.retention.isEmpty()
                                 ? 1
                                 : std::max(1, report.retention.constLast().minutesAfterArrival));

    // Hover details.
    const auto hover = [](QXYSeries *series, const QString &what, bool time) {
        connect(series, &QXYSeries::hovered, series, [what, time](const QPointF &p, bool state) {
            if (state)
                QToolTip::showText(QCursor::pos(), hoverText(what, p, time));
            else
                QToolTip::hideText();
        });
    };
    hover(viewers, tr("Viewers ≈"), true);
    hover(present, tr("Present"), true);
    hover(raids, tr("Raid, viewers after ≈"), true);
    hover(messages, tr("Messages"), true);
    hover(retention, tr("Still present after minutes"), false);
}

} // namespace roomwarden::ui
