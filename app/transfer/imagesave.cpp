#include "transfer/imagesave.h"

#include "transfer/layoutarchive.h"

#include <QDir>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace Berth {

QString ImageSave::stagingDir(const QString &archivePath)
{
    return archivePath + QStringLiteral(".berth-pull");
}

ImageSave::ImageSave(RegistryClient *client, const ImageSaveRequest &request, QObject *parent)
    : Job<ImagePullResult>(parent)
    , m_request(request)
    , m_layout(request.format == SaveFormat::OciLayout ? request.path : stagingDir(request.path))
{
    auto *pull
        = new ImagePull(client, request.repo, request.reference, m_layout, request.pull, this);
    setInner(pull);
    connect(pull, &RegistryJob::progress, this, &RegistryJob::progress);
    onFinished(pull, this, [this](const Result<ImagePullResult> &pulled) {
        if (!pulled)
            fail(pulled.error());
        else
            pack(*pulled);
    });
}

ImageSave::~ImageSave()
{
    m_cancelled->store(true);
}

void ImageSave::onAbort()
{
    m_cancelled->store(true);
    Job<ImagePullResult>::onAbort();
}

void ImageSave::pack(const ImagePullResult &pulled)
{
    if (m_request.format == SaveFormat::OciLayout) {
        succeed(pulled);
        return;
    }
    // Values only in the task: it may outlive this job (an abort does not wait for it).
    auto task = [layout = m_layout, path = m_request.path, format = m_request.format,
                 digest = pulled.digest, repoTag = m_request.repoTag,
                 cancelled = m_cancelled]() -> Result<Done> {
        Result<Done> packed
            = format == SaveFormat::OciArchive
                  ? writeOciArchive(layout, path, cancelled.get())
                  : writeDockerArchive(layout, digest, repoTag, path, cancelled.get());
        if (packed)
            QDir(layout).removeRecursively();
        return packed;
    };
    Q_EMIT packingStarted(); // a receiver's abort is seen by the task at its first slice
    auto *watcher = new QFutureWatcher<Result<Done>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, pulled] {
        const Result<Done> packed = watcher->result();
        if (packed)
            succeed(pulled);
        else
            fail(packed.error());
    });
    watcher->setFuture(QtConcurrent::run(task));
}

} // namespace Berth
