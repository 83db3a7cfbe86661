// A compromised or malicious platform sends numbers no real reply has (1e300, -1e300, 2^63):
// the parsers refuse or ignore them instead of casting them (undefined behaviour that UBSan in
// `scripts/test --sanitize` turns into a failure). Found by tests/fuzz; the inputs are also in
// tests/fuzz/corpus/{oauth,eventsub}/regression_*.
#include "core/auth/TokenSet.h"
#include "core/auth/TokenValidator.h"
#include "core/providers/twitch/EventSubEventMapper.h"
#include "core/providers/twitch/EventSubParser.h"

#include "TestMain.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace roomwarden;

class TestHostileNumbers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void hugeNumbers_data();
    void tokenLifetimes();
    void tokenLifetimes_data() { hugeNumbers_data(); }
    void validateLifetimes();
    void validateLifetimes_data() { hugeNumbers_data(); }
    void moderationDurations();
    void moderationDurations_data() { hugeNumbers_data(); }
};

void TestHostileNumbers::hugeNumbers_data()
{
    QTest::addColumn<double>("number");
    QTest::newRow("1e300") << 1e300;
    QTest::newRow("-1e300") << -1e300;
    QTest::newRow("2^63") << 9223372036854775808.0;
    QTest::newRow("-2^64") << -18446744073709551616.0;
}

void TestHostileNumbers::tokenLifetimes()
{
    QFETCH(double, number);
    const QDateTime now(QDate(2026, 11, 28), QTime(12, 0), Qt::UTC);
    const QJsonObject json{{QStringLiteral("access_token"), QStringLiteral("a")},
                           {QStringLiteral("expires_in"), number}};
    const auto tokens = auth::TokenSet::fromTokenResponse(json, now);
    QVERIFY(tokens);
    // Not a date centuries away (or in the past): the lifetime counts as unknown.
    QVERIFY(!tokens->expiresAt.isValid());
    QVERIFY(!tokens->isExpiredAt(now));
    // A sane lifetime still works.
    const auto sane =
        auth::TokenSet::fromTokenResponse({{QStringLiteral("access_token"), QStringLiteral("a")},
                                           {QStringLiteral("expires_in"), 3600}},
                                          now);
    QCOMPARE(sane->expiresAt, now.addSecs(3600));
}

void TestHostileNumbers::validateLifetimes()
{
    QFETCH(double, number);
    const auth::TokenValidation v =
        auth::TokenValidation::fromJson({{QStringLiteral("client_id"), QStringLiteral("c")},
                                         {QStringLiteral("expires_in"), number}});
    QVERIFY(v.isValid());
    QCOMPARE(v.expiresIn, qint64(0));
    const auth::TokenValidation sane = auth::TokenValidation::fromJson(
        {{QStringLiteral("client_id"), QStringLiteral("c")}, {QStringLiteral("expires_in"), 5520}});
    QCOMPARE(sane.expiresIn, qint64(5520));
}

void TestHostileNumbers::moderationDurations()
{
    QFETCH(double, number);
    for (const QString &action : {QStringLiteral("slow"), QStringLiteral("followers")}) {
        const QString field = action == u"slow" ? QStringLiteral("wait_time_seconds")
                                                : QStringLiteral("follow_duration_minutes");
        const QJsonObject event{{QStringLiteral("broadcaster_user_id"), QStringLiteral("1")},
                                {QStringLiteral("moderator_user_id"), QStringLiteral("2")},
                                {QStringLiteral("action"), action},
                                {action, QJsonObject{{field, number}}}};
        QJsonObject metadata;
        metadata.insert(QStringLiteral("message_id"), QString(QStringLiteral("m-") + action));
        metadata.insert(QStringLiteral("message_type"), QStringLiteral("notification"));
        metadata.insert(QStringLiteral("message_timestamp"),
                        QStringLiteral("2026-11-28T12:00:00.000Z"));
        metadata.insert(QStringLiteral("subscription_type"), QStringLiteral("channel.moderate"));
        metadata.insert(QStringLiteral("subscription_version"), QStringLiteral("2"));
        QJsonObject payload;
        payload.insert(QStringLiteral("event"), event);
        QJsonObject frame;
        frame.insert(QStringLiteral("metadata"), metadata);
        frame.insert(QStringLiteral("payload"), payload);
        const auto envelope =
            twitch::EventSubParser::parse(QJsonDocument(frame).toJson(QJsonDocument::Compact));
        QVERIFY(envelope);
        const auto mapped = twitch::EventSubEventMapper::toRoomEvent(*envelope);
        QVERIFY2(mapped, qPrintable(action));
        QCOMPARE(mapped->kind, model::RoomEventKind::ChatSettingsChanged);
        // The mode change is kept; the impossible duration is not.
        QCOMPARE(mapped->text, action);
        QVERIFY(!mapped->durationSeconds);
    }
}

ROOMWARDEN_TEST_MAIN_CORE(TestHostileNumbers)
#include "TestHostileNumbers.moc"
