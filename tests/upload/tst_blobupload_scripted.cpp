// BlobUpload against a scripted registry, for answers the real ones give only by accident:
// a 416 for a chunk at the wrong offset, a registry that omits Range, a commit whose
// digest the registry reports differently, one that fails every PATCH while claiming
// a byte more each time, and one that throttles a PATCH with Retry-After.

#include "core/sha256.h"
#include "fixtures/clienttest.h"
#include "fixtures/datatable.h"
#include "fixtures/scriptedserver.h"
#include "upload/blobupload.h"
#include "uploadtest.h"

#include <QElapsedTimer>
#include <QTest>

using namespace Berth;
using namespace Berth::Test;
using Response = ScriptedServer::Response;

class tst_BlobUploadScripted : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    static BlobUploadOptions chunks(qint64 size)
    {
        BlobUploadOptions o;
        o.chunkSize = size;
        o.retry.firstBackoffMs = 20;
        return o;
    }

    // A registry without the blob that opens an upload session at /up/1.
    static void serveNewSession(ScriptedServer &server, const QString &digest)
    {
        server.addRoute("GET", QStringLiteral("/v2/"), Response::json(200, "{}"));
        server.addRoute("HEAD", QStringLiteral("/v2/s/r/blobs/") + digest,
                        Response::http(404, {{"Content-Length", "0"}}));
        server.addRoute("POST", QStringLiteral("/v2/s/r/blobs/uploads/"),
                        Response::http(202, {{"Location", "/up/1"}}));
    }

private Q_SLOTS:
    void a416ResynchronisesFromTheRegistrysRange()
    {
        const QString path = writePatternFile(m_dir, QStringLiteral("f416"), 300, 41);
        const QByteArray data = readAll(path);
        const QByteArray digest = Sha256::digestOf(data).toLatin1();
        ScriptedServer server;
        QVERIFY(server.listen());
        server.addRoute("GET", QStringLiteral("/v2/"), Response::json(200, "{}"));
        server.addRoute("HEAD", QStringLiteral("/v2/s/r/blobs/") + QString::fromLatin1(digest),
                        Response::http(404, {{"Content-Length", "0"}}));
        server.addRoute("POST", QStringLiteral("/v2/s/r/blobs/uploads/"),
                        Response::http(202, {{"Location", "/up/1"}, {"Range", "0-0"}}));
        // The first chunk (0-99) lands; the second is refused as out of order: the registry
        // says it already has 0-199 (say, a retry it had seen). Berth asks and goes on.
        server.addRoute("PATCH", QStringLiteral("/up/1"),
                        Response::http(202, {{"Location", "/up/2"}, {"Range", "0-99"}}));
        server.addRoute("PATCH", QStringLiteral("/up/2"),
                        Response::http(416, {{"Location", "/up/2"}, {"Range", "0-199"}}));
        server.addRoute("GET", QStringLiteral("/up/2"),
                        Response::http(204, {{"Location", "/up/3"}, {"Range", "0-199"}}));
        server.addRoute("PATCH", QStringLiteral("/up/3"),
                        Response::http(202, {{"Location", "/up/4"}, {"Range", "0-299"}}));
        server.addRoute("PUT", QStringLiteral("/up/4"),
                        Response::http(201, {{"Docker-Content-Digest", digest}}));
        auto client = makeClient(server.url());
        auto *up = new BlobUpload(client.get(), QStringLiteral("s/r"), BlobSource::wholeFile(path),
                                  chunks(100));
        const auto r = await(static_cast<Job<BlobUploadResult> *>(up));
        BERTH_VERIFY_OK(r);
        QCOMPARE(r->digest, QString::fromLatin1(digest));
        QByteArray resent;
        QByteArray range;
        for (const auto &req : server.requests()) {
            if (req.method == "PATCH" && req.path() == "/up/3") {
                resent = req.body;
                range = req.header("Content-Range");
            }
        }
        QCOMPARE(range, QByteArray("200-299")); // from the registry's offset, not ours
        QCOMPARE(resent, data.mid(200));
    }

    void aCommitTheRegistryStoresUnderAnotherDigestFails()
    {
        const QString path = writePatternFile(m_dir, QStringLiteral("fdigest"), 50, 42);
        const QString digest = Sha256::digestOf(readAll(path));
        ScriptedServer server;
        QVERIFY(server.listen());
        serveNewSession(server, digest);
        server.addRoute("PATCH", QStringLiteral("/up/1"),
                        Response::http(202, {{"Location", "/up/2"}})); // no Range header
        server.addRoute("PUT", QStringLiteral("/up/2"),
                        Response::http(201, {{"Docker-Content-Digest",
                                              QByteArray("sha256:" + QByteArray(64, 'a'))}}));
        auto client = makeClient(server.url());
        auto *up = new BlobUpload(client.get(), QStringLiteral("s/r"), BlobSource::wholeFile(path),
                                  chunks(0));
        const auto r = await(static_cast<Job<BlobUploadResult> *>(up));
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::DigestMismatch);
    }

    void retryAfterOnAPatchIsHonoured_data()
    {
        addColumns<int, bool>("status", "httpDate");
        QTest::newRow("429, seconds") << 429 << false;
        QTest::newRow("503, HTTP-date") << 503 << true;
    }

    // The registry throttles the first PATCH and says when to come back: the upload waits
    // that long (far beyond its own back-off here) before it asks where the registry is.
    void retryAfterOnAPatchIsHonoured()
    {
        QFETCH(int, status);
        QFETCH(bool, httpDate);
        const QString path = writePatternFile(m_dir, QStringLiteral("fthrottle"), 1000, 44);
        const QByteArray digest = Sha256::digestOf(readAll(path)).toLatin1();
        ScriptedServer server;
        QVERIFY(server.listen());
        serveNewSession(server, QString::fromLatin1(digest));
        QElapsedTimer clock;
        clock.start();
        qint64 refusedAt = -1;
        qint64 askedAt = -1;
        int patches = 0;
        server.addRoute("PATCH", QStringLiteral("/up/1"), [&](const ScriptedServer::Request &) {
            if (++patches > 1)
                return Response::http(202, {{"Location", "/up/2"}, {"Range", "0-999"}});
            refusedAt = clock.elapsed();
            // A date two seconds ahead is at least one second away, whole seconds counted.
            const QByteArray after
                = httpDate ? QLocale::c()
                                 .toString(QDateTime::currentDateTimeUtc().addSecs(2),
                                           QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"))
                                 .toLatin1()
                           : QByteArray("1");
            return Response::json(status, R"({"errors":[{"code":"TOOMANYREQUESTS"}]})",
                                  {{"Retry-After", after}});
        });
        server.addRoute("GET", QStringLiteral("/up/1"), [&](const ScriptedServer::Request &) {
            askedAt = clock.elapsed();
            return Response::http(204, {{"Location", "/up/1"}});
        });
        server.addRoute("PUT", QStringLiteral("/up/2"),
                        Response::http(201, {{"Docker-Content-Digest", digest}}));
        auto client = makeClient(server.url());
        auto *up = new BlobUpload(client.get(), QStringLiteral("s/r"), BlobSource::wholeFile(path),
                                  chunks(0)); // a back-off of 20 ms
        const auto r = await(static_cast<Job<BlobUploadResult> *>(up));
        BERTH_VERIFY_OK(r);
        QCOMPARE(patches, 2);
        QVERIFY(refusedAt >= 0 && askedAt >= 0);
        // A lower bound only: the wait may be longer, never shorter than the registry asked.
        QVERIFY2(askedAt - refusedAt >= 900, qPrintable(QString::number(askedAt - refusedAt)));
    }

    // Paused and resumed while waiting out a Retry-After: resume asks the registry at once,
    // and the wait that was running must not ask a second time (two status answers would
    // each send the rest of the blob).
    void resumeDuringTheWaitAsksOnce()
    {
        const QString path = writePatternFile(m_dir, QStringLiteral("fresume"), 1000, 45);
        const QByteArray digest = Sha256::digestOf(readAll(path)).toLatin1();
        ScriptedServer server;
        QVERIFY(server.listen());
        serveNewSession(server, QString::fromLatin1(digest));
        int patches = 0;
        server.addRoute("PATCH", QStringLiteral("/up/1"), [&](const ScriptedServer::Request &) {
            if (++patches > 1)
                return Response::http(202, {{"Location", "/up/2"}, {"Range", "0-999"}});
            return Response::json(503, "{}", {{"Retry-After", "1"}});
        });
        // The status answer takes longer than the wait that is still running.
        const ScriptedServer::Response status = Response::http(204, {{"Location", "/up/1"}});
        server.addRoute("GET", QStringLiteral("/up/1"),
                        Response::slowDrip(status.bytes, 1, 2000 / int(status.bytes.size())));
        server.addRoute("PUT", QStringLiteral("/up/2"),
                        Response::http(201, {{"Docker-Content-Digest", digest}}));
        auto client = makeClient(server.url());
        auto *up = new BlobUpload(client.get(), QStringLiteral("s/r"), BlobSource::wholeFile(path),
                                  chunks(0));
        QTRY_COMPARE(up->phase(), BlobUpload::Phase::Resyncing);
        up->pause();
        up->resume();
        BERTH_VERIFY_OK(await(static_cast<Job<BlobUploadResult> *>(up)));
        int asked = 0;
        for (const auto &req : server.requests())
            asked += req.method == "GET" && req.path() == "/up/1" ? 1 : 0;
        QCOMPARE(asked, 1);
        QCOMPARE(patches, 2);
    }

    // Every PATCH fails with 500, and each status GET reports one more byte: that is not
    // progress, so the retry budget runs out instead of the chunk being re-sent for ever.
    void aByteMoreEachTimeIsNotProgress()
    {
        const QString path = writePatternFile(m_dir, QStringLiteral("fcreep"), 256 << 10, 43);
        const QString digest = Sha256::digestOf(readAll(path));
        ScriptedServer server;
        QVERIFY(server.listen());
        serveNewSession(server, digest);
        server.addRoute("PATCH", QStringLiteral("/up/1"), Response::json(500, "{}"));
        int statusAsked = 0;
        server.addRoute(
            "GET", QStringLiteral("/up/1"), [&statusAsked](const ScriptedServer::Request &) {
                ++statusAsked;
                return Response::http(204, {{"Location", "/up/1"},
                                            {"Range", "0-" + QByteArray::number(statusAsked - 1)}});
            });
        auto client = makeClient(server.url());
        BlobUploadOptions options = chunks(0);
        options.retry.maxRetries = 4;
        options.retry.firstBackoffMs = 1;
        auto *up = new BlobUpload(client.get(), QStringLiteral("s/r"), BlobSource::wholeFile(path),
                                  options);
        const auto r = await(static_cast<Job<BlobUploadResult> *>(up), 60000);
        QVERIFY(!r);
        int patches = 0;
        for (const auto &req : server.requests())
            patches += req.method == "PATCH" ? 1 : 0;
        QVERIFY2(patches <= options.retry.maxRetries + 1, qPrintable(QString::number(patches)));
    }
};

QTEST_GUILESS_MAIN(tst_BlobUploadScripted)
#include "tst_blobupload_scripted.moc"
