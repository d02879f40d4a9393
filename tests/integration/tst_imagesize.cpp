// Image sizes (cleanup/imagesize.h): an image's config and layers; an index's per platform and
// in total, shared layers counted once, never the size of the manifest documents; read once
// per digest (the cache), against the ACR emulator and Debian's docker-registry. The cache is
// bounded (least recently used out first): a read keeps what it needs however small the cache,
// and what was dropped is read again when asked for.

#include "cleanup/imagesize.h"
#include "cleanup/repositoryscan.h"
#include "fixtures/clienttest.h"
#include "fixtures/emulatorfixture.h"
#include "fixtures/indexpush.h"
#include "fixtures/purgecontent.h"
#include "fixtures/testutil.h"

#include <QSet>
#include <QTest>

using namespace Berth;
using namespace Berth::Test;

class tst_ImageSize : public EmulatorFixture
{
    Q_OBJECT

public:
    tst_ImageSize()
        : EmulatorFixture(QStringLiteral("admin"), QStringLiteral("pw"), Content::Empty)
    {}

private:
    QHash<QString, ImageSize> sizes(RegistryClient *client,
                                    const QString &repo,
                                    const QStringList &digests,
                                    const std::shared_ptr<ManifestCache> &cache)
    {
        const auto sized = await<QHash<QString, ImageSize>>(
            new SizeJob(client, repo, digests, cache, 4, client));
        if (!sized) {
            qWarning() << sized.error().toString();
            return {};
        }
        return *sized;
    }

    struct TwoPlatforms
    {
        PushedImage p1, p2;
        QString index;
    };
    // P1 (layer "a", amd64) and P2 (layer `second`, arm64) in an index tagged 1.0.
    TwoPlatforms pushTwoPlatforms(const QString &repo, const QByteArray &second)
    {
        TwoPlatforms pushed;
        pushed.p1 = pushImage(*m_emu, repo, u"P1"_qs, {"a"});
        pushed.p2 = pushImage(*m_emu, repo, u"P2"_qs, {second}, {}, u"arm64"_qs);
        pushed.index = pushIndex(*m_emu, repo, {pushed.p1, pushed.p2}, u"1.0"_qs);
        return pushed;
    }

private Q_SLOTS:
    void anImageIsItsConfigAndLayers()
    {
        const QString repo = QStringLiteral("sizes/plain");
        const PushedImage image = pushImage(*m_emu, repo, u"A"_qs, {"aaaa", "bb"}, u"v1"_qs);
        auto client = makeClient(m_emu->url(), Credentials::password(m_user, m_password));
        const auto got
            = sizes(client.get(), repo, {image.digest}, std::make_shared<ManifestCache>());
        const ImageSize size = got.value(image.digest);
        QVERIFY(!size.isIndex);
        QCOMPARE(size.bytes, image.configSize + 4 + 2);
        QVERIFY(size.platforms.isEmpty());
        // ACR's own imageSize of an image says the same.
        const auto info = await(client->getManifestInfo(repo, image.digest));
        BERTH_VERIFY_OK(info);
        QCOMPARE(info->imageSize, size.bytes);
    }

    void anIndexIsItsPlatformsWithSharedLayersOnce()
    {
        const QString repo = QStringLiteral("sizes/multi");
        const QByteArray shared(1000, 's');
        const PushedImage amd = pushImage(*m_emu, repo, u"P1"_qs, {shared, "x"});
        const PushedImage arm
            = pushImage(*m_emu, repo, u"P2"_qs, {shared, "yy"}, {}, u"arm64"_qs, u"v8"_qs);
        const QString index = pushIndex(*m_emu, repo, {amd, arm}, u"1.0"_qs);
        auto client = makeClient(m_emu->url(), Credentials::password(m_user, m_password));
        const ImageSize size
            = sizes(client.get(), repo, {index}, std::make_shared<ManifestCache>()).value(index);
        QVERIFY(size.isIndex);
        QCOMPARE(size.platforms.size(), 2);
        QCOMPARE(size.platforms.at(0).platform, u"linux/amd64"_qs);
        QCOMPARE(size.platforms.at(0).digest, amd.digest);
        QCOMPARE(size.platforms.at(0).bytes, amd.configSize + 1000 + 1);
        QCOMPARE(size.platforms.at(1).platform, u"linux/arm64/v8"_qs);
        QCOMPARE(size.platforms.at(1).bytes, arm.configSize + 1000 + 2);
        QCOMPARE(size.bytes, amd.configSize + arm.configSize + 1000 + 1 + 2);
        QCOMPARE(size.platformText(), u"linux/amd64, linux/arm64/v8"_qs);
        // What ACR calls the index's imageSize is the size of its manifest documents.
        const auto info = await(client->getManifestInfo(repo, index));
        BERTH_VERIFY_OK(info);
        QCOMPARE(info->imageSize, amd.size + arm.size);
    }

    void aDigestIsReadOnce()
    {
        const QString repo = QStringLiteral("sizes/cached");
        const auto [p1, p2, index] = pushTwoPlatforms(repo, "b");
        const PushedImage plain = pushImage(*m_emu, repo, u"Q"_qs, {"c"}, u"q"_qs);
        auto client = makeClient(m_emu->url(), Credentials::password(m_user, m_password));
        auto cache = std::make_shared<ManifestCache>();
        const QString manifests = u"/v2/"_qs + repo + u"/manifests/";

        const auto first = sizes(client.get(), repo, {index, plain.digest}, cache);
        QCOMPARE(count("GET", manifests), 4); // the index, its two platforms, the image
        QCOMPARE(cache->size(), 4);
        m_emu->clearRequests();
        // Again, and a platform alone: all known, nothing sent.
        const auto second = sizes(client.get(), repo, {index, p2.digest, plain.digest}, cache);
        QCOMPARE(m_emu->requests().size(), 0);
        QCOMPARE(second.value(index).bytes, first.value(index).bytes);
        QCOMPARE(second.value(p2.digest).bytes, p2.configSize + 1);
        QCOMPARE(second.value(plain.digest).bytes, first.value(plain.digest).bytes);
    }

    void theCacheDropsTheLeastRecentlyUsed()
    {
        ManifestCache cache(2);
        for (const QString &digest : {u"a"_qs, u"b"_qs}) {
            SnapshotManifest m;
            m.digest = digest;
            cache.insert(m);
        }
        QCOMPARE(cache.value(u"a"_qs).digest, u"a"_qs); // a used after b
        SnapshotManifest c;
        c.digest = u"c"_qs;
        cache.insert(c);
        QCOMPARE(cache.size(), 2);
        QVERIFY(cache.contains(u"a"_qs) && cache.contains(u"c"_qs));
        QVERIFY(!cache.contains(u"b"_qs));
        cache.insert(c); // again: no room taken
        QCOMPARE(cache.size(), 2);
        QVERIFY(cache.contains(u"a"_qs));
    }

    // An index and its two platforms through a cache of two: sized all the same, the cache
    // never above two, and what it dropped is read again the next time (the index, then the
    // platform the index's return pushed out).
    void aCacheSmallerThanTheReadStillSizesAndReadsAgain()
    {
        const QString repo = QStringLiteral("sizes/bounded");
        const auto [p1, p2, index] = pushTwoPlatforms(repo, "bb");
        auto client = makeClient(m_emu->url(), Credentials::password(m_user, m_password));
        auto cache = std::make_shared<ManifestCache>(2);
        const QString manifests = u"/v2/"_qs + repo + u"/manifests/";
        const qint64 total = p1.configSize + p2.configSize + 1 + 2;
        QCOMPARE(sizes(client.get(), repo, {index}, cache).value(index).bytes, total);
        QCOMPARE(count("GET", manifests), 3);
        QCOMPARE(cache->size(), 2);
        QVERIFY(!cache->contains(index)); // the least recently used
        m_emu->clearRequests();
        QCOMPARE(sizes(client.get(), repo, {index}, cache).value(index).bytes, total);
        QCOMPARE(count("GET", manifests), 2);
        QCOMPARE(cache->size(), 2);
    }

    // A plan's scan through a cache of one holds every manifest of the repository, each read
    // once.
    void aScanKeepsEveryManifestItRead()
    {
        const QString repo = QStringLiteral("sizes/scanned");
        const auto [p1, p2, index] = pushTwoPlatforms(repo, "bb");
        const PushedImage plain = pushImage(*m_emu, repo, u"Q"_qs, {"ccc"}, u"q"_qs);
        auto client = makeClient(m_emu->url(), Credentials::password(m_user, m_password));
        const auto snapshot = await<RepositorySnapshot>(new RepositoryScan(
            client.get(), repo, std::make_shared<ManifestCache>(1), ScanOptions{}, client.get()));
        BERTH_VERIFY_OK(snapshot);
        QSet<QString> digests;
        for (const SnapshotManifest &m : snapshot->manifests)
            digests.insert(m.digest);
        QCOMPARE(digests, (QSet<QString>{index, p1.digest, p2.digest, plain.digest}));
        QCOMPARE(count("GET", u"/v2/"_qs + repo + u"/manifests/"), 4); // each once
        QCOMPARE(sizeOf(*snapshot).bytes,
                 p1.configSize + p2.configSize + plain.configSize + 1 + 2 + 3);
    }

    void anUnreadableManifestLeavesTheOthersSized()
    {
        const QString repo = QStringLiteral("sizes/partly");
        const PushedImage image = pushImage(*m_emu, repo, u"A"_qs, {"a"}, u"v1"_qs);
        const QString missing = sha256Digest("not there");
        auto client = makeClient(m_emu->url(), Credentials::password(m_user, m_password));
        auto cache = std::make_shared<ManifestCache>();
        const auto got = sizes(client.get(), repo, {missing, image.digest}, cache);
        QCOMPARE(got.value(image.digest).bytes, image.configSize + 1);
        QVERIFY(got.contains(missing));
        QCOMPARE(got.value(missing).bytes, -1);
        m_emu->clearRequests();
        sizes(client.get(), repo, {missing}, cache); // a failure is not cached: asked again
        QCOMPARE(count("GET", u"/v2/"_qs + repo + u"/manifests/"), 1);
    }

    void aRealRegistrysIndex()
    {
        RegistryWithIndex real(QStringLiteral("sizes/real"), {QStringLiteral("1.0")});
        QVERIFY2(real.layout, qPrintable(real.layout.error()));
        auto client = makeClient(real.registry.url());
        const QString index = real.layout->ref.digest;
        const ImageSize size
            = sizes(client.get(), u"sizes/real"_qs, {index}, std::make_shared<ManifestCache>())
                  .value(index);
        QVERIFY(size.isIndex);
        QCOMPARE(size.platformText(), u"linux/amd64, linux/arm64/v8"_qs);
        QHash<QString, qint64> blobs;
        for (qsizetype i = 0; i < real.layout->images.size(); ++i) {
            const OciImage &image = real.layout->images.at(i);
            qint64 own = image.config.size;
            blobs.insert(image.config.digest, image.config.size);
            for (const OciDescriptor &layer : image.layers) {
                own += layer.size;
                blobs.insert(layer.digest, layer.size);
            }
            QCOMPARE(size.platforms.at(i).bytes, own);
        }
        qint64 total = 0;
        for (const qint64 bytes : std::as_const(blobs))
            total += bytes;
        QCOMPARE(size.bytes, total);
    }
};

QTEST_GUILESS_MAIN(tst_ImageSize)
#include "tst_imagesize.moc"
