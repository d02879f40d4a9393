#pragma once

#include "core/job.h"

#include <functional>
#include <memory>

namespace Berth {

// The "sha256:<hex>" digest of [start, start + length) of a file, read in 4 MiB slices with
// OpenSSL, on the calling thread. `onProgress(done)` (optional) is called after each slice;
// returning false stops the work (the result is then ABORTED). A file that cannot be read,
// or is shorter than the slice, gives IO_ERROR "Cannot read <path>: <why>".
Result<QString> sha256OfFileSlice(const QString &path,
                                  qint64 start,
                                  qint64 length,
                                  const std::function<bool(qint64 done)> &onProgress = {});

// Computes sha256OfFileSlice() on a pool thread, so hashing overlaps sending and never
// blocks the caller's thread.
// progress() reports the bytes hashed. Aborting (or deleting) the job stops the thread's
// work at the next slice.
class FileHasher : public Job<QString>
{
    Q_OBJECT
public:
    FileHasher(const QString &path, qint64 start, qint64 length, QObject *parent = nullptr);
    ~FileHasher() override;

private:
    void onAbort() override;

    struct Shared;
    std::shared_ptr<Shared> m_shared;
};

} // namespace Berth
