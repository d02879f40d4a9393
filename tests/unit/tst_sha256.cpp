#include "core/sha256.h"
#include "fixtures/datatable.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QTest>

using namespace Berth;
using namespace Berth::Test;
using namespace Qt::Literals::StringLiterals;

class tst_Sha256 : public QObject
{
    Q_OBJECT

private slots:
    void knownVectors_data();
    void knownVectors();
    void streamingInOddSlicesMatchesOneShot_data();
    void streamingInOddSlicesMatchesOneShot();
    void resultIsRawBytesAndRepeatable();
    void dataAfterFinishIsIgnoredUntilReset();
    void resetStartsAFreshHash();
};

void tst_Sha256::knownVectors_data()
{
    addColumns<QByteArray, QString>("data", "digest");

    // FIPS 180-4 / NIST CAVP examples.
    QTest::newRow("empty")
        << QByteArray()
        << u"sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"_s;
    QTest::newRow("abc") << QByteArray(
        "abc") << u"sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"_s;
    QTest::newRow("448 bits")
        << QByteArray("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
        << u"sha256:248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"_s;
    QTest::newRow("896 bits")
        << QByteArray("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklm"
                      "nopqklmn"
                      "opqrlmnopqrsmnopqrstnopqrstu")
        << u"sha256:cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"_s;
    QTest::newRow("one million a")
        << QByteArray(1000000, 'a')
        << u"sha256:cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"_s;
}

void tst_Sha256::knownVectors()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, digest);
    QCOMPARE(Sha256::digestOf(data), digest);
    Sha256 hash;
    hash.addData(data);
    QCOMPARE(hash.digest(), digest);
}

void tst_Sha256::streamingInOddSlicesMatchesOneShot_data()
{
    // slices: repeated in turn until the data ends
    addColumns<qsizetype, QList<int>>("size", "slices");

    QTest::newRow("5 MiB + 3 in primes")
        << qsizetype(5 * 1024 * 1024 + 3) << QList<int>{1, 7, 4093, 65537, 3};
    QTest::newRow("3 MiB in single bytes and a big slice")
        << qsizetype(3 * 1024 * 1024) << QList<int>{1, 1, 1, 1048573};
    QTest::newRow("block boundaries")
        << qsizetype(64 * 1024 + 63) << QList<int>{63, 64, 65, 0, 128};
}

void tst_Sha256::streamingInOddSlicesMatchesOneShot()
{
    QFETCH(qsizetype, size);
    QFETCH(QList<int>, slices);

    QByteArray data(size, Qt::Uninitialized);
    QRandomGenerator random(256);
    for (char &c : data)
        c = char(random.bounded(256));

    Sha256 hash;
    qsizetype offset = 0;
    for (int i = 0; offset < data.size(); ++i) {
        const qsizetype length
            = qMin<qsizetype>(slices.at(i % slices.size()), data.size() - offset);
        hash.addData(QByteArrayView(data).sliced(offset, length));
        offset += length;
    }
    const QByteArray expected = QCryptographicHash::hash(data, QCryptographicHash::Sha256);
    QCOMPARE(hash.result(), expected);
    QCOMPARE(Sha256::digestOf(data), u"sha256:"_s + QString::fromLatin1(expected.toHex()));
}

void tst_Sha256::resultIsRawBytesAndRepeatable()
{
    Sha256 hash;
    hash.addData("abc");
    const QByteArray raw = hash.result();
    QCOMPARE(raw.size(), 32);
    QCOMPARE(raw.toHex(),
             QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    QCOMPARE(hash.result(), raw);
    QCOMPARE(hash.digest(), u"sha256:"_s + QString::fromLatin1(raw.toHex()));
}

void tst_Sha256::dataAfterFinishIsIgnoredUntilReset()
{
    Sha256 hash;
    hash.addData("abc");
    const QString first = hash.digest();
    hash.addData("more");
    QCOMPARE(hash.digest(), first);
}

void tst_Sha256::resetStartsAFreshHash()
{
    Sha256 hash;
    hash.addData("something else");
    hash.result();
    hash.reset();
    hash.addData("a");
    hash.addData("bc");
    QCOMPARE(hash.digest(), Sha256::digestOf("abc"));
    hash.reset();
    QCOMPARE(hash.digest(),
             u"sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"_s);
}

QTEST_GUILESS_MAIN(tst_Sha256)
#include "tst_sha256.moc"
