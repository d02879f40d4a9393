#pragma once

#include "core/job.h"
#include "core/manifest.h"
#include "registry/paralleldownload.h"

#include <QList>
#include <QPointer>
#include <QSet>
#include <QString>

namespace Berth {

class RegistryClient;

struct ImagePullResult
{
    QString digest;        // the manifest (or index) the layout's index.json names
    QString mediaType;     // its media type
    qint64 size = 0;       // its size in bytes
    int downloaded = 0;    // blobs and manifests fetched
    int skipped = 0;       // blobs already in the layout with the right digest
    QStringList manifests; // digests of the image manifests pulled (one per platform)
};

struct ImagePullOptions
{
    QString platform;             // "os/arch[/variant]": one platform of an index; empty = all
    QString refName;              // org.opencontainers.image.ref.name in index.json (the tag)
    int parallelBlobs = 3;        // blobs coming down at once
    RangedDownloadOptions ranges; // large blobs: in parts, with parallel Range requests
};

// Pulls an image or an index into an OCI image layout directory (created when missing):
//
//   manifest ──index──▶ its manifests (or the one for `platform`, which becomes the top)
//      │                     │
//      └──image──────────────┴──▶ config and layers, `parallelBlobs` at a time
//                                   ──▶ index.json names the top one by `refName`
//
// A blob of at least ranges.threshold comes in parts with parallel Range requests where the
// registry honours them (RegistryClient::getBlobToFile). Every manifest and blob is written
// as blobs/sha256/<hex>.part and renamed to its final
// name only once its digest matched: nothing partial ever stands under a final name. A blob
// already there is hashed (on a pool thread) and skipped when it is right, so a pull that was
// interrupted goes on from what it had. Only sha256 digests are pulled (UNSUPPORTED else).
// index.json keeps the layout's other images and replaces one of the same refName. Any
// failure aborts the blobs still running and fails the pull; progress() counts blob bytes.
class ImagePull : public Job<ImagePullResult>
{
    Q_OBJECT
public:
    ImagePull(RegistryClient *client,
              const QString &repo,
              const QString &reference,
              const QString &layoutDir,
              const ImagePullOptions &options = {},
              QObject *parent = nullptr);

private:
    void start();
    void fetchManifest(const QString &reference, bool top);
    void
    onManifest(bool top, const QByteArray &body, const QString &digest, const QString &contentType);
    void queueBlob(const Descriptor &blob);
    void startBlobs();
    void startBlob(const Descriptor &blob);
    void downloadBlob(const Descriptor &blob);
    void onBlobDone(const Descriptor &blob, const Result<qint64> &result);
    void finishLayout();
    void failAll(const RegistryError &error);
    void reportProgress();
    void onAbort() override;

    QString blobPath(const QString &digest) const;

    RegistryClient *m_client;
    QString m_repo;
    QString m_reference;
    QString m_dir;
    ImagePullOptions m_options;
    int m_manifestsPending = 0;
    QList<Descriptor> m_blobs; // to fetch, in order
    QSet<QString> m_known;     // digests queued or written
    int m_next = 0;
    int m_running = 0;
    QHash<QString, qint64> m_done; // bytes per blob digest
    qint64 m_total = 0;
    QList<QPointer<RegistryJob>> m_jobs;
    ImagePullResult m_result;
};

} // namespace Berth
