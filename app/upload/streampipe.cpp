#include "upload/streampipe.h"

#include "upload/uploadtr.h"

#include <cstring>

namespace Berth {

namespace {
// Writes come in slices of up to 1 MiB (RequestJob's); a few spare ones avoid allocating
// (and the kernel zeroing) fresh memory for every slice.
constexpr size_t MaxSpareChunks = 4;
} // namespace

StreamPipe::StreamPipe(QObject *parent)
    : QIODevice(parent)
{
    open(QIODevice::ReadWrite | QIODevice::Unbuffered);
}

qint64 StreamPipe::bytesAvailable() const
{
    const qint64 readable = m_readLimit < 0 ? m_buffered : qMin(m_buffered, m_readLimit);
    return readable + QIODevice::bytesAvailable();
}

bool StreamPipe::atEnd() const
{
    return m_readLimit == 0 || (m_writeClosed && m_buffered == 0);
}

void StreamPipe::closeWrite()
{
    m_writeClosed = true;
    Q_EMIT readChannelFinished();
}

qint64 StreamPipe::readData(char *data, qint64 maxSize)
{
    if (atEnd())
        return -1;
    if (m_readLimit >= 0)
        maxSize = qMin(maxSize, m_readLimit);
    qint64 copied = 0;
    while (copied < maxSize && !m_chunks.empty()) {
        const QByteArray &front = m_chunks.front();
        const qint64 n = qMin(maxSize - copied, qint64(front.size()) - m_frontOffset);
        std::memcpy(data + copied, front.constData() + m_frontOffset, size_t(n));
        copied += n;
        m_frontOffset += n;
        if (m_frontOffset == front.size()) {
            if (m_spare.size() < MaxSpareChunks)
                m_spare.push_back(std::move(m_chunks.front()));
            m_chunks.pop_front();
            m_frontOffset = 0;
        }
    }
    m_buffered -= copied;
    if (m_readLimit > 0)
        m_readLimit -= copied;
    if (m_drained == 0 && copied > 0)
        QMetaObject::invokeMethod(this, &StreamPipe::notifyDrained, Qt::QueuedConnection);
    m_drained += copied;
    return copied;
}

qint64 StreamPipe::writeData(const char *data, qint64 size)
{
    if (m_writeClosed) {
        setErrorString(UploadTr::tr("The pipe was closed for writing."));
        return -1;
    }
    if (size <= 0)
        return 0;
    if (m_spare.empty()) {
        m_chunks.emplace_back(data, size);
    } else { // a chunk read before: its capacity is reused when large enough
        QByteArray chunk = std::move(m_spare.back());
        m_spare.pop_back();
        chunk.resize(size);
        std::memcpy(chunk.data(), data, size_t(size));
        m_chunks.push_back(std::move(chunk));
    }
    m_buffered += size;
    m_totalWritten += size;
    Q_EMIT readyRead();
    return size;
}

void StreamPipe::notifyDrained()
{
    const qint64 drained = m_drained;
    m_drained = 0;
    Q_EMIT bytesWritten(drained);
}

} // namespace Berth
