#include "app/CommandLine.h"

#include <QCommandLineParser>
#include <QCoreApplication>

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

ParseResult parseCommandLine(const QStringList &arguments)
{
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
