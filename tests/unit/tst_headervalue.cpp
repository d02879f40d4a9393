// What may go into an HTTP header: field values without control characters, token names,
// RFC 6750 token68 bearer tokens.

#include "core/headervalue.h"
#include "fixtures/datatable.h"

#include <QTest>

using namespace Berth;
using namespace Berth::Test;

class tst_HeaderValue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void token68_data()
    {
        addColumns<QByteArray, bool>("token", "valid");
        QTest::newRow("jwt") << QByteArray("eyJhbGciOi.eyJleHAiOjF9.c2ln") << true;
        QTest::newRow("padded") << QByteArray("abc+/==") << true;
        QTest::newRow("all marks") << QByteArray("a-._~+/b") << true;
        QTest::newRow("empty") << QByteArray() << false;
        QTest::newRow("only padding") << QByteArray("==") << false;
        QTest::newRow("padding inside") << QByteArray("ab=c") << false;
        QTest::newRow("crlf") << QByteArray("abc\r\nX-Injected: yes") << false;
        QTest::newRow("space") << QByteArray("abc def") << false;
        QTest::newRow("quote") << QByteArray("abc\"") << false;
        QTest::newRow("nul") << QByteArray("abc\0", 4) << false;
        QTest::newRow("utf-8") << QByteArray("abc\xc3\xa9") << false;
    }
    void token68()
    {
        QFETCH(QByteArray, token);
        QFETCH(bool, valid);
        QCOMPARE(isToken68(token), valid);
    }

    void headerValue_data()
    {
        addColumns<QByteArray, bool>("value", "valid");
        QTest::newRow("plain") << QByteArray("Bearer abc") << true;
        QTest::newRow("tab") << QByteArray("a\tb") << true;
        QTest::newRow("empty") << QByteArray() << true;
        QTest::newRow("obs-text") << QByteArray("caf\xc3\xa9") << true;
        QTest::newRow("cr") << QByteArray("a\rb") << false;
        QTest::newRow("lf") << QByteArray("a\nb") << false;
        QTest::newRow("nul") << QByteArray("a\0b", 3) << false;
        QTest::newRow("esc") << QByteArray("a\x1b[31m") << false;
        QTest::newRow("del") << QByteArray("a\x7f") << false;
    }
    void headerValue()
    {
        QFETCH(QByteArray, value);
        QFETCH(bool, valid);
        QCOMPARE(isSafeHeaderValue(value), valid);
    }

    void headerName()
    {
        QVERIFY(isSafeHeaderName("Docker-Content-Digest"));
        QVERIFY(!isSafeHeaderName(""));
        QVERIFY(!isSafeHeaderName("X-A: b"));
        QVERIFY(!isSafeHeaderName("X\r\nY"));
    }
};

QTEST_GUILESS_MAIN(tst_HeaderValue)
#include "tst_headervalue.moc"
