#include "upload/uploadengine.h"

#include "registry/registryclient.h"
#include "upload/artifactpush.h"
#include "upload/blobupload.h"
#include "upload/imagepush.h"
#include "upload/uploadtr.h"

#include <QFileInfo>

namespace Berth {

namespace {

constexpr qint64 ReportIntervalMs = 100; // progress updates per entry, at most this often
constexpr int MaxMountSources = 4;

UploadState stateOf(BlobUpload::Phase phase)
{
    switch (phase) {
    case BlobUpload::Phase::Hashing:
        return UploadState::Hashing;
    case BlobUpload::Phase::Checking:
        return UploadState::Checking;
    case BlobUpload::Phase::Sending:
        return UploadState::Sending;
    case BlobUpload::Phase::Resyncing:
        return UploadState::Retrying;
    case BlobUpload::Phase::Committing:
        return UploadState::Committing;
    case BlobUpload::Phase::Paused:
        return UploadState::Paused;
    }
    return UploadState::Sending;
}

QString outcomeText(const BlobUploadResult &r)
{
    switch (r.outcome) {
    case BlobUploadResult::Outcome::Skipped:
        return UploadTr::tr("Already in the repository; nothing sent.");
    case BlobUploadResult::Outcome::Mounted:
        return UploadTr::tr("Mounted from %1; nothing sent.").arg(r.mountedFrom);
    case BlobUploadResult::Outcome::Uploaded:
        break;
    }
    return UploadTr::tr("Uploaded.");
}
} // namespace

UploadEngine::UploadEngine(const ConnectionSettings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
{}

UploadEngine::~UploadEngine()
{
    cancelAll();
}

void UploadEngine::enqueue(int id, const UploadRequest &request)
{
    Entry &entry = m_entries[id];
    entry.request = request;
    entry.status = UploadStatus{};
    entry.status.id = id;
    if (request.kind != UploadRequest::Kind::Image)
        entry.status.total = QFileInfo(request.path).size();
    m_order.append(id);
    report(entry, true);
    schedule();
}

void UploadEngine::schedule()
{
    int running = 0;
    for (int id : std::as_const(m_order)) {
        running += isRunning(m_entries[id].status.state) ? 1 : 0;
    }
    for (int id : std::as_const(m_order)) {
        if (running >= m_maxConcurrent)
            break;
        Entry &entry = m_entries[id];
        if (entry.status.state != UploadState::Queued)
            continue;
        ++running;
        if (entry.job)
            resumeJob(entry); // resumed while the queue was full: its turn now
        else
            start(id);
    }
}

void UploadEngine::resumeJob(Entry &entry)
{
    entry.status.state = UploadState::Sending;
    report(entry, true);
    entry.setPaused(false);
}

void UploadEngine::start(int id)
{
    Entry &entry = m_entries[id];
    entry.status.state = UploadState::Checking;
    entry.status.message.clear();
    entry.status.sent = 0;
    entry.rate.reset();
    if (!m_client) {
        Result<RegistryClient *> client = RegistryClient::create(m_settings, this);
        if (!client) {
            finish(id, UploadState::Failed, {}, client.error().toString());
            return;
        }
        m_client = *client;
    }
    report(entry, true);
    switch (entry.request.kind) {
    case UploadRequest::Kind::Blob:
        startBlob(entry);
        break;
    case UploadRequest::Kind::Image:
        startImage(entry);
        break;
    case UploadRequest::Kind::Artifact:
        startArtifact(entry);
        break;
    }
}

namespace {
BlobUploadOptions blobOptions(const UploadRequest &request, const QStringList &pushedTo)
{
    BlobUploadOptions options;
    if (request.chunkSize >= 0)
        options.chunkSize = request.chunkSize;
    options.mountFrom = request.mountFrom;
    for (const QString &repo : pushedTo) {
        if (!options.mountFrom.contains(repo) && repo != request.repository)
            options.mountFrom.append(repo);
    }
    options.mountFrom = options.mountFrom.mid(0, MaxMountSources);
    return options;
}
} // namespace

void UploadEngine::startBlob(Entry &entry)
{
    const int id = entry.status.id;
    BlobSource source;
    source.path = entry.request.path;
    source.size = QFileInfo(source.path).size();
    auto *job = new BlobUpload(m_client, entry.request.repository, source,
                               blobOptions(entry.request, m_pushedTo), this);
    watch(id, job);
    connect(job, &RegistryJob::finished, this, [this, id, job] {
        const Result<BlobUploadResult> &r = job->result();
        if (r)
            finish(id, UploadState::Done, r->digest, outcomeText(*r));
        else
            finish(id, UploadState::Failed, {}, r.error().toString());
    });
}

void UploadEngine::startImage(Entry &entry)
{
    const int id = entry.status.id;
    // A compressed archive is decompressed and a docker archive's layers compressed first:
    // the row says so, with its progress (this thread is busy meanwhile; the reports queue).
    const auto reading = [this, id](qint64 done, qint64 total) {
        Entry &read = m_entries[id];
        read.status.state = UploadState::Reading;
        read.status.sent = done;
        read.status.total = total;
        report(read, done == 0 || done == total);
    };
    Result<ImageSource> source
        = readImageSource(entry.request.path, entry.request.reference, reading,
                          entry.request.compression, entry.request.decompressed);
    if (source && entry.status.state == UploadState::Reading) {
        entry.status.state = UploadState::Checking;
        entry.status.sent = 0;
        report(entry, true);
    }
    if (!source) {
        finish(id, UploadState::Failed, {}, source.error().toString());
        return;
    }
    entry.status.total = source->totalBytes();
    ImagePushOptions options;
    options.blob = blobOptions(entry.request, m_pushedTo);
    auto *job = new ImagePush(m_client, entry.request.repository, entry.request.tag, *source,
                              options, this);
    watch(id, job);
    connect(job, &RegistryJob::finished, this, [this, id, job] {
        const Result<ImagePushResult> &r = job->result();
        if (r)
            finish(id, UploadState::Done, r->digest,
                   UploadTr::tr("Pushed: %1 blobs sent, %2 already there, %3 mounted.")
                       .arg(r->uploaded)
                       .arg(r->skipped)
                       .arg(r->mounted));
        else
            finish(id, UploadState::Failed, {}, r.error().toString());
    });
}

void UploadEngine::startArtifact(Entry &entry)
{
    const int id = entry.status.id;
    auto *job = new ArtifactPush(m_client, entry.request.repository, entry.request.tag,
                                 entry.request.path, blobOptions(entry.request, m_pushedTo), this);
    watch(id, job);
    connect(job, &RegistryJob::finished, this, [this, id, job] {
        const Result<QString> &r = job->result();
        if (r)
            finish(id, UploadState::Done, *r, UploadTr::tr("Tagged as an artifact."));
        else
            finish(id, UploadState::Failed, {}, r.error().toString());
    });
}

template<typename J>
void UploadEngine::watch(int id, J *job)
{
    Entry &entry = m_entries[id];
    entry.job = job;
    entry.setPaused = [guard = QPointer<J>(job)](bool paused) {
        if (guard && paused)
            guard->pause();
        else if (guard)
            guard->resume();
    };
    connect(job, &RegistryJob::progress, this,
            [this, id](qint64 sent, qint64 total) { onProgress(id, sent, total); });
    connect(job, &J::phaseChanged, this, [this, id](BlobUpload::Phase phase) {
        Entry &watched = m_entries[id];
        if (isFinal(watched.status.state))
            return;
        watched.status.state = stateOf(phase);
        report(watched, true);
    });
}

void UploadEngine::onProgress(int id, qint64 sent, qint64 total)
{
    Entry &entry = m_entries[id];
    if (isFinal(entry.status.state))
        return;
    entry.status.sent = sent;
    if (total >= 0)
        entry.status.total = total;
    entry.rate.add(sent);
    report(entry, false);
}

void UploadEngine::finish(int id, UploadState state, const QString &digest, const QString &message)
{
    Entry &entry = m_entries[id];
    if (isFinal(entry.status.state))
        return;
    entry.job = nullptr;
    entry.status.state = state;
    entry.status.digest = digest;
    entry.status.message = message;
    entry.status.bytesPerSecond = 0;
    // An archive's decompressed copy goes as the push ends (a retry decompresses it anew):
    // kept for a row nobody retries, a large archive's copy would fill the disk.
    entry.request.decompressed.reset();
    if (state == UploadState::Done) {
        entry.status.sent = qMax<qint64>(entry.status.total, 0);
        m_pushedTo.removeAll(entry.request.repository);
        m_pushedTo.prepend(entry.request.repository);
    }
    report(entry, true);
    schedule();
}

void UploadEngine::report(Entry &entry, bool force)
{
    if (!force && entry.lastReport.isValid() && entry.lastReport.elapsed() < ReportIntervalMs)
        return;
    entry.lastReport.start();
    entry.status.bytesPerSecond = isFinal(entry.status.state) ? 0 : entry.rate.bytesPerSecond();
    Q_EMIT statusChanged(entry.status);
}

void UploadEngine::cancel(int id)
{
    auto it = m_entries.find(id);
    if (it == m_entries.end() || isFinal(it->status.state))
        return;
    if (RegistryJob *job = it->job) {
        job->disconnect(this);
        job->abort(); // stops at once; the upload session is deleted
    }
    finish(id, UploadState::Cancelled, {}, UploadTr::tr("Cancelled."));
}

void UploadEngine::cancelAll()
{
    const QList<int> ids = m_order;
    for (int id : ids)
        cancel(id);
}

void UploadEngine::pause(int id)
{
    auto it = m_entries.find(id);
    if (it == m_entries.end() || isFinal(it->status.state))
        return;
    if (it->job)
        it->setPaused(true);
    it->status.state = UploadState::Paused; // a queued entry waits until resumed
    it->rate.reset();
    report(*it, true);
    schedule();
}

void UploadEngine::resume(int id)
{
    auto it = m_entries.find(id);
    if (it == m_entries.end() || it->status.state != UploadState::Paused)
        return;
    // Back in the queue; schedule() resumes it (or starts it) when a slot is free, so a
    // resume never runs more than maxConcurrent entries.
    it->status.state = UploadState::Queued;
    report(*it, true);
    schedule();
}

void UploadEngine::retry(int id)
{
    auto it = m_entries.find(id);
    if (it == m_entries.end()
        || (it->status.state != UploadState::Failed && it->status.state != UploadState::Cancelled))
        return;
    it->status.state = UploadState::Queued;
    it->status.message.clear();
    it->status.digest.clear();
    it->status.sent = 0;
    report(*it, true);
    schedule();
}

void UploadEngine::setMaxConcurrent(int count)
{
    m_maxConcurrent = qMax(1, count);
    schedule();
}

} // namespace Berth
