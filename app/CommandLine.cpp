#include "app/CommandLine.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <limits>

namespace roomwarden::app {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("roomwarden::app::CommandLine", text);
}

std::optional<qint64> parseNumber(const QString &text, qint64 min, qint64 max)
{
    bool ok = false;
    const qint64 v = text.toLongLong(&ok);
    if (!ok || v < min || v > max)
        return std::nullopt;
    return v;
}
} // namespace

QStringList demoScenarios()
{
    return {QStringLiteral("calm"),      QStringLiteral("raid"),    QStringLiteral("hate-raid"),
            QStringLiteral("spam-wave"), QStringLiteral("automod"), QStringLiteral("other-mods")};
}

ParseResult parseReportCommandLine(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("roomwarden report: write the report of a recorded session to a file, without a "
           "window.\n\nExit codes: 0 written; 1 the file could not be written; 2 bad command "
           "line; 3 no analytics database (or it cannot be read); 4 no such session or room; "
           "5 the data key is not available from the keychain."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  tr("Show this help."));
    const QCommandLineOption profile(QStringLiteral("profile"),
                                     tr("Read the data of the profile in DIR."), tr("DIR"));
    const QCommandLineOption demo(QStringLiteral("demo"),
                                  tr("Report on the demo room's data instead of real rooms."));
    const QCommandLineOption room(QStringLiteral("room"),
                                  tr("Room key, e.g. twitch:1234 (default: the room of the most "
                                     "recent session)."),
                                  tr("room"));
    const QCommandLineOption session(QStringLiteral("session"),
                                     tr("\"latest\" or a session id (default: latest)."), tr("id"),
                                     QStringLiteral("latest"));
    const QCommandLineOption format(QStringLiteral("format"), tr("csv, json, html or pdf."),
                                    tr("format"));
    const QCommandLineOption out(QStringLiteral("out"), tr("The file to write."), tr("FILE"));
    parser.addOptions({help, profile, demo, room, session, format, out});

    ParseResult result;
    result.helpText = parser.helpText();
    if (!parser.parse(arguments)) {
        result.error = parser.errorText();
        return result;
    }
    Options o;
    o.mode = Options::Mode::Report;
    if (parser.isSet(help)) {
        o.mode = Options::Mode::Help;
        result.options = o;
        return result;
    }
    if (!parser.positionalArguments().isEmpty()) {
        result.error = tr("Unexpected argument: %1").arg(parser.positionalArguments().constFirst());
        return result;
    }
    o.profileDir = parser.value(profile);
    if (parser.isSet(profile) && o.profileDir.trimmed().isEmpty()) {
        result.error = tr("--profile needs a folder.");
        return result;
    }
    ReportOptions &r = o.report;
    r.demo = parser.isSet(demo);
    r.room = parser.value(room).trimmed();
    if (parser.isSet(room) && r.room.isEmpty()) {
        result.error = tr("--room needs a room key.");
        return result;
    }
    r.session = parser.value(session).trimmed();
    if (r.session != QStringLiteral("latest") &&
        !parseNumber(r.session, 1, std::numeric_limits<qint64>::max())) {
        result.error = tr("--session takes \"latest\" or a session id.");
        return result;
    }
    const QString f = parser.value(format).trimmed().toLower();
    if (f == QStringLiteral("csv"))
        r.format = ReportOptions::Format::Csv;
    else if (f == QStringLiteral("json"))
        r.format = ReportOptions::Format::Json;
    else if (f == QStringLiteral("html"))
        r.format = ReportOptions::Format::Html;
    else if (f == QStringLiteral("pdf"))
        r.format = ReportOptions::Format::Pdf;
    else {
        result.error = f.isEmpty()
                           ? tr("--format is required: csv, json, html or pdf.")
                           : tr("Unknown format \"%1\"; choose csv, json, html or pdf.").arg(f);
        return result;
    }
    r.out = parser.value(out);
    if (r.out.trimmed().isEmpty()) {
        result.error = tr("--out is required: the file to write.");
        return result;
    }
    result.options = o;
    return result;
}

ParseResult parseForgetCommandLine(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("roomwarden forget: delete recorded analytics data from this computer. Give exactly "
           "one of --session, --room, --person, --everything.\n\nExit codes: 0 deleted; 2 bad "
           "command line; 3 no analytics database (or it cannot be changed); 4 nothing "
           "matched."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  tr("Show this help."));
    const QCommandLineOption profile(QStringLiteral("profile"),
                                     tr("Change the data of the profile in DIR."), tr("DIR"));
    const QCommandLineOption demo(QStringLiteral("demo"),
                                  tr("Delete from the demo room's data instead of real rooms."));
    const QCommandLineOption session(QStringLiteral("session"),
                                     tr("Delete one session and everything recorded in it."),
                                     tr("id"));
    const QCommandLineOption room(QStringLiteral("room"),
                                  tr("Delete every session of a room, e.g. twitch:1234."),
                                  tr("room"));
    const QCommandLineOption person(QStringLiteral("person"),
                                    tr("Delete what was recorded about one person (user id)."),
                                    tr("user id"));
    const QCommandLineOption everything(QStringLiteral("everything"),
                                        tr("Delete all recorded analytics data."));
    parser.addOptions({help, profile, demo, session, room, person, everything});

    ParseResult result;
    result.helpText = parser.helpText();
    if (!parser.parse(arguments)) {
        result.error = parser.errorText();
        return result;
    }
    Options o;
    o.mode = Options::Mode::Forget;
    if (parser.isSet(help)) {
        o.mode = Options::Mode::Help;
        result.options = o;
        return result;
    }
    if (!parser.positionalArguments().isEmpty()) {
        result.error = tr("Unexpected argument: %1").arg(parser.positionalArguments().constFirst());
        return result;
    }
    o.profileDir = parser.value(profile);
    if (parser.isSet(profile) && o.profileDir.trimmed().isEmpty()) {
        result.error = tr("--profile needs a folder.");
        return result;
    }
    const int targets = int(parser.isSet(session)) + int(parser.isSet(room)) +
                        int(parser.isSet(person)) + int(parser.isSet(everything));
    if (targets != 1) {
        result.error = tr("Give exactly one of --session, --room, --person, --everything.");
        return result;
    }
    ForgetOptions &f = o.forget;
    f.demo = parser.isSet(demo);
    if (parser.isSet(session)) {
        f.target = ForgetOptions::Target::Session;
        f.value = parser.value(session).trimmed();
        if (!parseNumber(f.value, 1, std::numeric_limits<qint64>::max())) {
            result.error = tr("--session takes a session id.");
            return result;
        }
    } else if (parser.isSet(room)) {
        f.target = ForgetOptions::Target::Room;
        f.value = parser.value(room).trimmed();
    } else if (parser.isSet(person)) {
        f.target = ForgetOptions::Target::Person;
        f.value = parser.value(person).trimmed();
    } else {
        f.target = ForgetOptions::Target::Everything;
    }
    if (f.target != ForgetOptions::Target::Everything && f.value.isEmpty()) {
        result.error = tr("--room and --person need a value.");
        return result;
    }
    result.options = o;
    return result;
}

ParseResult parseCommandLine(const QStringList &arguments)
{
    if (arguments.size() > 1 && arguments.at(1) == QStringLiteral("report"))
        return parseReportCommandLine(QStringList{arguments.constFirst()} + arguments.mid(2));
    if (arguments.size() > 1 && arguments.at(1) == QStringLiteral("forget"))
        return parseForgetCommandLine(QStringList{arguments.constFirst()} + arguments.mid(2));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Roomwarden moderates live rooms and keeps their analytics on this computer."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  tr("Show this help."));
    const QCommandLineOption version({QStringLiteral("v"), QStringLiteral("version")},
                                     tr("Show the version."));
    const QCommandLineOption demo(QStringLiteral("demo"),
                                  tr("Open a simulated live room served by the built-in sandbox "
                                     "platform: no account and no internet needed."));
    const QCommandLineOption headless(QStringLiteral("headless"),
                                      tr("With --demo: run without a window and print what "
                                         "happened."));
    const QCommandLineOption scenario(QStringLiteral("scenario"),
                                      tr("Demo scenario: %1.").arg(demoScenarios().join(u", ")),
                                      tr("name"), QStringLiteral("calm"));
    const QCommandLineOption speed(QStringLiteral("speed"),
                                   tr("Demo speed factor, 1 to 600 (default 10)."), tr("n"),
                                   QStringLiteral("10"));
    const QCommandLineOption seed(QStringLiteral("seed"), tr("Demo random seed."), tr("n"),
                                  QStringLiteral("1"));
    const QCommandLineOption duration(QStringLiteral("duration"),
                                      tr("Headless demo length in seconds, 1 to 86400."),
                                      tr("seconds"), QStringLiteral("30"));
    const QCommandLineOption profile(QStringLiteral("profile"),
                                     tr("Keep settings and data in DIR instead of the standard "
                                        "locations."),
                                     tr("DIR"));
    parser.addOptions({help, version, demo, headless, scenario, speed, seed, duration, profile});

    ParseResult result;
    result.helpText = parser.helpText();
    if (!parser.parse(arguments)) {
        result.error = parser.errorText();
        return result;
    }
    if (!parser.positionalArguments().isEmpty()) {
        result.error = tr("Unexpected argument: %1").arg(parser.positionalArguments().constFirst());
        return result;
    }

    Options o;
    if (parser.isSet(help))
        o.mode = Options::Mode::Help;
    else if (parser.isSet(version))
        o.mode = Options::Mode::Version;
    o.demo = parser.isSet(demo);
    o.headless = parser.isSet(headless);

    o.scenario = parser.value(scenario);
    if (!demoScenarios().contains(o.scenario)) {
        result.error = tr("Unknown scenario \"%1\"; choose one of: %2.")
                           .arg(o.scenario, demoScenarios().join(u", "));
        return result;
    }
    const auto sp = parseNumber(parser.value(speed), 1, 600);
    if (!sp) {
        result.error = tr("--speed takes a whole number from 1 to 600.");
        return result;
    }
    o.speed = static_cast<int>(*sp);
    const auto sd = parseNumber(parser.value(seed), 0, std::numeric_limits<qint64>::max());
    if (!sd) {
        result.error = tr("--seed takes a non-negative whole number.");
        return result;
    }
    o.seed = static_cast<quint64>(*sd);
    const auto du = parseNumber(parser.value(duration), 1, 86400);
    if (!du) {
        result.error = tr("--duration takes a whole number of seconds from 1 to 86400.");
        return result;
    }
    o.durationSeconds = static_cast<int>(*du);
    o.profileDir = parser.value(profile);
    if (parser.isSet(profile) && o.profileDir.trimmed().isEmpty()) {
        result.error = tr("--profile needs a folder.");
        return result;
    }
    const bool demoOnly = parser.isSet(headless) || parser.isSet(scenario) || parser.isSet(speed) ||
                          parser.isSet(seed) || parser.isSet(duration);
    if (demoOnly && !o.demo && o.mode == Options::Mode::Gui) {
        result.error = tr("--headless, --scenario, --speed, --seed and --duration go with --demo.");
        return result;
    }
    result.options = o;
    return result;
}

} // namespace roomwarden::app
