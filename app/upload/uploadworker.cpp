#include "upload/uploadworker.h"

#include "upload/uploadengine.h"

#include <QThread>
#include <QTimer>

namespace Berth {

UploadWorker::UploadWorker(const ConnectionSettings &settings, int maxConcurrent, QObject *parent)
    : QObject(parent)
    , m_registry(settings.registry)
    , m_thread(new QThread(this))
    , m_engine(new UploadEngine(settings))
{
    qRegisterMetaType<UploadRequest>();
    qRegisterMetaType<UploadStatus>();
    m_thread->setObjectName(QStringLiteral("berth-uploads"));
    m_engine->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_engine, &QObject::deleteLater);
    connect(m_engine, &UploadEngine::statusChanged, this, &UploadWorker::onStatus,
            Qt::QueuedConnection);
    m_thread->start();
    setMaxConcurrent(maxConcurrent);
}

UploadWorker::~UploadWorker()
{
    // Cancel on the engine's thread (it sends the DELETEs), then let its loop finish them
    // briefly before the thread stops; the engine is deleted on its own thread.
    const bool running = activeCount() > 0;
    QMetaObject::invokeMethod(m_engine, &UploadEngine::cancelAll, Qt::BlockingQueuedConnection);
    m_engine->disconnect(this);
    QMetaObject::invokeMethod(
        m_engine,
        [engine = m_engine, thread = m_thread, running] {
            // The engine is the timer's context: it runs on the engine's thread, whose loop
            // is alive (this thread is blocked in wait() below).
            QTimer::singleShot(running ? 500 : 0, engine, [thread] { thread->quit(); });
        },
        Qt::QueuedConnection);
    if (!m_thread->wait(5000)) {
        qWarning("berth: the upload thread did not stop within 5 s; terminating it");
        m_thread->terminate(); // last resort; a stuck DNS lookup cannot hold the app open
        m_thread->wait();
    }
}

int UploadWorker::enqueue(const UploadRequest &request)
{
    const int id = m_nextId++;
    m_requests.insert(id, request);
    m_states.insert(id, UploadState::Queued);
    Q_EMIT added(id, request);
    QMetaObject::invokeMethod(
        m_engine, [engine = m_engine, id, request] { engine->enqueue(id, request); },
        Qt::QueuedConnection);
    return id;
}

void UploadWorker::cancel(int id)
{
    QMetaObject::invokeMethod(
        m_engine, [engine = m_engine, id] { engine->cancel(id); }, Qt::QueuedConnection);
}

void UploadWorker::pause(int id)
{
    QMetaObject::invokeMethod(
        m_engine, [engine = m_engine, id] { engine->pause(id); }, Qt::QueuedConnection);
}

void UploadWorker::resume(int id)
{
    QMetaObject::invokeMethod(
        m_engine, [engine = m_engine, id] { engine->resume(id); }, Qt::QueuedConnection);
}

void UploadWorker::retry(int id)
{
    QMetaObject::invokeMethod(
        m_engine, [engine = m_engine, id] { engine->retry(id); }, Qt::QueuedConnection);
}

void UploadWorker::setMaxConcurrent(int count)
{
    QMetaObject::invokeMethod(
        m_engine, [engine = m_engine, count] { engine->setMaxConcurrent(count); },
        Qt::QueuedConnection);
}

int UploadWorker::activeCount() const
{
    int active = 0;
    for (UploadState state : m_states)
        active += isFinal(state) ? 0 : 1;
    return active;
}

void UploadWorker::onStatus(const UploadStatus &status)
{
    const UploadState before = m_states.value(status.id, UploadState::Queued);
    m_states.insert(status.id, status.state);
    Q_EMIT statusChanged(status);
    if (isFinal(status.state) && !isFinal(before))
        Q_EMIT finished(status);
}

} // namespace Berth
