#include "upload/blobupload.h"

#include "upload/filehasher.h"
#include "upload/fileslicedevice.h"
#include "upload/uploaderror.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QTimer>

Q_LOGGING_CATEGORY(lcUpload, "berth.upload", QtWarningMsg)

namespace Berth {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Berth::Upload)
};

// Below this size the digest is computed before anything is sent (it takes milliseconds);
// above it, sending starts at once and the HEAD/mount checks run when the hash is ready.
constexpr qint64 EagerBytes = 8 << 20;
constexpr qint64 MinProgressBytes = 64 << 10; // see isRealProgress()

// The registry no longer knows the session: it says so, or the session's URL is gone
// (distribution invalidates a session when a PATCH is cut).
bool isSessionGone(const RegistryError &e)
{
    return e.kind() == ErrorKind::SessionGone || e.kind() == ErrorKind::NotFound;
}

} // namespace

BlobUpload::BlobUpload(RegistryClient *client,
                       const QString &repo,
                       const BlobSource &source,
                       const BlobUploadOptions &options,
                       QObject *parent)
    : Job<BlobUploadResult>(parent ? parent : client)
    , m_client(client)
    , m_repo(repo)
    , m_source(source)
    , m_options(options)
{
    const QFileInfo info(source.path);
    if (!info.isFile() || !info.isReadable()) {
        fail(RegistryError::make(ErrorCode::Io,
                                 Tr::tr("Cannot read %1: %2")
                                     .arg(source.path, info.exists() ? Tr::tr("not a readable file")
                                                                     : Tr::tr("no such file"))));
        return;
    }
    m_fileSize = info.size();
    m_modified = info.lastModified();
    if (source.size < 0 || source.offset < 0 || source.offset + source.size > m_fileSize) {
        fail(RegistryError::make(
            ErrorCode::Io, Tr::tr("%1 is shorter than the blob it should hold.").arg(source.path)));
        return;
    }
    // From the event loop, so that whoever connects after construction sees every phase.
    QMetaObject::invokeMethod(this, &BlobUpload::begin, Qt::QueuedConnection);
}

void BlobUpload::begin()
{
    if (hasResult())
        return; // aborted before it began
    if (!m_source.digest.isEmpty()) {
        check();
        return;
    }
    setPhase(Phase::Hashing);
    auto *hasher = new FileHasher(m_source.path, m_source.offset, m_source.size, this);
    m_hasher = hasher;
    connect(hasher, &RegistryJob::finished, this, [this, hasher] {
        if (!hasher->result()) {
            failAndCancel(hasher->result().error());
            return;
        }
        m_source.digest = *hasher->result();
        check();
    });
    if (m_source.size > EagerBytes)
        openSession();
}

void BlobUpload::check()
{
    if (!m_sessionOpen && !m_start)
        setPhase(Phase::Checking);
    Job<std::optional<qint64>> *head = m_client->headBlob(m_repo, m_source.digest);
    m_check = head;
    connect(head, &RegistryJob::finished, this, [this, head] {
        if (!head->result()) {
            failAndCancel(explainWriteRefusal(head->result().error(), m_repo));
            return;
        }
        if (head->result()->has_value()) {
            finishWith(BlobUploadResult::Outcome::Skipped);
            return;
        }
        mountNext(0);
    });
}

void BlobUpload::mountNext(int index)
{
    while (index < m_options.mountFrom.size() && m_options.mountFrom.at(index) == m_repo)
        ++index;
    if (index >= m_options.mountFrom.size()) {
        checked();
        return;
    }
    const QString from = m_options.mountFrom.at(index);
    Job<MountResult> *mount = m_client->mountBlob(m_repo, from, m_source.digest);
    m_check = mount;
    m_mount = mount;
    connect(mount, &RegistryJob::finished, this, [this, mount, index, from] {
        const Result<MountResult> &r = mount->result();
        if (r && r->mounted) {
            finishWith(BlobUploadResult::Outcome::Mounted, from);
            return;
        }
        if (r) // not mounted: the registry opened an ordinary session we do not need
            m_client->cancelUpload(m_repo, r->session);
        mountNext(index + 1); // a mount is only a shortcut; any failure falls through
    });
}

void BlobUpload::checked()
{
    m_checked = true;
    if (!m_sessionOpen && !m_start)
        openSession();
    else if (m_sessionOpen && !m_send && !m_paused)
        sendNext(); // everything was sent while the checks ran: commit now
}

void BlobUpload::openSession()
{
    if (m_paused)
        return;
    setPhase(Phase::Sending);
    if (hasResult())
        return; // cancelled by whoever watched the phase
    Job<UploadSession> *start = m_client->startUpload(m_repo);
    m_send = start;
    m_start = start;
    connect(start, &RegistryJob::finished, this, [this, start] {
        m_start = nullptr;
        if (!start->result()) {
            onSendFailed(start->result().error());
            return;
        }
        m_session = *start->result();
        m_session.offset = 0;
        m_sessionOpen = true;
        sendNext();
    });
}

void BlobUpload::sendNext()
{
    m_send = nullptr;
    if (hasResult() || m_paused)
        return;
    if (auto changed = fileChanged()) {
        failAndCancel(*changed);
        return;
    }
    const qint64 offset = m_session.offset;
    if (offset >= m_source.size) {
        reportProgress(0);
        if (m_checked)
            commit();
        else
            setPhase(Phase::Checking); // all sent; the digest checks decide what follows
        return;
    }
    setPhase(Phase::Sending);
    const qint64 left = m_source.size - offset;
    const qint64 length = m_options.chunkSize > 0 ? qMin(m_options.chunkSize, left) : left;
    auto *body = new FileSliceDevice(m_source.path, m_source.offset + offset, length, this);
    if (!body->open(QIODevice::ReadOnly)) {
        const QString reason = body->errorString();
        delete body;
        failAndCancel(RegistryError::make(ErrorCode::Io, reason));
        return;
    }
    m_lastChunk = length;
    Job<UploadSession> *patch = m_client->uploadStream(m_repo, m_session, body);
    m_send = patch;
    connect(patch, &RegistryJob::progress, this,
            [this](qint64 sent, qint64) { reportProgress(sent); });
    connect(patch, &RegistryJob::finished, this, [this, patch, body, offset, length] {
        body->deleteLater();
        if (patch->result()) {
            m_session = *patch->result();
            if (m_session.offset != offset + length) {
                qCInfo(lcUpload) << "registry has" << m_session.offset << "expected"
                                 << offset + length;
                resync(RegistryError::make(ErrorCode::InvalidResponse,
                                           Tr::tr("The registry reports %1 bytes received, "
                                                  "%2 were sent.")
                                               .arg(m_session.offset)
                                               .arg(offset + length)));
                return;
            }
            m_failures = 0;
            reportProgress(0);
            sendNext();
            return;
        }
        onSendFailed(patch->result().error());
    });
}

void BlobUpload::onSendFailed(const RegistryError &error)
{
    m_send = nullptr;
    if (hasResult() || (m_paused && error.kind() == ErrorKind::Aborted))
        return; // paused on purpose: resume() asks where the registry is
    // A 416 is no fault: the registry holds another offset; resync asks it which.
    if (error.kind() == ErrorKind::RangeMismatch || m_options.retry.isRetryable(error)) {
        resync(error);
        return;
    }
    if (m_sessionOpen && isSessionGone(error)) {
        restartSession();
        return;
    }
    failAndCancel(explainWriteRefusal(error, m_repo));
}

// After a failed PATCH, what the registry kept counts as progress (and renews the retry
// budget) only when it is a fair share of the chunk: a registry that takes one byte per
// failed attempt must not keep the upload re-sending the chunk for ever.
bool BlobUpload::isRealProgress(qint64 gained) const
{
    const qint64 needed = qMin(m_lastChunk, qMax(MinProgressBytes, m_lastChunk / 16));
    return gained > 0 && gained >= needed;
}

// A fault: wait (the policy's bounded back-off, or the registry's Retry-After), then ask the
// registry where it is.
void BlobUpload::resync(const RegistryError &cause)
{
    if (!m_options.retry.allows(++m_failures)) {
        RegistryError error = cause;
        error.message = Tr::tr("Gave up after %1 attempts: %2")
                            .arg(m_options.retry.maxRetries)
                            .arg(cause.message);
        failAndCancel(error);
        return;
    }
    qCInfo(lcUpload) << "resync after" << cause.code << cause.message;
    m_send = nullptr; // the request that failed (or reported a wrong offset) is done
    setPhase(Phase::Resyncing);
    const int delay = m_options.retry.delayMs(m_failures, cause);
    // A pause and resume during the wait has asked already (resume() does): then the
    // request it started, or what followed it, is in flight or the phase moved on.
    QTimer::singleShot(delay, this, [this] {
        if (!hasResult() && !m_paused && !m_send && m_phase == Phase::Resyncing)
            askStatus();
    });
}

void BlobUpload::askStatus()
{
    if (!m_sessionOpen) {
        openSession();
        return;
    }
    Job<UploadSession> *status = m_client->uploadStatus(m_repo, m_session);
    m_send = status;
    connect(status, &RegistryJob::finished, this, [this, status] {
        m_send = nullptr;
        if (hasResult() || m_paused)
            return;
        const Result<UploadSession> &r = status->result();
        if (!r) {
            if (isSessionGone(r.error()))
                restartSession();
            else if (m_options.retry.isRetryable(r.error()))
                resync(r.error());
            else
                failAndCancel(explainWriteRefusal(r.error(), m_repo));
            return;
        }
        if (isRealProgress(r->offset - m_session.offset))
            m_failures = 0; // the registry kept a good part of what was sent
        m_session = *r;
        m_progressFloor = 0; // what the registry has is the truth now
        qCInfo(lcUpload) << "registry has" << m_session.offset << "of" << m_source.size;
        reportProgress(0);
        sendNext();
    });
}

// The session is gone (distribution drops it when a PATCH is cut): start over from byte 0.
void BlobUpload::restartSession()
{
    qCInfo(lcUpload) << "upload session lost; starting a fresh one";
    m_sessionOpen = false;
    m_session = {};
    m_progressFloor = 0;
    reportProgress(0);
    openSession();
}

void BlobUpload::commit()
{
    if (auto changed = fileChanged()) {
        failAndCancel(*changed);
        return;
    }
    setPhase(Phase::Committing);
    Job<QString> *put = m_client->completeUpload(m_repo, m_session, m_source.digest);
    m_send = put;
    connect(put, &RegistryJob::finished, this, [this, put] {
        m_send = nullptr;
        if (hasResult())
            return;
        if (put->result()) {
            m_sessionOpen = false; // committed: nothing to delete
            finishWith(BlobUploadResult::Outcome::Uploaded);
            return;
        }
        settleCommit(put->result().error());
    });
}

// The PUT failed. If the answer was lost, the registry may have committed anyway: HEAD
// decides. Otherwise resynchronise as for a failed PATCH.
void BlobUpload::settleCommit(const RegistryError &error)
{
    if (error.kind() == ErrorKind::DigestInvalid) {
        m_sessionOpen = false; // the registry cancels the session when a commit fails
        fail(RegistryError::make(
            error.code,
            Tr::tr("The registry received content whose digest is not %1: %2 changed while it "
                   "was being uploaded, or is not what it claims to be.")
                .arg(m_source.digest, m_source.path),
            error.httpStatus));
        return;
    }
    if (!m_options.retry.isRetryable(error) && !isSessionGone(error)) {
        failAndCancel(explainWriteRefusal(error, m_repo));
        return;
    }
    Job<std::optional<qint64>> *head = m_client->headBlob(m_repo, m_source.digest);
    m_send = head;
    connect(head, &RegistryJob::finished, this, [this, head, error] {
        m_send = nullptr;
        const Result<std::optional<qint64>> &r = head->result();
        if (r && r->has_value() && **r == m_source.size) {
            m_sessionOpen = false;
            finishWith(BlobUploadResult::Outcome::Uploaded);
        } else if (isSessionGone(error)) {
            restartSession();
        } else {
            resync(error);
        }
    });
}

void BlobUpload::finishWith(BlobUploadResult::Outcome outcome, const QString &from)
{
    stopInner();
    dropSession();
    reportProgress(0);
    Q_EMIT progress(m_source.size, m_source.size);
    succeed({m_source.digest, m_source.size, outcome, from});
}

void BlobUpload::failAndCancel(const RegistryError &error)
{
    if (hasResult())
        return;
    stopInner();
    dropSession();
    fail(error);
}

void BlobUpload::dropSession()
{
    if (m_sessionOpen) {
        m_sessionOpen = false;
        m_client->cancelUpload(m_repo, m_session); // best effort; its result does not matter
    }
}

// A POST in flight that opens a session (a start, or a mount that may fall back to one)
// could already have opened it on the registry: rather than cutting it, let it answer and
// delete the session it opened. The client is the context, so this outlives the upload.
void BlobUpload::releaseStart()
{
    Job<UploadSession> *start = m_start;
    m_start = nullptr;
    if (!start)
        return;
    if (m_send == start)
        m_send = nullptr; // not to be aborted
    cancelOpenedSession(start, [](const UploadSession &session) { return session; });
}

void BlobUpload::releaseMount()
{
    Job<MountResult> *mount = m_mount;
    m_mount = nullptr;
    if (!mount || mount->isFinished())
        return;
    if (m_check == mount)
        m_check = nullptr; // not to be aborted
    cancelOpenedSession(mount, [](const MountResult &answer) -> std::optional<UploadSession> {
        if (answer.mounted)
            return std::nullopt;
        return answer.session;
    });
}

template<typename T, typename F>
void BlobUpload::cancelOpenedSession(Job<T> *post, F sessionOf)
{
    post->disconnect(this);
    RegistryClient *client = m_client;
    connect(post, &RegistryJob::finished, client, [client, repo = m_repo, post, sessionOf] {
        if (!post->result())
            return;
        if (const std::optional<UploadSession> session = sessionOf(*post->result()))
            client->cancelUpload(repo, *session);
    });
}

void BlobUpload::stopInner()
{
    releaseStart();
    releaseMount();
    // Each inner job reports Aborted to its handler, which sees hasResult() or m_paused.
    for (RegistryJob *job :
         {static_cast<RegistryJob *>(m_hasher.data()), m_check.data(), m_send.data()}) {
        if (job && !job->isFinished()) {
            job->disconnect(this);
            job->abort();
        }
    }
    m_send = nullptr;
}

// The checks (HEAD, mounts) go on while paused; sending stops. resume() asks the registry.
void BlobUpload::pause()
{
    if (m_paused || hasResult())
        return;
    m_paused = true;
    releaseStart(); // resume opens a fresh session
    if (m_send && !m_send->isFinished()) {
        RegistryJob *send = m_send;
        send->disconnect(this);
        send->abort();
    }
    m_send = nullptr;
    setPhase(Phase::Paused);
}

void BlobUpload::resume()
{
    if (!m_paused || hasResult())
        return;
    m_paused = false;
    if (m_sessionOpen) {
        setPhase(Phase::Resyncing);
        askStatus(); // the cut request may or may not have left bytes behind
    } else if (m_checked || m_source.size > EagerBytes) {
        openSession();
    } else {
        // The hash or the checks are still running; they open the session when done.
        setPhase(m_hasher && !m_hasher->isFinished() ? Phase::Hashing : Phase::Checking);
    }
}

void BlobUpload::onAbort()
{
    stopInner();
    dropSession();
}

void BlobUpload::setPhase(Phase phase)
{
    if (m_paused && phase != Phase::Paused)
        return; // work that finishes while paused does not change what the user sees
    if (m_phase == phase)
        return;
    m_phase = phase;
    Q_EMIT phaseChanged(phase);
}

// Bytes sent so far: the registry's offset plus what the request in flight has sent. Never
// goes back while requests succeed (Qt reports 0 sent as a finished request winds down);
// only a resync to a lower offset, or a fresh session, lowers it (m_progressFloor reset).
void BlobUpload::reportProgress(qint64 inFlight)
{
    const qint64 done = qMin(m_source.size, m_session.offset + inFlight);
    m_progressFloor = qMax(m_progressFloor, done);
    Q_EMIT progress(m_progressFloor, m_source.size);
}

std::optional<RegistryError> BlobUpload::fileChanged() const
{
    const QFileInfo info(m_source.path);
    if (info.exists() && info.size() == m_fileSize && info.lastModified() == m_modified)
        return std::nullopt;
    return RegistryError::make(
        ErrorCode::Io,
        Tr::tr("%1 changed while it was being uploaded; upload stopped.").arg(m_source.path));
}

} // namespace Berth
