#pragma once
#include <QString>
#include <QStringList>

#include <optional>

namespace roomwarden::app {

// `roomwarden report ...`: a session's report written to a file without a window.
struct ReportOptions
{
    enum class Format
    {
        Csv,
        Json,
        Html,
        Pdf
    };
    QString room;                               // empty: the room of the most recent session
    QString session = QStringLiteral("latest"); // "latest" or a session id
    Format format = Format::Csv;
    QString out;
    // The demo's data (database "analytics-demo", keychain service "roomwarden-sandbox")
    // instead of the real one.
    bool demo = false;
};

// `roomwarden forget ...`: deletes recorded analytics data. Exactly one target.
struct ForgetOptions
{
    enum class Target
    {
        Session,
        Room,
        Person,
        Everything
    };
    Target target = Target::Session;
    QString value;     // the session id, room key or user id; empty for Everything
    bool demo = false; // the demo's database ("analytics-demo")
};

// Exit codes of `roomwarden report` and `roomwarden forget` (also in its --help and
// docs/PRIVACY.md).
namespace reportexit {
inline constexpr int kOk = 0;
inline constexpr int kWriteFailed = 1;    // the output file could not be written
inline constexpr int kUsage = 2;          // bad command line
inline constexpr int kNoDatabase = 3;     // no analytics database, or it cannot be read
inline constexpr int kNoSession = 4;      // no sessions, unknown session id, unknown room
inline constexpr int kKeyUnavailable = 5; // the data key is not in the keychain, or no keychain
} // namespace reportexit

// What the user asked for on the command line, validated. Parsing is separate from main() so
// that it can be tested without starting an application.
struct Options
{
    enum class Mode
    {
        Gui,
        Version,
        Help,
        Report,
        Forget
    };
    Mode mode = Mode::Gui;
    bool demo = false;
    bool headless = false;
    QString scenario = QStringLiteral("calm");
    int speed = 10; // a demo shows its incident (about 2 simulated minutes in) within seconds
    quint64 seed = 1;
    int durationSeconds = 30; // headless demo only
    QString profileDir;       // empty: the standard locations
    ReportOptions report;     // Mode::Report only
    ForgetOptions forget;     // Mode::Forget only
};

struct ParseResult
{
    std::optional<Options> options;
    QString error; // set when options is empty: one clear line for the user
    QString helpText;
};

// `arguments` includes the program name, as QCoreApplication::arguments() does. A first
// argument "report" selects the report subcommand, which has options of its own.
ParseResult parseCommandLine(const QStringList &arguments);
ParseResult parseReportCommandLine(const QStringList &arguments); // after "report"
ParseResult parseForgetCommandLine(const QStringList &arguments); // after "forget"
QStringList demoScenarios();

} // namespace roomwarden::app
