#pragma once

#include "core/result.h"

#include <QString>

#include <functional>
#include <memory>

class QTemporaryFile;

namespace Berth {

// How a legacy docker archive's uncompressed layers go up: as they are, or compressed the way
// podman pushes them (gzip by default, level 6; zstd level 3).
enum class LayerCompression { None, Gzip, Zstd };

// "gzip", "zstd", "none" (as `berth-cli push --compress` and the window's settings say it).
QString layerCompressionName(LayerCompression compression);
// The other way round; anything else (empty too) is the default, Gzip.
LayerCompression layerCompressionFromName(const QString &name);

struct CompressedFile
{
    std::shared_ptr<QTemporaryFile> file; // removed when the last owner lets go
    QString digest;                       // "sha256:<hex>" of the compressed bytes
    qint64 size = 0;
};

// Compresses [offset, offset + size) of `path` into a new temporary file (under TMPDIR),
// hashing what it writes, 1 MiB at a time. `onProgress(done)` (optional) counts the input
// bytes read. Errors: IO_ERROR (cannot read or write), INVALID_ARGUMENT for None.
Result<CompressedFile> compressToTemporaryFile(const QString &path,
                                               qint64 offset,
                                               qint64 size,
                                               LayerCompression compression,
                                               const std::function<void(qint64 done)> &onProgress
                                               = {});

} // namespace Berth
