#pragma once

#include <QBuffer>
#include <QIODevice>
#include <QTemporaryFile>

#include <memory>

namespace Berth {

// A write-only sink that keeps up to `limit` bytes in memory and moves everything to a
// temporary file once more arrives. BlobCopy asks a registry for a bounded Range of a blob;
// one that ignores Range sends the whole blob, which then lands on disk, not in memory.
// When written, body() gives the bytes back as a random-access device from the start.
class SpillBuffer : public QIODevice
{
public:
    explicit SpillBuffer(qint64 limit, QObject *parent = nullptr);

    bool spilled() const { return m_file != nullptr; }
    qint64 written() const { return m_written; }
    // The bytes written, readable from 0 (the buffer or the file); null if the file failed.
    QIODevice *body();

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *data, qint64 size) override;

private:
    qint64 m_limit;
    qint64 m_written = 0;
    QByteArray m_bytes;
    QBuffer m_buffer;
    std::unique_ptr<QTemporaryFile> m_file;
};

} // namespace Berth
