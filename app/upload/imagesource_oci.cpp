// readOciLayout(): an OCI image layout, in a directory or a tar (oci-archive, docker 25+).

#include "core/mediatypes.h"
#include "core/sha256.h"
#include "upload/imagesource_p.h"
#include "upload/uploadtr.h"

#include <QJsonArray>
#include <QSet>

namespace Berth::ImageSourceDetail {

namespace {

constexpr qint64 MaxManifestSize = 4 << 20; // what registries accept
constexpr qint64 MaxIndexJsonSize = 16 << 20;
constexpr qint64 MaxLayoutFileSize = 64 << 10;
constexpr int MaxIndexDepth = 4;

const QString DirManifest = QStringLiteral("manifest.json");
const QString RefNameAnnotation = QStringLiteral("org.opencontainers.image.ref.name");
const QString ContainerdNameAnnotation = QStringLiteral("io.containerd.image.name");

struct Descriptor
{
    QString mediaType;
    QString digest;
    qint64 size = 0;
    QJsonObject json;
};

QString blobName(const QString &digest)
{
    return QStringLiteral("blobs/sha256/") + digest.mid(7);
}

Result<Descriptor> descriptorOf(const QJsonValue &value, const QString &where)
{
    const QJsonObject object = value.toObject();
    const QJsonValue size = object.value(u"size");
    const QJsonValue mediaType = object.value(u"mediaType");
    if (!value.isObject() || !object.value(u"digest").isString() || !size.isDouble()
        || size.toDouble() < 0 || size.toDouble() != double(size.toInteger())
        || !(mediaType.isString() || mediaType.isUndefined())) {
        return std::unexpected(invalidSource(
            UploadTr::tr("%1 is not a valid descriptor (it needs mediaType, a digest and a size)")
                .arg(where)));
    }
    const Result<QString> digest = checkDigest(object.value(u"digest").toString(), where);
    if (!digest)
        return std::unexpected(digest.error());
    return Descriptor{mediaType.toString(), *digest, size.toInteger(), object};
}

Result<int> schemaVersionOf(const QJsonObject &object, const QString &where)
{
    const QJsonValue version = object.value(u"schemaVersion");
    if (version.toInteger(-1) != 2) {
        return std::unexpected(RegistryError::make(
            ErrorCode::Unsupported,
            UploadTr::tr("%1 has schemaVersion %2; only schemaVersion 2 is supported")
                .arg(where, version.isUndefined() ? UploadTr::tr("(none)")
                                                  : version.toVariant().toString())));
    }
    return 2;
}

// Walks a manifest or index and everything it names, collecting blobs and manifests.
// Runs `add(descriptor)` for each descriptor in `items` (named "<where>, <key>[i]"), up to
// the first error.
template<typename Add>
Result<Done>
forEachDescriptor(const QJsonArray &items, const QString &where, const char *key, Add add)
{
    for (qsizetype i = 0; i < items.size(); ++i) {
        const Result<Descriptor> item = descriptorOf(
            items[i], where + QStringLiteral(", %1[%2]").arg(QLatin1String(key)).arg(i));
        if (!item)
            return std::unexpected(item.error());
        if (Result<Done> added = add(*item); !added)
            return added;
    }
    return Done{};
}

// Reads an OCI layout (blobs/sha256/<hex>), or what skopeo's and podman's dir: transport
// writes (--format docker-dir): the top manifest in manifest.json, an index's children in
// <hex>.manifest.json, blobs in <hex>.
class OciReader
{
public:
    explicit OciReader(const SourceFiles &files, const QString &dirTop = {})
        : m_files(files)
        , m_dirTop(dirTop)
    {}

    Result<Done> addManifest(const Descriptor &descriptor, const QString &namedBy, int depth);
    ImageSource takeSource() { return std::move(m_source); }

private:
    QString nameOf(const QString &digest, bool manifest) const;
    Result<Slice>
    locateBlob(const Descriptor &descriptor, const QString &namedBy, bool manifest = false) const;
    Result<Done> addBlob(const Descriptor &descriptor, const QString &namedBy);
    Result<Done> addChildren(const QJsonObject &index, const QString &digest, int depth);
    Result<Done> addImageBlobs(const QJsonObject &manifest, const QString &digest);

    const SourceFiles &m_files;
    QString m_dirTop; // a dir: source's top manifest digest; empty for an OCI layout
    ImageSource m_source;
    QSet<QString> m_blobs;
    QSet<QString> m_manifests;
};

QString OciReader::nameOf(const QString &digest, bool manifest) const
{
    if (m_dirTop.isEmpty())
        return blobName(digest);
    if (manifest)
        return digest == m_dirTop ? DirManifest : digest.mid(7) + u".manifest.json";
    return digest.mid(7);
}

Result<Slice>
OciReader::locateBlob(const Descriptor &descriptor, const QString &namedBy, bool manifest) const
{
    const QString name = nameOf(descriptor.digest, manifest);
    if (!m_files.exists(name)) {
        return std::unexpected(
            invalidSource(UploadTr::tr("%1 names %2, but %3 is missing")
                              .arg(namedBy, descriptor.digest, m_files.describe(name))));
    }
    Result<Slice> slice = m_files.locate(name);
    if (slice && slice->size != descriptor.size) {
        return std::unexpected(
            invalidSource(UploadTr::tr("%1 names %2 with %3 bytes, but %4 has %5 bytes")
                              .arg(namedBy, descriptor.digest)
                              .arg(descriptor.size)
                              .arg(m_files.describe(name))
                              .arg(slice->size)));
    }
    return slice;
}

Result<Done> OciReader::addBlob(const Descriptor &descriptor, const QString &namedBy)
{
    if (m_blobs.contains(descriptor.digest))
        return Done{};
    const Result<Slice> slice = locateBlob(descriptor, namedBy);
    if (!slice)
        return std::unexpected(slice.error());
    m_blobs.insert(descriptor.digest);
    m_source.blobs.append(
        BlobSource{slice->path, slice->offset, slice->size, descriptor.digest,
                   descriptor.mediaType.isEmpty() ? MediaType::OctetStream : descriptor.mediaType});
    return Done{};
}

Result<Done> OciReader::addManifest(const Descriptor &descriptor, const QString &namedBy, int depth)
{
    if (m_manifests.contains(descriptor.digest))
        return Done{};
    if (depth > MaxIndexDepth) {
        return std::unexpected(
            invalidSource(UploadTr::tr("%1 nests image indexes too deeply (at %2)")
                              .arg(namedBy, descriptor.digest)));
    }
    const Result<Slice> slice = locateBlob(descriptor, namedBy, true);
    if (!slice)
        return std::unexpected(slice.error());
    const QString where = UploadTr::tr("manifest %1").arg(descriptor.digest);
    if (slice->size > MaxManifestSize) {
        return std::unexpected(
            invalidSource(UploadTr::tr("%1 is too large (%2 bytes)").arg(where).arg(slice->size)));
    }
    const Result<QByteArray> body = m_files.head(*slice, slice->size);
    if (!body)
        return std::unexpected(body.error());
    const QString actual = Sha256::digestOf(*body);
    if (actual != descriptor.digest) {
        return std::unexpected(RegistryError::make(
            ErrorCode::DigestMismatch,
            UploadTr::tr("%1: the bytes of %2 hash to %3")
                .arg(where, m_files.describe(nameOf(descriptor.digest, true)), actual)));
    }
    const Result<QJsonValue> json = parseJson(*body, where);
    if (!json)
        return std::unexpected(json.error());
    if (!json->isObject())
        return std::unexpected(invalidSource(UploadTr::tr("%1 is not a JSON object").arg(where)));
    const QJsonObject object = json->toObject();
    if (const Result<int> version = schemaVersionOf(object, where); !version)
        return std::unexpected(version.error());

    const QString bodyType = object.value(u"mediaType").toString();
    if (!bodyType.isEmpty() && !descriptor.mediaType.isEmpty()
        && MediaType::essence(bodyType) != MediaType::essence(descriptor.mediaType)) {
        return std::unexpected(
            invalidSource(UploadTr::tr("%1 says its mediaType is %2, but %3 names it as %4")
                              .arg(where, bodyType, namedBy, descriptor.mediaType)));
    }
    QString mediaType = !descriptor.mediaType.isEmpty() ? descriptor.mediaType : bodyType;
    const bool index
        = MediaType::isIndex(mediaType) || (mediaType.isEmpty() && object.contains(u"manifests"));
    if (mediaType.isEmpty())
        mediaType = index ? MediaType::OciIndex : MediaType::OciManifest;

    Result<Done> added = index ? addChildren(object, descriptor.digest, depth)
                               : addImageBlobs(object, descriptor.digest);
    if (!added)
        return added;
    m_manifests.insert(descriptor.digest);
    m_source.manifests.append(ManifestSource{descriptor.digest, mediaType, *body});
    return Done{};
}

Result<Done> OciReader::addChildren(const QJsonObject &index, const QString &digest, int depth)
{
    const QString where = UploadTr::tr("image index %1").arg(digest);
    if (!index.value(u"manifests").isArray())
        return std::unexpected(invalidSource(UploadTr::tr("%1 has no manifests array").arg(where)));
    return forEachDescriptor(
        index.value(u"manifests").toArray(), where, "manifests",
        [&](const Descriptor &child) { return addManifest(child, where, depth + 1); });
}

Result<Done> OciReader::addImageBlobs(const QJsonObject &manifest, const QString &digest)
{
    const QString where = UploadTr::tr("manifest %1").arg(digest);
    if (!manifest.value(u"config").isObject() || !manifest.value(u"layers").isArray()) {
        return std::unexpected(invalidSource(
            UploadTr::tr("%1 is not an image manifest (it needs a config and layers)").arg(where)));
    }
    const Result<Descriptor> config = descriptorOf(manifest.value(u"config"), where + u", config");
    if (!config)
        return std::unexpected(config.error());
    if (Result<Done> added = addBlob(*config, where); !added)
        return added;
    return forEachDescriptor(manifest.value(u"layers").toArray(), where, "layers",
                             [&](const Descriptor &layer) -> Result<Done> {
                                 // A foreign layer: registries fetch it from its urls, nobody
                                 // pushes it.
                                 if (!layer.json.value(u"urls").toArray().isEmpty())
                                     return Done{};
                                 return addBlob(layer, where);
                             });
}

Result<Done> checkLayoutFile(const SourceFiles &files)
{
    const QString name = QStringLiteral("oci-layout");
    if (!files.exists(name))
        return Done{}; // required by the spec, but its absence hides nothing
    const Result<QJsonValue> json = files.readJson(name, MaxLayoutFileSize);
    if (!json)
        return std::unexpected(json.error());
    if (!json->toObject().value(u"imageLayoutVersion").isString()) {
        return std::unexpected(
            invalidSource(UploadTr::tr("%1 has no imageLayoutVersion").arg(files.describe(name))));
    }
    return Done{};
}

} // namespace

Result<Listing> ociListing(const SourceFiles &files)
{
    if (const Result<Done> layout = checkLayoutFile(files); !layout)
        return std::unexpected(layout.error());
    const QString indexName = QStringLiteral("index.json");
    const QString where = files.describe(indexName);
    const Result<QJsonValue> json = files.readJson(indexName, MaxIndexJsonSize);
    if (!json)
        return std::unexpected(json.error());
    const QJsonObject index = json->toObject();
    if (!json->isObject() || !index.value(u"manifests").isArray()) {
        return std::unexpected(invalidSource(
            UploadTr::tr("%1 is not an image index (no manifests array)").arg(where)));
    }
    if (const Result<int> version = schemaVersionOf(index, where); !version)
        return std::unexpected(version.error());

    Listing listing{index.value(u"manifests").toArray(), {}};
    for (const QJsonValue entry : std::as_const(listing.entries)) {
        const QJsonObject annotations = entry.toObject().value(u"annotations").toObject();
        Candidate candidate;
        candidate.key = entry.toObject().value(u"digest").toString();
        for (const QString &key : {RefNameAnnotation, ContainerdNameAnnotation}) {
            if (!annotations.value(key).toString().isEmpty())
                candidate.names.append(annotations.value(key).toString());
        }
        listing.candidates.append(candidate);
    }
    return listing;
}

Result<ImageSource> readOciLayout(const SourceFiles &files, const QString &reference)
{
    const QString indexName = QStringLiteral("index.json");
    const QString where = files.describe(indexName);
    const Result<Listing> listing = ociListing(files);
    if (!listing)
        return std::unexpected(listing.error());
    const Result<Choice> choice = chooseImage(listing->candidates, reference, where);
    if (!choice)
        return std::unexpected(choice.error());

    const Result<Descriptor> top = descriptorOf(
        listing->entries[choice->index],
        files.describe(indexName + QStringLiteral(", manifests[%1]").arg(choice->index)));
    if (!top)
        return std::unexpected(top.error());
    OciReader reader(files);
    if (const Result<Done> added = reader.addManifest(*top, where, 0); !added)
        return std::unexpected(added.error());
    ImageSource source = reader.takeSource();
    source.suggestedTag = choice->tag;
    return source;
}

Result<ImageSource> readDirectory(const SourceFiles &files, const QString &reference)
{
    const QString where = files.describe(DirManifest);
    const Result<QByteArray> body = files.read(DirManifest, MaxManifestSize);
    if (!body)
        return std::unexpected(body.error());
    const QString digest = Sha256::digestOf(*body);
    // One image, named by nothing but its digest.
    const Result<Choice> choice = chooseImage({Candidate{{}, digest}}, reference, where);
    if (!choice)
        return std::unexpected(choice.error());
    OciReader reader(files, digest);
    if (const Result<Done> added
        = reader.addManifest(Descriptor{{}, digest, body->size(), {}}, where, 0);
        !added)
        return std::unexpected(added.error());
    return reader.takeSource();
}

} // namespace Berth::ImageSourceDetail
