#include "upload/spillbuffer.h"

namespace Berth {

SpillBuffer::SpillBuffer(qint64 limit, QObject *parent)
    : QIODevice(parent)
    , m_limit(limit)
{
    open(QIODevice::WriteOnly);
}

qint64 SpillBuffer::writeData(const char *data, qint64 size)
{
    if (!m_file && m_written + size > m_limit) {
        m_file = std::make_unique<QTemporaryFile>();
        if (!m_file->open() || m_file->write(m_bytes) != m_bytes.size()) {
            setErrorString(m_file->errorString());
            return -1;
        }
        m_bytes = QByteArray();
    }
    if (m_file) {
        if (m_file->write(data, size) != size) {
            setErrorString(m_file->errorString());
            return -1;
        }
    } else {
        m_bytes.append(data, size);
    }
    m_written += size;
    return size;
}

QIODevice *SpillBuffer::body()
{
    if (m_file) {
        if (!m_file->flush() || !m_file->seek(0))
            return nullptr;
        return m_file.get();
    }
    if (!m_buffer.isOpen()) {
        m_buffer.setBuffer(&m_bytes);
        m_buffer.open(QIODevice::ReadOnly);
    }
    m_buffer.seek(0);
    return &m_buffer;
}

} // namespace Berth
