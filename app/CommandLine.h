#pragma once
#include <QString>
#include <QStringList>

#include <optional>

namespace roomwarden::app {

// What the user asked for on the command line, validated. Parsing is separate from main() so
// that it can be tested without starting an application.
struct Options
{
    enum class Mode
    {
        Gui,
        Version,
        Help
    };
    Mode mode = Mode::Gui;
    bool demo = false;
    bool headless = false;
    QString scenario = QStringLiteral("calm");
    int speed = 10; // a demo shows its incident (about 2 simulated minutes in) within seconds
    quint64 seed = 1;
    int durationSeconds = 30; // headless demo only
    QString profileDir;       // empty: the standard locations
};

struct ParseResult
{
    std::optional<Options> options;
    QString error; // set when options is empty: one clear line for the user
    QString helpText;
};

// `arguments` includes the program name, as QCoreApplication::arguments() does.
ParseResult parseCommandLine(const QStringList &arguments);
QStringList demoScenarios();

} // namespace roomwarden::app
