#include "registry/prefixhasher.h"

#include "core/sha256.h"
#include "registry/registrytr.h"

#include <QFile>
#include <QMutex>
#include <QThreadPool>

namespace Berth {

namespace {

constexpr qint64 Slice = qint64(4) << 20;
} // namespace

// The owner's side sets `ready` and `generation` under the mutex; the one running task
// (`running`) owns `hash`, `hashed` and `hashedGeneration`. The task posts to `owner` only
// under the mutex, and the owner clears it (under the mutex) before it dies.
struct PrefixHasher::Shared
{
    QMutex mutex;
    PrefixHasher *owner = nullptr;
    QString path;
    qint64 total = 0;
    qint64 ready = 0;
    int generation = 0;
    bool running = false;
    bool stop = false;

    Sha256 hash;
    qint64 hashed = 0;
    int hashedGeneration = 0;

    template<typename F>
    void post(F &&f) // with the mutex held
    {
        if (owner)
            QMetaObject::invokeMethod(owner, std::forward<F>(f), Qt::QueuedConnection);
    }
};

PrefixHasher::PrefixHasher(const QString &path,
                           qint64 total,
                           std::function<void(const Result<QString> &)> done,
                           QObject *parent)
    : QObject(parent)
    , m_shared(std::make_shared<Shared>())
    , m_done(std::move(done))
{
    m_shared->owner = this;
    m_shared->path = path;
    m_shared->total = total;
}

PrefixHasher::~PrefixHasher()
{
    QMutexLocker lock(&m_shared->mutex);
    m_shared->owner = nullptr;
    m_shared->stop = true;
}

void PrefixHasher::setReady(qint64 bytes)
{
    QMutexLocker lock(&m_shared->mutex);
    m_shared->ready = qMin(bytes, m_shared->total);
    if (m_shared->running || m_shared->stop)
        return;
    m_shared->running = true;
    QThreadPool::globalInstance()->start([shared = m_shared] { hashPrefix(shared); });
}

// The task: hashes what is ready, a slice at a time, until it has caught up (or is stopped).
void PrefixHasher::hashPrefix(const std::shared_ptr<Shared> &shared)
{
    QFile file(shared->path);
    QByteArray buffer(Slice, Qt::Uninitialized);
    for (;;) {
        qint64 from = 0;
        qint64 to = 0;
        {
            QMutexLocker lock(&shared->mutex);
            if (shared->generation != shared->hashedGeneration) {
                shared->hash.reset();
                shared->hashed = 0;
                shared->hashedGeneration = shared->generation;
            }
            if (shared->stop || shared->hashed >= shared->ready) {
                shared->running = false;
                if (!shared->stop && shared->hashed == shared->total) {
                    const Result<QString> digest = shared->hash.digest();
                    shared->post([shared, digest] { shared->owner->m_done(digest); });
                }
                return;
            }
            from = shared->hashed;
            to = qMin(shared->ready, from + Slice);
        }
        if ((!file.isOpen() && !file.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
            || !file.seek(from) || file.read(buffer.data(), to - from) != to - from) {
            QMutexLocker lock(&shared->mutex);
            shared->running = false;
            shared->stop = true;
            const Result<QString> error = std::unexpected(RegistryError::make(
                ErrorCode::Io,
                RegistryTr::tr("Cannot read %1: %2").arg(shared->path, file.errorString())));
            shared->post([shared, error] { shared->owner->m_done(error); });
            return;
        }
        shared->hash.addData(QByteArrayView(buffer.constData(), to - from));
        shared->hashed = to;
    }
}

void PrefixHasher::restart()
{
    QMutexLocker lock(&m_shared->mutex);
    ++m_shared->generation;
    m_shared->ready = 0;
}

} // namespace Berth
