#pragma once
// Starts tests/interop/oauth-server.mjs (oidc-provider) for one test class and talks to its
// loopback control API. Everything here goes to 127.0.0.1 only; the browser stand-in refuses
// any redirect that would leave it.
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkCookieJar>
#include <QNetworkReply>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>

#include <memory>
#include <optional>

namespace roomwarden::test {

class OAuthServerProcess
{
public:
    ~OAuthServerProcess() { stop(); }

    // Starts node and reads the one JSON line; false (with `error`) when it did not come up.
    bool start(QString *error)
    {
        const QString source = qEnvironmentVariable("ROOMWARDEN_SOURCE_DIR");
        if (source.isEmpty()) {
            *error = QStringLiteral("ROOMWARDEN_SOURCE_DIR is not set (run through ctest)");
            return false;
        }
        m_process = std::make_unique<QProcess>();
        m_process->setWorkingDirectory(source);
        m_process->setReadChannel(QProcess::StandardOutput);
        // Its stderr (oidc-provider's notices) joins the test's own, for failure reports.
        m_process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process->start(QStringLiteral("node"),
                         {QStringLiteral("tests/interop/oauth-server.mjs")});
        if (!m_process->waitForStarted(10000)) {
            *error = QStringLiteral("node did not start: %1").arg(m_process->errorString());
            return false;
        }
        QByteArray line;
        QEventLoop loop;
        QTimer deadline;
        deadline.setSingleShot(true);
        QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
        QObject::connect(m_process.get(), &QProcess::readyReadStandardOutput, &loop, [&] {
            if (m_process->canReadLine())
                loop.quit();
        });
        QObject::connect(m_process.get(), &QProcess::finished, &loop, &QEventLoop::quit);
        deadline.start(30000);
        if (!m_process->canReadLine())
            loop.exec();
        line = m_process->readLine().trimmed();
        m_config = QJsonDocument::fromJson(line).object();
        if (m_config.isEmpty()) {
            *error = QStringLiteral("no JSON line from oauth-server.mjs");
            return false;
        }
        m_issuer = QUrl(m_config.value(QStringLiteral("issuer")).toString());
        if (m_issuer.host() != u"127.0.0.1") {
            *error = QStringLiteral("the server is not on 127.0.0.1");
            return false;
        }
        return true;
    }

    // Ends the process this object started, by its PID: stdin closes (the script exits on
    // that), then SIGTERM, then SIGKILL.
    void stop()
    {
        if (!m_process || m_process->state() == QProcess::NotRunning)
            return;
        m_process->closeWriteChannel();
        if (!m_process->waitForFinished(3000)) {
            m_process->terminate();
            if (!m_process->waitForFinished(3000)) {
                m_process->kill();
                m_process->waitForFinished(3000);
            }
        }
    }

    qint64 pid() const { return m_process ? m_process->processId() : 0; }
    QString value(const char *key) const { return m_config.value(QLatin1String(key)).toString(); }
    QUrl url(const char *key) const { return QUrl(value(key)); }
    QUrl issuer() const { return m_issuer; }
    QUrl endpoint(const QString &path) const
    {
        QUrl u = m_issuer;
        u.setPath(path);
        return u;
    }

    // POST /test/mode; `mode` is merged into the defaults after a reset when `reset` is true.
    bool setMode(QJsonObject mode, bool reset = true)
    {
        if (reset)
            mode.insert(QStringLiteral("reset"), true);
        return post(QStringLiteral("/test/mode"), mode).has_value();
    }
    QJsonObject stats()
    {
        return request("GET", QStringLiteral("/test/stats"), {}).value_or(QJsonObject());
    }
    // Walks the real /device pages as the user would; false when the server did not accept.
    bool confirmDeviceCode(const QString &userCode, bool deny)
    {
        const auto r =
            post(QStringLiteral("/test/device"),
                 {{QStringLiteral("user_code"), userCode}, {QStringLiteral("deny"), deny}});
        return r && r->value(QStringLiteral("ok")).toBool();
    }

    // A form POST to the server (introspection and the like), JSON answer.
    std::optional<QJsonObject> postForm(const QString &path, const QUrlQuery &form)
    {
        return send("POST", endpoint(path), form.toString(QUrl::FullyEncoded).toUtf8(),
                    "application/x-www-form-urlencoded");
    }

private:
    std::optional<QJsonObject> post(const QString &path, const QJsonObject &body)
    {
        return send("POST", endpoint(path), QJsonDocument(body).toJson(QJsonDocument::Compact),
                    "application/json");
    }
    std::optional<QJsonObject> request(const QByteArray &verb, const QString &path,
                                       const QByteArray &body)
    {
        return send(verb, endpoint(path), body, {});
    }
    std::optional<QJsonObject> send(const QByteArray &verb, const QUrl &url, const QByteArray &body,
                                    const QByteArray &contentType)
    {
        if (url.host() != u"127.0.0.1")
            return std::nullopt;
        QNetworkRequest req(url);
        req.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
        if (!contentType.isEmpty())
            req.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
        QNetworkReply *reply =
            verb == "GET" ? m_nam.get(req) : m_nam.sendCustomRequest(req, verb, body);
        QEventLoop loop;
        QTimer::singleShot(15000, &loop, &QEventLoop::quit);
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        if (!reply->isFinished())
            loop.exec();
        reply->deleteLater();
        if (!reply->isFinished())
            return std::nullopt;
        const QJsonDocument doc = QJsonDocument::fromJson(reply->readAll());
        if (!doc.isObject())
            return std::nullopt;
        return doc.object();
    }

    std::unique_ptr<QProcess> m_process;
    QJsonObject m_config;
    QUrl m_issuer;
    QNetworkAccessManager m_nam;
};

// The user's browser: GETs a URL, follows redirects (keeping cookies) only while they stay on
// 127.0.0.1, and reports where it ended.
class LoopbackBrowser
{
public:
    struct Visit
    {
        QNetworkReply::NetworkError error = QNetworkReply::NoError;
        int status = 0;
        QUrl finalUrl;
        int refusedRedirects = 0;
        QByteArray body; // for failure messages
    };

    Visit open(const QUrl &url, int timeoutMs = 15000)
    {
        // Redirects are followed here, one hop at a time, so that every hop is checked before
        // it is requested (and so that Qt's own redirect machinery is out of the picture).
        Visit v;
        QUrl next = url;
        for (int hop = 0; hop < 20; ++hop) {
            if (next.host() != u"127.0.0.1" || next.scheme() != u"http") {
                ++v.refusedRedirects;
                v.error = QNetworkReply::ProtocolUnknownError;
                return v;
            }
            QNetworkRequest req(next);
            req.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                             QNetworkRequest::ManualRedirectPolicy);
            QNetworkReply *reply = m_nam.get(req);
            QEventLoop loop;
            QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
            QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
            if (!reply->isFinished())
                loop.exec();
            v.error = reply->isFinished() ? reply->error() : QNetworkReply::TimeoutError;
            v.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            v.finalUrl = next;
            v.body = reply->readAll().left(2000);
            const QUrl location =
                reply->attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl();
            reply->abort();
            reply->deleteLater();
            if (v.status < 300 || v.status >= 400 || location.isEmpty())
                return v;
            next = next.resolved(location);
        }
        v.error = QNetworkReply::TooManyRedirectsError;
        return v;
    }

private:
    QNetworkAccessManager m_nam; // its default cookie jar carries the interaction cookies
};

} // namespace roomwarden::test
