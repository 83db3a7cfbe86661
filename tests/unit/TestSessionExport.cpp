// CSV, JSON and HTML exports of a session recorded in a real store file (real SQLite, real
// encryption), with hostile chatter names: they must come back exactly (JSON), as text with
// formula cells neutralised (CSV), and escaped (HTML).
#include "core/analytics/EventStore.h"
#include "core/analytics/SessionExport.h"
#include "core/analytics/SessionMetrics.h"

#include "TestMain.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

using namespace roomwarden;
using analytics::EventStore;
using analytics::SessionMetrics;
using K = model::RoomEventKind;
namespace ex = analytics::exporting;

namespace {

const QByteArray kKey(32, '\x42');
const QString kRoom = QStringLiteral("twitch:=1+1");
const QDateTime kStart(QDate(2026, 4, 2), QTime(18, 0), Qt::UTC);
int g_ids = 0;

model::RoomEvent ev(K kind, int atSeconds, const QString &actor = {}, const QString &name = {})
{
    model::RoomEvent e;
    e.kind = kind;
    e.eventId = QStringLiteral("x-%1").arg(++g_ids);
    e.roomKey = kRoom;
    e.occurredAt = kStart.addSecs(atSeconds);
    e.actorId = actor;
    e.actorName = name;
    return e;
}

model::RoomEvent withCount(model::RoomEvent e, qint64 n)
{
    e.count = n;
    return e;
}

// Records a 20-minute stream in which `hostile` (id "u-h") is the top chatter and a moderator
// with the same name bans someone; returns the computed report.
analytics::SessionReport recordAndCompute(const QString &path, const QString &hostile)
{
    {
        auto store = EventStore::open(path, storage::FieldCipher(kKey));
        if (!store)
            qFatal("store: %s", qPrintable(store.error->message));
        QList<model::RoomEvent> script{
            ev(K::StreamOnline, 0), withCount(ev(K::ViewerCountSample, 5), 12),
            ev(K::ParticipantJoined, 10, QStringLiteral("u-h"), hostile),
            ev(K::ParticipantJoined, 20, QStringLiteral("u-b"), QStringLiteral("Bob"))};
        for (int i = 0; i < 6; ++i)
            script << ev(K::ChatMessage, 60 + i * 90, QStringLiteral("u-h"), hostile);
        script << ev(K::ChatMessage, 300, QStringLiteral("u-b"), QStringLiteral("Bob"));
        model::RoomEvent ban = ev(K::UserBanned, 400, QStringLiteral("m-h"), hostile);
        ban.targetId = QStringLiteral("u-z");
        ban.targetName = QStringLiteral("Zed");
        script << ban;
        script << withCount(ev(K::RaidIncoming, 600, QStringLiteral("raider")), 30);
        script << withCount(ev(K::ViewerCountSample, 11 * 60), 40);
        script << ev(K::ParticipantLeft, 15 * 60, QStringLiteral("u-b"));
        script << ev(K::StreamOffline, 20 * 60);
        (*store)->append(script);
        if (!(*store)->flushAndWait())
            qFatal("flush failed");
    }
    auto metrics = SessionMetrics::open(path, storage::FieldCipher(kKey));
    if (!metrics)
        qFatal("metrics: %s", qPrintable(metrics.error->message));
    auto sessions = (*metrics)->listSessions();
    if (!sessions || sessions->isEmpty())
        qFatal("no session");
    auto report = (*metrics)->compute(sessions->first().id);
    if (!report)
        qFatal("compute: %s", qPrintable(report.error->message));
    return *report;
}

// An independent RFC 4180 reader (not util::csv), so the export is checked against the
// grammar, not against the writer.
QList<QStringList> parseCsv(const QString &text)
{
    QList<QStringList> rows;
    QStringList row;
    QString cell;
    bool quoted = false;
    bool started = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text.at(i + 1) == u'"') {
                cell += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                cell += c;
            }
        } else if (c == u'"' && !started) {
            quoted = started = true;
        } else if (c == u',') {
            row << cell;
            cell.clear();
            started = false;
        } else if (c == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n') {
            if (started || !row.isEmpty())
                row << cell;
            rows << row;
            row.clear();
            cell.clear();
            started = false;
            ++i;
        } else {
            cell += c;
            started = true;
        }
    }
    return rows;
}

// The rows of the block whose header row starts with `header`, up to the next empty row.
QList<QStringList> block(const QList<QStringList> &rows, const QString &header)
{
    QList<QStringList> out;
    bool in = false;
    for (const QStringList &row : rows) {
        if (!in) {
            in = !row.isEmpty() && row.first() == header;
            continue;
        }
        if (row.isEmpty())
            break;
        out << row;
    }
    return out;
}

bool startsLikeFormula(const QString &s)
{
    return !s.isEmpty() && QStringLiteral("=+-@\t\r").contains(s.front());
}

} // namespace

class TestSessionExport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void hostileNamesSurviveEveryFormat_data();
    void hostileNamesSurviveEveryFormat();
    void everyFigureCarriesItsEstimateAndMethod();
    void filesAreWrittenAndUnwritablePathsSayWhy();
};

void TestSessionExport::hostileNamesSurviveEveryFormat_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("dde formula") << QStringLiteral("=cmd|' /C calc'!A0");
    QTest::newRow("plus") << QStringLiteral("+SUM(A1:A9)");
    QTest::newRow("minus") << QStringLiteral("-2+3");
    QTest::newRow("at") << QStringLiteral("@HYPERLINK(\"http://evil\")");
    QTest::newRow("quotes and commas") << QStringLiteral("Ann \"the, quoted\" O'Hara");
    QTest::newRow("newlines") << QStringLiteral("two\r\nlines\nhere");
    QTest::newRow("markup") << QStringLiteral("<script>alert('x')</script><b>&amp;</b>");
    QTest::newRow("unicode") << QStringLiteral("Zo\u00eb \U0001F600 \u202Eevil");
}

void TestSessionExport::hostileNamesSurviveEveryFormat()
{
    QFETCH(QString, name);
    QTemporaryDir dir;
    const analytics::SessionReport report =
        recordAndCompute(dir.filePath(QStringLiteral("analytics.sqlite")), name);
    QVERIFY(!report.topChatters.isEmpty());
    QCOMPARE(report.topChatters.first().name, name);

    // JSON: exactly the same string back, and the room key too.
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(ex::jsonDocument(report), &err);
    QCOMPARE(err.error, QJsonParseError::NoError);
    const QJsonObject o = doc.object();
    QCOMPARE(o.value(QStringLiteral("session")).toObject().value(QStringLiteral("room")).toString(),
             kRoom);
    const QJsonObject top = o.value(QStringLiteral("topChatters")).toArray().first().toObject();
    QCOMPARE(top.value(QStringLiteral("name")).toString(), name);
    QCOMPARE(top.value(QStringLiteral("messages")).toInteger(), 6);
    const QJsonObject mod = o.value(QStringLiteral("byModerator")).toArray().first().toObject();
    QCOMPARE(mod.value(QStringLiteral("name")).toString(), name);

    // CSV: the name is one cell, with a leading apostrophe only when it starts like a formula;
    // no cell anywhere starts like a formula.
    const QList<QStringList> rows = parseCsv(QString::fromUtf8(ex::csv(report)));
    const QString expected = startsLikeFormula(name) ? QStringLiteral("'") + name : name;
    const QList<QStringList> chatters = block(rows, QStringLiteral("top chatter id"));
    QVERIFY(!chatters.isEmpty());
    QCOMPARE(chatters.first(), (QStringList{QStringLiteral("u-h"), expected, QStringLiteral("6")}));
    const QList<QStringList> mods = block(rows, QStringLiteral("moderator id"));
    QCOMPARE(mods.size(), 1);
    QCOMPARE(mods.first().at(1), expected);
    QCOMPARE(block(rows, QStringLiteral("session")).first().at(1), kRoom);
    for (const QStringList &row : rows)
        for (const QString &cell : row)
            QVERIFY2(!startsLikeFormula(cell), qPrintable(cell));

    // HTML: the name only in escaped form; no markup from it.
    const QString html = ex::html(report);
    QVERIFY(html.contains(name.toHtmlEscaped()));
    if (name.contains(u'<'))
        QVERIFY(!html.contains(name));
    QVERIFY(!html.contains(QStringLiteral("<script")));
}

void TestSessionExport::everyFigureCarriesItsEstimateAndMethod()
{
    QTemporaryDir dir;
    const analytics::SessionReport report =
        recordAndCompute(dir.filePath(QStringLiteral("analytics.sqlite")), QStringLiteral("Ann"));
    const QList<analytics::NamedFigure> figures = ex::figures(report);
    QCOMPARE(figures.size(), 21);
    // The fixture has at least one estimate (peak viewers is sampled) and one exact count.
    QVERIFY(report.peakViewers.estimate);
    QCOMPARE(report.peakViewers.value, 40.0);
    QVERIFY(!report.chatMessages.estimate);
    QCOMPARE(report.chatMessages.value, 7.0);

    const QList<QStringList> rows = parseCsv(QString::fromUtf8(ex::csv(report)));
    const QList<QStringList> figRows = block(rows, QStringLiteral("figure"));
    QCOMPARE(figRows.size(), figures.size());
    const QJsonObject jsonFigures = ex::json(report).value(QStringLiteral("figures")).toObject();
    QCOMPARE(jsonFigures.size(), figures.size());
    for (qsizetype i = 0; i < figures.size(); ++i) {
        const analytics::NamedFigure &f = figures.at(i);
        const QStringList &row = figRows.at(i);
        QCOMPARE(row.size(), 5);
        QCOMPARE(row.at(0), f.id);
        QCOMPARE(row.at(2).toDouble(), f.figure.value);
        QCOMPARE(row.at(3), f.figure.estimate ? QStringLiteral("yes") : QStringLiteral("no"));
        QCOMPARE(row.at(4), f.figure.method);
        if (f.figure.estimate) {
            QVERIFY2(!f.figure.method.isEmpty(), qPrintable(f.id));
            QVERIFY(ex::formatFigure(f).startsWith(QStringLiteral("\u2248")));
        }
        const QJsonObject jf = jsonFigures.value(f.id).toObject();
        QCOMPARE(jf.value(QStringLiteral("value")).toDouble(), f.figure.value);
        QCOMPARE(jf.value(QStringLiteral("estimate")).toBool(), f.figure.estimate);
        QCOMPARE(jf.value(QStringLiteral("method")).toString(), f.figure.method);
    }

    // The timeline: one CSV row and one JSON entry per minute, with the same numbers.
    QVERIFY(report.timeline.size() >= 5);
    const QList<QStringList> minutes = block(rows, QStringLiteral("minute"));
    const QJsonArray jsonTimeline = ex::json(report).value(QStringLiteral("timeline")).toArray();
    QCOMPARE(minutes.size(), report.timeline.size());
    QCOMPARE(jsonTimeline.size(), report.timeline.size());
    qint64 messages = 0;
    for (qsizetype i = 0; i < minutes.size(); ++i) {
        const analytics::TimelinePoint &p = report.timeline.at(i);
        QCOMPARE(QDateTime::fromString(minutes.at(i).at(0), Qt::ISODateWithMs), p.minute);
        QCOMPARE(minutes.at(i).at(4).toLongLong(), p.messages);
        QCOMPARE(jsonTimeline.at(i).toObject().value(QStringLiteral("messages")).toInteger(),
                 p.messages);
        messages += minutes.at(i).at(4).toLongLong();
    }
    QCOMPARE(messages, 7);
    QCOMPARE(block(rows, QStringLiteral("raid minute")).size(), report.raids.size());
    QCOMPARE(block(rows, QStringLiteral("retention minutes")).size(), report.retention.size());

    // The HTML report states every estimate's method.
    const QString html = ex::html(report);
    for (const analytics::NamedFigure &f : figures)
        if (f.figure.estimate)
            QVERIFY2(html.contains(f.figure.method.toHtmlEscaped()), qPrintable(f.id));
}

void TestSessionExport::filesAreWrittenAndUnwritablePathsSayWhy()
{
    QTemporaryDir dir;
    const analytics::SessionReport report =
        recordAndCompute(dir.filePath(QStringLiteral("analytics.sqlite")), QStringLiteral("=1"));
    QString error;
    const QString csvPath = dir.filePath(QStringLiteral("s.csv"));
    const QString jsonPath = dir.filePath(QStringLiteral("s.json"));
    QVERIFY2(ex::writeCsv(csvPath, report, &error), qPrintable(error));
    QVERIFY2(ex::writeJson(jsonPath, report, &error), qPrintable(error));
    QFile csvFile(csvPath);
    QVERIFY(csvFile.open(QIODevice::ReadOnly));
    QCOMPARE(csvFile.readAll(), ex::csv(report));
    QFile jsonFile(jsonPath);
    QVERIFY(jsonFile.open(QIODevice::ReadOnly));
    QCOMPARE(jsonFile.readAll(), ex::jsonDocument(report));

    const QString bad = dir.filePath(QStringLiteral("no/such/folder/s.json"));
    QVERIFY(!ex::writeJson(bad, report, &error));
    QVERIFY(error.contains(QStringLiteral("s.json")));
    QVERIFY(!QFile::exists(bad));
}

ROOMWARDEN_TEST_MAIN_CORE(TestSessionExport)
#include "TestSessionExport.moc"
