// Roomwarden's entry point: parse the command line, set up logging with redaction, the profile
// and settings, then open the window or run the demo.
#include "app/AccountsController.h"
#include "app/CommandLine.h"
#include "app/DemoController.h"
#include "app/HeadlessDemo.h"
#include "app/ReportCommand.h"
#include "app/RoomsController.h"
#include "core/util/Logging.h"
#include "core/util/Paths.h"
#include "core/util/Redactor.h"
#include "core/util/Settings.h"
#include "ui/AlertPlayer.h"
#include "ui/MainWindow.h"

#include <QApplication>
#include <QGuiApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSystemTrayIcon>
#include <QTranslator>

#include <cstdio>
#include <memory>

using namespace roomwarden;

namespace {

void printLine(FILE *stream, const QString &text)
{
    const QByteArray bytes = text.toLocal8Bit();
    std::fprintf(stream, "%s\n", bytes.constData());
    std::fflush(stream);
}

// True when Qt can show windows. Non-interactive platforms (offscreen, used by tests and
// screenshots) count as a display; on X11/Wayland desktops the usual variables tell.
bool displayAvailable()
{
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
    if (!qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        return true;
    return !qEnvironmentVariableIsEmpty("DISPLAY") ||
           !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
#else
    return true;
#endif
}

bool wantsWindow(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "--headless" || arg == "--version" || arg == "-v" || arg == "--help" ||
            arg == "-h")
            return false;
    }
    return true;
}

void installTranslations(QCoreApplication &app)
{
    // Owned by the application object; follows the system locale.
    auto *qtTranslator = new QTranslator(&app);
    if (qtTranslator->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                           QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qtTranslator);
    auto *appTranslator = new QTranslator(&app);
    if (appTranslator->load(QLocale(), QStringLiteral("roomwarden"), QStringLiteral("_"),
                            QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(appTranslator);
}

} // namespace

int main(int argc, char **argv)
{
    // `roomwarden report|forget ...` make their own application object (no window, maybe no
    // display).
    if (argc > 1 && qstrcmp(argv[1], "report") == 0)
        return app::runReportCommand(argc, argv);
    if (argc > 1 && qstrcmp(argv[1], "forget") == 0)
        return app::runForgetCommand(argc, argv);
    const bool hasDisplay = displayAvailable();
    std::unique_ptr<QCoreApplication> app;
    if (hasDisplay && wantsWindow(argc, argv))
        app = std::make_unique<QApplication>(argc, argv);
    else
        app = std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("roomwarden"));
    QCoreApplication::setOrganizationName(QStringLiteral("Roomwarden"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ROOMWARDEN_VERSION));
    // Wayland desktops match the window to its desktop file (and icon) by this id.
    QGuiApplication::setDesktopFileName(QStringLiteral("org.roomwarden.Roomwarden"));
    installTranslations(*app);

    const app::ParseResult parsed = app::parseCommandLine(QCoreApplication::arguments());
    if (!parsed.options) {
        printLine(stderr, QStringLiteral("roomwarden: ") + parsed.error);
        printLine(stderr, QCoreApplication::translate("main", "Try 'roomwarden --help'."));
        return 2;
    }
    const app::Options &options = *parsed.options;
    if (options.mode == app::Options::Mode::Help) {
        printLine(stdout, parsed.helpText);
        return 0;
    }
    if (options.mode == app::Options::Mode::Version) {
        printLine(stdout, QStringLiteral("roomwarden ") + QCoreApplication::applicationVersion());
        return 0;
    }

    auto redactor = std::make_shared<util::Redactor>();
    util::LogRedactionHandler logHandler(redactor);

    const util::ProfilePaths paths = options.profileDir.isEmpty()
                                         ? util::ProfilePaths::standard()
                                         : util::ProfilePaths::forProfile(options.profileDir);
    QString error;
    if (!paths.ensureExists(&error)) {
        printLine(stderr, QStringLiteral("roomwarden: ") + error);
        return 1;
    }
    util::Settings settings(paths.settingsFile());

    if (options.demo && (options.headless || !hasDisplay)) {
        if (!options.headless)
            printLine(stderr, QCoreApplication::translate(
                                  "main", "No display found: running the headless demo instead."));
        return app::runHeadlessDemo(options, paths, *redactor);
    }
    if (!hasDisplay) {
        printLine(stderr, QCoreApplication::translate(
                              "main", "roomwarden: no display found (DISPLAY and WAYLAND_DISPLAY "
                                      "are unset). To try Roomwarden without a display, run "
                                      "'roomwarden --demo --headless'."));
        return 2;
    }

    ui::MainWindow window;
    app::AccountsController accounts(&window, paths, settings, redactor);
    app::DemoController demo(&window, options, *redactor, &accounts);
    // Alerts: sounds as routed in the settings, notifications in the tray when there is one,
    // else in the status bar. Plain text either way.
    ui::AlertPlayer alerts(&settings);
    QSystemTrayIcon tray(window.windowIcon());
    if (QSystemTrayIcon::isSystemTrayAvailable())
        tray.show();
    QObject::connect(&alerts, &ui::AlertPlayer::notificationRequested, &window,
                     [&](const QString &title, const QString &body) {
                         if (tray.isVisible())
#ifdef Q_OS_LINUX
                             // Desktop notification servers render a markup subset in the
                             // body; escaped, a chatter's "<b>" stays literal text.
                             tray.showMessage(title.toHtmlEscaped(), body.toHtmlEscaped());
#else
                             tray.showMessage(title, body);
#endif
                         else
                             window.setStatusText(title + QStringLiteral(": ") + body);
                     });
    demo.setAlertPlayer(&alerts);
    // The rooms of signed-in accounts: their own channel and the channels they moderate.
    app::RoomsController rooms(&window, &accounts, paths);
    rooms.setAlertPlayer(&alerts);
    QObject::connect(&window, &ui::MainWindow::demoRequested, &demo, &app::DemoController::start);
    window.show();
    if (options.demo)
        demo.start();
    return QCoreApplication::exec();
}
