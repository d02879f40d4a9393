#include "registry/paralleldownload.h"

#include "registry/clientsupport.h"
#include "registry/prefixhasher.h"
#include "registry/rangefetch.h"
#include "registry/registrytr.h"

#include <QFileDevice>

namespace Berth {

using detail::digestMismatch;

namespace {

constexpr qint64 MinPartSize = qint64(256) << 10;
// The size comes from a manifest, which a hostile registry writes: parts grow past
// maxPartSize rather than number more than this (a claimed exabyte would otherwise allocate
// billions of them before the first byte).
constexpr qint64 MaxParts = 1024;

qint64 partSizeFor(qint64 size, const RangedDownloadOptions &options)
{
    const qint64 wanted = qBound(MinPartSize, size / (qint64(4) * qMax(1, options.parallel)),
                                 qMax(MinPartSize, options.maxPartSize));
    return qMax(wanted, size / MaxParts + 1);
}
} // namespace

ParallelDownload::ParallelDownload(const BlobAddress &blob,
                                   QFileDevice *file,
                                   const RangedDownloadOptions &options,
                                   QObject *parent)
    : Job<qint64>(parent)
    , m_hasher(new PrefixHasher(
          file->fileName(), blob.size, [this](const Result<QString> &d) { onDigest(d); }, this))
    , m_blob(blob)
    , m_file(file)
    , m_options(options)
    , m_partSize(partSizeFor(blob.size, options))
    , m_partCount(int((blob.size + m_partSize - 1) / m_partSize))
{
    m_parts.resize(m_partCount);
    m_written.fill(0, m_partCount);
    m_done.fill(false, m_partCount);
    startPart(0);
}

ParallelDownload::~ParallelDownload() = default;

void ParallelDownload::startPart(int index)
{
    const qint64 start = index * m_partSize;
    const qint64 length = qMin(m_partSize, m_blob.size - start);
    auto *part
        = new RangeFetch(m_blob, m_file, start, length,
                         index == 0 ? RangeFetch::Kind::First : RangeFetch::Kind::Part, this);
    m_parts[index] = part;
    ++m_running;
    if (index == 0) {
        connect(part, &RangeFetch::answered, this, [this](bool ranged) {
            if (ranged) {
                startMore();
                return;
            }
            m_partCount = 1; // the whole blob comes in this one answer
            m_written.resize(1);
        });
        connect(part, &RangeFetch::rewound, this, [this] {
            if (m_hasher)
                m_hasher->restart();
        });
    }
    connect(part, &RegistryJob::progress, this, [this, index, part] {
        m_written[index] = part->written();
        update();
    });
    connect(part, &RegistryJob::finished, this, [this, index] { onPartFinished(index); });
}

void ParallelDownload::startMore()
{
    while (!hasResult() && m_running < qMax(1, m_options.parallel) && m_next < m_partCount)
        startPart(m_next++);
}

void ParallelDownload::onPartFinished(int index)
{
    RangeFetch *part = m_parts.at(index);
    if (hasResult() || !part)
        return;
    if (!part->result()) {
        failAll(part->result().error());
        return;
    }
    --m_running;
    m_done[index] = true;
    m_written[index] = part->length();
    update();
    startMore();
    maybeFinish();
}

// Progress over every part, and the prefix without a gap for the hasher: the finished parts
// from the start, then what the first unfinished one holds.
void ParallelDownload::update()
{
    qint64 done = 0;
    qint64 prefix = -1;
    for (int i = 0; i < m_partCount; ++i) {
        done += m_written.at(i);
        if (prefix < 0 && !m_done.at(i))
            prefix = done;
    }
    Q_EMIT progress(done, m_blob.size);
    if (m_hasher)
        m_hasher->setReady(prefix < 0 ? done : prefix);
}

void ParallelDownload::onDigest(const Result<QString> &digest)
{
    if (hasResult())
        return;
    if (!digest) {
        failAll(digest.error());
        return;
    }
    m_actual = *digest;
    maybeFinish();
}

void ParallelDownload::maybeFinish()
{
    if (hasResult() || !m_actual || m_next < m_partCount || m_running > 0)
        return;
    if (*m_actual != m_blob.digest) {
        fail(digestMismatch(RegistryTr::tr("The downloaded blob"), m_blob.digest, *m_actual));
        return;
    }
    succeed(m_blob.size);
}

void ParallelDownload::failAll(const RegistryError &error)
{
    fail(error);
    onAbort();
}

void ParallelDownload::onAbort()
{
    for (const QPointer<RangeFetch> &part : std::as_const(m_parts)) {
        if (part && !part->isFinished())
            part->abort();
    }
    if (m_hasher)                // not deleted at once: this may run inside its own callback
        m_hasher->deleteLater(); // and its destructor stops its thread's work
    m_hasher = nullptr;
}

} // namespace Berth
