// The Analytics area against a real store file: the session list, and for the selected session
// charts whose points are the report's timeline, raids and retention curve.
#include "core/analytics/EventStore.h"
#include "core/analytics/SessionMetrics.h"
#include "ui/AnalyticsPage.h"
#include "ui/EmptyState.h"

#include "TestMain.h"

#include <QChart>
#include <QChartView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QXYSeries>

using namespace roomwarden;
using K = model::RoomEventKind;

namespace {

const QByteArray kKey(32, '\x17');
const QDateTime kStart(QDate(2026, 7, 3), QTime(19, 0), Qt::UTC);
int g_ids = 0;

model::RoomEvent ev(const QString &room, K kind, int at, const QString &actor = {},
                    std::optional<qint64> count = std::nullopt)
{
    model::RoomEvent e;
    e.kind = kind;
    e.eventId = QStringLiteral("a-%1").arg(++g_ids);
    e.roomKey = room;
    e.occurredAt = kStart.addSecs(at);
    e.actorId = actor;
    e.actorName = actor.isEmpty() ? QString() : QStringLiteral("<b>") + actor;
    e.count = count;
    return e;
}

// Two rooms: "twitch:<i>1</i>" with a 30-minute stream, a raid and viewer samples; then
// "twitch:2" an hour later with a short one.
void record(const QString &path)
{
    auto store = analytics::EventStore::open(path, storage::FieldCipher(kKey));
    QVERIFY(store.ok());
    const QString a = QStringLiteral("twitch:<i>1</i>");
    QList<model::RoomEvent> s{ev(a, K::StreamOnline, 0)};
    for (int m = 0; m < 30; m += 3)
        s << ev(a, K::ViewerCountSample, m * 60 + 5, {}, 10 + m);
    for (int i = 0; i < 6; ++i)
        s << ev(a, K::ParticipantJoined, 30 + i * 120, QStringLiteral("u%1").arg(i));
    for (int i = 0; i < 40; ++i)
        s << ev(a, K::ChatMessage, 40 + i * 37, QStringLiteral("u%1").arg(i % 6));
    s << ev(a, K::ParticipantLeft, 20 * 60, QStringLiteral("u0"));
    s << ev(a, K::RaidIncoming, 12 * 60, QStringLiteral("raider"), 25);
    s << ev(a, K::StreamOffline, 30 * 60);
    const QString b = QStringLiteral("twitch:2");
    s << ev(b, K::StreamOnline, 3600) << ev(b, K::ChatMessage, 3660, QStringLiteral("v"))
      << ev(b, K::StreamOffline, 3900);
    (*store)->append(s);
    QVERIFY((*store)->flushAndWait());
}

QXYSeries *series(QChartView *view, const QString &name)
{
    for (QAbstractSeries *s : view->chart()->series())
        if (s->objectName() == name)
            return qobject_cast<QXYSeries *>(s);
    return nullptr;
}

} // namespace

class TestAnalyticsPage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void emptyWithoutSessions();
    void chartsFollowTheSelectedSession();
};

void TestAnalyticsPage::emptyWithoutSessions()
{
    ui::AnalyticsPage page;
    page.setMetrics(nullptr);
    auto *stack = page.findChild<QStackedWidget *>(QStringLiteral("analytics.stack"));
    QVERIFY(stack);
    QCOMPARE(stack->currentWidget(), page.emptyState());
    QCOMPARE(page.selectedSession(), 0);
    QVERIFY(!page.report());
}

void TestAnalyticsPage::chartsFollowTheSelectedSession()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("analytics.sqlite"));
    record(path);
    if (QTest::currentTestFailed())
        return;
    auto metrics = analytics::SessionMetrics::open(path, storage::FieldCipher(kKey));
    QVERIFY(metrics.ok());
    auto sessions = (*metrics)->listSessions();
    QVERIFY(sessions.ok());
    QCOMPARE(sessions->size(), 2);

    ui::AnalyticsPage page;
    page.resize(1000, 800);
    page.show();
    page.setMetrics(metrics->get());
    auto *stack = page.findChild<QStackedWidget *>(QStringLiteral("analytics.stack"));
    QVERIFY(stack->currentWidget() != page.emptyState());
    auto *list = page.findChild<QListWidget *>(QStringLiteral("analytics.sessions"));
    QVERIFY(list);
    QCOMPARE(list->count(), 2);
    // Newest first, selected by default; the hostile room key is shown verbatim.
    QCOMPARE(page.selectedSession(), sessions->at(0).id);
    QVERIFY(list->item(1)->text().startsWith(QStringLiteral("twitch:<i>1</i>")));

    // Select the long session by clicking it in the list.
    const QRect rect = list->visualItemRect(list->item(1));
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(page.selectedSession(), sessions->at(1).id);
    QVERIFY(page.report());
    auto expected = (*metrics)->compute(sessions->at(1).id);
    QVERIFY(expected.ok());
    const analytics::SessionReport &r = *expected;
    QCOMPARE(page.report()->session.id, r.session.id);

    auto *audience = page.findChild<QChartView *>(QStringLiteral("analytics.audience"));
    auto *chat = page.findChild<QChartView *>(QStringLiteral("analytics.chat"));
    auto *retention = page.findChild<QChartView *>(QStringLiteral("analytics.retention"));
    QVERIFY(audience && chat && retention);

    qsizetype sampled = 0;
    for (const analytics::TimelinePoint &p : r.timeline)
        sampled += p.viewers ? 1 : 0;
    QCOMPARE(sampled, 10);
    QXYSeries *viewers = series(audience, QStringLiteral("analytics.series.viewers"));
    QVERIFY(viewers);
    QCOMPARE(viewers->count(), sampled);
    QVERIFY(viewers->name().contains(QStringLiteral("\u2248")));
    QXYSeries *raids = series(audience, QStringLiteral("analytics.series.raids"));
    QVERIFY(raids);
    QCOMPARE(raids->count(), r.raids.size());
    QCOMPARE(raids->count(), 1);
    QCOMPARE(qint64(raids->at(0).x()), r.raids.first().minute.toMSecsSinceEpoch());

    QXYSeries *messages = series(chat, QStringLiteral("analytics.series.messages"));
    QVERIFY(messages);
    QCOMPARE(messages->count(), r.timeline.size());
    double total = 0;
    for (const QPointF &p : messages->points())
        total += p.y();
    QCOMPARE(total, 40.0);

    QXYSeries *curve = series(retention, QStringLiteral("analytics.series.retention"));
    QVERIFY(curve);
    QCOMPARE(curve->count(), r.retention.size());
    QVERIFY(curve->count() > 1);
    QCOMPARE(curve->at(0).y(), r.retention.first().share * 100);

    // Figures: estimates are marked and their methods are in the tooltip; plain text only.
    auto *figures = page.findChild<QLabel *>(QStringLiteral("analytics.figures"));
    QVERIFY(figures);
    QCOMPARE(figures->textFormat(), Qt::PlainText);
    QVERIFY(figures->text().contains(QStringLiteral("\u2248")));
    QVERIFY(figures->toolTip().contains(r.peakViewers.method));

    // Back to the short session: the charts follow.
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                      list->visualItemRect(list->item(0)).center());
    QCOMPARE(page.selectedSession(), sessions->at(0).id);
    messages = series(chat, QStringLiteral("analytics.series.messages"));
    QVERIFY(messages);
    QCOMPARE(messages->count(), page.report()->timeline.size());
    QCOMPARE(series(audience, QStringLiteral("analytics.series.raids"))->count(), 0);

    // "Forget this session" asks for the selected one; the page itself deletes nothing.
    auto *forget = page.findChild<QPushButton *>(QStringLiteral("analytics.forgetSession"));
    QVERIFY(forget && forget->isEnabled());
    QSignalSpy asked(&page, &ui::AnalyticsPage::forgetSessionRequested);
    QTest::mouseClick(forget, Qt::LeftButton);
    QCOMPARE(asked.size(), 1);
    QCOMPARE(asked.first().first().toLongLong(), sessions->at(0).id);
    QCOMPARE((*metrics)->listSessions()->size(), 2);
}

ROOMWARDEN_TEST_MAIN_GUI(TestAnalyticsPage)
#include "TestAnalyticsPage.moc"
