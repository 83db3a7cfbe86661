#include "core/util/Logging.h"

#include "core/util/Redactor.h"

#include <QDateTime>
#include <QMutex>

#include <cstdio>

Q_LOGGING_CATEGORY(lcApp, "roomwarden.app", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAuth, "roomwarden.auth", QtInfoMsg)
Q_LOGGING_CATEGORY(lcNet, "roomwarden.net", QtInfoMsg)
Q_LOGGING_CATEGORY(lcLive, "roomwarden.live", QtInfoMsg)
Q_LOGGING_CATEGORY(lcModeration, "roomwarden.moderation", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStorage, "roomwarden.storage", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAnalytics, "roomwarden.analytics", QtInfoMsg)
Q_LOGGING_CATEGORY(lcUi, "roomwarden.ui", QtInfoMsg)

namespace roomwarden::util {

namespace {
// Qt's message handler is a plain function pointer, so the active handler object has to be
// reachable from it. This is the only process-wide pointer in core, and only logging uses it.
QMutex g_mutex;
LogRedactionHandler *g_active = nullptr;

QString typeName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return QStringLiteral("debug");
    case QtInfoMsg:
        return QStringLiteral("info");
    case QtWarningMsg:
        return QStringLiteral("warning");
    case QtCriticalMsg:
        return QStringLiteral("critical");
    case QtFatalMsg:
        return QStringLiteral("fatal");
    }
    return QStringLiteral("log");
}
} // namespace

LogRedactionHandler::LogRedactionHandler(std::shared_ptr<const Redactor> redactor, LogSink sink)
    : m_redactor(std::move(redactor)), m_sink(std::move(sink))
{
    Q_ASSERT(m_redactor);
    if (!m_sink) {
        m_sink = [](const QString &line) {
            const QByteArray bytes = line.toLocal8Bit();
            std::fprintf(stderr, "%s\n", bytes.constData());
            std::fflush(stderr);
        };
    }
    QMutexLocker lock(&g_mutex);
    Q_ASSERT_X(!g_active, "LogRedactionHandler", "only one handler may be installed");
    g_active = this;
    m_previous = qInstallMessageHandler(&LogRedactionHandler::handle);
}

LogRedactionHandler::~LogRedactionHandler()
{
    QMutexLocker lock(&g_mutex);
    qInstallMessageHandler(m_previous);
    if (g_active == this)
        g_active = nullptr;
}

QString LogRedactionHandler::format(QtMsgType type, const QMessageLogContext &context,
                                    const QString &message) const
{
    const QString category =
        context.category ? QString::fromLatin1(context.category) : QStringLiteral("default");
    const QString line = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs) + u' ' +
                         typeName(type) + u' ' + category + u": " + message;
    return m_redactor->redact(line);
}

void LogRedactionHandler::handle(QtMsgType type, const QMessageLogContext &context,
                                 const QString &message)
{
    QMutexLocker lock(&g_mutex);
    if (!g_active)
        return;
    g_active->m_sink(g_active->format(type, context, message));
}

} // namespace roomwarden::util
