// Uploads through a fault-injecting proxy in front of the real registry (docker-registry
// 2.8): connections cut mid-body, stalls past the client's timeout, 5xx answers, answers lost
// after the registry acted. Every upload must still end with the file's digest in the
// registry (read back, and by skopeo for a whole image), or fail clearly — never half done.

#include "core/sha256.h"
#include "fixtures/clienttest.h"
#include "fixtures/datatable.h"
#include "fixtures/faultproxy.h"
#include "fixtures/ocilayout.h"
#include "fixtures/realregistry.h"
#include "fixtures/skopeo.h"
#include "fixtures/testutil.h"
#include "upload/blobupload.h"
#include "upload/imagepush.h"
#include "uploadtest.h"

#include <QTest>

using namespace Berth;
using namespace Berth::Test;
using Fault = FaultProxy::Fault;

class tst_UploadFaults : public QObject
{
    Q_OBJECT

    RealRegistry m_registry;
    FaultProxy m_proxy;
    std::unique_ptr<RegistryClient> m_client; // through the proxy
    QTemporaryDir m_dir;

    BlobUpload *upload(const QString &repo, const QString &path, qint64 chunk, int maxResyncs = 8)
    {
        BlobUploadOptions options;
        options.chunkSize = chunk;
        options.retry.firstBackoffMs = 50;
        options.retry.maxRetries = maxResyncs;
        return new BlobUpload(m_client.get(), repo, BlobSource::wholeFile(path), options);
    }
    // The outcome of upload(), waited for (bounded).
    Result<BlobUploadResult>
    uploaded(const QString &repo, const QString &path, qint64 chunk, int maxResyncs = 8)
    {
        return await(static_cast<Job<BlobUploadResult> *>(upload(repo, path, chunk, maxResyncs)),
                     60000);
    }
    // Read back directly from the registry, not through the proxy.
    QByteArray stored(const QString &repo, const QString &digest)
    {
        auto direct = makeClient(m_registry.url());
        return downloadBlob(direct.get(), repo, digest, 60000).value_or(QByteArray("<missing>"));
    }
    int seen(const QByteArray &method, const QString &pathPart)
    {
        int n = 0;
        for (const QByteArray &line : m_proxy.requestLines())
            n += (line.startsWith(QByteArray(method + ' '))
                  && QString::fromLatin1(line).contains(pathPart))
                     ? 1
                     : 0;
        return n;
    }
    static Fault
    fault(Fault::Kind kind, const QByteArray &method, const QString &path, qint64 after = 0)
    {
        return {.kind = kind, .method = method, .pathContains = path, .afterBodyBytes = after};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_registry.start(RealRegistry::Mode::Plain, &error), qPrintable(error));
        QVERIFY2(m_proxy.start(m_registry.port(), &error), qPrintable(error));
        m_client = makeClient(m_proxy.url(), {}, {}, 1500); // a short timeout for the stall
    }
    void init()
    {
        m_proxy.clearFaults();
        m_proxy.clearLog();
    }

    void aPatchCutMidBodyStartsAFreshSessionAndEndsRight_data()
    {
        addColumns<qint64>("chunk");
        QTest::newRow("streamed") << qint64(0);
        QTest::newRow("1 MiB chunks") << qint64(1 << 20);
    }
    void aPatchCutMidBodyStartsAFreshSessionAndEndsRight()
    {
        QFETCH(qint64, chunk);
        const QString repo = QStringLiteral("faults/cut%1").arg(chunk);
        const QString path
            = writePatternFile(m_dir, QStringLiteral("cut%1").arg(chunk), 6 << 20, 31);
        // Twice: Qt may resend a request whose kept-alive connection died, once, by itself.
        for (int i = 0; i < 2; ++i)
            m_proxy.addFault(fault(Fault::Kind::CutMidBody, "PATCH", repo, 300000));
        const auto r = uploaded(repo, path, chunk);
        BERTH_VERIFY_OK(r);
        QVERIFY(m_proxy.faultsFired() >= 1);
        QCOMPARE(r->digest, Sha256::digestOf(readAll(path)));
        QCOMPARE(stored(repo, r->digest), readAll(path));
        // distribution forgot the cut session: Berth asked, then opened a new one.
        QVERIFY(seen("GET", repo + u"/blobs/uploads/") >= 1);
        QVERIFY(seen("POST", repo + u"/blobs/uploads/") >= 2);
    }

    void a503OnAPatchIsResumedFromTheRegistrysOffset()
    {
        const QString repo = QStringLiteral("faults/busy");
        const QString path = writePatternFile(m_dir, QStringLiteral("busy"), 4 << 20, 32);
        Fault busy = fault(Fault::Kind::ServerError, "PATCH", repo);
        busy.occurrence = 3; // two chunks are in; the third is refused before it arrives
        m_proxy.addFault(busy);
        const auto r = uploaded(repo, path, 1 << 20);
        BERTH_VERIFY_OK(r);
        QCOMPARE(m_proxy.faultsFired(), 1);
        QCOMPARE(stored(repo, r->digest), readAll(path));
        QCOMPARE(seen("POST", repo + u"/blobs/uploads/"), 1); // the same session went on
        QCOMPARE(seen("GET", repo + u"/blobs/uploads/"), 1);
        QCOMPARE(seen("PATCH", repo), 5); // four chunks, one of them twice
    }

    void aStallPastTheTimeoutIsRetried()
    {
        const QString repo = QStringLiteral("faults/stall");
        const QString path = writePatternFile(m_dir, QStringLiteral("stall"), 3 << 20, 33);
        Fault stall = fault(Fault::Kind::Stall, "PATCH", repo, 100000);
        stall.stallMs = 4000; // the client gives up after 1.5 s without progress
        m_proxy.addFault(stall);
        const auto r = uploaded(repo, path, 1 << 20);
        BERTH_VERIFY_OK(r);
        QCOMPARE(m_proxy.faultsFired(), 1);
        QCOMPARE(stored(repo, r->digest), readAll(path));
    }

    void aCommitWhoseAnswerIsLostIsSettledByHead()
    {
        const QString repo = QStringLiteral("faults/lostput");
        const QString path = writePatternFile(m_dir, QStringLiteral("lostput"), 500000, 34);
        for (int i = 0; i < 2; ++i)
            m_proxy.addFault(fault(Fault::Kind::CutBeforeResponse, "PUT", repo));
        const auto r = uploaded(repo, path, 0);
        BERTH_VERIFY_OK(r);
        QVERIFY(m_proxy.faultsFired() >= 1);
        QCOMPARE(r->outcome, BlobUploadResult::Outcome::Uploaded);
        QCOMPARE(stored(repo, r->digest), readAll(path));
    }

    void aRegistryThatKeepsFailingEndsInAClearErrorNotADoneUpload()
    {
        const QString repo = QStringLiteral("faults/down");
        const QString path = writePatternFile(m_dir, QStringLiteral("down"), 200000, 35);
        for (int i = 1; i <= 12; ++i) {
            Fault down = fault(Fault::Kind::ServerError, {}, repo + u"/blobs/uploads");
            down.occurrence = 1;
            m_proxy.addFault(down);
        }
        const auto r = uploaded(repo, path, 0, 2);
        QVERIFY(!r);
        QCOMPARE(r.error().httpStatus, 503);
        QVERIFY2(r.error().message.contains(u"2"), qPrintable(r.error().message));
        auto direct = makeClient(m_registry.url());
        const auto head = await(direct->headBlob(repo, Sha256::digestOf(readAll(path))));
        BERTH_VERIFY_OK(head);
        QVERIFY(!head->has_value());
    }

    void cancelSendsTheDeleteForTheSession()
    {
        const QString repo = QStringLiteral("faults/cancel");
        const QString path = writePatternFile(m_dir, QStringLiteral("cancel"), 32 << 20, 36);
        auto *up = upload(repo, path, 1 << 20);
        QSignalSpy finished(up, &RegistryJob::finished);
        QVERIFY(waitForProgress(up, 2 << 20));
        up->abort();
        QVERIFY(finished.wait(5000));
        QTRY_COMPARE_WITH_TIMEOUT(seen("DELETE", repo + u"/blobs/uploads/"), 1, 5000);
        QCOMPARE(seen("PUT", repo), 0);
    }

    void anImagePushedThroughFaultsIsReadBackBySkopeo()
    {
        QTemporaryDir dir;
        OciLayoutSpec spec;
        spec.layerSizes = {3 << 20, 2 << 20, 100000, 4 << 20};
        spec.seed = 37;
        const auto layout = buildOciLayout(dir.filePath(QStringLiteral("layout")), spec);
        BERTH_VERIFY_EXPECTED(layout);
        const Result<ImageSource> source = readImageSource(layout->path);
        BERTH_VERIFY_OK(source);
        const QString repo = QStringLiteral("faults/image");
        for (int i = 0; i < 2; ++i)
            m_proxy.addFault(fault(Fault::Kind::CutMidBody, "PATCH", repo, 500000));
        Fault busy = fault(Fault::Kind::ServerError, "PATCH", repo);
        busy.occurrence = 3;
        m_proxy.addFault(busy);
        ImagePushOptions options;
        options.blob.chunkSize = 1 << 20;
        options.blob.retry.firstBackoffMs = 50;
        auto *push = new ImagePush(m_client.get(), repo, QStringLiteral("v1"), *source, options);
        const auto r = await(static_cast<Job<ImagePushResult> *>(push), 120000);
        BERTH_VERIFY_OK(r);
        QVERIFY(m_proxy.faultsFired() >= 2);
        QCOMPARE(r->digest, layout->ref.digest);

        Skopeo skopeo;
        const QString back = dir.filePath(QStringLiteral("back"));
        BERTH_VERIFY_EXPECTED(skopeo.copy(Skopeo::dockerReference(m_registry, repo + u":v1"),
                                          u"oci:" + back + u":v1",
                                          Skopeo::sourceFlags(m_registry)));
        for (const QString &digest : layout->allDigests())
            QVERIFY2(QFile::exists(back + u"/blobs/sha256/" + digest.mid(7)), qPrintable(digest));
    }
};

QTEST_GUILESS_MAIN(tst_UploadFaults)
#include "tst_upload_faults.moc"
