// readImageSource() against OCI layouts from the fixture, archives written by the
// real skopeo and GNU tar, and hand-made damaged inputs. Every blob found is read back at its
// (path, offset, size) and hashed: a wrong offset cannot pass.

#include "fixtures/datatable.h"
#include "imagesourcetest.h"

using namespace Berth;
using namespace Berth::Test;
using namespace Qt::StringLiterals;

class tst_ImageSource : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ociLayoutKeepsManifestBytesAndFindsEveryBlob_data()
    {
        addBoolRows("gzip", "uncompressed layers", "gzip layers");
    }

    void ociLayoutKeepsManifestBytesAndFindsEveryBlob()
    {
        QFETCH(bool, gzip);
        QTemporaryDir dir;
        const auto layout
            = buildOciLayout(dir.path(), {.layerSizes = {1024, 70000, 5}, .gzip = gzip});
        BERTH_VERIFY_EXPECTED(layout);
        const OciImage &image = layout->images.first();

        const Result<ImageSource> source = readImageSource(dir.path());
        QVERIFY2(source, qPrintable(errorOf(source)));
        QCOMPARE(source->kind, u"OCI image layout"_s);
        QCOMPARE(source->suggestedTag, u"latest"_s);
        QCOMPARE(source->manifests.size(), 1);
        QCOMPARE(source->manifests[0].body, image.manifestBytes);
        QCOMPARE(source->manifests[0].digest, image.manifest.digest);
        QCOMPARE(source->manifests[0].mediaType, image.manifest.mediaType);
        QStringList expected{image.config.digest};
        qint64 total = image.manifestBytes.size() + image.config.size;
        for (const OciDescriptor &layer : image.layers) {
            expected << layer.digest;
            total += layer.size;
        }
        QCOMPARE(digestsOf(*source), expected);
        QCOMPARE(source->blobs[0].mediaType, image.config.mediaType);
        QCOMPARE(source->blobs[1].mediaType, image.layers[0].mediaType);
        QCOMPARE(source->totalBytes(), total);
        QCOMPARE(misplacedBlobs(*source), QString());
    }

    void ociLayoutIndexListsChildrenFirstAndIndexLast()
    {
        QTemporaryDir dir;
        const auto layout = buildOciLayout(dir.path(), {.multiPlatform = true});
        BERTH_VERIFY_EXPECTED(layout);

        const Result<ImageSource> source = readImageSource(dir.path(), u"latest"_s);
        QVERIFY2(source, qPrintable(errorOf(source)));
        QCOMPARE(source->manifests.size(), 3);
        QStringList expected;
        for (qsizetype i = 0; i < 2; ++i) {
            const OciImage &image = layout->images[i];
            QCOMPARE(source->manifests[i].digest, image.manifest.digest);
            QCOMPARE(source->manifests[i].body, image.manifestBytes);
            expected << image.config.digest;
            for (const OciDescriptor &layer : image.layers)
                expected << layer.digest;
        }
        QCOMPARE(source->manifests[2].digest, layout->ref.digest);
        QCOMPARE(source->manifests[2].body, layout->imageIndexBytes);
        QCOMPARE(source->manifests[2].mediaType, u"application/vnd.oci.image.index.v1+json"_s);
        QCOMPARE(digestsOf(*source), expected);
        QCOMPARE(misplacedBlobs(*source), QString());
    }

    void ociLayoutLeavesOutForeignLayersWithUrls()
    {
        QTemporaryDir dir;
        const auto layout = buildOciLayout(dir.path(), {.layerSizes = {100}});
        BERTH_VERIFY_EXPECTED(layout);
        const OciImage &image = layout->images.first();
        QJsonObject manifest = QJsonDocument::fromJson(image.manifestBytes).object();
        QJsonArray layers = manifest.value(u"layers"_s).toArray();
        const QString foreign = sha256Digest("kept on a Microsoft server");
        layers.append(QJsonObject{
            {u"mediaType"_s, u"application/vnd.docker.image.rootfs.foreign.diff.tar.gzip"_s},
            {u"digest"_s, foreign},
            {u"size"_s, 1234},
            {u"urls"_s, QJsonArray{u"https://example.com/layer"_s}}});
        manifest.insert(u"layers"_s, layers);
        const QByteArray bytes = QJsonDocument(manifest).toJson(QJsonDocument::Compact);
        const QString digest = sha256Digest(bytes);
        QVERIFY(writeFile(dir.filePath(u"blobs/sha256/"_s + digest.mid(7)), bytes));
        const QJsonObject entry{{u"mediaType"_s, image.manifest.mediaType},
                                {u"digest"_s, digest},
                                {u"size"_s, bytes.size()},
                                {u"annotations"_s, QJsonObject{{kRefName, u"foreign"_s}}}};
        const QJsonObject index{{u"schemaVersion"_s, 2}, {u"manifests"_s, QJsonArray{entry}}};
        QVERIFY(writeFile(dir.filePath(u"index.json"_s), QJsonDocument(index).toJson()));

        const Result<ImageSource> source = readImageSource(dir.path());
        QVERIFY2(source, qPrintable(errorOf(source)));
        QCOMPARE(source->manifests.last().body, bytes);
        QCOMPARE(digestsOf(*source), (QStringList{image.config.digest, image.layers[0].digest}));
        QCOMPARE(source->suggestedTag, u"foreign"_s);
    }

    void ociLayoutWithSeveralTagsIsPickedByReference()
    {
        QTemporaryDir dir;
        const auto v1 = buildOciLayout(dir.path(), {.seed = 1, .tag = u"v1"_s});
        const auto v2 = buildOciLayout(dir.path(), {.seed = 2, .tag = u"v2"_s});
        BERTH_VERIFY_EXPECTED(v1);
        BERTH_VERIFY_EXPECTED(v2);

        const Result<ImageSource> unnamed = readImageSource(dir.path());
        QVERIFY(!unnamed);
        QVERIFY2(unnamed.error().message.contains(u"choose one of: v1, v2"),
                 qPrintable(unnamed.error().message));
        const Result<QStringList> names = imageNames(dir.path()); // what a chooser offers
        QVERIFY2(names, qPrintable(errorOf(names)));
        QCOMPARE(*names, (QStringList{u"v1"_s, u"v2"_s}));
        for (const QString &reference : {u"v2"_s, u"example/app:v2"_s, v2->ref.digest}) {
            const Result<ImageSource> source = readImageSource(dir.path(), reference);
            QVERIFY2(source, qPrintable(errorOf(source)));
            QCOMPARE(source->manifests.last().digest, v2->ref.digest);
            QCOMPARE(source->suggestedTag, u"v2"_s);
        }
        const Result<ImageSource> missing = readImageSource(dir.path(), u"v3"_s);
        QVERIFY(!missing);
        QVERIFY2(missing.error().message.contains(u"no image named \"v3\"; available: v1, v2"),
                 qPrintable(missing.error().message));
    }

    void ociLayoutDamageIsReportedWithTheDigest_data()
    {
        addColumns<int, QString>("damage", "code");
        const auto row = [](const char *name, Damage damage, const QString &code) {
            QTest::newRow(name) << int(damage) << code;
        };
        row("missing layer blob", Damage::MissingLayer, ErrorCode::InvalidArgument);
        row("layer blob of another size", Damage::LayerSizeChanged, ErrorCode::InvalidArgument);
        row("manifest bytes changed", Damage::ManifestBytesChanged, ErrorCode::DigestMismatch);
        row("index child missing", Damage::MissingIndexChild, ErrorCode::InvalidArgument);
        row("index.json not JSON", Damage::IndexNotJson, ErrorCode::InvalidArgument);
        row("index.json schemaVersion 3", Damage::IndexSchemaVersion3, ErrorCode::Unsupported);
        row("digest climbing out with ../", Damage::DigestClimbsOut, ErrorCode::InvalidArgument);
        row("sha512 digest", Damage::Sha512Digest, ErrorCode::Unsupported);
        row("oci-layout not JSON", Damage::LayoutFileNotJson, ErrorCode::InvalidArgument);
    }

    void ociLayoutDamageIsReportedWithTheDigest()
    {
        QFETCH(int, damage);
        QFETCH(QString, code);
        QTemporaryDir dir;
        const auto layout = buildOciLayout(
            dir.path(), {.layerSizes = {100, 200},
                         .multiPlatform = Damage(damage) == Damage::MissingIndexChild});
        BERTH_VERIFY_EXPECTED(layout);
        const OciImage &image = layout->images.last();
        const auto blob = [&](const QString &digest) -> QString {
            return dir.filePath(u"blobs/sha256/"_s + digest.mid(7));
        };
        const QString indexPath = dir.filePath(u"index.json"_s);
        QJsonObject index = QJsonDocument::fromJson(readAll(indexPath)).object();
        const auto setDigest = [&](const QString &digest) {
            QJsonObject entry = index.value(u"manifests"_s).toArray().first().toObject();
            entry.insert(u"digest"_s, digest);
            index.insert(u"manifests"_s, QJsonArray{entry});
            return writeFile(indexPath, QJsonDocument(index).toJson());
        };
        QString named; // what the message must name
        switch (Damage(damage)) {
        case Damage::MissingLayer:
            QVERIFY(QFile::remove(blob(image.layers[1].digest)));
            named = image.layers[1].digest;
            break;
        case Damage::LayerSizeChanged:
            QVERIFY(writeFile(blob(image.layers[1].digest),
                              readAll(blob(image.layers[1].digest)) + 'x'));
            named = image.layers[1].digest;
            break;
        case Damage::ManifestBytesChanged:
            // Same size, other bytes: only the digest can tell.
            QVERIFY(writeFile(blob(image.manifest.digest),
                              QByteArray(image.manifestBytes).replace("schemaV", "schemav")));
            named = image.manifest.digest;
            break;
        case Damage::MissingIndexChild:
            QVERIFY(QFile::remove(blob(image.manifest.digest)));
            named = image.manifest.digest;
            break;
        case Damage::IndexNotJson:
            QVERIFY(writeFile(indexPath, "{\"manifests\": ["));
            named = indexPath;
            break;
        case Damage::IndexSchemaVersion3:
            index.insert(u"schemaVersion"_s, 3);
            QVERIFY(writeFile(indexPath, QJsonDocument(index).toJson()));
            named = u"schemaVersion 3"_s;
            break;
        case Damage::DigestClimbsOut:
            QVERIFY(setDigest(u"sha256:../../../../etc/passwd"_s));
            named = u"invalid digest \"sha256:../../../../etc/passwd\""_s;
            break;
        case Damage::Sha512Digest:
            QVERIFY(setDigest(u"sha512:"_s + QString(128, u'a')));
            named = u"only sha256 is supported"_s;
            break;
        case Damage::LayoutFileNotJson:
            QVERIFY(writeFile(dir.filePath(u"oci-layout"_s), "imageLayoutVersion 1.0.0"));
            named = dir.filePath(u"oci-layout"_s);
            break;
        }
        const Result<ImageSource> source = readImageSource(dir.path());
        QVERIFY(!source);
        QCOMPARE(source.error().code, code);
        QVERIFY2(source.error().message.contains(named), qPrintable(source.error().message));
    }

    void skopeoDockerArchiveGivesLayoutConfigAndDiffIds_data()
    {
        addBoolRows("gzip", "from uncompressed layers", "from gzip layers");
    }

    void skopeoDockerArchiveGivesLayoutConfigAndDiffIds()
    {
        BERTH_REQUIRE_EXECUTABLE(u"skopeo"_s);
        QFETCH(bool, gzip);
        QTemporaryDir dir;
        const auto layout = buildOciLayout(dir.filePath(u"layout"_s),
                                           {.layerSizes = {2048, 100000}, .gzip = gzip});
        BERTH_VERIFY_EXPECTED(layout);
        const OciImage &image = layout->images.first();
        const QString archive = dir.filePath(u"app.tar"_s);
        Skopeo skopeo;
        const auto copied = skopeo.copy(layout->ociReference(),
                                        u"docker-archive:"_s + archive + u":example/app:v1"_s);
        BERTH_VERIFY_EXPECTED(copied);

        const Result<ImageSource> source = readImageSource(archive);
        QVERIFY2(source, qPrintable(errorOf(source)));
        QCOMPARE(source->kind, u"docker save archive"_s);
        QCOMPARE(source->suggestedTag, u"v1"_s);
        QCOMPARE(digestsOf(*source), QStringList{image.config.digest} + image.diffIds);
        QCOMPARE(source->blobs[0].mediaType, u"application/vnd.oci.image.config.v1+json"_s);
        QCOMPARE(source->blobs[1].mediaType, u"application/vnd.oci.image.layer.v1.tar"_s);
        QCOMPARE(misplacedBlobs(*source), QString());

        QCOMPARE(source->manifests.size(), 1);
        const ManifestSource &manifest = source->manifests[0];
        QCOMPARE(manifest.digest, sha256Digest(manifest.body));
        QVERIFY2(
            manifest.body.startsWith(QByteArray(
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                "\"config\":{\"mediaType\":\"application/"
                "vnd.oci.image.config.v1+json\",\"digest\":\""
                + image.config.digest.toLatin1() + "\",\"size\":")),
            manifest.body.constData());
        const QJsonArray layers
            = QJsonDocument::fromJson(manifest.body).object().value(u"layers"_s).toArray();
        QCOMPARE(layers.size(), image.diffIds.size());
        for (qsizetype i = 0; i < layers.size(); ++i) {
            QCOMPARE(layers[i].toObject().value(u"digest"_s).toString(), image.diffIds[i]);
            QCOMPARE(layers[i].toObject().value(u"size"_s).toInteger(), source->blobs[i + 1].size);
        }
        for (const QString &reference :
             {u"v1"_s, u"example/app:v1"_s, u"docker.io/example/app:v1"_s}) {
            const Result<ImageSource> again = readImageSource(archive, reference);
            QVERIFY2(again, qPrintable(errorOf(again)));
            QCOMPARE(again->manifests[0].body, manifest.body); // deterministic
        }
        const Result<ImageSource> other = readImageSource(archive, u"example/app:v2"_s);
        QVERIFY(!other);
        QVERIFY2(other.error().message.contains(u"available: docker.io/example/app:v1"),
                 qPrintable(other.error().message));
    }

    void skopeoOciArchiveKeepsManifestDigest()
    {
        BERTH_REQUIRE_EXECUTABLE(u"skopeo"_s);
        QTemporaryDir dir;
        const auto layout = buildOciLayout(dir.filePath(u"layout"_s), {.layerSizes = {3000, 512}});
        BERTH_VERIFY_EXPECTED(layout);
        const OciImage &image = layout->images.first();
        const QString archive = dir.filePath(u"app-oci.tar"_s);
        Skopeo skopeo;
        BERTH_VERIFY_EXPECTED(
            skopeo.copy(layout->ociReference(), u"oci-archive:"_s + archive + u":v1"_s));

        const Result<ImageSource> source = readImageSource(archive);
        QVERIFY2(source, qPrintable(errorOf(source)));
        QCOMPARE(source->kind, u"OCI archive"_s);
        QCOMPARE(source->suggestedTag, u"v1"_s);
        QCOMPARE(source->manifests.size(), 1);
        QCOMPARE(source->manifests[0].digest, image.manifest.digest);
        QCOMPARE(source->manifests[0].body, image.manifestBytes);
        QCOMPARE(digestsOf(*source), (QStringList{image.config.digest, image.layers[0].digest,
                                                  image.layers[1].digest}));
        QCOMPARE(misplacedBlobs(*source), QString());
        for (const BlobSource &blob : source->blobs)
            QCOMPARE(blob.path,
                     QFileInfo(archive).absoluteFilePath()); // read in place, not extracted
    }

    void archiveWithIndexAndManifestJsonIsReadThroughTheIndex()
    {
        // Docker 25+ writes both; the index keeps the original manifest (and its digest).
        BERTH_REQUIRE_EXECUTABLE(u"tar"_s);
        QTemporaryDir dir;
        const QString root = dir.filePath(u"image"_s);
        const auto layout = buildOciLayout(root, {.layerSizes = {300}});
        BERTH_VERIFY_EXPECTED(layout);
        const OciImage &image = layout->images.first();
        const QJsonObject legacy{
            {u"Config"_s, QString(u"blobs/sha256/"_s + image.config.digest.mid(7))},
            {u"RepoTags"_s, QJsonArray{u"example/app:v1"_s}},
            {u"Layers"_s, QJsonArray{QString(u"blobs/sha256/"_s + image.layers[0].digest.mid(7))}}};
        QVERIFY(writeFile(root + u"/manifest.json"_s, QJsonDocument(QJsonArray{legacy}).toJson()));
        const QString archive = dir.filePath(u"docker25.tar"_s);
        const QString tarError
            = runTar({u"--sort=name"_s, u"-cf"_s, archive, u"-C"_s, root, u"."_s}, dir.path());
        QVERIFY2(tarError.isEmpty(), qPrintable(tarError));

        const Result<ImageSource> source = readImageSource(archive);
        QVERIFY2(source, qPrintable(errorOf(source)));
        QCOMPARE(source->kind, u"docker save archive"_s);
        QCOMPARE(source->manifests.size(), 1);
        QCOMPARE(source->manifests[0].digest, image.manifest.digest);
        QCOMPARE(source->suggestedTag, u"latest"_s);
        QCOMPARE(digestsOf(*source), (QStringList{image.config.digest, image.layers[0].digest}));
        QCOMPARE(misplacedBlobs(*source), QString());
    }

    void legacyArchiveFollowsSymlinkedLayers()
    {
        // Docker 25+ without index.json, as some tools trim it: layers are links into blobs/.
        BERTH_REQUIRE_EXECUTABLE(u"tar"_s);
        QTemporaryDir dir;
        const QString root = dir.filePath(u"image"_s);
        const auto layout = buildOciLayout(root, {.layerSizes = {300, 4000}, .gzip = false});
        BERTH_VERIFY_EXPECTED(layout);
        const OciImage &image = layout->images.first();
        QVERIFY(QFile::remove(root + u"/index.json"_s) && QFile::remove(root + u"/oci-layout"_s));
        QVERIFY(QDir(root).mkpath(u"layer0"_s) && QDir(root).mkpath(u"layer1"_s));
        const auto blob = [&](const QString &digest) -> QString {
            return u"blobs/sha256/"_s + digest.mid(7);
        };
        QCOMPARE(::symlink(qPrintable(u"../"_s + blob(image.layers[0].digest)),
                           qPrintable(root + u"/layer0/layer.tar"_s)),
                 0);
        QCOMPARE(::link(qPrintable(root + u'/' + blob(image.layers[1].digest)),
                        qPrintable(root + u"/layer1/layer.tar"_s)),
                 0); // GNU tar stores the second name as a hardlink
        QCOMPARE(
            ::symlink(qPrintable(blob(image.config.digest)), qPrintable(root + u"/config.json"_s)),
            0);
        const QJsonArray manifest{legacyImage({u"layer0/layer.tar"_s, u"layer1/layer.tar"_s})};
        QVERIFY(writeFile(root + u"/manifest.json"_s, QJsonDocument(manifest).toJson()));
        const QString archive = dir.filePath(u"linked.tar"_s);
        const QString tarError
            = runTar({u"--sort=name"_s, u"-cf"_s, archive, u"-C"_s, root, u"."_s}, dir.path());
        QVERIFY2(tarError.isEmpty(), qPrintable(tarError));

        const Result<TarIndex> tar = TarIndex::read(archive);
        QVERIFY2(tar, qPrintable(errorOf(tar)));
        QCOMPARE(tar->entry(u"layer0/layer.tar"_s)->type, TarEntry::Type::Symlink);
        QCOMPARE(tar->entry(u"layer1/layer.tar"_s)->type, TarEntry::Type::Hardlink);

        const Result<ImageSource> source = readImageSource(archive);
        QVERIFY2(source, qPrintable(errorOf(source)));
        QCOMPARE(source->kind, u"docker save archive"_s);
        QCOMPARE(source->suggestedTag, u"v1"_s);
        QCOMPARE(digestsOf(*source), QStringList{image.config.digest} + image.diffIds);
        QCOMPARE(misplacedBlobs(*source), QString());
    }

    void legacyArchiveHashesGzipLayers()
    {
        const QByteArray zipped = tarWithFile(u"a.bin"_s, deterministicBytes(3000, 5));
        const QByteArray gzip = gzipStored(zipped);
        const QByteArray plain = tarWithFile(u"b.bin"_s, deterministicBytes(700, 6));
        const QByteArray config = configWithDiffIds({sha256Digest(zipped), sha256Digest(plain)});
        QTemporaryDir dir;
        const QString archive = dir.filePath(u"gzip-layer.tar"_s);
        QVERIFY(writeFile(
            archive,
            legacyArchive(QJsonArray{legacyImage({u"1/layer.tar"_s, u"2/layer.tar"_s})}, config,
                          tarMember("1/layer.tar", gzip) + tarMember("2/layer.tar", plain))));

        const Result<ImageSource> source = readImageSource(archive);
        QVERIFY2(source, qPrintable(errorOf(source)));
        QCOMPARE(digestsOf(*source),
                 (QStringList{sha256Digest(config), sha256Digest(gzip), sha256Digest(plain)}));
        QCOMPARE(source->blobs[1].mediaType, u"application/vnd.oci.image.layer.v1.tar+gzip"_s);
        QCOMPARE(source->blobs[2].mediaType, u"application/vnd.oci.image.layer.v1.tar"_s);
        QCOMPARE(misplacedBlobs(*source), QString());
        const QJsonArray layers = QJsonDocument::fromJson(source->manifests[0].body)
                                      .object()
                                      .value(u"layers"_s)
                                      .toArray();
        QCOMPARE(layers[0].toObject().value(u"mediaType"_s).toString(), source->blobs[1].mediaType);
        QCOMPARE(source->totalBytes(),
                 config.size() + gzip.size() + plain.size() + source->manifests[0].body.size());
    }

    void legacyArchiveDamageIsReportedWithTheEntry_data()
    {
        addColumns<QByteArray, QString>("archive", "named");
        const QByteArray layer = tarWithFile(u"a.bin"_s, "hello");
        const QByteArray config = configWithDiffIds({sha256Digest(layer)});
        const QByteArray members = tarMember("l.tar", layer);
        const auto one = [&](const QStringList &layers) {
            return QJsonArray{legacyImage(layers)};
        };
        QTest::newRow("more layers than diff_ids")
            << legacyArchive(one({u"l.tar"_s, u"l.tar"_s}), config, members)
            << u"lists 2 layers, but its config \"config.json\""_s;
        QTest::newRow("layer path climbing out with ../")
            << legacyArchive(one({u"../l.tar"_s}), config, members) << u"outside the archive"_s;
        QTest::newRow("absolute layer path")
            << legacyArchive(one({u"/etc/passwd"_s}), config, members) << u"outside the archive"_s;
        QTest::newRow("layer file missing")
            << legacyArchive(one({u"gone.tar"_s}), config, members) << u"no member \"gone.tar\""_s;
        QTest::newRow("symlinked layers in a loop") << legacyArchive(
            one({u"a.tar"_s}), config,
            tarMember("a.tar", {}, '2', "b.tar") + tarMember("b.tar", {}, '2', "a.tar"))
                                                    << u"link loop"_s;
        QTest::newRow("symlinked layer leaving the archive") << legacyArchive(
            one({u"a.tar"_s}), config, tarMember("a.tar", {}, '2', "../../etc/passwd"))
                                                             << u"leaves the archive"_s;
        QTest::newRow("manifest.json not JSON")
            << tarMember("manifest.json", "[{\"Config\":") + kTarEnd << u"is not valid JSON"_s;
        QTest::newRow("config without diff_ids")
            << legacyArchive(one({u"l.tar"_s}), "{}", members) << u"has no rootfs.diff_ids"_s;
        QJsonObject second = legacyImage({u"l.tar"_s}, {u"example/other:v2"_s});
        second.insert(u"Config"_s, u"config2.json"_s);
        QTest::newRow("two images, none chosen")
            << legacyArchive(QJsonArray{legacyImage({u"l.tar"_s}), second}, config,
                             members + tarMember("config2.json", config))
            << u"choose one of: example/app:v1, example/other:v2"_s;
        QTest::newRow("xz-compressed layer") << legacyArchive(
            one({u"l.tar"_s}), config, tarMember("l.tar", "\xfd\x37\x7a\x58\x5a\x00..."))
                                             << u"is xz-compressed"_s;
        const QByteArray whole = legacyArchive(one({u"l.tar"_s}), config, members);
        QTest::newRow("archive cut short") << whole.left(whole.size() - kTarEnd.size() - 100)
                                           << u"is truncated: member \"l.tar\""_s;
    }

    void legacyArchiveDamageIsReportedWithTheEntry()
    {
        QFETCH(QByteArray, archive);
        QFETCH(QString, named);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"damaged.tar"_s);
        QVERIFY(writeFile(path, archive));
        const Result<ImageSource> source = readImageSource(path);
        QVERIFY(!source);
        QVERIFY2(source.error().message.contains(named) && source.error().message.contains(path),
                 qPrintable(source.error().message));
    }

    void isImageSourceTellsImagesFromOtherFiles()
    {
        QTemporaryDir dir;
        const auto layout = buildOciLayout(dir.filePath(u"layout"_s), {.layerSizes = {10}});
        BERTH_VERIFY_EXPECTED(layout);
        const QByteArray layer = tarWithFile(u"a.bin"_s, "hello");
        const std::pair<QString, QByteArray> files[] = {
            {u"legacy.tar"_s,
             legacyArchive(QJsonArray{legacyImage({u"l.tar"_s})},
                           configWithDiffIds({sha256Digest(layer)}), tarMember("l.tar", layer))},
            {u"oci.tar"_s,
             tarMember("oci-layout", "{}") + tarMember("./index.json", "{}") + kTarEnd},
            {u"plain.tar"_s, layer},
            {u"plain.tar.gz"_s, gzipStored(layer)},
            {u"plain.gz"_s, gzipStored(layer)},
            {u"random.bin"_s, deterministicBytes(2048, 1)},
            {u"random.tar.zst"_s, deterministicBytes(2048, 2)},
        };
        for (const auto &[name, bytes] : files)
            QVERIFY(writeFile(dir.filePath(name), bytes));
        QVERIFY(QDir(dir.path()).mkpath(u"empty"_s));

        QVERIFY(isImageSource(layout->path));
        QVERIFY(isImageSource(dir.filePath(u"legacy.tar"_s)));
        QVERIFY(isImageSource(dir.filePath(u"oci.tar"_s)));
        QVERIFY(!isImageSource(dir.filePath(u"plain.tar"_s)));
        // A whole compressed tar is judged by its name and magic (its index is at its end):
        // reading it says whether it holds an image.
        QVERIFY(isImageSource(dir.filePath(u"plain.tar.gz"_s)));
        QVERIFY(!isImageSource(dir.filePath(u"plain.gz"_s)));
        QVERIFY(!isImageSource(dir.filePath(u"random.tar.zst"_s)));
        QVERIFY(!isImageSource(dir.filePath(u"random.bin"_s)));
        QVERIFY(!isImageSource(dir.filePath(u"empty"_s)));
        QVERIFY(!isImageSource(dir.filePath(u"does-not-exist"_s)));
    }
};

QTEST_GUILESS_MAIN(tst_ImageSource)
#include "tst_imagesource.moc"
