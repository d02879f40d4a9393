#include "registry/jobbatch.h"

#include <QTimer>

namespace Berth {

JobBatch::JobBatch(QObject *parent)
    : QObject(parent)
{}

JobBatch::~JobBatch()
{
    const QList<QPointer<RegistryJob>> active = m_active;
    m_active.clear();
    for (const QPointer<RegistryJob> &job : active) {
        if (job) {
            job->disconnect(this);
            job->abort();
        }
    }
}

void JobBatch::run(int count, Starter starter, int parallel)
{
    if (m_running)
        return;
    m_starter = std::move(starter);
    m_count = count;
    m_started = 0;
    m_finished = 0;
    m_aborted = false;
    m_running = true;
    Q_EMIT progress(0, m_count);
    if (m_count == 0) {
        // Like a job: the final signal never comes from inside the call that started it.
        QTimer::singleShot(0, this, [this] {
            m_running = false;
            Q_EMIT finished(false);
        });
        return;
    }
    for (int i = 0; i < qMax(1, parallel) && m_started < m_count; ++i)
        startNext();
}

void JobBatch::abort()
{
    if (!m_running || m_aborted)
        return;
    m_aborted = true;
    const QList<QPointer<RegistryJob>> active = m_active;
    for (const QPointer<RegistryJob> &job : active) {
        if (job)
            job->abort(); // each still finishes (ABORTED) from the event loop
    }
}

void JobBatch::startNext()
{
    const int index = m_started++;
    RegistryJob *job = m_starter(index);
    m_active.append(job);
    connect(job, &RegistryJob::finished, this, [this, job] { itemFinished(job); });
}

void JobBatch::itemFinished(RegistryJob *job)
{
    m_active.removeAll(job);
    ++m_finished;
    Q_EMIT progress(m_finished, m_count);
    if (!m_aborted && m_started < m_count) {
        startNext();
        return;
    }
    if (m_active.isEmpty()) {
        m_running = false;
        Q_EMIT finished(m_aborted);
    }
}

} // namespace Berth
