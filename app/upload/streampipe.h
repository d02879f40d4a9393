#pragma once

#include <QByteArray>
#include <QIODevice>

#include <deque>
#include <vector>

namespace Berth {

// An in-memory pipe between two requests of one thread: a download writes into it (as a
// RequestJob sink) while an upload reads from it (as a sequential body device). It holds
// what was written and not yet read; bytesToWrite() says how much, and bytesWritten() is
// emitted (on the next event-loop turn, never from inside a read) once the reader took
// NotifyBytes or emptied the pipe, so that a writer which stops at a bound (RequestJob does)
// goes on, whatever its bound: memory stays bounded by the writer's bound, whatever the
// size. After closeWrite() the reader sees the end once it has read everything; limitRead()
// ends it earlier. readyRead() comes when a write finds the pipe empty, not for every write:
// a reader that stopped short of the end has more to read anyway (Qt's upload waits for it
// only after a read found nothing, and takes each one as a queued event).
//
// The bytes wait in blocks of BlockBytes, filled one after the other and reused once read:
// a long stream allocates a few blocks at its start and none after (Qt's HTTP thread reads
// the upload 16 KiB at a time, and fresh memory for every write cost page faults).
class StreamPipe : public QIODevice
{
public:
    static constexpr qint64 BlockBytes = qint64(256) << 10;
    // bytesWritten() comes once per this much read (or when the pipe is empty), not for
    // every read: each is an event-loop turn, and the reader takes 16 KiB at a time.
    static constexpr qint64 NotifyBytes = qint64(256) << 10;

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

    std::deque<QByteArray> m_blocks; // each BlockBytes long; the last one filled m_backFill
    std::vector<QByteArray> m_spare; // read blocks kept for the next writes (no allocation)
    qint64 m_frontOffset = 0;        // bytes of m_blocks.front() already read
    qint64 m_backFill = 0;           // bytes of m_blocks.back() written
    qint64 m_buffered = 0;
    qint64 m_totalWritten = 0;
    qint64 m_drained = 0; // read since the last bytesWritten()
    bool m_notifyQueued = false;
    qint64 m_readLimit = -1;
    bool m_writeClosed = false;
};

} // namespace Berth
