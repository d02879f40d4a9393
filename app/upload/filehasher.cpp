#include "upload/filehasher.h"

#include "core/sha256.h"
#include "upload/uploadtr.h"

#include <QFile>
#include <QMutex>
#include <QThreadPool>

#include <atomic>

namespace Berth {

namespace {

constexpr qint64 Slice = 4 << 20;
} // namespace

// What the pool thread and the job share. The thread posts to `job` only under `mutex`,
// and the job clears it (under the mutex) before it dies, so nothing reaches a dead object.
struct FileHasher::Shared
{
    QMutex mutex;
    FileHasher *job = nullptr;
    std::atomic<bool> stop = false;

    template<typename F>
    void post(F &&f)
    {
        QMutexLocker lock(&mutex);
        if (job)
            QMetaObject::invokeMethod(job, std::forward<F>(f), Qt::QueuedConnection);
    }
};

Result<QString> sha256OfFileSlice(const QString &path,
                                  qint64 start,
                                  qint64 length,
                                  const std::function<bool(qint64 done)> &onProgress)
{
    auto readError = [&path](const QString &why) {
        return std::unexpected(
            RegistryError::make(ErrorCode::Io, UploadTr::tr("Cannot read %1: %2").arg(path, why)));
    };
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || !file.seek(start))
        return readError(file.errorString());
    Sha256 hash;
    QByteArray buffer(Slice, Qt::Uninitialized);
    for (qint64 done = 0; done < length;) {
        const qint64 n = file.read(buffer.data(), qMin(Slice, length - done));
        if (n <= 0)
            return readError(n < 0 ? file.errorString()
                                   : UploadTr::tr("the file is shorter than expected"));
        hash.addData(QByteArrayView(buffer.constData(), n));
        done += n;
        if (onProgress && !onProgress(done))
            return std::unexpected(RegistryError::make(
                ErrorCode::Aborted, QStringLiteral("The operation was cancelled.")));
    }
    return hash.digest();
}

FileHasher::FileHasher(const QString &path, qint64 start, qint64 length, QObject *parent)
    : Job<QString>(parent)
    , m_shared(std::make_shared<Shared>())
{
    m_shared->job = this;
    QThreadPool::globalInstance()->start([shared = m_shared, path, start, length] {
        const Result<QString> digest
            = sha256OfFileSlice(path, start, length, [&shared, length](qint64 done) {
                  shared->post(
                      [shared, done, length] { Q_EMIT shared->job->progress(done, length); });
                  return !shared->stop;
              });
        if (!shared->stop)
            shared->post([shared, digest] { shared->job->complete(digest); });
    });
}

FileHasher::~FileHasher()
{
    m_shared->stop = true;
    QMutexLocker lock(&m_shared->mutex);
    m_shared->job = nullptr;
}

void FileHasher::onAbort()
{
    m_shared->stop = true;
}

} // namespace Berth
