#pragma once

#include <QByteArray>
#include <QIODevice>

#include <deque>
#include <vector>

namespace Berth {

// An in-memory pipe between two requests of one thread: a download writes into it (as a
// RequestJob sink) while an upload reads from it (as a sequential body device). It holds
// what was written and not yet read; bytesToWrite() says how much, and bytesWritten() is
// emitted (on the next event-loop turn, never from inside a read) when the reader took some,
// so that a writer which stops at a bound (RequestJob does) goes on: memory stays bounded by
// the writer's bound, whatever the size. After closeWrite() the reader sees the end once it
// has read everything; limitRead() ends it earlier.
class StreamPipe : public QIODevice
{
public:
    explicit StreamPipe(QObject *parent = nullptr);

    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override;
    qint64 bytesToWrite() const override { return m_buffered; }
    bool atEnd() const override;
    // No more bytes will be written: the reader gets end of data once the buffer is empty.
    void closeWrite();
    qint64 totalWritten() const { return m_totalWritten; }
    // The reader sees the end after `bytes` more (one request of several); -1: no limit.
    void limitRead(qint64 bytes) { m_readLimit = bytes; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 size) override;

private:
    void notifyDrained();

    std::deque<QByteArray> m_chunks;
    std::vector<QByteArray> m_spare; // read chunks kept for the next writes (no allocation)
    qint64 m_frontOffset = 0;        // bytes of m_chunks.front() already read
    qint64 m_buffered = 0;
    qint64 m_totalWritten = 0;
    qint64 m_drained = 0; // read since the last bytesWritten()
    qint64 m_readLimit = -1;
    bool m_writeClosed = false;
};

} // namespace Berth
