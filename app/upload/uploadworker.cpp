#include "upload/uploadworker.h"

#include "upload/uploadengine.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QPointer>
#include <QThread>
#include <QTimer>

#include <type_traits>
#include <utility>

namespace Berth {

namespace {

constexpr int StopGraceMs = 500; // for the DELETEs of cancelled sessions
constexpr int ExitWaitMs = 5000; // at exit, for threads still stopping

// Threads of destroyed workers that have not stopped yet (touched on the GUI thread only).
QList<QPointer<QThread>> &stoppingThreads()
{
    static QList<QPointer<QThread>> threads;
    return threads;
}

// At exit, a thread still running would be destroyed running: wait for it, bounded, then
// delete the stopped ones (their deleteLater needs a loop that has ended). A thread stuck past
// that (a DNS lookup that never returns) is terminated: the application is ending anyway.
void waitAtExit()
{
    if (!UploadWorker::waitForStopped(ExitWaitMs))
        qWarning("berth: an upload thread did not stop within %d ms; terminating it", ExitWaitMs);
    const QList<QPointer<QThread>> stopping = std::exchange(stoppingThreads(), {});
    for (const QPointer<QThread> &thread : stopping) {
        if (thread && !thread->isFinished()) {
            thread->terminate();
            thread->wait();
        }
        delete thread.data();
    }
}

// Calls `method(args...)` on `engine`, on its (the upload) thread; the arguments are copied.
template<typename... Args>
void post(UploadEngine *engine,
          void (UploadEngine::*method)(Args...),
          std::type_identity_t<std::remove_cvref_t<Args>>... args)
{
    QMetaObject::invokeMethod(
        engine, [engine, method, args...] { (engine->*method)(args...); }, Qt::QueuedConnection);
}

} // namespace

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
    static const bool exitHook = [] {
        qAddPostRoutine(waitAtExit);
        return true;
    }();
    Q_UNUSED(exitHook);
}

UploadWorker::~UploadWorker()
{
    // Never waits here: cancel on the engine's thread (it sends the DELETEs), give its loop
    // a moment to finish them, then stop the thread. The thread deletes the engine on its
    // way out and is deleted on this thread afterwards.
    const bool running = activeCount() > 0;
    m_engine->disconnect(this);
    QThread *thread = m_thread;
    thread->setParent(nullptr);
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    QList<QPointer<QThread>> &stopping = stoppingThreads();
    stopping.removeAll(nullptr);
    stopping.append(thread);
    QMetaObject::invokeMethod(
        m_engine,
        [engine = m_engine, thread, running] {
            engine->cancelAll();
            QTimer::singleShot(running ? StopGraceMs : 0, engine, [thread] { thread->quit(); });
        },
        Qt::QueuedConnection);
}

bool UploadWorker::waitForStopped(int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    const QList<QPointer<QThread>> stopping = stoppingThreads();
    bool stopped = true;
    for (const QPointer<QThread> &thread : stopping) {
        if (thread && !thread->wait(deadline))
            stopped = false;
    }
    return stopped;
}

int UploadWorker::stoppingCount()
{
    QList<QPointer<QThread>> &stopping = stoppingThreads();
    stopping.removeAll(nullptr);
    return int(stopping.size());
}

int UploadWorker::enqueue(const UploadRequest &request)
{
    const int id = m_nextId++;
    UploadRequest described = request; // without the decompressed copy: the engine holds that
    described.decompressed.reset();
    m_requests.insert(id, described);
    m_states.insert(id, UploadState::Queued);
    Q_EMIT added(id, described);
    post(m_engine, &UploadEngine::enqueue, id, request);
    return id;
}

void UploadWorker::cancel(int id)
{
    post(m_engine, &UploadEngine::cancel, id);
}

void UploadWorker::pause(int id)
{
    post(m_engine, &UploadEngine::pause, id);
}

void UploadWorker::resume(int id)
{
    post(m_engine, &UploadEngine::resume, id);
}

void UploadWorker::retry(int id)
{
    post(m_engine, &UploadEngine::retry, id);
}

void UploadWorker::setMaxConcurrent(int count)
{
    post(m_engine, &UploadEngine::setMaxConcurrent, count);
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
