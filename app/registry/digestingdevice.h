#pragma once

#include "core/sha256.h"

#include <QIODevice>

namespace Berth {

// A write-only pass-through that hashes what it forwards to `target`. It can only be
// rewound to the start (seek(0): the target too, when it can, and the hash starts over).
// A buffering target (a StreamPipe) shows through: see bytesToWrite().
class DigestingDevice : public QIODevice
{
public:
    explicit DigestingDevice(QIODevice *target, QObject *parent = nullptr);

    bool isSequential() const override { return m_target->isSequential(); }
    bool seek(qint64 pos) override;
    // What the target still buffers; its bytesWritten() is this device's too.
    qint64 bytesToWrite() const override { return m_target->bytesToWrite(); }

    QString digest() { return m_hash.digest(); }
    qint64 written() const { return m_written; }

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *data, qint64 size) override;

private:
    QIODevice *m_target;
    Sha256 m_hash;
    qint64 m_written = 0;
};

} // namespace Berth
