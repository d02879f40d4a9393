#include "registry/digestingdevice.h"

namespace Berth {

DigestingDevice::DigestingDevice(QIODevice *target, QObject *parent)
    : QIODevice(parent)
    , m_target(target)
{
    open(QIODevice::WriteOnly | QIODevice::Unbuffered);
    connect(target, &QIODevice::bytesWritten, this, &QIODevice::bytesWritten);
}

bool DigestingDevice::seek(qint64 pos)
{
    if (pos == m_written)
        return QIODevice::seek(pos);
    if (pos != 0 || m_target->isSequential() || !m_target->seek(0))
        return false;
    m_hash.reset();
    m_written = 0;
    return QIODevice::seek(0);
}

qint64 DigestingDevice::writeData(const char *data, qint64 size)
{
    const qint64 n = m_target->write(data, size);
    if (n != size) {
        setErrorString(m_target->errorString());
        return -1;
    }
    m_hash.addData(QByteArrayView(data, size));
    m_written += size;
    return size;
}

} // namespace Berth
