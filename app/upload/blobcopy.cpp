#include "upload/blobcopy.h"

#include "upload/spillbuffer.h"
#include "upload/uploadtr.h"

#include <QTimer>

namespace Berth {

namespace {
constexpr qint64 HashReadSize = 4 << 20;

// Hashes all of `body` (left at its start again); false when it cannot be read.
bool hashAll(QIODevice *body, Sha256 &hash)
{
    while (!body->atEnd()) {
        const QByteArray piece = body->read(HashReadSize);
        if (piece.isEmpty())
            return false;
        hash.addData(piece);
    }
    return body->seek(0);
}
} // namespace

BlobCopy::BlobCopy(RegistryClient *source,
                   const QString &sourceRepo,
                   RegistryClient *destination,
                   const QString &destinationRepo,
                   const QString &digest,
                   qint64 size,
                   const BlobCopyOptions &options,
                   QObject *parent)
    : Job<BlobUploadResult>(parent ? parent : destination)
    , m_source(source)
    , m_sourceRepo(sourceRepo)
    , m_destination(destination)
    , m_destinationRepo(destinationRepo)
    , m_digest(digest)
    , m_size(size)
    , m_options(options)
{
    m_options.chunkSize = qMax<qint64>(1, m_options.chunkSize);
    QMetaObject::invokeMethod(this, &BlobCopy::check, Qt::QueuedConnection);
}

void BlobCopy::check()
{
    if (hasResult())
        return;
    Job<std::optional<qint64>> *head = m_destination->headBlob(m_destinationRepo, m_digest);
    setInner(head);
    onFinished(head, this, [this](const Result<std::optional<qint64>> &r) {
        if (!r)
            return failAndDrop(r.error());
        if (r->has_value())
            return done(BlobUploadResult::Outcome::Skipped);
        m_source == m_destination ? mount() : open();
    });
}

// Within one registry the blob is mounted from the source repository: no bytes move.
void BlobCopy::mount()
{
    Job<MountResult> *post = m_destination->mountBlob(m_destinationRepo, m_sourceRepo, m_digest);
    setInner(post);
    onFinished(post, this, [this](const Result<MountResult> &r) {
        if (!r)
            return failAndDrop(r.error());
        if (r->mounted)
            return done(BlobUploadResult::Outcome::Mounted);
        m_session = r->session; // 202: the registry would not mount; copy into this session
        fetch();
    });
}

void BlobCopy::open()
{
    Job<UploadSession> *post = m_destination->startUpload(m_destinationRepo);
    setInner(post);
    onFinished(post, this, [this](const Result<UploadSession> &r) {
        if (!r)
            return retryLater(r.error(), &BlobCopy::open) ? void() : failAndDrop(r.error());
        m_session = *r;
        fetch();
    });
}

void BlobCopy::fetch()
{
    if (m_offset >= m_size)
        return commit();
    const qint64 length = qMin(m_options.chunkSize, m_size - m_offset);
    auto *chunk = new SpillBuffer(length, this);
    Job<int> *get = m_source->getBlobRange(m_sourceRepo, m_digest, m_offset, length, chunk);
    setInner(get);
    connect(get, &RegistryJob::progress, this,
            [this](qint64 got, qint64) { Q_EMIT progress(m_offset + got / 2, m_size); });
    onFinished(get, this, [this, chunk, length](const Result<int> &status) {
        if (!status) {
            chunk->deleteLater();
            return retryLater(status.error(), &BlobCopy::fetch) ? void()
                                                                : failAndDrop(status.error());
        }
        // 200: the whole blob, Range ignored (only acceptable as the first answer).
        const bool whole = *status != 206;
        const qint64 expected = whole ? m_size : length;
        QIODevice *body = chunk->body();
        if ((whole && m_offset != 0) || chunk->written() != expected || !body
            || !hashAll(body, m_hash)) {
            chunk->deleteLater();
            return failAndDrop(RegistryError::make(
                ErrorCode::InvalidResponse,
                UploadTr::tr(
                    "The source registry sent %1 bytes of blob %2 where %3 were asked for.")
                    .arg(chunk->written())
                    .arg(m_digest)
                    .arg(expected)));
        }
        send(chunk);
    });
}

void BlobCopy::send(SpillBuffer *chunk)
{
    QIODevice *body = chunk->body();
    const qint64 length = body->size();
    Job<UploadSession> *patch = m_destination->uploadStream(m_destinationRepo, *m_session, body);
    setInner(patch);
    connect(patch, &RegistryJob::progress, this, [this, length](qint64 sent, qint64) {
        Q_EMIT progress(m_offset + (length + sent) / 2, m_size);
    });
    onFinished(patch, this, [this, chunk, length](const Result<UploadSession> &r) {
        chunk->deleteLater();
        if (!r) {
            if (!retryLater(r.error(), &BlobCopy::restart))
                failAndDrop(r.error());
            return;
        }
        m_session = *r;
        m_offset += length;
        m_failures = 0;
        Q_EMIT progress(m_offset, m_size);
        fetch();
    });
}

// After a failed PATCH: the blob again from byte 0, in a fresh session.
void BlobCopy::restart()
{
    dropSession();
    m_offset = 0;
    m_hash.reset();
    open();
}

void BlobCopy::commit()
{
    const QString actual = m_hash.digest();
    if (actual != m_digest)
        return failAndDrop(RegistryError::make(
            ErrorCode::DigestMismatch,
            UploadTr::tr("Blob %1 read from the source has digest %2.").arg(m_digest, actual)));
    Job<QString> *put = m_destination->completeUpload(m_destinationRepo, *m_session, m_digest);
    setInner(put);
    onFinished(put, this, [this](const Result<QString> &r) {
        if (!r)
            return failAndDrop(r.error());
        m_session.reset();
        done(BlobUploadResult::Outcome::Uploaded);
    });
}

bool BlobCopy::retryLater(const RegistryError &cause, void (BlobCopy::*step)())
{
    // A session the registry lost (distribution's answer to a PATCH resent after a cut, whose
    // _state no longer matches) or whose offset moved is no fault of the copy: start over.
    const bool sessionLost
        = step == &BlobCopy::restart
          && (cause.kind() == ErrorKind::SessionGone || cause.kind() == ErrorKind::RangeMismatch);
    if ((!sessionLost && !m_options.retry.isRetryable(cause))
        || !m_options.retry.allows(++m_failures))
        return false;
    QTimer::singleShot(m_options.retry.delayMs(m_failures, cause), this, [this, step] {
        if (!hasResult())
            (this->*step)();
    });
    return true;
}

void BlobCopy::failAndDrop(const RegistryError &error)
{
    dropSession();
    fail(error);
}

void BlobCopy::done(BlobUploadResult::Outcome outcome)
{
    Q_EMIT progress(m_size, m_size);
    const bool mounted = outcome == BlobUploadResult::Outcome::Mounted;
    succeed({m_digest, m_size, outcome, mounted ? m_sourceRepo : QString()});
}

// Deletes the upload session, if one is open, without waiting for the answer.
void BlobCopy::dropSession()
{
    if (m_session)
        m_destination->cancelUpload(m_destinationRepo, *m_session);
    m_session.reset();
}

void BlobCopy::onAbort()
{
    Job<BlobUploadResult>::onAbort();
    dropSession();
}

} // namespace Berth
