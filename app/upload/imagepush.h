#pragma once

#include "upload/blobupload.h"
#include "upload/imagesource.h"

#include <QList>
#include <QPointer>

namespace Berth {

struct ImagePushResult
{
    QString digest; // the top manifest's (or index's) digest, as the registry stored it
    int uploaded = 0;
    int skipped = 0;
    int mounted = 0;
    void count(BlobUploadResult::Outcome outcome); // one more blob with this outcome
};

struct ImagePushOptions
{
    int parallelBlobs = 3; // blobs going up at once
    BlobUploadOptions blob;
};

// Pushes a whole image: every blob (each a BlobUpload: skipped when present, mounted when
// another repository has it), `parallelBlobs` at a time, then the manifests — children of an
// index by digest, the top one under `tag`. Any failure aborts the blobs still running and
// fails the push; no manifest is written before all its blobs are in. progress() counts the
// bytes of all blobs (skipped and mounted ones count as done).
class ImagePush : public Job<ImagePushResult>
{
    Q_OBJECT
public:
    ImagePush(RegistryClient *client,
              const QString &repo,
              const QString &tag,
              const ImageSource &source,
              const ImagePushOptions &options = {},
              QObject *parent = nullptr);

    void pause();
    void resume();
    // The phase shown for the whole push: Sending while any blob is, else the busiest one's.
    BlobUpload::Phase phase() const;

Q_SIGNALS:
    void phaseChanged(Berth::BlobUpload::Phase phase);

private:
    void startBlobs();
    void onBlobDone(BlobUpload *upload, int index);
    void pushManifest(int index);
    void failAll(const RegistryError &error);
    void reportProgress();
    void onAbort() override;

    RegistryClient *m_client;
    QString m_repo;
    QString m_tag;
    ImageSource m_source;
    ImagePushOptions m_options;
    int m_next = 0;    // the next blob to start
    int m_pending = 0; // blobs not yet finished
    bool m_paused = false;
    QList<qint64> m_sent; // per blob
    qint64 m_total = 0;
    QList<QPointer<BlobUpload>> m_running;
    QPointer<RegistryJob> m_manifest;
    ImagePushResult m_result;
};

} // namespace Berth
