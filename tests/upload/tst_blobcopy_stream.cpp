// A blob copied as a stream (BlobCopy: one GET into a StreamPipe while the PATCH reads from
// it), against the real registry (docker-registry 2.8) through fault-injecting proxies: the
// pipe holds a bounded amount however far the reader lags, a GET cut mid-answer resumes
// (Range) into the same PATCH, a PATCH cut mid-body starts the blob over, and the blob read
// back is the source's, byte for byte.

#include "core/sha256.h"
#include "fixtures/clienttest.h"
#include "fixtures/faultproxy.h"
#include "fixtures/ocilayout.h"
#include "fixtures/realregistry.h"
#include "upload/blobcopy.h"
#include "upload/blobupload.h"
#include "upload/streampipe.h"
#include "uploadtest.h"

#include <QTest>
#include <QTimer>

using namespace Berth;
using namespace Berth::Test;
using namespace Qt::StringLiterals;
using Fault = FaultProxy::Fault;

class tst_BlobCopyStream : public QObject
{
    Q_OBJECT

    RealRegistry m_registry;
    FaultProxy m_toSource;
    FaultProxy m_toDestination;
    std::unique_ptr<RegistryClient> m_direct;
    QTemporaryDir m_dir;
    QString m_digest; // of the blob in src/blob
    QByteArray m_bytes;

    int seen(const FaultProxy &proxy, const QByteArray &method)
    {
        int n = 0;
        for (const QByteArray &line : proxy.requestLines())
            n += line.startsWith(QByteArray(method + ' ')) && line.contains("/blobs/") ? 1 : 0;
        return n;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_registry.start(RealRegistry::Mode::Plain, &error), qPrintable(error));
        QVERIFY2(m_toSource.start(m_registry.port(), &error), qPrintable(error));
        QVERIFY2(m_toDestination.start(m_registry.port(), &error), qPrintable(error));
        m_direct = makeClient(m_registry.url());
        const QString path = writePatternFile(m_dir, u"blob"_s, qint64(12) << 20, 5);
        m_bytes = readAll(path);
        m_digest = sha256Digest(m_bytes);
        const auto pushed = await(static_cast<Job<BlobUploadResult> *>(new BlobUpload(
                                      m_direct.get(), u"src/blob"_s, BlobSource::wholeFile(path))),
                                  60000);
        QVERIFY2(pushed, qPrintable(pushed.error().message));
    }
    void init()
    {
        m_toSource.clearFaults();
        m_toDestination.clearFaults();
    }

    // A reader that takes 64 KiB a turn is far slower than the registry: the download waits
    // for it instead of piling the blob up in the pipe.
    void aPipeHoldsABoundedAmountWhileItsReaderLags()
    {
        StreamPipe pipe;
        qint64 peak = 0;
        Sha256 hash;
        QTimer reader;
        reader.setInterval(0);
        connect(&reader, &QTimer::timeout, this, [&] {
            peak = qMax(peak, pipe.bytesToWrite());
            hash.addData(pipe.read(64 << 10));
        });
        reader.start();
        Job<qint64> *get = m_direct->getBlob(u"src/blob"_s, m_digest, &pipe);
        const Result<qint64> got = await(get, 120000);
        QVERIFY2(got, qPrintable(got.error().message));
        QCOMPARE(*got, qint64(m_bytes.size()));
        QTRY_VERIFY_WITH_TIMEOUT(pipe.bytesAvailable() == 0, 60000);
        reader.stop();
        QCOMPARE(hash.digest(), m_digest);
        // 1 MiB that stops the writer, one 1 MiB slice over it, and what Qt still held when
        // the answer ended (its read buffer and its HTTP thread's share): never the blob.
        QVERIFY2(peak <= qint64(4) << 20, qPrintable(QString::number(peak)));
    }

    // The source's GET cut after 3 MiB goes on with Range into the same PATCH; the first
    // PATCH cut after 2 MiB makes the blob start over in a fresh session.
    void aCopyGoesOnAfterACutGetAndACutPatch()
    {
        auto source = makeClient(m_toSource.url());
        auto destination = makeClient(m_toDestination.url());
        m_toSource.addFault({.kind = Fault::Kind::CutMidResponse,
                             .method = "GET",
                             .pathContains = u"/blobs/"_s,
                             .afterBodyBytes = qint64(3) << 20});
        m_toDestination.addFault({.kind = Fault::Kind::CutMidBody,
                                  .method = "PATCH",
                                  .afterBodyBytes = qint64(2) << 20});
        BlobCopyOptions options;
        options.retry.firstBackoffMs = 50;
        auto *copy = new BlobCopy(source.get(), u"src/blob"_s, destination.get(), u"dst/cut"_s,
                                  m_digest, m_bytes.size(), options);
        const Result<BlobUploadResult> r
            = await(static_cast<Job<BlobUploadResult> *>(copy), 120000);
        QVERIFY2(r, qPrintable(r.error().message));
        QCOMPARE(r->outcome, BlobUploadResult::Outcome::Uploaded);
        QCOMPARE(m_toSource.faultsFired(), 1);
        QCOMPARE(m_toDestination.faultsFired(), 1);
        QVERIFY(seen(m_toDestination, "PATCH") >= 2);
        QVERIFY(seen(m_toSource, "GET") >= 2);
        QCOMPARE(downloadBlob(m_direct.get(), u"dst/cut"_s, m_digest, 60000).value_or(QByteArray()),
                 m_bytes);
    }
};

QTEST_GUILESS_MAIN(tst_BlobCopyStream)
#include "tst_blobcopy_stream.moc"
