#include "upload/blobcopy.h"

#include "upload/streampipe.h"
#include "upload/uploadtr.h"

#include <QTimer>

namespace Berth {

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
    m_options.chunkSize = qMax<qint64>(0, m_options.chunkSize);
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
        stream();
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
        stream();
    });
}

// One attempt: the GET into the pipe and the PATCHes out of it, at once.
void BlobCopy::stream()
{
    m_pipe = new StreamPipe(this);
    m_gotAll = false;
    m_sentAll = false;
    m_sent = 0;
    m_bestBefore = m_best;
    Job<qint64> *get = m_source->getBlob(m_sourceRepo, m_digest, m_pipe);
    m_get = get;
    onFinished(get, this, [this](const Result<qint64> &r) {
        if (!r)
            return attemptFailed(r.error());
        m_pipe->closeWrite();
        if (*r != m_size)
            return attemptFailed(RegistryError::make(
                ErrorCode::InvalidResponse,
                UploadTr::tr("The source registry sent %1 bytes of blob %2 where its manifest "
                             "says %3.")
                    .arg(*r)
                    .arg(m_digest)
                    .arg(m_size)));
        m_gotAll = true;
        commitWhenStreamed();
    });
    sendNext();
}

void BlobCopy::sendNext()
{
    if (m_sent >= m_size) {
        m_sentAll = true;
        return commitWhenStreamed();
    }
    const qint64 rest = m_size - m_sent;
    const qint64 length = m_options.chunkSize > 0 ? qMin(m_options.chunkSize, rest) : rest;
    m_pipe->limitRead(length);
    Job<UploadSession> *patch
        = m_destination->uploadStream(m_destinationRepo, *m_session, m_pipe, length);
    m_patch = patch;
    connect(patch, &RegistryJob::progress, this, [this](qint64 sent, qint64) {
        Q_EMIT progress(m_sent + sent, m_size);
        m_best = qMax(m_best, m_sent + sent);
    });
    onFinished(patch, this, [this, length](const Result<UploadSession> &r) {
        if (!r)
            return attemptFailed(r.error());
        m_session = *r;
        m_sent += length;
        Q_EMIT progress(m_sent, m_size);
        sendNext();
    });
}

void BlobCopy::commitWhenStreamed()
{
    if (!m_gotAll || !m_sentAll)
        return;
    m_pipe->deleteLater();
    commit();
}

// A fault of the GET or a PATCH: the other one stops, and the blob starts over.
void BlobCopy::attemptFailed(const RegistryError &error)
{
    stopAttempt();
    if (m_best > m_bestBefore)
        m_failures = 0; // this attempt got further than any before
    if (!retryLater(error, &BlobCopy::restart))
        failAndDrop(error);
}

// Stops the GET and the PATCH of the attempt, if still running; their answers are ignored.
void BlobCopy::stopAttempt()
{
    for (RegistryJob *job :
         {static_cast<RegistryJob *>(m_get), static_cast<RegistryJob *>(m_patch)}) {
        if (job && !job->isFinished()) {
            job->disconnect(this);
            job->abort();
        }
    }
    m_get.clear();
    m_patch.clear();
    if (m_pipe)
        m_pipe->deleteLater();
}

// After a failed attempt: the blob again from byte 0, in a fresh session.
void BlobCopy::restart()
{
    dropSession();
    open();
}

// The GET verified the digest of every byte the PATCHes sent.
void BlobCopy::commit()
{
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
    stopAttempt();
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
    stopAttempt();
    dropSession();
}

} // namespace Berth
