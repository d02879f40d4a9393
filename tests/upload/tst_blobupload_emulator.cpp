// BlobUpload against the ACR emulator: chunking, the HEAD skip, mounts, cancel, pause and
// resume, a file changing underneath, refusals. The emulator keeps an upload's bytes when a
// request is cut (like ACR), so a resumed upload goes on where the registry says it is.

#include "core/sha256.h"
#include "fixtures/clienttest.h"
#include "fixtures/datatable.h"
#include "fixtures/emulatorfixture.h"
#include "fixtures/testutil.h"
#include "upload/blobupload.h"
#include "uploadtest.h"

#include <QTest>

using namespace Berth;
using namespace Berth::Test;

class tst_BlobUploadEmulator : public EmulatorFixture
{
    Q_OBJECT

public:
    tst_BlobUploadEmulator()
        : EmulatorFixture(QStringLiteral("admin"), QStringLiteral("pw-upload-1"), Content::Empty)
    {}

private:
    QTemporaryDir m_dir;

    std::unique_ptr<RegistryClient> client()
    {
        return makeClient(m_emu->url(), Credentials::password(m_user, m_password));
    }
    QByteArray stored(RegistryClient *c, const QString &repo, const QString &digest)
    {
        return downloadBlob(c, repo, digest).value_or(QByteArray("<missing>"));
    }
    static BlobUploadOptions chunked(qint64 bytes)
    {
        BlobUploadOptions o;
        o.chunkSize = bytes;
        o.retry.firstBackoffMs = 50;
        return o;
    }

private Q_SLOTS:
    void sendsTheFileInChunksAndTheRegistryHoldsItsDigest_data()
    {
        addColumns<qint64, qint64, int>("size", "chunk", "patches");
        QTest::newRow("zero bytes: no PATCH, PUT ?digest= only") << qint64(0) << qint64(0) << 0;
        QTest::newRow("one streamed PATCH") << qint64(3 << 20) << qint64(0) << 1;
        QTest::newRow("one chunk") << qint64(1000) << qint64(4096) << 1;
        QTest::newRow("chunks with a short last one") << qint64(300001) << qint64(65536) << 5;
        QTest::newRow("an exact multiple") << qint64(262144) << qint64(65536) << 4;
        QTest::newRow("large, sending while hashing") << qint64(20 << 20) << qint64(4 << 20) << 5;
    }
    void sendsTheFileInChunksAndTheRegistryHoldsItsDigest()
    {
        QFETCH(qint64, size);
        QFETCH(qint64, chunk);
        QFETCH(int, patches);
        const QString path = writePatternFile(m_dir, QStringLiteral("f%1").arg(size), size);
        const QByteArray data = readAll(path);
        auto c = client();
        auto *up = new BlobUpload(c.get(), QStringLiteral("up/chunks"), BlobSource::wholeFile(path),
                                  chunked(chunk));
        QSignalSpy progress(up, &RegistryJob::progress);
        const auto r = await(static_cast<Job<BlobUploadResult> *>(up));
        BERTH_VERIFY_OK(r);
        QCOMPARE(r->digest, Sha256::digestOf(data));
        QCOMPARE(r->size, size);
        QCOMPARE(r->outcome, BlobUploadResult::Outcome::Uploaded);
        QCOMPARE(count("PATCH", QStringLiteral("/v2/up/chunks/blobs/uploads/")), patches);
        QCOMPARE(count("PUT", QStringLiteral("/v2/up/chunks/blobs/uploads/")), 1);
        QCOMPARE(stored(c.get(), QStringLiteral("up/chunks"), r->digest), data);
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().at(0).toLongLong(), size); // ends at 100 %
    }

    void skipsABlobTheRepositoryHas()
    {
        const QString path = writePatternFile(m_dir, QStringLiteral("exists"), 5000);
        m_emu->putBlob(QStringLiteral("up/skip"), readAll(path));
        m_emu->clearRequests();
        auto c = client();
        auto *up = new BlobUpload(c.get(), QStringLiteral("up/skip"), BlobSource::wholeFile(path));
        const auto r = await(static_cast<Job<BlobUploadResult> *>(up));
        BERTH_VERIFY_OK(r);
        QCOMPARE(r->outcome, BlobUploadResult::Outcome::Skipped);
        QCOMPARE(count("HEAD", QStringLiteral("/v2/up/skip/blobs/sha256:")), 1);
        QCOMPARE(count("POST", QStringLiteral("/v2/up/skip/blobs/uploads/")), 0);
    }

    void skipsALargeBlobAfterSendingStartedAndDeletesTheSession()
    {
        // Over the eager threshold sending starts before the digest is known; once the HEAD
        // says the blob is there, the transfer stops and its session is deleted.
        const QString path = writePatternFile(m_dir, QStringLiteral("big-exists"), 40 << 20, 3);
        m_emu->putBlob(QStringLiteral("up/skip"), readAll(path));
        m_emu->clearRequests();
        auto c = client();
        auto *up = new BlobUpload(c.get(), QStringLiteral("up/skip"), BlobSource::wholeFile(path),
                                  chunked(1 << 20));
        const auto r = await(static_cast<Job<BlobUploadResult> *>(up));
        BERTH_VERIFY_OK(r);
        QCOMPARE(r->outcome, BlobUploadResult::Outcome::Skipped);
        QTRY_COMPARE_WITH_TIMEOUT(count("DELETE", QStringLiteral("/v2/up/skip/blobs/uploads/")),
                                  count("POST", QStringLiteral("/v2/up/skip/blobs/uploads/")),
                                  5000);
        QVERIFY(count("PATCH", QStringLiteral("/v2/up/skip/blobs/uploads/")) < 40);
    }

    void mountsFromAnotherRepositoryInsteadOfSending()
    {
        const QString path = writePatternFile(m_dir, QStringLiteral("mount"), 70000, 4);
        m_emu->putBlob(QStringLiteral("up/source"), readAll(path));
        m_emu->clearRequests();
        auto c = client();
        BlobUploadOptions options;
        options.mountFrom = {QStringLiteral("up/elsewhere"), QStringLiteral("up/source")};
        auto *up = new BlobUpload(c.get(), QStringLiteral("up/target"), BlobSource::wholeFile(path),
                                  options);
        const auto r = await(static_cast<Job<BlobUploadResult> *>(up));
        BERTH_VERIFY_OK(r);
        QCOMPARE(r->outcome, BlobUploadResult::Outcome::Mounted);
        QCOMPARE(r->mountedFrom, QStringLiteral("up/source"));
        QCOMPARE(count("PATCH", QStringLiteral("/v2/up/target/")), 0);
        // The failed mount from up/elsewhere opened a session; it was deleted.
        QTRY_COMPARE_WITH_TIMEOUT(count("DELETE", QStringLiteral("/v2/up/target/blobs/uploads/")),
                                  1, 5000);
        QCOMPARE(stored(c.get(), QStringLiteral("up/target"), r->digest), readAll(path));
    }

    void cancelStopsAtOnceAndDeletesTheSession()
    {
        const QString path = writePatternFile(m_dir, QStringLiteral("cancel"), 6 << 20, 5);
        auto c = client();
        auto *up = new BlobUpload(c.get(), QStringLiteral("up/cancel"), BlobSource::wholeFile(path),
                                  chunked(256 << 10));
        QSignalSpy finished(up, &RegistryJob::finished);
        QVERIFY(waitForProgress(up, 512 << 10));
        up->abort();
        QVERIFY(finished.wait(5000));
        QTRY_COMPARE_WITH_TIMEOUT(count("DELETE", QStringLiteral("/v2/up/cancel/blobs/uploads/")),
                                  1, 5000);
        QVERIFY(serverCaughtUp(m_emu->url()));
        const int patches = count("PATCH", QStringLiteral("/v2/up/cancel/"));
        // Nothing after: no further PATCH may arrive (bounded look, not a synchronisation).
        QVERIFY(!QTest::qWaitFor(
            [&] { return count("PATCH", QStringLiteral("/v2/up/cancel/")) != patches; }, 300));
        QCOMPARE(count("PUT", QStringLiteral("/v2/up/cancel/")), 0);
    }

    void cancelLetsTheSessionOpeningPostFinishAndDeletesItsSession()
    {
        // Over 8 MiB the POST goes out at once. Cut, it could open a session on the registry
        // whose Location Berth never learns; so it is let through and its session deleted.
        const QString path = writePatternFile(m_dir, QStringLiteral("early"), 12 << 20, 9);
        auto c = client();
        auto *up = new BlobUpload(c.get(), QStringLiteral("up/early"), BlobSource::wholeFile(path));
        QSignalSpy finished(up, &RegistryJob::finished);
        QSignalSpy phase(up, &BlobUpload::phaseChanged);
        // Sending is announced as the POST is created; it cannot have been answered yet.
        QTRY_VERIFY_WITH_TIMEOUT(up->phase() == BlobUpload::Phase::Sending, 5000);
        QCOMPARE(count("POST", QStringLiteral("/v2/up/early/blobs/uploads/")), 0);
        up->abort();
        QVERIFY(finished.wait(5000));
        // The POST still gets its answer, and the session it opened is deleted.
        QTRY_COMPARE_WITH_TIMEOUT(count("POST", QStringLiteral("/v2/up/early/blobs/uploads/")), 1,
                                  5000);
        QTRY_COMPARE_WITH_TIMEOUT(count("DELETE", QStringLiteral("/v2/up/early/blobs/uploads/")), 1,
                                  5000);
        QCOMPARE(count("PATCH", QStringLiteral("/v2/up/early/")), 0);
    }

    void pauseStopsSendingAndResumeGoesOnFromTheRegistrysOffset()
    {
        const QString path = writePatternFile(m_dir, QStringLiteral("pause"), 4 << 20, 6);
        auto c = client();
        auto *up = new BlobUpload(c.get(), QStringLiteral("up/pause"), BlobSource::wholeFile(path),
                                  chunked(128 << 10));
        QSignalSpy finished(up, &RegistryJob::finished);
        QVERIFY(waitForProgress(up, 512 << 10));
        up->pause();
        QCOMPARE(up->phase(), BlobUpload::Phase::Paused);
        QVERIFY(serverCaughtUp(m_emu->url())); // the PATCH the pause cut is logged, if it arrived
        const int patches = count("PATCH", QStringLiteral("/v2/up/pause/"));
        // Paused means paused: no further PATCH may arrive (bounded look).
        QVERIFY(!QTest::qWaitFor(
            [&] { return count("PATCH", QStringLiteral("/v2/up/pause/")) != patches; }, 400));
        QVERIFY(finished.isEmpty());
        m_emu->clearRequests();
        up->resume();
        QVERIFY(finished.wait(20000));
        const Result<BlobUploadResult> r = up->result();
        BERTH_VERIFY_OK(r);
        QCOMPARE(r->digest, Sha256::digestOf(readAll(path)));
        QCOMPARE(count("GET", QStringLiteral("/v2/up/pause/blobs/uploads/")), 1); // asked where
        QVERIFY(count("PATCH", QStringLiteral("/v2/up/pause/")) < 32); // did not start over
    }

    void aFileThatChangesDuringTheUploadStopsIt()
    {
        const QString path = writePatternFile(m_dir, QStringLiteral("changing"), 4 << 20, 7);
        auto c = client();
        auto *up = new BlobUpload(c.get(), QStringLiteral("up/changing"),
                                  BlobSource::wholeFile(path), chunked(128 << 10));
        QSignalSpy finished(up, &RegistryJob::finished);
        QVERIFY(waitForProgress(up, 256 << 10));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::Append));
            f.write("more");
        }
        QVERIFY(finished.wait(20000));
        const Result<BlobUploadResult> r = up->result();
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::Io);
        QVERIFY2(r.error().message.contains(u"changed"), qPrintable(r.error().message));
        QCOMPARE(count("PUT", QStringLiteral("/v2/up/changing/")), 0); // never committed
        QTRY_COMPARE_WITH_TIMEOUT(count("DELETE", QStringLiteral("/v2/up/changing/")), 1, 5000);
    }

    void aMissingFileFailsWithoutARequest()
    {
        auto c = client();
        auto *up = new BlobUpload(c.get(), QStringLiteral("up/missing"),
                                  BlobSource::wholeFile(m_dir.filePath(QStringLiteral("nope"))));
        const auto r = await(static_cast<Job<BlobUploadResult> *>(up));
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::Io);
        QVERIFY(m_emu->requests().isEmpty());
    }

    void aUserWithoutPushRightsIsToldSo()
    {
        m_emu->addUser(QStringLiteral("reader"), QStringLiteral("pw-read"),
                       {QStringLiteral("pull")});
        const QString path = writePatternFile(m_dir, QStringLiteral("denied"), 1000, 8);
        auto c = makeClient(m_emu->url(), Credentials::password(QStringLiteral("reader"),
                                                                QStringLiteral("pw-read")));
        auto *up
            = new BlobUpload(c.get(), QStringLiteral("up/denied"), BlobSource::wholeFile(path));
        const auto r = await(static_cast<Job<BlobUploadResult> *>(up));
        QVERIFY(!r);
        QVERIFY2(r.error().code == ErrorCode::Unauthorized || r.error().code == ErrorCode::Denied,
                 qPrintable(r.error().code));
        QCOMPARE(count("PATCH", QStringLiteral("/v2/up/denied/")), 0);
    }
};

QTEST_GUILESS_MAIN(tst_BlobUploadEmulator)
#include "tst_blobupload_emulator.moc"
