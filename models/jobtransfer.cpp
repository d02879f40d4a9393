#include "models/jobtransfer.h"

namespace Berth {

JobTransfer::JobTransfer(
    Kind kind, const QString &name, const QString &target, Start start, QObject *parent)
    : QObject(parent)
    , m_kind(kind)
    , m_name(name)
    , m_target(target)
    , m_start(std::move(start))
{}

void JobTransfer::start()
{
    if (m_job)
        return;
    m_status.sent = 0;
    m_status.total = -1;
    m_status.digest.clear();
    m_rate.reset();
    Job<QString> *job = m_start(this);
    m_job = job;
    connect(job, &RegistryJob::progress, this, &JobTransfer::onProgress);
    // The job's result, read while it emits (it deletes itself afterwards).
    connect(job, &RegistryJob::finished, this, [this, job] { onFinished(job->result()); });
    setState(UploadState::Sending);
}

void JobTransfer::cancel()
{
    if (m_job && !isFinal(m_status.state))
        m_job->abort(); // finishes with ABORTED: the row reads Cancelled
}

void JobTransfer::retry()
{
    if (m_status.state == UploadState::Failed || m_status.state == UploadState::Cancelled)
        start();
}

void JobTransfer::onProgress(qint64 done, qint64 total)
{
    m_status.sent = done;
    m_status.total = total;
    m_rate.add(done);
    m_status.bytesPerSecond = m_rate.bytesPerSecond();
    Q_EMIT statusChanged(m_status);
}

void JobTransfer::onFinished(const Result<QString> &result)
{
    m_job = nullptr;
    m_status.bytesPerSecond = 0;
    if (result) {
        m_status.digest = *result;
        if (m_status.total > 0)
            m_status.sent = m_status.total;
        setState(UploadState::Done, *result);
    } else if (result.error().kind() == ErrorKind::Aborted) {
        setState(UploadState::Cancelled, tr("Cancelled"));
    } else {
        setState(UploadState::Failed, result.error().message);
    }
    Q_EMIT finished(m_status);
}

void JobTransfer::setState(UploadState state, const QString &message)
{
    m_status.state = state;
    m_status.message = message;
    Q_EMIT statusChanged(m_status);
}

} // namespace Berth
