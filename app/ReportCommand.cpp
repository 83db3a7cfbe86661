#include "app/ReportCommand.h"

#include "app/CommandLine.h"
#include "core/analytics/Retention.h"
#include "core/analytics/SessionExport.h"
#include "core/analytics/SessionMetrics.h"
#include "core/auth/SecretStore.h"
#include "core/storage/Database.h"
#include "core/storage/FieldCipher.h"
#include "core/util/Paths.h"
#include "ui/ReportWriter.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFileInfo>
#include <QGuiApplication>

#include <cstdio>
#include <memory>

namespace roomwarden::app {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("roomwarden::app::ReportCommand", text);
}

void printLine(FILE *stream, const QString &text)
{
    const QByteArray bytes = text.toLocal8Bit();
    std::fprintf(stream, "%s\n", bytes.constData());
    std::fflush(stream);
}

int fail(int code, const QString &message)
{
    printLine(stderr, QStringLiteral("roomwarden: ") + message);
    return code;
}

bool displayAvailable()
{
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
    return !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") ||
           !qEnvironmentVariableIsEmpty("DISPLAY") ||
           !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
#else
    return true;
#endif
}

// The data key, read only: DataKeyStore would make a new key when there is none, and a new key
// opens nothing in an existing database.
struct KeyAnswer
{
    QByteArray key;
    QString error;
};

KeyAnswer readDataKey(const QString &service)
{
    auth::SecretStore secrets(service);
    KeyAnswer answer;
    bool done = false;
    QEventLoop loop;
    secrets.read(QStringLiteral("storage:data-key"), [&](const auth::SecretStore::Result &r) {
        if (r.status == auth::SecretStore::Status::Ok && r.secret &&
            r.secret->size() == storage::FieldCipher::kKeySize)
            answer.key = *r.secret;
        else if (r.status == auth::SecretStore::Status::NotFound)
            answer.error = tr("the keychain holds no data key for \"%1\": nothing was recorded "
                              "with this keychain")
                               .arg(service);
        else if (r.status == auth::SecretStore::Status::Ok)
            answer.error = tr("the keychain entry of the data key is not a valid key");
        else
            answer.error = tr("the keychain is not available (%1)").arg(r.error);
        done = true;
        loop.quit();
    });
    if (!done)
        loop.exec();
    return answer;
}

QString analyticsPath(const QString &profileDir, bool demo)
{
    const util::ProfilePaths paths = profileDir.isEmpty()
                                         ? util::ProfilePaths::standard()
                                         : util::ProfilePaths::forProfile(profileDir);
    return storage::databasePath(paths, demo ? QStringLiteral("analytics-demo")
                                             : QStringLiteral("analytics"));
}

std::optional<ParseResult> parseOrExplain(int argc, char **argv, const char *command, int *exitCode)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    const ParseResult parsed = parseCommandLine(arguments);
    const QString prefix = QStringLiteral("roomwarden %1: ").arg(QString::fromLatin1(command));
    if (!parsed.options) {
        printLine(stderr, prefix + parsed.error);
        printLine(stderr, tr("Try 'roomwarden %1 --help'.").arg(QString::fromLatin1(command)));
        *exitCode = reportexit::kUsage;
        return std::nullopt;
    }
    if (parsed.options->mode == Options::Mode::Help) {
        printLine(stdout, parsed.helpText);
        *exitCode = reportexit::kOk;
        return std::nullopt;
    }
    return parsed;
}

int forget(const ForgetOptions &o, const QString &profileDir)
{
    const QString dbPath = analyticsPath(profileDir, o.demo);
    if (!QFileInfo::exists(dbPath))
        return fail(
            reportexit::kNoDatabase,
            tr("no analytics database at %1: nothing recorded, nothing to delete.").arg(dbPath));
    auto retention = analytics::Retention::open(dbPath);
    if (!retention)
        return fail(reportexit::kNoDatabase, retention.error->message);
    storage::Result<analytics::Retention::Removed> removed = storage::StorageError{};
    switch (o.target) {
    case ForgetOptions::Target::Session:
        removed = (*retention)->forgetSession(o.value.toLongLong());
        break;
    case ForgetOptions::Target::Room:
        removed = (*retention)->forgetRoom(o.value);
        break;
    case ForgetOptions::Target::Person:
        removed = (*retention)->forgetPerson(o.value);
        break;
    case ForgetOptions::Target::Everything:
        removed = (*retention)->forgetEverything();
        break;
    }
    if (!removed)
        return fail(reportexit::kNoDatabase, removed.error->message);
    const analytics::Retention::Removed &r = *removed;
    if (o.target != ForgetOptions::Target::Everything && r == analytics::Retention::Removed{})
        return fail(reportexit::kNoSession, tr("nothing recorded matches \"%1\".").arg(o.value));
    printLine(stdout, tr("Deleted %1 sessions, %2 events, %3 participant records and %4 "
                         "moderator records.")
                          .arg(r.sessions)
                          .arg(r.events)
                          .arg(r.participants)
                          .arg(r.moderators));
    return reportexit::kOk;
}

int run(const ReportOptions &o, const QString &profileDir)
{
    const QString dbPath = analyticsPath(profileDir, o.demo);
    if (!QFileInfo::exists(dbPath))
        return fail(reportexit::kNoDatabase,
                    tr("no analytics database at %1: no session has been recorded in this "
                       "profile%2.")
                        .arg(dbPath, o.demo ? QString() : tr(" (for the demo's data add --demo)")));

    KeyAnswer key = readDataKey(o.demo ? QStringLiteral("roomwarden-sandbox")
                                       : QString::fromLatin1(auth::SecretStore::kService));
    if (key.key.isEmpty())
        return fail(reportexit::kKeyUnavailable, tr("cannot read the data: %1.").arg(key.error));
    auto metrics = analytics::SessionMetrics::open(dbPath, storage::FieldCipher(key.key));
    key.key.fill('\0');
    if (!metrics)
        return fail(reportexit::kNoDatabase, metrics.error->message);

    auto all = (*metrics)->listSessions();
    if (!all)
        return fail(reportexit::kNoDatabase, all.error->message);
    if (all->isEmpty())
        return fail(reportexit::kNoSession, tr("no sessions recorded in %1.").arg(dbPath));
    QList<analytics::SessionSummary> candidates;
    for (const analytics::SessionSummary &s : *all)
        if (o.room.isEmpty()
                ? (o.session != QStringLiteral("latest") || s.roomKey == all->constFirst().roomKey)
                : s.roomKey == o.room)
            candidates << s;
    if (candidates.isEmpty())
        return fail(reportexit::kNoSession,
                    tr("no sessions recorded for room \"%1\".").arg(o.room));

    std::optional<analytics::SessionSummary> chosen;
    if (o.session == QStringLiteral("latest"))
        chosen = candidates.constFirst();
    else
        for (const analytics::SessionSummary &s : candidates)
            if (QString::number(s.id) == o.session)
                chosen = s;
    if (!chosen)
        return fail(reportexit::kNoSession,
                    o.room.isEmpty()
                        ? tr("no session with id %1.").arg(o.session)
                        : tr("no session with id %1 in room \"%2\".").arg(o.session, o.room));

    auto report = (*metrics)->compute(chosen->id);
    if (!report)
        return fail(reportexit::kNoDatabase, report.error->message);

    QString error;
    bool written = false;
    switch (o.format) {
    case ReportOptions::Format::Csv:
        written = analytics::exporting::writeCsv(o.out, *report, &error);
        break;
    case ReportOptions::Format::Json:
        written = analytics::exporting::writeJson(o.out, *report, &error);
        break;
    case ReportOptions::Format::Html:
        written = analytics::exporting::writeHtml(o.out, *report, &error);
        break;
    case ReportOptions::Format::Pdf:
        written = ui::ReportWriter::writePdf(o.out, *report, &error);
        break;
    }
    if (!written)
        return fail(reportexit::kWriteFailed, error);
    printLine(stdout, tr("Wrote %1 (session %2 of %3).")
                          .arg(QFileInfo(o.out).absoluteFilePath(), QString::number(chosen->id),
                               chosen->roomKey));
    return reportexit::kOk;
}

} // namespace

int runReportCommand(int argc, char **argv)
{
    int exitCode = reportexit::kOk;
    const std::optional<ParseResult> parsed = parseOrExplain(argc, argv, "report", &exitCode);
    if (!parsed)
        return exitCode;

    // A PDF is drawn with QtGui's text layout, which needs a QGuiApplication; without a display
    // the offscreen platform draws it just as well. Other formats need no GUI at all.
    const ReportOptions &o = parsed->options->report;
    std::unique_ptr<QCoreApplication> app;
    if (o.format == ReportOptions::Format::Pdf) {
        if (!displayAvailable())
            qputenv("QT_QPA_PLATFORM", "offscreen");
        app = std::make_unique<QGuiApplication>(argc, argv);
    } else {
        app = std::make_unique<QCoreApplication>(argc, argv);
    }
    QCoreApplication::setApplicationName(QStringLiteral("roomwarden"));
    QCoreApplication::setOrganizationName(QStringLiteral("Roomwarden"));
    return run(o, parsed->options->profileDir);
}

int runForgetCommand(int argc, char **argv)
{
    int exitCode = reportexit::kOk;
    const std::optional<ParseResult> parsed = parseOrExplain(argc, argv, "forget", &exitCode);
    if (!parsed)
        return exitCode;
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("roomwarden"));
    QCoreApplication::setOrganizationName(QStringLiteral("Roomwarden"));
    return forget(parsed->options->forget, parsed->options->profileDir);
}

} // namespace roomwarden::app
