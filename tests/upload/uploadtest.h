#pragma once

// Shared by the upload tests: files with known content, and waiting for a job's progress.

#include "registry/job.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>

namespace Berth::Test {

// Writes `size` bytes of a pattern that differs per `seed` to dir/name; returns the path.
inline QString
writePatternFile(const QTemporaryDir &dir, const QString &name, qint64 size, int seed = 1)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    QByteArray block(1 << 20, Qt::Uninitialized);
    for (qint64 done = 0; done < size;) {
        const qint64 n = qMin<qint64>(block.size(), size - done);
        for (qint64 i = 0; i < n; ++i)
            block[i] = char(((done + i) * 131 + seed * 7 + (done + i) / 4099) & 0xff);
        f.write(block.constData(), n);
        done += n;
    }
    return path;
}

inline QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Waits (bounded) until `job` reports at least `bytes` sent.
inline bool waitForProgress(RegistryJob *job, qint64 bytes, int timeoutMs = 20000)
{
    bool reached = false;
    // Disconnected before returning: the job goes on reporting after `reached` is gone.
    const QMetaObject::Connection watching
        = QObject::connect(job, &RegistryJob::progress, job,
                           [&reached, bytes](qint64 done, qint64) { reached |= done >= bytes; });
    QSignalSpy finished(job, &RegistryJob::finished);
    (void)QTest::qWaitFor([&] { return reached || !finished.isEmpty(); }, timeoutMs);
    QObject::disconnect(watching);
    return reached;
}

} // namespace Berth::Test
