#pragma once

#include "core/result.h"

#include <QObject>

#include <functional>
#include <memory>

namespace Berth {

// Hashes a file that is being written out of order, from its start, as the part of it that
// is written without a gap (its prefix) grows: setReady(n) says bytes [0, n) are there. It
// reads them back on a pool thread, one slice of 4 MiB at a time and one task at a time, so
// memory stays flat and the writer's thread does no hashing. When all `total` bytes are
// hashed, `done` gets "sha256:<hex>" (or IO_ERROR when the file cannot be read), once, on
// the owner's thread. restart() forgets what was hashed: the file is written again from 0.
// Destroying the hasher stops the thread's work at its next slice.
class PrefixHasher : public QObject
{
public:
    PrefixHasher(const QString &path,
                 qint64 total,
                 std::function<void(const Result<QString> &)> done,
                 QObject *parent = nullptr);
    ~PrefixHasher() override;

    void setReady(qint64 bytes);
    void restart();

private:
    struct Shared;
    static void hashPrefix(const std::shared_ptr<Shared> &shared);

    std::shared_ptr<Shared> m_shared;
    std::function<void(const Result<QString> &)> m_done;
};

} // namespace Berth
