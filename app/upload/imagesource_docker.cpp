// readDockerArchive(): the legacy `docker save` format (manifest.json + config + layer tars),
// as docker before 25, podman and skopeo's docker-archive: write it.

#include "core/mediatypes.h"
#include "core/sha256.h"
#include "upload/imagesource_p.h"
#include "upload/uploadtr.h"

#include <QJsonArray>
#include <QSet>
#include <QTemporaryFile>

namespace Berth::ImageSourceDetail {

namespace {

constexpr qint64 MaxManifestJsonSize = 16 << 20;
constexpr qint64 MaxConfigSize = 4 << 20;

const QString LayerTar = QStringLiteral("application/vnd.oci.image.layer.v1.tar");
const QString LayerGzip = QStringLiteral("application/vnd.oci.image.layer.v1.tar+gzip");
const QString LayerZstd = QStringLiteral("application/vnd.oci.image.layer.v1.tar+zstd");

// A descriptor as compact JSON, keys in the order mediaType, digest, size. Media types are
// constants and digests are checked hex, so nothing needs escaping.
QByteArray descriptorJson(const QString &mediaType, const QString &digest, qint64 size)
{
    return QByteArrayLiteral("{\"mediaType\":\"") + mediaType.toLatin1()
           + QByteArrayLiteral("\",\"digest\":\"") + digest.toLatin1()
           + QByteArrayLiteral("\",\"size\":") + QByteArray::number(size) + '}';
}

// The OCI image manifest for a docker archive: deterministic, so pushing the same archive
// twice gives the same digest.
QByteArray imageManifest(const BlobSource &config, const QList<BlobSource> &layers)
{
    QByteArray json = QByteArrayLiteral("{\"schemaVersion\":2,\"mediaType\":\"")
                      + MediaType::OciManifest.toLatin1() + QByteArrayLiteral("\",\"config\":")
                      + descriptorJson(config.mediaType, config.digest, config.size)
                      + QByteArrayLiteral(",\"layers\":[");
    for (qsizetype i = 0; i < layers.size(); ++i) {
        if (i > 0)
            json += ',';
        json += descriptorJson(layers[i].mediaType, layers[i].digest, layers[i].size);
    }
    return json + QByteArrayLiteral("]}");
}

// A string field that names a file of the archive; an error when absent or unsafe.
Result<QString> pathField(const QJsonValue &value, const QString &where)
{
    const QString path = value.toString();
    if (!value.isString() || path.isEmpty())
        return std::unexpected(invalidSource(UploadTr::tr("%1 is missing").arg(where)));
    if (!isSafeRelativePath(path)) {
        return std::unexpected(invalidSource(
            UploadTr::tr("%1 (\"%2\") points outside the archive").arg(where, path.left(200))));
    }
    return path;
}

// The config's rootfs.diff_ids: the digests of the uncompressed layer tars.
Result<QStringList> diffIdsOf(const QByteArray &config, const QString &where)
{
    const Result<QJsonValue> json = parseJson(config, where);
    if (!json)
        return std::unexpected(json.error());
    const QJsonValue diffIds = json->toObject().value(u"rootfs").toObject().value(u"diff_ids");
    if (!diffIds.isArray()) {
        return std::unexpected(
            invalidSource(UploadTr::tr("%1 has no rootfs.diff_ids array").arg(where)));
    }
    QStringList out;
    const QJsonArray array = diffIds.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const Result<QString> digest = checkDigest(
            array[i].toString(), where + QStringLiteral(", rootfs.diff_ids[%1]").arg(i));
        if (!digest)
            return std::unexpected(digest.error());
        out.append(*digest);
    }
    return out;
}

// One layer file: uncompressed tars take their diff_id as digest (never hashed: they can be
// gigabytes); compressed ones are hashed, since their diff_id names the uncompressed bytes.
// How layerBlob() compresses an uncompressed layer, and where its temporary file is kept.
struct Compress
{
    LayerCompression compression;
    std::function<void(qint64 done)> onProgress;
    QList<std::shared_ptr<QTemporaryFile>> *keep;
};

Result<BlobSource> layerBlob(const SourceFiles &files,
                             const QString &name,
                             const QString &diffId,
                             const Compress &compress)
{
    const Result<Slice> slice = files.locate(name);
    if (!slice)
        return std::unexpected(slice.error());
    const Result<QByteArray> head = files.head(*slice, 8);
    if (!head)
        return std::unexpected(head.error());
    const QString compression = TarIndex::compressionOf(*head);
    BlobSource blob{slice->path, slice->offset, slice->size, diffId, LayerTar};
    if (compression.isEmpty() && compress.compression == LayerCompression::None)
        return blob;
    if (compression.isEmpty()) { // compressed here, as podman does
        const Result<CompressedFile> compressed = compressToTemporaryFile(
            slice->path, slice->offset, slice->size, compress.compression, compress.onProgress);
        if (!compressed)
            return std::unexpected(compressed.error());
        compress.keep->append(compressed->file);
        const bool gzip = compress.compression == LayerCompression::Gzip;
        return BlobSource{compressed->file->fileName(), 0, compressed->size, compressed->digest,
                          gzip ? LayerGzip : LayerZstd};
    }
    if (compression != u"gzip" && compression != u"zstd") {
        return std::unexpected(RegistryError::make(
            ErrorCode::Unsupported,
            UploadTr::tr(
                "%1 is %2-compressed; only uncompressed, gzip and zstd layers can be pushed")
                .arg(files.describe(name), compression)));
    }
    const Result<QString> digest = files.sha256(*slice);
    if (!digest)
        return std::unexpected(digest.error());
    blob.digest = *digest;
    blob.mediaType = compression == u"gzip" ? LayerGzip : LayerZstd;
    return blob;
}

} // namespace

Result<Listing> dockerListing(const SourceFiles &files)
{
    const QString manifestName = QStringLiteral("manifest.json");
    const Result<QJsonValue> json = files.readJson(manifestName, MaxManifestJsonSize);
    if (!json)
        return std::unexpected(json.error());
    if (!json->isArray()) {
        return std::unexpected(invalidSource(
            UploadTr::tr("%1 is not a JSON array").arg(files.describe(manifestName))));
    }
    Listing listing{json->toArray(), {}};
    for (const QJsonValue image : std::as_const(listing.entries)) {
        Candidate candidate;
        candidate.key = image.toObject().value(u"Config").toString();
        for (const QJsonValue tag : image.toObject().value(u"RepoTags").toArray())
            candidate.names.append(tag.toString());
        candidate.names.removeAll(QString());
        listing.candidates.append(candidate);
    }
    return listing;
}

Result<ImageSource>
readDockerArchive(const SourceFiles &files, const QString &reference, const LayerOptions &options)
{
    const QString manifestName = QStringLiteral("manifest.json");
    const Result<Listing> listing = dockerListing(files);
    if (!listing)
        return std::unexpected(listing.error());
    const Result<Choice> choice
        = chooseImage(listing->candidates, reference, files.describe(manifestName));
    if (!choice)
        return std::unexpected(choice.error());
    const QJsonObject image = listing->entries[choice->index].toObject();
    const QString entryName = manifestName + QStringLiteral("[%1]").arg(choice->index);
    const QString entry = files.describe(entryName);

    const Result<QString> configName
        = pathField(image.value(u"Config"), files.describe(entryName + u".Config"));
    if (!configName)
        return std::unexpected(configName.error());
    if (!image.value(u"Layers").isArray())
        return std::unexpected(invalidSource(
            UploadTr::tr("%1 is missing").arg(files.describe(entryName + u".Layers"))));
    const QJsonArray layerNames = image.value(u"Layers").toArray();

    const Result<Slice> configSlice = files.locate(*configName);
    if (!configSlice)
        return std::unexpected(configSlice.error());
    const Result<QByteArray> config = files.read(*configName, MaxConfigSize);
    if (!config)
        return std::unexpected(config.error());
    const Result<QStringList> diffIds = diffIdsOf(*config, files.describe(*configName));
    if (!diffIds)
        return std::unexpected(diffIds.error());
    if (diffIds->size() != layerNames.size()) {
        return std::unexpected(invalidSource(
            UploadTr::tr("%1 lists %2 layers, but its config %3 has %4 rootfs.diff_ids")
                .arg(entry)
                .arg(layerNames.size())
                .arg(files.describe(*configName))
                .arg(diffIds->size())));
    }

    ImageSource source;
    const BlobSource configBlob{configSlice->path, configSlice->offset, configSlice->size,
                                Sha256::digestOf(*config), MediaType::OciConfig};
    source.blobs.append(configBlob);
    QSet<QString> digests{configBlob.digest};
    QList<BlobSource> layers;
    qint64 layerBytes = 0; // for progress while compressing
    for (const QJsonValue name : layerNames) {
        if (const Result<Slice> slice = files.locate(name.toString()); slice)
            layerBytes += slice->size;
    }
    qint64 compressed = 0;
    for (qsizetype i = 0; i < layerNames.size(); ++i) {
        const Result<QString> name = pathField(
            layerNames[i], files.describe(entryName + QStringLiteral(".Layers[%1]").arg(i)));
        if (!name)
            return std::unexpected(name.error());
        const qint64 before = compressed;
        const Compress compress{options.compression,
                                [&](qint64 done) {
                                    compressed = before + done;
                                    if (options.onProgress)
                                        options.onProgress(compressed, layerBytes);
                                },
                                &source.temporaryFiles};
        const Result<BlobSource> layer = layerBlob(files, *name, diffIds->at(i), compress);
        if (!layer)
            return std::unexpected(layer.error());
        layers.append(*layer);
        if (!digests.contains(layer->digest)) {
            digests.insert(layer->digest);
            source.blobs.append(*layer);
        }
    }

    const QByteArray manifest = imageManifest(configBlob, layers);
    source.manifests.append(
        ManifestSource{Sha256::digestOf(manifest), MediaType::OciManifest, manifest});
    source.suggestedTag = choice->tag;
    return source;
}

} // namespace Berth::ImageSourceDetail
