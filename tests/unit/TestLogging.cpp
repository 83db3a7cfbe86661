#include "core/util/Logging.h"
#include "core/util/Redactor.h"

#include "TestMain.h"

#include <QRandomGenerator>

using namespace roomwarden::util;

class TestLogging : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyLogLineIsRedacted();
    void registeredSecretIsRedactedInEveryCategory();
    void previousHandlerIsRestored();
};

namespace {
QString randomToken()
{
    QString out;
    for (int i = 0; i < 30; ++i)
        out += QChar(u'a' + QRandomGenerator::global()->bounded(26));
    return out;
}
} // namespace

void TestLogging::everyLogLineIsRedacted()
{
    QStringList captured;
    auto redactor = std::make_shared<Redactor>();
    const QString token = randomToken();
    {
        LogRedactionHandler handler(redactor, [&](const QString &line) { captured << line; });
        qCWarning(lcNet) << "request failed, headers:"
                         << QStringLiteral("Authorization: Bearer ") + token;
        qCInfo(lcAuth, "refresh body: grant_type=refresh_token&refresh_token=%s",
               qPrintable(token));
        qWarning("plain qWarning with {\"access_token\":\"%s\"}", qPrintable(token));
    }
    QCOMPARE(captured.size(), 3);
    for (const QString &line : std::as_const(captured)) {
        QVERIFY2(!line.contains(token), qPrintable(line));
        QVERIFY2(line.contains(Redactor::kMask), qPrintable(line));
    }
    QVERIFY(captured.at(0).contains(QStringLiteral("roomwarden.net")));
    QVERIFY(captured.at(0).contains(QStringLiteral("warning")));
    QVERIFY(captured.at(1).contains(QStringLiteral("roomwarden.auth")));
}

void TestLogging::registeredSecretIsRedactedInEveryCategory()
{
    QStringList captured;
    auto redactor = std::make_shared<Redactor>();
    const QString token = randomToken();
    redactor->addSecret(token);
    LogRedactionHandler handler(redactor, [&](const QString &line) { captured << line; });
    for (const QLoggingCategory *cat : {&lcApp(), &lcAuth(), &lcNet(), &lcLive(), &lcModeration(),
                                        &lcStorage(), &lcAnalytics(), &lcUi()}) {
        qCWarning(*cat).noquote() << "value" << token << "end";
    }
    QCOMPARE(captured.size(), 8);
    for (const QString &line : std::as_const(captured))
        QVERIFY2(!line.contains(token), qPrintable(line));
}

void TestLogging::previousHandlerIsRestored()
{
    QStringList outer;
    QStringList inner;
    auto redactor = std::make_shared<Redactor>();
    {
        LogRedactionHandler first(redactor, [&](const QString &line) { outer << line; });
        qWarning("one");
    }
    {
        LogRedactionHandler second(redactor, [&](const QString &line) { inner << line; });
        qWarning("two");
    }
    // After the first handler is gone, its sink gets nothing more.
    QCOMPARE(outer.size(), 1);
    QVERIFY(outer.constFirst().endsWith(QStringLiteral("one")));
    QCOMPARE(inner.size(), 1);
    QVERIFY(inner.constFirst().endsWith(QStringLiteral("two")));
}

ROOMWARDEN_TEST_MAIN_CORE(TestLogging)
#include "TestLogging.moc"
