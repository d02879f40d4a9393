#pragma once

// What an image takes in the registry: its config and layers, as its manifest gives them; for
// an index, each platform's and the total of the blobs they reference, shared ones counted
// once. Never the size of the manifest documents (that is what ACR's imageSize of an index
// adds up). Computed from the manifests a SizeJob read (through a ManifestCache).

#include "cleanup/manifestread.h"

#include <QHash>
#include <QList>
#include <QString>

namespace Berth {

struct PlatformSize
{
    QString platform; // "linux/arm64/v8"; empty when the index gives none
    QString digest;
    qint64 bytes = -1; // -1: not known (a manifest that could not be read)
};

struct ImageSize
{
    qint64 bytes = -1; // the unique blobs (config and layers); -1: not known
    bool isIndex = false;
    QList<PlatformSize> platforms; // an index's, in its order

    // "linux/amd64, linux/arm64/v8": the platforms that have one, without repeats.
    QString platformText() const;
};

// The size of `digest` from `manifests`: bytes -1 when the manifest (or, for an index, one
// of its platforms) is not in it.
ImageSize imageSize(const ManifestSet &manifests, const QString &digest);

// The sizes of `digests` (manifests of `repository`): reads what `cache` lacks (a
// ManifestRead that skips what it cannot read; those stay unknown), then sizes each.
// Sends nothing when the cache holds them all. Fails only when aborted.
class SizeJob : public Job<QHash<QString, ImageSize>>
{
public:
    SizeJob(RegistryClient *client,
            const QString &repository,
            const QStringList &digests,
            const std::shared_ptr<ManifestCache> &cache,
            int parallel = 4,
            QObject *parent = nullptr);
};

} // namespace Berth
