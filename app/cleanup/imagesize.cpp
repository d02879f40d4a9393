#include "cleanup/imagesize.h"

namespace Berth {

namespace {

// The unique blobs of `manifests`, shared ones counted once.
qint64 uniqueBytes(const QList<SnapshotManifest> &manifests)
{
    RepositorySnapshot snapshot;
    snapshot.manifests = manifests;
    return sizeOf(snapshot).bytes;
}

} // namespace

QString ImageSize::platformText() const
{
    QStringList out;
    for (const PlatformSize &p : platforms) {
        if (!p.platform.isEmpty() && !out.contains(p.platform))
            out << p.platform;
    }
    return out.join(QStringLiteral(", "));
}

ImageSize imageSize(const ManifestSet &manifests, const QString &digest)
{
    ImageSize size;
    if (!manifests.contains(digest))
        return size;
    const SnapshotManifest manifest = manifests.value(digest);
    if (!manifest.isIndex) {
        size.bytes = uniqueBytes({manifest});
        return size;
    }
    size.isIndex = true;
    QList<SnapshotManifest> images;
    for (qsizetype i = 0; i < manifest.children.size(); ++i) {
        const QString &child = manifest.children.at(i);
        PlatformSize platform{manifest.platforms.value(i), child, -1};
        // A nested index (rare) stays unknown rather than counted as its documents.
        if (manifests.contains(child) && !manifests.value(child).isIndex) {
            images << manifests.value(child);
            platform.bytes = uniqueBytes({images.last()});
        }
        size.platforms << platform;
    }
    if (images.size() == manifest.children.size())
        size.bytes = uniqueBytes(images);
    return size;
}

SizeJob::SizeJob(RegistryClient *client,
                 const QString &repository,
                 const QStringList &digests,
                 const std::shared_ptr<ManifestCache> &cache,
                 int parallel,
                 QObject *parent)
    : Job(parent)
{
    ManifestReadOptions options;
    options.parallel = parallel;
    options.stopAtError = false;
    auto *read = new ManifestRead(client, repository, digests, cache, options, this);
    chain(this, read, [digests](const ManifestReadResult &result) {
        QHash<QString, ImageSize> sizes;
        for (const QString &digest : digests)
            sizes.insert(digest, imageSize(result.manifests, digest));
        return Result<QHash<QString, ImageSize>>(sizes);
    });
}

} // namespace Berth
