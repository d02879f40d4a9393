// Blob downloads (BlobDownload, behind RegistryClient::getBlob): a connection cut in the
// middle goes on with a Range request where the server honours it (206) and starts over where
// it does not (200); a redirect to blob storage on another host never carries the registry's
// Authorization, also when resuming; the digest is checked over every byte written.

#include "core/sha256.h"
#include "fixtures/clienttest.h"
#include "fixtures/faultproxy.h"
#include "fixtures/realregistry.h"
#include "fixtures/twohosts.h"
#include "upload/blobupload.h"

#include <QBuffer>
#include <QTest>

using namespace Berth;
using namespace Berth::Test;
using Response = ScriptedServer::Response;
using Fault = FaultProxy::Fault;

namespace {

QByteArray pattern(qsizetype size, int seed)
{
    QByteArray data(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        data[i] = char((i * 131 + seed * 7 + i / 4099) & 0xff);
    return data;
}

// The first `cutAt` bytes of `data` under a Content-Length for all of it, then the connection
// closes: a download cut in the middle.
Response cutAnswer(const QByteArray &data, qsizetype cutAt)
{
    return Response::raw("HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(data.size())
                             + "\r\n\r\n" + data.left(cutAt),
                         true);
}

// "bytes=N-" → N; anything else → -1.
qsizetype rangeStart(const ScriptedServer::Request &r)
{
    const QByteArray range = r.header("Range");
    if (!range.startsWith("bytes=") || !range.endsWith('-'))
        return -1;
    bool ok = false;
    const qsizetype start = range.mid(6).chopped(1).toLongLong(&ok);
    return ok ? start : -1;
}

} // namespace

class tst_BlobDownload : public QObject
{
    Q_OBJECT

    TwoHosts m_hosts; // the registry, and blob storage on another host
    QByteArray m_data = pattern(3 << 20, 5);
    QString m_digest = Sha256::digestOf(m_data);

    // The registry asks for Basic credentials, then sends every blob GET to the storage
    // host's /blob with a 307; `storage` answers there.
    std::unique_ptr<RegistryClient> redirectingClient(const ScriptedServer::Handler &storage)
    {
        const QByteArray basic = R"(Basic realm="test")";
        m_hosts.registry->addRoute("GET", QStringLiteral("/v2/"), Response::json(200, "{}"));
        const QByteArray location = "http://" + m_hosts.otherHost().toLatin1() + "/blob?sig=1";
        m_hosts.registry->addRoute(
            "GET", QStringLiteral("/v2/repo/blobs/") + m_digest,
            [basic, location](const ScriptedServer::Request &r) {
                if (!r.hasHeader("Authorization"))
                    return Response::json(401, "{}", {{"WWW-Authenticate", basic}});
                return Response::http(307, {{"Location", location}});
            });
        m_hosts.other->addRoute("GET", QStringLiteral("/blob"), storage);
        ConnectionSettings settings;
        settings.registry = *normalizeRegistryUrl(m_hosts.registry->url().toString(), false);
        settings.credentials = Credentials::password(QStringLiteral("user"), QStringLiteral("pw"));
        settings.timeoutMs = 10000;
        return makeClient(settings);
    }

    void verifyNoAuthorizationReachedStorage()
    {
        QVERIFY(!m_hosts.other->requests().isEmpty());
        for (const auto &r : m_hosts.other->requests())
            QVERIFY2(!r.hasHeader("Authorization"), "Authorization leaked to the storage host");
    }

private Q_SLOTS:
    void init() { QVERIFY(m_hosts.listen()); }
    void cleanup() { m_hosts.reset(); }

    void aCutDownloadGoesOnWithRangeOnTheStorageHost()
    {
        const qsizetype cutAt = 1 << 20;
        int served = 0;
        auto c = redirectingClient([this, &served, cutAt](const ScriptedServer::Request &r) {
            if (served++ == 0)
                return cutAnswer(m_data, cutAt);
            const qsizetype start = rangeStart(r);
            if (start < 0)
                return Response::http(200, {}, m_data);
            const QByteArray range = "bytes " + QByteArray::number(start) + '-'
                                     + QByteArray::number(m_data.size() - 1) + '/'
                                     + QByteArray::number(m_data.size());
            return Response::http(206, {{"Content-Range", range}}, m_data.mid(start));
        });
        const auto got = downloadBlob(c.get(), QStringLiteral("repo"), m_digest);
        BERTH_VERIFY_OK(got);
        QCOMPARE(got->size(), m_data.size());
        QVERIFY(*got == m_data);
        const auto storage = m_hosts.other->requests();
        QCOMPARE(storage.size(), 2);
        QVERIFY(!storage.first().hasHeader("Range"));
        // It asked the registry again (a storage address may expire) and went on from the cut.
        QVERIFY(rangeStart(storage.last()) > 0);
        QVERIFY(rangeStart(storage.last()) <= cutAt);
        verifyNoAuthorizationReachedStorage();
    }

    void aServerIgnoringRangeStartsTheSinkOver()
    {
        int served = 0;
        auto c = redirectingClient([this, &served](const ScriptedServer::Request &) {
            return served++ == 0 ? cutAnswer(m_data, 2 << 20) : Response::http(200, {}, m_data);
        });
        const auto got = downloadBlob(c.get(), QStringLiteral("repo"), m_digest);
        BERTH_VERIFY_OK(got);
        QCOMPARE(got->size(), m_data.size()); // rewritten from the start, not appended
        QVERIFY(*got == m_data);
        QCOMPARE(m_hosts.other->requests().size(), 2);
        QVERIFY(m_hosts.other->requests().last().hasHeader("Range"));
        verifyNoAuthorizationReachedStorage();
    }

    void wrongBytesAfterAResumeFailAsDigestMismatch()
    {
        int served = 0;
        auto c = redirectingClient([this, &served](const ScriptedServer::Request &r) {
            if (served++ == 0)
                return cutAnswer(m_data, 1 << 20);
            QByteArray rest = m_data.mid(rangeStart(r));
            rest[rest.size() / 2] = char(rest.at(rest.size() / 2) ^ 1);
            return Response::http(206, {}, rest);
        });
        const auto got = downloadBlob(c.get(), QStringLiteral("repo"), m_digest);
        QVERIFY(!got);
        QCOMPARE(got.error().code, ErrorCode::DigestMismatch);
    }

    void aDownloadThatNeverGetsFurtherGivesUp()
    {
        auto c = redirectingClient(
            [](const ScriptedServer::Request &) { return Response::closeImmediately(); });
        const auto got = downloadBlob(c.get(), QStringLiteral("repo"), m_digest, 30000);
        QVERIFY(!got);
        QCOMPARE(got.error().kind(), ErrorKind::Transient);
        // Qt itself sends a GET again, once, when a reused connection closes without a word.
        const int attempts = 1 + RetryPolicy::forDownload().maxRetries;
        QVERIFY(m_hosts.other->requests().size() >= attempts);
        QVERIFY(m_hosts.other->requests().size() <= 2 * attempts);
    }

    // Against Debian's docker-registry, through the fault proxy: cut twice in the middle of
    // the answer, the download ends with every byte right; the registry honours Range.
    void cutsAgainstTheRealRegistryEndRight()
    {
        RealRegistry registry;
        QString error;
        QVERIFY2(registry.start(RealRegistry::Mode::Plain, &error), qPrintable(error));
        FaultProxy proxy;
        QVERIFY2(proxy.start(registry.port(), &error), qPrintable(error));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("blob"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(m_data);
        }
        auto direct = makeClient(registry.url());
        auto *push = new BlobUpload(direct.get(), QStringLiteral("dl/cut"),
                                    BlobSource::wholeFile(path), {});
        BERTH_VERIFY_OK(await(static_cast<Job<BlobUploadResult> *>(push), 30000));
        for (int occurrence : {1, 2})
            proxy.addFault({.kind = Fault::Kind::CutMidResponse,
                            .method = "GET",
                            .pathContains = QStringLiteral("/blobs/"),
                            .occurrence = occurrence,
                            .afterBodyBytes = qint64(occurrence) << 19});
        auto c = makeClient(proxy.url());
        const auto got = downloadBlob(c.get(), QStringLiteral("dl/cut"), m_digest, 30000);
        BERTH_VERIFY_OK(got);
        QCOMPARE(proxy.faultsFired(), 2);
        QVERIFY(*got == m_data);
        int gets = 0;
        for (const QByteArray &line : proxy.requestLines())
            gets += line.startsWith("GET ") && line.contains("/blobs/") ? 1 : 0;
        QCOMPARE(gets, 3);
    }
};

QTEST_GUILESS_MAIN(tst_BlobDownload)
#include "tst_blobdownload.moc"
