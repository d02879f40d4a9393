#include "upload/imagepush.h"

#include "upload/uploaderror.h"
#include "upload/uploadtr.h"

namespace Berth {

void ImagePushResult::count(BlobUploadResult::Outcome outcome)
{
    switch (outcome) {
    case BlobUploadResult::Outcome::Uploaded:
        ++uploaded;
        break;
    case BlobUploadResult::Outcome::Skipped:
        ++skipped;
        break;
    case BlobUploadResult::Outcome::Mounted:
        ++mounted;
        break;
    }
}

ImagePush::ImagePush(RegistryClient *client,
                     const QString &repo,
                     const QString &tag,
                     const ImageSource &source,
                     const ImagePushOptions &options,
                     QObject *parent)
    : Job<ImagePushResult>(parent ? parent : client)
    , m_client(client)
    , m_repo(repo)
    , m_tag(tag)
    , m_source(source)
    , m_options(options)
{
    if (m_source.manifests.isEmpty()) {
        fail(RegistryError::make(ErrorCode::InvalidArgument,
                                 UploadTr::tr("The image has no manifest to push.")));
        return;
    }
    m_options.parallelBlobs = qMax(1, m_options.parallelBlobs);
    m_sent.fill(0, m_source.blobs.size());
    for (const BlobSource &blob : std::as_const(m_source.blobs))
        m_total += blob.size;
    m_pending = int(m_source.blobs.size());
    // From the event loop, so that whoever connects after construction sees every phase.
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (hasResult())
                return;
            if (m_pending == 0)
                pushManifest(0);
            else
                startBlobs();
        },
        Qt::QueuedConnection);
}

void ImagePush::startBlobs()
{
    int running = 0;
    for (const QPointer<BlobUpload> &upload : std::as_const(m_running))
        running += upload ? 1 : 0;
    while (!m_paused && running < m_options.parallelBlobs && m_next < m_source.blobs.size()) {
        const int index = m_next++;
        auto *upload
            = new BlobUpload(m_client, m_repo, m_source.blobs.at(index), m_options.blob, this);
        m_running.append(upload);
        ++running;
        connect(upload, &RegistryJob::progress, this, [this, index](qint64 done, qint64) {
            m_sent[index] = done;
            reportProgress();
        });
        connect(upload, &BlobUpload::phaseChanged, this, [this] { Q_EMIT phaseChanged(phase()); });
        connect(upload, &RegistryJob::finished, this,
                [this, upload, index] { onBlobDone(upload, index); });
    }
    Q_EMIT phaseChanged(phase());
}

void ImagePush::onBlobDone(BlobUpload *upload, int index)
{
    m_running.removeAll(upload);
    if (hasResult())
        return;
    const Result<BlobUploadResult> &r = upload->result();
    if (!r) {
        failAll(r.error());
        return;
    }
    m_result.count(r->outcome);
    m_sent[index] = m_source.blobs.at(index).size;
    reportProgress();
    if (--m_pending == 0)
        pushManifest(0);
    else
        startBlobs();
}

void ImagePush::pushManifest(int index)
{
    const ManifestSource &manifest = m_source.manifests.at(index);
    const bool top = index == m_source.manifests.size() - 1;
    Job<QString> *put = m_client->putManifest(m_repo, top ? m_tag : manifest.digest, manifest.body,
                                              manifest.mediaType);
    m_manifest = put;
    Q_EMIT phaseChanged(BlobUpload::Phase::Committing);
    connect(put, &RegistryJob::finished, this, [this, put, index, top] {
        if (!put->result()) {
            failAll(explainWriteRefusal(put->result().error(), m_repo));
            return;
        }
        const QString expected = m_source.manifests.at(index).digest;
        if (!put->result()->isEmpty() && *put->result() != expected) {
            failAll(RegistryError::make(ErrorCode::DigestMismatch,
                                        UploadTr::tr("The registry stored the manifest as %1, "
                                                     "expected %2.")
                                            .arg(*put->result(), expected)));
            return;
        }
        if (!top) {
            pushManifest(index + 1);
            return;
        }
        m_result.digest = expected;
        succeed(m_result);
    });
}

void ImagePush::failAll(const RegistryError &error)
{
    onAbort();
    fail(error);
}

void ImagePush::pause()
{
    if (m_paused || hasResult())
        return;
    m_paused = true;
    for (const QPointer<BlobUpload> &upload : std::as_const(m_running)) {
        if (upload)
            upload->pause();
    }
    Q_EMIT phaseChanged(BlobUpload::Phase::Paused);
}

void ImagePush::resume()
{
    if (!m_paused || hasResult())
        return;
    m_paused = false;
    for (const QPointer<BlobUpload> &upload : std::as_const(m_running)) {
        if (upload)
            upload->resume();
    }
    startBlobs();
}

BlobUpload::Phase ImagePush::phase() const
{
    if (m_paused)
        return BlobUpload::Phase::Paused;
    if (m_manifest)
        return BlobUpload::Phase::Committing;
    std::optional<BlobUpload::Phase> seen;
    for (const QPointer<BlobUpload> &upload : std::as_const(m_running)) {
        if (!upload)
            continue;
        if (upload->phase() == BlobUpload::Phase::Sending)
            return BlobUpload::Phase::Sending;
        seen = upload->phase();
    }
    return seen.value_or(BlobUpload::Phase::Checking);
}

void ImagePush::reportProgress()
{
    qint64 done = 0;
    for (qint64 sent : std::as_const(m_sent))
        done += sent;
    Q_EMIT progress(done, m_total);
}

// Stops the blobs still going up (each deletes its session) and a manifest PUT in flight.
void ImagePush::onAbort()
{
    for (const QPointer<BlobUpload> &upload : std::as_const(m_running)) {
        if (upload) {
            upload->disconnect(this);
            upload->abort();
        }
    }
    m_running.clear();
    if (m_manifest)
        m_manifest->abort();
}

} // namespace Berth
