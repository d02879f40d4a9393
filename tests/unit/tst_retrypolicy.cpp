// RetryPolicy: which failures each kind of request retries, the budget, the back-off, and
// the registry's Retry-After (parsed from delay-seconds or an HTTP-date, and bounded).

#include "core/retrypolicy.h"
#include "fixtures/datatable.h"

#include <QTest>
#include <QTimeZone>

using namespace Berth;
using namespace Berth::Test;

Q_DECLARE_METATYPE(Berth::RegistryError)

namespace {
RegistryError error(int status, const QString &code = ErrorCode::Unknown, int retryAfter = -1)
{
    RegistryError e = RegistryError::make(code, QStringLiteral("message"), status);
    e.retryAfterSecs = retryAfter;
    return e;
}

QDateTime now()
{
    return QDateTime(QDate(2015, 10, 21), QTime(7, 28), QTimeZone::utc());
}
} // namespace

class tst_RetryPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void retryable_data()
    {
        addColumns<QByteArray, bool, RegistryError, bool, bool>("method", "streamed", "error",
                                                                "retried", "uploadRetries");
        const RegistryError network = error(0, ErrorCode::Network);
        const RegistryError timeout = error(0, ErrorCode::Timeout);
        // Reads retry what the registry asked to be asked again; never a write.
        for (const int status : {429, 502, 503, 504}) {
            QTest::addRow("GET %d", status)
                << QByteArray("GET") << false << error(status) << true << true;
            QTest::addRow("HEAD %d", status)
                << QByteArray("HEAD") << false << error(status) << true << true;
            QTest::addRow("streamed GET %d", status)
                << QByteArray("GET") << true << error(status) << false << true;
            for (const char *write : {"PUT", "POST", "PATCH", "DELETE"})
                QTest::addRow("%s %d", write, status)
                    << QByteArray(write) << false << error(status) << false << true;
        }
        QTest::newRow("GET 500") << QByteArray("GET") << false << error(500) << false << true;
        QTest::newRow("GET cut") << QByteArray("GET") << false << network << false << true;
        QTest::newRow("GET timeout") << QByteArray("GET") << false << timeout << false << true;
        QTest::newRow("GET TLS") << QByteArray("GET") << false << error(0, ErrorCode::Tls) << false
                                 << false;
        QTest::newRow("GET 501") << QByteArray("GET") << false << error(501) << false << false;
        QTest::newRow("GET 416") << QByteArray("GET") << false << error(416) << false << false;
        QTest::newRow("GET 404") << QByteArray("GET") << false
                                 << error(404, ErrorCode::BlobUploadUnknown) << false << false;
        QTest::newRow("GET 401") << QByteArray("GET") << false
                                 << error(401, ErrorCode::Unauthorized) << false << false;
        QTest::newRow("GET 403") << QByteArray("GET") << false << error(403, ErrorCode::Denied)
                                 << false << false;
        QTest::newRow("aborted") << QByteArray("GET") << false << error(0, ErrorCode::Aborted)
                                 << false << false;
        QTest::newRow("PUT DIGEST_INVALID")
            << QByteArray("PUT") << false << error(400, ErrorCode::DigestInvalid) << false << false;
    }
    void retryable()
    {
        QFETCH(QByteArray, method);
        QFETCH(bool, streamed);
        QFETCH(RegistryError, error);
        QFETCH(bool, retried);
        QFETCH(bool, uploadRetries);
        QCOMPARE(RetryPolicy::forRequest(method, streamed).isRetryable(error), retried);
        QCOMPARE(RetryPolicy::forUpload().isRetryable(error), uploadRetries);
        // A download goes on after the same errors as an upload (from the bytes it has).
        QCOMPARE(RetryPolicy::forDownload().isRetryable(error), uploadRetries);
    }

    void budget()
    {
        const RetryPolicy read = RetryPolicy::forRequest("GET", false);
        QVERIFY(read.allows(2));
        QVERIFY(!read.allows(3));
        const RetryPolicy upload = RetryPolicy::forUpload();
        QVERIFY(upload.allows(8));
        QVERIFY(!upload.allows(9));
        const RetryPolicy download = RetryPolicy::forDownload();
        QVERIFY(download.allows(5));
        QVERIFY(!download.allows(6));
        QCOMPARE(download.delayMs(5, error(0, ErrorCode::Network)), 4000);
        QVERIFY(!RetryPolicy::forRequest("PATCH", false).allows(1));
    }

    void delay_data()
    {
        addColumns<bool, int, int, int>("upload", "retry", "retryAfter", "delayMs");
        QTest::newRow("read, first") << false << 1 << -1 << 250;
        QTest::newRow("read, second") << false << 2 << -1 << 500;
        QTest::newRow("upload, first") << true << 1 << -1 << 500;
        QTest::newRow("upload, doubling") << true << 4 << -1 << 4000;
        QTest::newRow("upload, bounded") << true << 8 << -1 << 8000;
        QTest::newRow("upload, far beyond") << true << 1000 << -1 << 8000;
        QTest::newRow("read, Retry-After") << false << 1 << 3 << 3000;
        QTest::newRow("upload, Retry-After over the back-off") << true << 1 << 2 << 2000;
        QTest::newRow("upload, Retry-After under the back-off") << true << 8 << 1 << 1000;
        QTest::newRow("Retry-After capped") << false << 1 << 86400 << 10000;
        QTest::newRow("upload, Retry-After capped") << true << 1 << 3600 << 10000;
        QTest::newRow("Retry-After 0 means the back-off") << true << 2 << 0 << 1000;
    }
    void delay()
    {
        QFETCH(bool, upload);
        QFETCH(int, retry);
        QFETCH(int, retryAfter);
        QFETCH(int, delayMs);
        const RetryPolicy policy
            = upload ? RetryPolicy::forUpload() : RetryPolicy::forRequest("GET", false);
        QCOMPARE(policy.delayMs(retry, error(503, ErrorCode::Unknown, retryAfter)), delayMs);
    }

    void retryAfter_data()
    {
        // seconds: -1: not a Retry-After
        addColumns<QByteArray, int>("value", "seconds");
        QTest::newRow("seconds") << QByteArray("120") << 120;
        QTest::newRow("zero") << QByteArray("0") << 0;
        QTest::newRow("spaces around") << QByteArray(" 5 ") << 5;
        QTest::newRow("huge") << QByteArray("99999999999999999999999999") << 86400;
        QTest::newRow("just over a day") << QByteArray("86401") << 86400;
        QTest::newRow("IMF-fixdate") << QByteArray("Wed, 21 Oct 2015 07:28:30 GMT") << 30;
        QTest::newRow("RFC 850") << QByteArray("Wednesday, 21-Oct-15 07:29:00 GMT") << 60;
        QTest::newRow("asctime") << QByteArray("Wed Oct 21 07:28:10 2015") << 10;
        QTest::newRow("asctime, one-digit day") << QByteArray("Thu Oct  1 07:28:00 2015") << 0;
        QTest::newRow("date in the past") << QByteArray("Wed, 21 Oct 2015 07:00:00 GMT") << 0;
        QTest::newRow("date years ahead") << QByteArray("Fri, 21 Oct 2044 07:28:00 GMT") << 86400;
        QTest::newRow("empty") << QByteArray() << -1;
        QTest::newRow("negative") << QByteArray("-5") << -1;
        QTest::newRow("fraction") << QByteArray("1.5") << -1;
        QTest::newRow("unit") << QByteArray("10s") << -1;
        QTest::newRow("garbage") << QByteArray("soon") << -1;
        QTest::newRow("date without GMT") << QByteArray("Wed, 21 Oct 2015 07:28:30") << -1;
        QTest::newRow("invalid date") << QByteArray("Wed, 32 Oct 2015 07:28:30 GMT") << -1;
    }
    void retryAfter()
    {
        QFETCH(QByteArray, value);
        QFETCH(int, seconds);
        QCOMPARE(parseRetryAfter(value, now()).value_or(-1), seconds);
    }
};

QTEST_GUILESS_MAIN(tst_RetryPolicy)
#include "tst_retrypolicy.moc"
