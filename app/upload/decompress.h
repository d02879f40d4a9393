#pragma once

#include "core/result.h"

#include <QString>

#include <functional>
#include <memory>

class QTemporaryFile;

namespace Berth {

// Decompresses the gzip (every member of a concatenation, as gunzip does) or zstd (every
// frame) file `path` into a new temporary file (in QDir::tempPath(), so TMPDIR chooses where),
// streaming 1 MiB at a time: memory stays small whatever the size. `onProgress(done, total)`
// (optional) counts the compressed bytes read. The file is removed when the last owner lets
// go, and at once on any error. Errors: IO_ERROR (cannot read, cannot write: the disk is
// full), INVALID_ARGUMENT (damaged or cut-short data), UNSUPPORTED (another compression).
//
//   const Result<std::shared_ptr<QTemporaryFile>> tar = decompressToTemporaryFile(path, u"gzip");
//   TarIndex::read((*tar)->fileName());
Result<std::shared_ptr<QTemporaryFile>>
decompressToTemporaryFile(const QString &path,
                          const QString &compression,
                          const std::function<void(qint64 done, qint64 total)> &onProgress = {});

} // namespace Berth
