#pragma once
// Test-side EventSub WebSocket client: a real QWebSocket that trusts only the pinned sandbox
// certificate and records every frame it receives, parsed, in order. Header-only so every
// contract test can use it without another source file.
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QSslConfiguration>
#include <QTest>
#include <QWebSocket>

namespace roomwarden::sandbox::test {

class EventSubProbe
{
public:
    explicit EventSubProbe(const QSslCertificate &pinned)
    {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates({pinned});
        m_socket.setSslConfiguration(tls);
        QObject::connect(&m_socket, &QWebSocket::textMessageReceived, [this](const QString &t) {
            const QJsonObject o = QJsonDocument::fromJson(t.toUtf8()).object();
            messages.append(o);
            if (type(o) == QLatin1String("session_welcome") && sessionId.isEmpty())
                sessionId = o.value(QStringLiteral("payload"))
                                .toObject()
                                .value(QStringLiteral("session"))
                                .toObject()
                                .value(QStringLiteral("id"))
                                .toString();
        });
        QObject::connect(&m_socket, &QWebSocket::disconnected, [this] {
            closeCode = m_socket.closeCode();
            disconnected = true;
        });
    }

    void open(const QUrl &url) { m_socket.open(url); }
    bool waitWelcome(int ms = 10000)
    {
        return QTest::qWaitFor([this] { return !sessionId.isEmpty(); }, ms);
    }
    bool waitDisconnected(int ms = 10000)
    {
        return QTest::qWaitFor([this] { return disconnected; }, ms);
    }
    QWebSocket &socket() { return m_socket; }

    static QString type(const QJsonObject &m)
    {
        return m.value(QStringLiteral("metadata"))
            .toObject()
            .value(QStringLiteral("message_type"))
            .toString();
    }
    static QString messageId(const QJsonObject &m)
    {
        return m.value(QStringLiteral("metadata"))
            .toObject()
            .value(QStringLiteral("message_id"))
            .toString();
    }
    static QJsonObject event(const QJsonObject &m)
    {
        return m.value(QStringLiteral("payload"))
            .toObject()
            .value(QStringLiteral("event"))
            .toObject();
    }
    QList<QJsonObject> ofType(const QString &messageType) const
    {
        QList<QJsonObject> out;
        for (const QJsonObject &m : messages) {
            if (type(m) == messageType)
                out.append(m);
        }
        return out;
    }
    // Notifications of one subscription type.
    QList<QJsonObject> notifications(const QString &subscriptionType = {}) const
    {
        QList<QJsonObject> out;
        for (const QJsonObject &m : ofType(QStringLiteral("notification"))) {
            const QString t = m.value(QStringLiteral("metadata"))
                                  .toObject()
                                  .value(QStringLiteral("subscription_type"))
                                  .toString();
            if (subscriptionType.isEmpty() || t == subscriptionType)
                out.append(m);
        }
        return out;
    }

    QString sessionId;
    QList<QJsonObject> messages;
    int closeCode = -1;
    bool disconnected = false;

private:
    QWebSocket m_socket;
};

} // namespace roomwarden::sandbox::test
