#pragma once

#include <QFile>
#include <QIODevice>

namespace Berth {

// A read-only, random-access window [start, start + length) onto a file: the body of one
// upload request, read by the network stack in slices as it sends (never held whole).
// A blob inside an uncompressed tar archive is a slice of the archive.
class FileSliceDevice : public QIODevice
{
    Q_OBJECT
public:
    FileSliceDevice(const QString &path, qint64 start, qint64 length, QObject *parent = nullptr);

    // Opens the file; false (with errorString()) when it cannot be read or is shorter than
    // the slice.
    bool open(OpenMode mode) override;
    void close() override;
    bool isSequential() const override { return false; }
    qint64 size() const override { return m_length; }
    bool seek(qint64 pos) override;

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QFile m_file;
    qint64 m_start;
    qint64 m_length;
};

} // namespace Berth
