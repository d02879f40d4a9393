#pragma once

#include "core/job.h"
#include "upload/ratemeter.h"
#include "upload/uploadrequest.h"

#include <QObject>
#include <QPointer>

#include <functional>

namespace Berth {

// One download or copy of the Transfers dock: a job made by `start` (again on retry), whose
// progress, rate and outcome read as an UploadStatus, so that the dock shows it as a row
// beside the uploads. cancel() aborts the job (the row reads Cancelled); retry() starts a
// new one after a failure or a cancel. Not pausable. The job is a child of this object:
// destroying it aborts the job.
class JobTransfer : public QObject
{
    Q_OBJECT
public:
    enum class Kind { Download, Copy };
    // Makes and starts the job under `parent`; it finishes with the digest it moved.
    using Start = std::function<Job<QString> *(QObject *parent)>;

    // `name` is what moves (repo:tag), `target` where to (a path, or registry/repo:tag).
    JobTransfer(
        Kind kind, const QString &name, const QString &target, Start start, QObject *parent);

    Kind kind() const { return m_kind; }
    QString name() const { return m_name; }
    QString target() const { return m_target; }
    const UploadStatus &status() const { return m_status; }

    void start();
    void cancel();
    void retry();

Q_SIGNALS:
    void statusChanged(const Berth::UploadStatus &status);
    // Once per run: Done, Failed or Cancelled.
    void finished(const Berth::UploadStatus &status);

private:
    void onProgress(qint64 done, qint64 total);
    void onFinished(const Result<QString> &result);
    void setState(UploadState state, const QString &message = {});

    Kind m_kind;
    QString m_name;
    QString m_target;
    Start m_start;
    UploadStatus m_status;
    RateMeter m_rate;
    QPointer<Job<QString>> m_job;
};

} // namespace Berth
