#include "registry/digestingdevice.h"

namespace Berth {

DigestingDevice::DigestingDevice(QIODevice *target, QObject *parent)
    : QIODevice(parent)
    , m_target(target)
{
    open(QIODevice::WriteOnly | QIODevice::Unbuffered);
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
