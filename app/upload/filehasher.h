#pragma once

#include "registry/job.h"

#include <memory>

namespace Berth {

// Computes the "sha256:<hex>" digest of [start, start + length) of a file on a pool thread
// (OpenSSL, 4 MiB slices), so hashing overlaps sending and never blocks the caller's thread.
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
