#include "upload/imagecopy.h"

#include "upload/uploaderror.h"
#include "upload/uploadtr.h"

namespace Berth {

namespace {
// "os/arch[/variant]" matches the entry's platform (the variant only when given).
bool platformMatches(const Platform &platform, const QString &wanted)
{
    const QStringList parts = wanted.split(u'/');
    return parts.size() >= 2 && platform.os == parts.at(0) && platform.architecture == parts.at(1)
           && (parts.size() < 3 || platform.variant == parts.at(2));
}
} // namespace

ImageCopy::ImageCopy(const ImageLocation &source,
                     const ImageLocation &destination,
                     const ImageCopyOptions &options,
                     QObject *parent)
    : Job<ImagePushResult>(parent ? parent : destination.client)
    , m_source(source)
    , m_destination(destination)
    , m_options(options)
{
    m_options.parallelBlobs = qMax(1, m_options.parallelBlobs);
    QMetaObject::invokeMethod(
        this, [this] { readManifest(m_source.reference, true); }, Qt::QueuedConnection);
}

void ImageCopy::readManifest(const QString &reference, bool top)
{
    if (hasResult())
        return;
    Job<ManifestContent> *get = m_source.client->getManifest(m_source.repo, reference);
    m_step = get;
    setInner(get);
    onFinished(get, this, [this, top](const Result<ManifestContent> &r) {
        if (!r)
            return failAll(r.error());
        onManifest(*r, top);
    });
}

void ImageCopy::onManifest(const ManifestContent &content, bool top)
{
    const Result<Manifest> parsed = parseManifest(content.body, content.mediaType);
    if (!parsed)
        return failAll(parsed.error());
    if (parsed->kind == Manifest::Kind::Index) {
        if (!top)
            return failAll(RegistryError::make(
                ErrorCode::Unsupported,
                UploadTr::tr("Index %1 lists another index; Berth copies one level of index.")
                    .arg(m_source.reference)));
        if (!m_options.platform.isEmpty()) {
            QStringList offered;
            for (const Descriptor &entry : parsed->manifests) {
                if (platformMatches(entry.platform, m_options.platform))
                    return readManifest(entry.digest, true); // the tag will name this one
                offered << entry.platform.toString();
            }
            return failAll(RegistryError::make(ErrorCode::ManifestUnknown,
                                               UploadTr::tr("%1 has no platform %2 (it has: %3).")
                                                   .arg(m_source.repo + u':' + m_source.reference,
                                                        m_options.platform,
                                                        offered.join(QStringLiteral(", ")))));
        }
        m_children = parsed->manifests;
        m_manifests.append(content); // the top one, moved to the end once the children are in
        return readChildren();
    }
    QList<Descriptor> blobs = parsed->layers;
    blobs.prepend(parsed->config);
    for (const Descriptor &blob : std::as_const(blobs)) {
        const bool seen = std::any_of(m_blobs.cbegin(), m_blobs.cend(),
                                      [&](const Descriptor &d) { return d.digest == blob.digest; });
        if (!seen)
            m_blobs.append(blob);
    }
    if (top) {
        m_manifests.append(content);
        return startBlobs();
    }
    m_manifests.insert(m_manifests.size() - 1, content);
    readChildren();
}

void ImageCopy::readChildren()
{
    if (!m_children.isEmpty())
        return readManifest(m_children.takeFirst().digest, false);
    startBlobs();
}

void ImageCopy::startBlobs()
{
    if (m_done.isEmpty() && !m_blobs.isEmpty()) {
        m_done.fill(0, m_blobs.size());
        m_pending = int(m_blobs.size());
        for (const Descriptor &blob : std::as_const(m_blobs))
            m_total += qMax<qint64>(0, blob.size);
    }
    if (m_blobs.isEmpty())
        return putManifest(0);
    while (m_running.size() < m_options.parallelBlobs && m_next < m_blobs.size()) {
        const int index = m_next++;
        const Descriptor &blob = m_blobs.at(index);
        auto *copy = new BlobCopy(m_source.client, m_source.repo, m_destination.client,
                                  m_destination.repo, blob.digest, blob.size, m_options.blob, this);
        m_running.append(copy);
        connect(copy, &RegistryJob::progress, this, [this, index](qint64 done, qint64) {
            m_done[index] = done;
            reportProgress();
        });
        connect(copy, &RegistryJob::finished, this,
                [this, copy, index] { onBlobDone(copy, index); });
    }
}

void ImageCopy::onBlobDone(BlobCopy *copy, int index)
{
    m_running.removeAll(copy);
    if (hasResult())
        return;
    const Result<BlobUploadResult> &r = copy->result();
    if (!r)
        return failAll(explainWriteRefusal(r.error(), m_destination.repo));
    m_result.count(r->outcome);
    m_done[index] = r->size;
    reportProgress();
    if (--m_pending == 0)
        putManifest(0);
    else
        startBlobs();
}

void ImageCopy::putManifest(int index)
{
    const ManifestContent &manifest = m_manifests.at(index);
    const bool top = index == m_manifests.size() - 1;
    Job<QString> *put = m_destination.client->putManifest(
        m_destination.repo, top ? m_destination.reference : manifest.digest, manifest.body,
        manifest.mediaType);
    m_step = put;
    setInner(put);
    onFinished(put, this, [this, index, top](const Result<QString> &r) {
        if (!r)
            return failAll(explainWriteRefusal(r.error(), m_destination.repo));
        if (!top)
            return putManifest(index + 1);
        m_result.digest = m_manifests.at(index).digest;
        succeed(m_result);
    });
}

void ImageCopy::failAll(const RegistryError &error)
{
    onAbort();
    fail(error);
}

void ImageCopy::reportProgress()
{
    qint64 done = 0;
    for (qint64 bytes : std::as_const(m_done))
        done += bytes;
    Q_EMIT progress(done, m_total);
}

// Stops the blobs still being copied (each deletes its session) and a manifest request.
void ImageCopy::onAbort()
{
    for (const QPointer<BlobCopy> &copy : std::as_const(m_running)) {
        if (copy) {
            copy->disconnect(this);
            copy->abort();
        }
    }
    m_running.clear();
    if (m_step)
        m_step->abort();
}

} // namespace Berth
