#pragma once

#include "core/manifest.h"
#include "upload/blobcopy.h"
#include "upload/imagepush.h"

#include <QList>
#include <QPointer>

namespace Berth {

// One side of a copy: a registry (its client), a repository, and a tag or digest.
struct ImageLocation
{
    RegistryClient *client = nullptr;
    QString repo;
    QString reference;
};

struct ImageCopyOptions
{
    // "os/arch" or "os/arch/variant": of an index, copy only this platform's manifest, which
    // the destination tag then names. Empty: an index is copied whole.
    QString platform;
    int parallelBlobs = 4; // blobs copied at once
    BlobCopyOptions blob;
};

// Copies an image or index from `source` to `destination` (another repository, or another
// registry through another client): the manifests are read first (an index's children
// too), then every blob they name is copied as BlobCopy does, `parallelBlobs` at a time
// (mounted when both sides are one client, skipped when the destination has it), then the
// manifests are written unchanged, so their digests stay the same: an index's children by
// digest first, the top one under the destination's reference. Any failure aborts the blobs
// still running and fails the copy, and no manifest is written before all its blobs are in.
// progress() counts the bytes of all blobs. The result counts copied blobs as `uploaded`;
// its digest is the one the destination reference now names.
class ImageCopy : public Job<ImagePushResult>
{
    Q_OBJECT
public:
    ImageCopy(const ImageLocation &source,
              const ImageLocation &destination,
              const ImageCopyOptions &options = {},
              QObject *parent = nullptr);

private:
    void readManifest(const QString &reference, bool top);
    void onManifest(const ManifestContent &content, bool top);
    void readChildren();
    void startBlobs();
    void onBlobDone(BlobCopy *copy, int index);
    void putManifest(int index);
    void failAll(const RegistryError &error);
    void reportProgress();
    void onAbort() override;

    ImageLocation m_source;
    ImageLocation m_destination;
    ImageCopyOptions m_options;
    QList<ManifestContent> m_manifests; // in the order they are written; the top one last
    QList<Descriptor> m_children;       // of an index, still to read
    QList<Descriptor> m_blobs;          // without duplicates
    int m_next = 0;
    int m_pending = 0;
    QList<qint64> m_done; // per blob
    qint64 m_total = 0;
    QList<QPointer<BlobCopy>> m_running;
    QPointer<RegistryJob> m_step; // a manifest GET or PUT in flight
    ImagePushResult m_result;
};

} // namespace Berth
