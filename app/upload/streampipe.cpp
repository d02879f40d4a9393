#include "upload/streampipe.h"

#include "upload/uploadtr.h"

#include <cstring>

namespace Berth {

namespace {
// A few spare blocks cover the writer's next slice without allocating.
constexpr size_t MaxSpareBlocks = 4;
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
    maxSize = qMin(maxSize, m_buffered);
    qint64 copied = 0;
    while (copied < maxSize) {
        const bool last = m_blocks.size() == 1;
        const qint64 filled = last ? m_backFill : BlockBytes;
        const qint64 n = qMin(maxSize - copied, filled - m_frontOffset);
        std::memcpy(data + copied, m_blocks.front().constData() + m_frontOffset, size_t(n));
        copied += n;
        m_frontOffset += n;
        if (m_frontOffset < filled)
            continue;
        m_frontOffset = 0;
        if (last) { // empty: the block is written from its start again
            m_backFill = 0;
            continue;
        }
        if (m_spare.size() < MaxSpareBlocks)
            m_spare.push_back(std::move(m_blocks.front()));
        m_blocks.pop_front();
    }
    m_buffered -= copied;
    if (m_readLimit > 0)
        m_readLimit -= copied;
    m_drained += copied;
    if (m_drained > 0 && !m_notifyQueued
        && (m_drained >= NotifyBytes || m_buffered == 0 || m_readLimit == 0)) {
        m_notifyQueued = true;
        QMetaObject::invokeMethod(this, &StreamPipe::notifyDrained, Qt::QueuedConnection);
    }
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
    for (qint64 written = 0; written < size;) {
        if (m_blocks.empty() || m_backFill == BlockBytes) {
            if (m_spare.empty()) {
                m_blocks.emplace_back(BlockBytes, Qt::Uninitialized);
            } else {
                m_blocks.push_back(std::move(m_spare.back()));
                m_spare.pop_back();
            }
            m_backFill = 0;
        }
        const qint64 n = qMin(size - written, BlockBytes - m_backFill);
        std::memcpy(m_blocks.back().data() + m_backFill, data + written, size_t(n));
        m_backFill += n;
        written += n;
    }
    const bool wasEmpty = m_buffered == 0;
    m_buffered += size;
    m_totalWritten += size;
    if (wasEmpty)
        Q_EMIT readyRead();
    return size;
}

void StreamPipe::notifyDrained()
{
    const qint64 drained = m_drained;
    m_drained = 0;
    m_notifyQueued = false;
    Q_EMIT bytesWritten(drained);
}

} // namespace Berth
