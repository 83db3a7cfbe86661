// FieldCipher: AES-256-GCM fields with a self-describing blob (see core/storage/FieldCipher.h).
#include "core/storage/FieldCipher.h"

#include "TestMain.h"

#include <QCryptographicHash>

using roomwarden::storage::FieldCipher;
using roomwarden::storage::StorageError;

namespace {
QString megabyteOfText()
{
    QString s;
    s.reserve(1 << 20);
    for (int i = 0; s.size() < (1 << 20); ++i)
        s += QString::number(i) + u' ';
    return s.left(1 << 20);
}
} // namespace

class TestFieldCipher : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void blobHasTheDocumentedLayout();
    void sealsOfTheSameTextDiffer();
    void flippedByteFails_data();
    void flippedByteFails();
    void wrongAssociatedDataFails();
    void wrongKeyIsToldApart();
    void truncatedBlobsFailCleanly();
    void invalidKeyRefuses();
    void generatedKeysAreRandom();
};

void TestFieldCipher::roundTrip_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("null") << QString();
    QTest::newRow("empty") << QStringLiteral("");
    QTest::newRow("ascii") << QStringLiteral("banned for spam, see clip");
    QTest::newRow("emoji") << QStringLiteral("gg \U0001F600\U0001F44D caf\u00e9 \u4e2d\u6587");
    QTest::newRow("nul") << QString::fromUtf16(u"a\u0000b", 3);
    QTest::newRow("1 MiB") << megabyteOfText();
}

void TestFieldCipher::roundTrip()
{
    QFETCH(QString, text);
    const FieldCipher cipher(FieldCipher::generateKey());
    QVERIFY(cipher.isValid());
    const QByteArray ad = QByteArrayLiteral("journal.reason:42");
    const QByteArray sealed = cipher.seal(text, ad);
    QCOMPARE(sealed.size(), FieldCipher::kOverhead + text.toUtf8().size());
    // The text is not visible in the blob.
    if (text.size() > 4)
        QVERIFY(!sealed.contains(text.toUtf8()));
    const auto opened = cipher.open(sealed, ad);
    QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error->message));
    QCOMPARE(opened->size(), text.size());
    QCOMPARE(*opened, text);
}

void TestFieldCipher::blobHasTheDocumentedLayout()
{
    const QByteArray key = FieldCipher::generateKey();
    const FieldCipher cipher(key);
    const QByteArray sealed = cipher.seal(u"hello");
    QCOMPARE(sealed.at(0), FieldCipher::kVersion);
    const QByteArray expectedId =
        QCryptographicHash::hash(key, QCryptographicHash::Sha256).left(FieldCipher::kKeyIdSize);
    QCOMPARE(sealed.mid(1, 4), expectedId);
    QCOMPARE(cipher.keyId(), expectedId);
    QCOMPARE(sealed.size(), 1 + 4 + 12 + 5 + 16);
}

void TestFieldCipher::sealsOfTheSameTextDiffer()
{
    const FieldCipher cipher(FieldCipher::generateKey());
    const QByteArray a = cipher.seal(u"same text");
    const QByteArray b = cipher.seal(u"same text");
    QVERIFY(a != b);
    // The nonces differ, not only the ciphertexts.
    QVERIFY(a.mid(5, 12) != b.mid(5, 12));
    QCOMPARE(*cipher.open(a), QStringLiteral("same text"));
    QCOMPARE(*cipher.open(b), QStringLiteral("same text"));
}

void TestFieldCipher::flippedByteFails_data()
{
    QTest::addColumn<int>("position");
    QTest::addColumn<int>("expectedCode");
    const int crypto = int(StorageError::Code::Crypto);
    const int key = int(StorageError::Code::KeyUnavailable);
    // "payload" is 10 bytes: ciphertext from 17 to 26, tag from 27 to 42.
    QTest::newRow("version") << 0 << crypto;
    QTest::newRow("key id first") << 1 << key;
    QTest::newRow("key id last") << 4 << key;
    QTest::newRow("nonce first") << 5 << crypto;
    QTest::newRow("nonce last") << 16 << crypto;
    QTest::newRow("ciphertext first") << 17 << crypto;
    QTest::newRow("ciphertext last") << 26 << crypto;
    QTest::newRow("tag first") << 27 << crypto;
    QTest::newRow("tag last") << 42 << crypto;
}

void TestFieldCipher::flippedByteFails()
{
    QFETCH(int, position);
    QFETCH(int, expectedCode);
    const FieldCipher cipher(FieldCipher::generateKey());
    const QByteArray sealed = cipher.seal(u"0123456789", "ad");
    QCOMPARE(sealed.size(), 43);
    QVERIFY(cipher.open(sealed, "ad").ok());
    for (const char mask : {char(0x01), char(0x80), char(0xff)}) {
        QByteArray bad = sealed;
        bad[position] = char(bad.at(position) ^ mask);
        const auto opened = cipher.open(bad, "ad");
        QVERIFY(!opened.ok());
        QCOMPARE(int(opened.error->code), expectedCode);
        QVERIFY(!opened.error->message.isEmpty());
    }
}

void TestFieldCipher::wrongAssociatedDataFails()
{
    const FieldCipher cipher(FieldCipher::generateKey());
    const QByteArray sealed = cipher.seal(u"reason", "journal.reason:1");
    QVERIFY(cipher.open(sealed, "journal.reason:1").ok());
    for (const QByteArray &ad : {QByteArray("journal.reason:2"), QByteArray("journal.note:1"),
                                 QByteArray(), QByteArray("journal.reason:1\0", 17)}) {
        const auto opened = cipher.open(sealed, ad);
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error->code, StorageError::Code::Crypto);
    }
    // Sealed without associated data: opening with some fails too.
    const QByteArray bare = cipher.seal(u"reason");
    QVERIFY(cipher.open(bare).ok());
    QCOMPARE(cipher.open(bare, "x").error->code, StorageError::Code::Crypto);
}

void TestFieldCipher::wrongKeyIsToldApart()
{
    const FieldCipher mine(FieldCipher::generateKey());
    const FieldCipher other(FieldCipher::generateKey());
    QVERIFY(mine.keyId() != other.keyId());
    const QByteArray sealed = other.seal(u"a note");
    const auto opened = mine.open(sealed);
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error->code, StorageError::Code::KeyUnavailable);
    // A tampered blob under the right key says something else.
    QByteArray tampered = mine.seal(u"a note");
    tampered[tampered.size() - 1] = char(tampered.at(tampered.size() - 1) ^ 1);
    const auto bad = mine.open(tampered);
    QCOMPARE(bad.error->code, StorageError::Code::Crypto);
    QVERIFY(bad.error->message != opened.error->message);
}

void TestFieldCipher::truncatedBlobsFailCleanly()
{
    const FieldCipher cipher(FieldCipher::generateKey());
    const QByteArray sealed = cipher.seal(u"some text to cut");
    for (qsizetype n = 0; n < sealed.size(); ++n) {
        // A copy of exactly n bytes, so that ASan sees any read past the end.
        const QByteArray cut(sealed.constData(), n);
        const auto opened = cipher.open(cut);
        QVERIFY2(!opened.ok(), qPrintable(QString::number(n)));
        QVERIFY(opened.error->code == StorageError::Code::Crypto);
    }
    QVERIFY(!cipher.open(QByteArrayView()).ok());
    QVERIFY(cipher.open(sealed).ok());
}

void TestFieldCipher::invalidKeyRefuses()
{
    const FieldCipher shortKey(QByteArray(16, 'k'));
    QVERIFY(!shortKey.isValid());
    QVERIFY(shortKey.seal(u"text").isEmpty());
    const FieldCipher good(FieldCipher::generateKey());
    const auto opened = shortKey.open(good.seal(u"text"));
    QCOMPARE(opened.error->code, StorageError::Code::KeyUnavailable);
}

void TestFieldCipher::generatedKeysAreRandom()
{
    const QByteArray a = FieldCipher::generateKey();
    const QByteArray b = FieldCipher::generateKey();
    QCOMPARE(a.size(), 32);
    QCOMPARE(b.size(), 32);
    QVERIFY(a != b);
    // The cipher keeps its own copy: changing the caller's buffer changes nothing.
    QByteArray key = a;
    const FieldCipher cipher(key);
    const QByteArray sealed = cipher.seal(u"x");
    key.fill('\0');
    QCOMPARE(*cipher.open(sealed), QStringLiteral("x"));
}

ROOMWARDEN_TEST_MAIN_CORE(TestFieldCipher)
#include "TestFieldCipher.moc"
