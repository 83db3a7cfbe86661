#pragma once
#include <QLoggingCategory>
#include <QString>

#include <functional>
#include <memory>

namespace roomwarden::util {

class Redactor;

// Every log line of the app goes through one message handler that redacts credentials before
// the line is written anywhere (stderr, the log file, a test's capture).
using LogSink = std::function<void(const QString &line)>;

class LogRedactionHandler
{
public:
    // Installs itself as Qt's message handler; the previous one is restored on destruction.
    // `sink` defaults to stderr. Only one may be installed at a time (Qt's handler is global).
    explicit LogRedactionHandler(std::shared_ptr<const Redactor> redactor, LogSink sink = {});
    ~LogRedactionHandler();
    LogRedactionHandler(const LogRedactionHandler &) = delete;
    LogRedactionHandler &operator=(const LogRedactionHandler &) = delete;

    // Formats one message the way the handler writes it (after redaction).
    QString format(QtMsgType type, const QMessageLogContext &context, const QString &message) const;

private:
    static void handle(QtMsgType type, const QMessageLogContext &context, const QString &message);

    std::shared_ptr<const Redactor> m_redactor;
    LogSink m_sink;
    QtMessageHandler m_previous = nullptr;
};

} // namespace roomwarden::util

// Categories: enable with QT_LOGGING_RULES="roomwarden.*.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcApp)
Q_DECLARE_LOGGING_CATEGORY(lcAuth)
Q_DECLARE_LOGGING_CATEGORY(lcNet)
Q_DECLARE_LOGGING_CATEGORY(lcLive)
Q_DECLARE_LOGGING_CATEGORY(lcModeration)
Q_DECLARE_LOGGING_CATEGORY(lcStorage)
Q_DECLARE_LOGGING_CATEGORY(lcAnalytics)
Q_DECLARE_LOGGING_CATEGORY(lcUi)
