#include "transfer/imagepull.h"

#include "core/mediatypes.h"
#include "core/sha256.h"
#include "registry/registryclient.h"
#include "transfer/partfile.h"
#include "transfer/transfertr.h"
#include "upload/filehasher.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <memory>

namespace Berth {

namespace {

const QString RefNameKey = QStringLiteral("org.opencontainers.image.ref.name");

// "os/arch[/variant]" against an index entry's platform.
RegistryError onlySha256()
{
    return RegistryError::make(ErrorCode::Unsupported,
                               TransferTr::tr("Only sha256 digests can be pulled."));
}

bool platformMatches(const Platform &platform, const QString &wanted)
{
    const QStringList parts = wanted.split(u'/');
    if (parts.size() < 2 || parts.value(0) != platform.os
        || parts.value(1) != platform.architecture)
        return false;
    return parts.size() < 3 || parts.at(2) == platform.variant;
}

QJsonObject descriptorJson(const QString &mediaType, const QString &digest, qint64 size)
{
    return QJsonObject{{QStringLiteral("mediaType"), mediaType},
                       {QStringLiteral("digest"), digest},
                       {QStringLiteral("size"), size}};
}

bool writeFile(const QString &path, const QByteArray &bytes, QString *why)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        *why = file.errorString();
        return false;
    }
    return true;
}

} // namespace

ImagePull::ImagePull(RegistryClient *client,
                     const QString &repo,
                     const QString &reference,
                     const QString &layoutDir,
                     const ImagePullOptions &options,
                     QObject *parent)
    : Job<ImagePullResult>(parent)
    , m_client(client)
    , m_repo(repo)
    , m_reference(reference)
    , m_dir(layoutDir)
    , m_options(options)
{
    QMetaObject::invokeMethod(this, &ImagePull::start, Qt::QueuedConnection);
}

QString ImagePull::blobPath(const QString &digest) const
{
    return m_dir + QStringLiteral("/blobs/sha256/") + digest.mid(7);
}

void ImagePull::start()
{
    if (!QDir().mkpath(m_dir + QStringLiteral("/blobs/sha256"))) {
        fail(writeError(m_dir, TransferTr::tr("cannot create the directory")));
        return;
    }
    fetchManifest(m_reference, true);
}

void ImagePull::fetchManifest(const QString &reference, bool top)
{
    ++m_manifestsPending;
    Job<ManifestContent> *get = m_client->getManifest(m_repo, reference);
    m_jobs.append(get);
    connect(get, &RegistryJob::finished, this, [this, get, top] {
        const Result<ManifestContent> &r = get->result();
        if (!r) {
            failAll(r.error());
            return;
        }
        onManifest(top, r->body, r->digest, r->mediaType);
    });
}

void ImagePull::onManifest(bool top,
                           const QByteArray &body,
                           const QString &digest,
                           const QString &contentType)
{
    if (hasResult())
        return;
    const Result<Manifest> parsed = parseManifest(body, contentType);
    if (!parsed) {
        failAll(parsed.error());
        return;
    }
    const Manifest &manifest = *parsed;
    const bool pickOne
        = top && manifest.kind == Manifest::Kind::Index && !m_options.platform.isEmpty();
    if (!pickOne) {
        QString why;
        if (!digest.startsWith(u"sha256:") || !writeFile(blobPath(digest), body, &why)) {
            failAll(why.isEmpty() ? onlySha256() : writeError(blobPath(digest), why));
            return;
        }
        m_known.insert(digest);
    }
    if (top && !pickOne) {
        m_result.digest = digest;
        m_result.mediaType = manifest.mediaType.isEmpty() ? contentType : manifest.mediaType;
        m_result.size = body.size();
    }
    if (manifest.kind == Manifest::Kind::Index) {
        for (const Descriptor &child : manifest.manifests) {
            if (pickOne && !platformMatches(child.platform, m_options.platform))
                continue;
            if (!child.digest.startsWith(u"sha256:")) {
                failAll(onlySha256());
                return;
            }
            if (m_known.contains(child.digest))
                continue;
            fetchManifest(child.digest, pickOne);
            if (pickOne)
                break;
        }
        if (pickOne && m_manifestsPending == 1) {
            failAll(
                RegistryError::make(ErrorCode::ManifestUnknown,
                                    TransferTr::tr("The index has no manifest for the platform %1.")
                                        .arg(m_options.platform)));
            return;
        }
    } else {
        m_result.manifests.append(digest);
        queueBlob(manifest.config);
        for (const Descriptor &layer : manifest.layers)
            queueBlob(layer);
    }
    if (--m_manifestsPending == 0 && !hasResult())
        startBlobs();
}

void ImagePull::queueBlob(const Descriptor &blob)
{
    if (m_known.contains(blob.digest))
        return;
    m_known.insert(blob.digest);
    m_blobs.append(blob);
    m_total += qMax<qint64>(0, blob.size);
}

void ImagePull::startBlobs()
{
    while (!hasResult() && m_running < qMax(1, m_options.parallelBlobs) && m_next < m_blobs.size())
        startBlob(m_blobs.at(m_next++));
    if (!hasResult() && m_running == 0 && m_next == m_blobs.size())
        finishLayout();
}

void ImagePull::startBlob(const Descriptor &blob)
{
    ++m_running;
    if (!blob.digest.startsWith(u"sha256:")) {
        failAll(onlySha256());
        return;
    }
    const QFileInfo existing(blobPath(blob.digest));
    if (!existing.exists() || existing.size() != blob.size) {
        downloadBlob(blob);
        return;
    }
    auto *hasher = new FileHasher(existing.filePath(), 0, existing.size(), this);
    m_jobs.append(hasher);
    connect(hasher, &RegistryJob::finished, this, [this, hasher, blob] {
        if (hasResult())
            return;
        if (hasher->result() && *hasher->result() == blob.digest) {
            ++m_result.skipped;
            onBlobDone(blob, blob.size);
            return;
        }
        downloadBlob(blob); // damaged: fetched again, replaced once right
    });
}

void ImagePull::downloadBlob(const Descriptor &blob)
{
    auto part = std::make_shared<PartFile>(blobPath(blob.digest));
    if (const Result<Done> opened = part->open(); !opened) {
        failAll(opened.error());
        return;
    }
    Job<qint64> *get
        = m_client->getBlobToFile(m_repo, blob.digest, part->file(), blob.size, m_options.ranges);
    m_jobs.append(get);
    connect(get, &RegistryJob::progress, this, [this, blob](qint64 done, qint64) {
        m_done[blob.digest] = done;
        reportProgress();
    });
    connect(get, &RegistryJob::finished, this, [this, get, part, blob] {
        Result<qint64> outcome = get->result();
        if (!outcome) {
            part->discard();
        } else if (const Result<Done> kept = part->commit(); !kept) {
            outcome = std::unexpected(kept.error());
        } else {
            ++m_result.downloaded;
        }
        onBlobDone(blob, outcome);
    });
}

void ImagePull::onBlobDone(const Descriptor &blob, const Result<qint64> &result)
{
    if (hasResult())
        return;
    if (!result) {
        failAll(result.error());
        return;
    }
    --m_running;
    m_done[blob.digest] = qMax<qint64>(0, blob.size);
    reportProgress();
    startBlobs();
}

void ImagePull::reportProgress()
{
    qint64 done = 0;
    for (const qint64 bytes : std::as_const(m_done))
        done += bytes;
    Q_EMIT progress(done, m_total);
}

// index.json: the layout's other entries, and the pulled one under refName.
void ImagePull::finishLayout()
{
    QJsonArray manifests;
    QFile existing(m_dir + QStringLiteral("/index.json"));
    if (existing.open(QIODevice::ReadOnly)) {
        const QJsonArray old = QJsonDocument::fromJson(existing.readAll())
                                   .object()
                                   .value(QStringLiteral("manifests"))
                                   .toArray();
        for (const auto &entry : old) {
            const QJsonObject annotations
                = entry.toObject().value(QStringLiteral("annotations")).toObject();
            const QString name = annotations.value(RefNameKey).toString();
            const bool same = m_options.refName.isEmpty()
                                  ? entry.toObject().value(QStringLiteral("digest")).toString()
                                        == m_result.digest
                                  : name == m_options.refName;
            if (!same)
                manifests.append(entry);
        }
    }
    QJsonObject entry = descriptorJson(m_result.mediaType, m_result.digest, m_result.size);
    if (!m_options.refName.isEmpty())
        entry.insert(QStringLiteral("annotations"), QJsonObject{{RefNameKey, m_options.refName}});
    manifests.append(entry);
    const QJsonObject index{{QStringLiteral("schemaVersion"), 2},
                            {QStringLiteral("mediaType"), MediaType::OciIndex},
                            {QStringLiteral("manifests"), manifests}};
    QString why;
    const QString layout = QStringLiteral(R"({"imageLayoutVersion":"1.0.0"})");
    if (!writeFile(m_dir + QStringLiteral("/oci-layout"), layout.toUtf8(), &why)
        || !writeFile(m_dir + QStringLiteral("/index.json"),
                      QJsonDocument(index).toJson(QJsonDocument::Compact), &why)) {
        fail(writeError(m_dir, why));
        return;
    }
    succeed(m_result);
}

void ImagePull::failAll(const RegistryError &error)
{
    if (hasResult())
        return;
    fail(error);
    for (const QPointer<RegistryJob> &job : std::as_const(m_jobs)) {
        if (job && !job->isFinished())
            job->abort();
    }
}

void ImagePull::onAbort()
{
    for (const QPointer<RegistryJob> &job : std::as_const(m_jobs)) {
        if (job && !job->isFinished())
            job->abort();
    }
}

} // namespace Berth
