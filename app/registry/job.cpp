#include "registry/job.h"

#include <QMetaObject>

namespace Berth {

RegistryJob::RegistryJob(QObject *parent)
    : QObject(parent)
{}

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

} // namespace Berth
