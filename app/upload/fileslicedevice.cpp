#include "upload/fileslicedevice.h"

#include "upload/uploadtr.h"

namespace Berth {

FileSliceDevice::FileSliceDevice(const QString &path, qint64 start, qint64 length, QObject *parent)
    : QIODevice(parent)
    , m_file(path)
    , m_start(start)
    , m_length(length)
{}

bool FileSliceDevice::open(OpenMode mode)
{
    if ((mode & ReadWrite) != ReadOnly) {
        setErrorString(UploadTr::tr("A file slice can only be read."));
        return false;
    }
    if (!m_file.open(QIODevice::ReadOnly)) {
        setErrorString(
            UploadTr::tr("Cannot read %1: %2").arg(m_file.fileName(), m_file.errorString()));
        return false;
    }
    if (m_file.size() < m_start + m_length) {
        setErrorString(UploadTr::tr("%1 is shorter than expected (%2 bytes, needed %3).")
                           .arg(m_file.fileName())
                           .arg(m_file.size())
                           .arg(m_start + m_length));
        m_file.close();
        return false;
    }
    if (!m_file.seek(m_start)) {
        setErrorString(m_file.errorString());
        m_file.close();
        return false;
    }
    return QIODevice::open(mode | Unbuffered);
}

void FileSliceDevice::close()
{
    m_file.close();
    QIODevice::close();
}

bool FileSliceDevice::seek(qint64 pos)
{
    if (pos < 0 || pos > m_length || !m_file.seek(m_start + pos))
        return false;
    return QIODevice::seek(pos);
}

qint64 FileSliceDevice::readData(char *data, qint64 maxSize)
{
    const qint64 left = m_length - (m_file.pos() - m_start);
    if (left <= 0)
        return 0;
    const qint64 n = m_file.read(data, qMin(maxSize, left));
    if (n <= 0 && maxSize > 0) {
        // The file shrank under us, or cannot be read: an error, never a silent stall.
        setErrorString(n < 0 ? m_file.errorString()
                             : UploadTr::tr("%1 became shorter while it was being sent.")
                                   .arg(m_file.fileName()));
        return -1;
    }
    return n;
}

} // namespace Berth
