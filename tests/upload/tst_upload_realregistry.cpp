// Uploads against the real CNCF distribution registry (Debian's docker-registry 2.8), with
// skopeo as the peer that reads back what Berth pushed: blobs (streamed, chunked, empty,
// present, mounted, cancelled, paused), whole images from an OCI layout and from a docker
// save archive, and an artifact under a tag.

#include "core/sha256.h"
#include "fixtures/clienttest.h"
#include "fixtures/datatable.h"
#include "fixtures/ocilayout.h"
#include "fixtures/realregistry.h"
#include "fixtures/skopeo.h"
#include "fixtures/testutil.h"
#include "upload/artifactpush.h"
#include "upload/blobupload.h"
#include "upload/imagepush.h"
#include "uploadtest.h"

#include <QDir>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Berth;
using namespace Berth::Test;

class tst_UploadRealRegistry : public QObject
{
    Q_OBJECT

    RealRegistry m_registry;
    std::unique_ptr<RegistryClient> m_client;
    QTemporaryDir m_dir;
    Skopeo m_skopeo;

    Result<BlobUploadResult> push(const QString &repo, const QString &path, qint64 chunk = -1)
    {
        BlobUploadOptions options;
        if (chunk >= 0)
            options.chunkSize = chunk;
        return await(static_cast<Job<BlobUploadResult> *>(
            new BlobUpload(m_client.get(), repo, BlobSource::wholeFile(path), options)));
    }
    QByteArray stored(const QString &repo, const QString &digest)
    {
        return downloadBlob(m_client.get(), repo, digest, 60000).value_or(QByteArray("<missing>"));
    }
    // Upload sessions distribution still keeps on disk for `repo`.
    int openSessions(const QString &repo)
    {
        QDir uploads(m_registry.storageDir() + u"/docker/registry/v2/repositories/" + repo
                     + u"/_uploads");
        return int(uploads.entryList(QDir::Dirs | QDir::NoDotAndDotDot).size());
    }
    QString ref(const QString &repoAndTag) const
    {
        return Skopeo::dockerReference(m_registry, repoAndTag);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_registry.start(RealRegistry::Mode::Plain, &error), qPrintable(error));
        m_client = makeClient(m_registry.url(), {}, {}, 20000);
        QVERIFY(m_skopeo.isValid());
    }

    void blobsArriveWithTheirDigest_data()
    {
        addColumns<qint64, qint64>("size", "chunk");
        QTest::newRow("empty") << qint64(0) << qint64(-1);
        QTest::newRow("small, default chunk") << qint64(1234) << qint64(-1);
        QTest::newRow("streamed in one PATCH") << qint64(24 << 20) << qint64(0);
        QTest::newRow("1 MiB chunks, short last") << qint64((5 << 20) + 77) << qint64(1 << 20);
    }
    void blobsArriveWithTheirDigest()
    {
        QFETCH(qint64, size);
        QFETCH(qint64, chunk);
        const QString path = writePatternFile(m_dir, QStringLiteral("b%1").arg(size), size, 11);
        const QString repo = QStringLiteral("blobs/r%1").arg(size);
        const auto r = push(repo, path, chunk);
        BERTH_VERIFY_OK(r);
        QCOMPARE(r->outcome, BlobUploadResult::Outcome::Uploaded);
        QCOMPARE(r->digest, Sha256::digestOf(readAll(path)));
        QCOMPARE(stored(repo, r->digest), readAll(path));
        QCOMPARE(openSessions(repo), 0);
    }

    void aBlobThatIsThereIsSkippedAndOneElsewhereIsMounted()
    {
        const QString path = writePatternFile(m_dir, QStringLiteral("shared"), 300000, 12);
        BERTH_VERIFY_OK(push(QStringLiteral("share/a"), path));
        const auto again = push(QStringLiteral("share/a"), path);
        BERTH_VERIFY_OK(again);
        QCOMPARE(again->outcome, BlobUploadResult::Outcome::Skipped);
        BlobUploadOptions options;
        options.mountFrom = {QStringLiteral("share/a")};
        const auto mounted = await(static_cast<Job<BlobUploadResult> *>(new BlobUpload(
            m_client.get(), QStringLiteral("share/b"), BlobSource::wholeFile(path), options)));
        BERTH_VERIFY_OK(mounted);
        QCOMPARE(mounted->outcome, BlobUploadResult::Outcome::Mounted);
        QCOMPARE(stored(QStringLiteral("share/b"), mounted->digest), readAll(path));
    }

    void cancelStopsTheUploadAndLeavesNoBlob()
    {
        // Cancel cuts the PATCH in flight and sends DELETE for the session. Distribution 2.8
        // refuses that DELETE (a cut PATCH invalidates the session's _state), so its files
        // stay until the registry's own purge; the fault-proxy test sees the DELETE go out.
        const QString path = writePatternFile(m_dir, QStringLiteral("cancel"), 48 << 20, 13);
        BlobUploadOptions options;
        options.chunkSize = 1 << 20;
        auto *up = new BlobUpload(m_client.get(), QStringLiteral("cancel/me"),
                                  BlobSource::wholeFile(path), options);
        QSignalSpy finished(up, &RegistryJob::finished);
        QVERIFY(waitForProgress(up, 2 << 20));
        up->abort();
        QVERIFY(finished.wait(5000));
        QCOMPARE(up->result().error().code, ErrorCode::Aborted);
        const auto head = await(
            m_client->headBlob(QStringLiteral("cancel/me"), Sha256::digestOf(readAll(path))));
        BERTH_VERIFY_OK(head);
        QVERIFY(!head->has_value());
    }

    void pausedAndResumedUploadCompletesEvenWhenTheRegistryDroppedTheSession()
    {
        // Pausing cuts the PATCH in flight; distribution then forgets the session (GET answers
        // 404), so the upload starts a fresh one from byte 0 and still ends right.
        const QString path = writePatternFile(m_dir, QStringLiteral("pause"), 64 << 20, 14);
        BlobUploadOptions options;
        options.chunkSize = 0;
        auto *up = new BlobUpload(m_client.get(), QStringLiteral("pause/me"),
                                  BlobSource::wholeFile(path), options);
        QSignalSpy finished(up, &RegistryJob::finished);
        QVERIFY(waitForProgress(up, 4 << 20));
        up->pause();
        QVERIFY(waitForJobsToEnd<RequestJob>(m_client.get())); // the cut PATCH is gone
        QVERIFY(finished.isEmpty());
        up->resume();
        QVERIFY(finished.wait(60000));
        const Result<BlobUploadResult> r = up->result();
        BERTH_VERIFY_OK(r);
        QCOMPARE(r->digest, Sha256::digestOf(readAll(path)));
        QCOMPARE(stored(QStringLiteral("pause/me"), r->digest), readAll(path));
    }

    void anImageFromAnOciLayoutIsReadBackIdenticallyBySkopeo_data()
    {
        addBoolRows("multiPlatform", "four layers", "multi-platform index");
    }
    void anImageFromAnOciLayoutIsReadBackIdenticallyBySkopeo()
    {
        QFETCH(bool, multiPlatform);
        QTemporaryDir dir;
        OciLayoutSpec spec;
        spec.layerSizes = {4096, 300000, 1 << 20, 70000};
        spec.multiPlatform = multiPlatform;
        spec.seed = multiPlatform ? 21 : 22;
        const auto layout = buildOciLayout(dir.filePath(QStringLiteral("layout")), spec);
        BERTH_VERIFY_EXPECTED(layout);
        const Result<ImageSource> source = readImageSource(layout->path);
        BERTH_VERIFY_OK(source);
        const QString repo
            = multiPlatform ? QStringLiteral("img/multi") : QStringLiteral("img/one");
        auto *job = new ImagePush(m_client.get(), repo, QStringLiteral("v1"), *source);
        const auto r = await(static_cast<Job<ImagePushResult> *>(job), 60000);
        BERTH_VERIFY_OK(r);
        QCOMPARE(r->digest, layout->ref.digest);
        QCOMPARE(r->uploaded, int(source->blobs.size()));

        const auto raw = m_skopeo.inspectRaw(ref(repo + u":v1"), Skopeo::inspectFlags(m_registry));
        BERTH_VERIFY_EXPECTED(raw);
        QCOMPARE(Sha256::digestOf(*raw), layout->ref.digest);
        const QString back = dir.filePath(QStringLiteral("back"));
        BERTH_VERIFY_EXPECTED(
            m_skopeo.copy(ref(repo + u":v1"), u"oci:" + back + u":v1",
                          Skopeo::sourceFlags(m_registry) + QStringList{QStringLiteral("--all")}));
        for (const QString &digest : layout->allDigests())
            QVERIFY2(QFile::exists(back + u"/blobs/sha256/" + digest.mid(7)), qPrintable(digest));

        // The same push again sends nothing: every blob is already there.
        auto *again = new ImagePush(m_client.get(), repo, QStringLiteral("v2"), *source);
        const auto second = await(static_cast<Job<ImagePushResult> *>(again), 60000);
        BERTH_VERIFY_OK(second);
        QCOMPARE(second->uploaded, 0);
        QCOMPARE(second->skipped, int(source->blobs.size()));
    }

    void anImageFromADockerSaveArchiveIsPulledBackWithIdenticalDigests()
    {
        QTemporaryDir dir;
        OciLayoutSpec spec;
        spec.layerSizes = {5000, 200000, 80000, 1 << 20};
        spec.gzip = false; // docker save holds uncompressed layers
        spec.seed = 23;
        const auto layout = buildOciLayout(dir.filePath(QStringLiteral("layout")), spec);
        BERTH_VERIFY_EXPECTED(layout);
        const QString archive = dir.filePath(QStringLiteral("saved.tar"));
        BERTH_VERIFY_EXPECTED(m_skopeo.copy(layout->ociReference(),
                                            u"docker-archive:" + archive + u":example/app:v1"));
        const Result<ImageSource> source = readImageSource(archive);
        BERTH_VERIFY_OK(source);
        QCOMPARE(source->suggestedTag, QStringLiteral("v1"));
        auto *job = new ImagePush(m_client.get(), QStringLiteral("saved/app"), QStringLiteral("v1"),
                                  *source);
        const auto r = await(static_cast<Job<ImagePushResult> *>(job), 60000);
        BERTH_VERIFY_OK(r);

        const QString back = dir.filePath(QStringLiteral("back"));
        BERTH_VERIFY_EXPECTED(m_skopeo.copy(
            ref(QStringLiteral("saved/app:v1")), u"oci:" + back + u":v1",
            Skopeo::sourceFlags(m_registry)
                + QStringList{QStringLiteral("--dest-oci-accept-uncompressed-layers")}));
        QFile index(back + u"/index.json");
        QVERIFY(index.open(QIODevice::ReadOnly));
        const QString manifestDigest = QJsonDocument::fromJson(index.readAll())
                                           .object()[u"manifests"_qs]
                                           .toArray()
                                           .at(0)[u"digest"_qs]
                                           .toString();
        QCOMPARE(manifestDigest, r->digest); // skopeo kept the manifest Berth pushed
        QFile manifest(back + u"/blobs/sha256/" + manifestDigest.mid(7));
        QVERIFY(manifest.open(QIODevice::ReadOnly));
        const QJsonObject m = QJsonDocument::fromJson(manifest.readAll()).object();
        QCOMPARE(m[u"config"_qs][u"digest"_qs].toString(), layout->images.at(0).config.digest);
        QStringList layers;
        for (const QJsonValue &l : m[u"layers"_qs].toArray())
            layers << l[u"digest"_qs].toString();
        QCOMPARE(layers, layout->images.at(0).diffIds); // uncompressed: digest == diff_id
    }

    void aFileTaggedAsAnArtifactIsReachable()
    {
        const QString path = writePatternFile(m_dir, QStringLiteral("notes.txt"), 4000, 15);
        auto *job = new ArtifactPush(m_client.get(), QStringLiteral("files/notes"),
                                     QStringLiteral("v1"), path);
        const auto r = await(static_cast<Job<QString> *>(job));
        BERTH_VERIFY_OK(r);
        const auto raw = m_skopeo.inspectRaw(ref(QStringLiteral("files/notes:v1")),
                                             Skopeo::inspectFlags(m_registry));
        BERTH_VERIFY_EXPECTED(raw);
        QCOMPARE(Sha256::digestOf(*raw), *r);
        const QJsonObject m = QJsonDocument::fromJson(*raw).object();
        const QJsonObject layer = m[u"layers"_qs].toArray().at(0).toObject();
        QCOMPARE(layer[u"digest"_qs].toString(), Sha256::digestOf(readAll(path)));
        QCOMPARE(layer[u"annotations"_qs][u"org.opencontainers.image.title"_qs].toString(),
                 QStringLiteral("notes.txt"));
    }
};

QTEST_GUILESS_MAIN(tst_UploadRealRegistry)
#include "tst_upload_realregistry.moc"
