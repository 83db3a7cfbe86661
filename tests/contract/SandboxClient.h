#pragma once
// Test-side HTTPS client for contract tests: trusts ONLY the pinned sandbox certificate and
// blocks (with a bounded wait, never a sleep) until the reply is complete.
#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPair>
#include <QSslCertificate>
#include <QUrl>
#include <QUrlQuery>

#include <memory>

namespace roomwarden::sandbox::test {

struct Reply
{
    int status = 0; // HTTP status; 0 = no HTTP reply (TLS/connection error)
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QString errorString;
    QList<QNetworkReply::RawHeaderPair> headers;
    QByteArray body;
    QJsonDocument json; // parsed body (null when the body isn't JSON)
    bool timedOut = false;

    QJsonObject object() const { return json.object(); }
    QByteArray header(const QByteArray &name) const; // case-insensitive; empty when absent
    QString message() const { return object().value(QStringLiteral("message")).toString(); }
};

using Headers = QList<QPair<QByteArray, QByteArray>>;

class SandboxClient
{
public:
    // A null certificate = trust nothing (for tests that prove pinning is required).
    explicit SandboxClient(const QSslCertificate &pinned, int timeoutMs = 10000);
    ~SandboxClient();

    Reply get(const QUrl &url, const Headers &headers = {});
    Reply post(const QUrl &url, const Headers &headers = {}, const QByteArray &body = {});
    Reply patch(const QUrl &url, const Headers &headers = {}, const QByteArray &body = {});
    Reply put(const QUrl &url, const Headers &headers = {}, const QByteArray &body = {});
    Reply del(const QUrl &url, const Headers &headers = {});
    Reply send(const QByteArray &verb, const QUrl &url, const Headers &headers,
               const QByteArray &body);

    // Convenience builders.
    static QByteArray form(const QUrlQuery &fields); // application/x-www-form-urlencoded
    static QByteArray json(const QJsonObject &object);
    static Headers formHeaders();
    static Headers jsonHeaders(const QString &clientId, const QString &accessToken);
    static Headers authHeaders(const QString &clientId, const QString &accessToken);
    // Base url + path ("/helix" + "/users") + query.
    static QUrl url(const QUrl &base, const QString &path, const QUrlQuery &query = {});

private:
    std::unique_ptr<QNetworkAccessManager> m_nam;
    QSslCertificate m_pinned;
    int m_timeoutMs;
};

} // namespace roomwarden::sandbox::test
