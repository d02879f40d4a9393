#pragma once

#include "core/job.h"

#include <QStringList>
#include <QUrl>

class QIODevice;

namespace Berth {

class Connection;
class DigestingDevice;

// Downloads one blob into a sink, hashing it as it goes, in constant memory; ends with the
// number of bytes written, or DIGEST_MISMATCH when they are not the blob named.
//
//   GET ──2xx, all of it──▶ digest checked ──▶ done (or DIGEST_MISMATCH)
//    │
//    └─cut, timeout, 5xx──▶ wait (RetryPolicy::forDownload) ──▶ GET with Range: bytes=N-
//                              206: appends from N        200: the sink is rewound, whole
//
// N is what the sink holds already; each request may be redirected (to blob storage, without
// the registry's Authorization: RequestJob drops it on another origin) and the Range goes
// along. A sink that cannot be rewound (standard output) fails when the server ignores the
// Range. Retries count in a row without progress; any progress resets the count.
class BlobDownload : public Job<qint64>
{
    Q_OBJECT
public:
    BlobDownload(Connection *connection,
                 const QUrl &url,
                 const QStringList &scopes,
                 const QString &digest,
                 QIODevice *sink,
                 QObject *parent = nullptr);

private:
    void attempt();
    void onAttemptFinished(const Result<struct HttpResponse> &result);

    Connection *m_connection;
    QUrl m_url;
    QStringList m_scopes;
    QString m_digest;
    DigestingDevice *m_device;
    int m_retries = 0;         // in a row without progress
    qint64 m_attemptStart = 0; // bytes held when the current attempt began
    qint64 m_total = -1;       // the blob's size, once an answer told it
};

} // namespace Berth
