#pragma once

// Shared by the upload tests: files with known content, and waiting for a job's progress.

#include "core/job.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
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

// A barrier instead of waiting a while: sends a request to the server at `base` on a new
// connection and waits (bounded) for its answer. A request that reached the server before
// (one the client cut after sending it whole) has been served and logged by then: the server
// reads every ready socket on each turn of its event loop, and this answer takes several.
inline bool serverCaughtUp(const QUrl &base, int timeoutMs = 10000)
{
    QNetworkAccessManager network;
    QNetworkReply *reply
        = network.get(QNetworkRequest(base.resolved(QUrl(QStringLiteral("/v2/")))));
    const bool answered = QTest::qWaitFor([reply] { return reply->isFinished(); }, timeoutMs);
    delete reply;
    return answered;
}

} // namespace Berth::Test
