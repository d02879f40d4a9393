#include "core/job.h"

#include <QMetaObject>

namespace Berth {

RegistryJob::RegistryJob(QObject *parent)
    : QObject(parent)
{}

RegistryError RegistryJob::abortedError()
{
    return RegistryError::make(ErrorCode::Aborted, QStringLiteral("The operation was cancelled."));
}

void RegistryJob::abort()
{
    if (m_finished)
        return;
    onAbort();
    setAbortError();
}

void RegistryJob::finishLater()
{
    if (m_finishQueued)
        return;
    m_finishQueued = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_finished = true;
            Q_EMIT finished();
            deleteLater();
        },
        Qt::QueuedConnection);
}

void RegistryJob::finishOnDestruction()
{
    if (m_finished)
        return;
    m_finished = true; // the queued emission, if any, dies with the job
    Q_EMIT finished();
}

} // namespace Berth
