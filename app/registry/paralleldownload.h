#pragma once

#include "core/job.h"
#include "registry/rangefetch.h"

#include <QList>
#include <QPointer>
#include <QStringList>
#include <QUrl>

#include <optional>

class QFileDevice;

namespace Berth {

class PrefixHasher;

struct RangedDownloadOptions
{
    qint64 threshold = qint64(64) << 20;   // blobs of at least this size are fetched in parts
    qint64 maxPartSize = qint64(32) << 20; // a part: size / (4 × parallel), 256 KiB to this
    int parallel = 4;                      // parts coming down at once
};

// Downloads a blob of known size into a random-access file in parts, with parallel Range
// requests where the server (or the storage it redirects to) honours them; ends with the
// bytes written, or DIGEST_MISMATCH.
//
//   part 0 (Range) ──206 as asked──▶ parts 1.. too, `parallel` at a time, each at its offset
//        │                              (each a RangeFetch: resumes by itself after a cut)
//        └──200: Range ignored──▶ the same answer is the whole blob, one stream (no second
//                                  request), resumed after a cut as BlobDownload does
//
// The digest is computed in order, by a PrefixHasher reading back the file's gap-free prefix
// as it grows (on a pool thread, 4 MiB at a time): memory stays flat whatever the size. Any
// part failing (a wrong Content-Range included: nothing is written then) aborts the others
// and fails the download; abort() stops every part. progress() sums the parts.
class ParallelDownload : public Job<qint64>
{
    Q_OBJECT
public:
    ParallelDownload(const BlobAddress &blob,
                     QFileDevice *file,
                     const RangedDownloadOptions &options,
                     QObject *parent = nullptr);
    ~ParallelDownload() override;

private:
    void startPart(int index);
    void startMore();
    void onPartFinished(int index);
    void onDigest(const Result<QString> &digest);
    void update();
    void maybeFinish();
    void failAll(const RegistryError &error);
    void onAbort() override;

    PrefixHasher *m_hasher;
    BlobAddress m_blob;
    QFileDevice *m_file;
    RangedDownloadOptions m_options;
    qint64 m_partSize;
    int m_partCount;
    QList<QPointer<RangeFetch>> m_parts; // by index, null until started
    QList<qint64> m_written;             // bytes each part holds
    QList<bool> m_done;                  // each part finished right
    int m_next = 1;                      // the next part to start
    int m_running = 0;
    std::optional<QString> m_actual; // the digest of all `size` bytes, once hashed
};

} // namespace Berth
