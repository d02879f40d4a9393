#pragma once

#include "upload/compress.h"

#include <QMetaType>
#include <QString>
#include <QStringList>

#include <memory>

class QTemporaryFile;

namespace Berth {

// One entry of the upload queue, as the caller describes it.
struct UploadRequest
{
    enum class Kind {
        Blob,     // `path`, any file, pushed as a blob
        Image,    // `path`, an OCI layout or a save archive, pushed whole under `tag`
        Artifact, // `path` pushed as a blob and made reachable by an OCI artifact manifest at `tag`
    };
    Kind kind = Kind::Blob;
    QString repository;
    QString path;
    QString tag;       // Image, Artifact
    QString reference; // Image: which image of a source holding several (empty: the only one)
    // Image: how a legacy docker archive's uncompressed layers go up (readImageSource()).
    LayerCompression compression = LayerCompression::None;
    qint64 chunkSize = -1; // bytes per PATCH; -1: the default, 0: one streamed PATCH
    QStringList mountFrom; // repositories to mount blobs from instead of sending them
    // Image: `path` (a compressed archive) already decompressed by listImages(); only the
    // engine keeps it (UploadWorker strips it from its own and the model's copies) and drops
    // it once the push ends, however it ends.
    std::shared_ptr<QTemporaryFile> decompressed;
};

enum class UploadState {
    Queued,
    Reading, // an image's source read first: decompressed, its layers compressed (progress)
    Hashing,
    Checking,
    Sending,
    Retrying,
    Committing,
    Paused,
    Done,
    Failed,
    Cancelled,
};

inline bool isFinal(UploadState state)
{
    return state == UploadState::Done || state == UploadState::Failed
           || state == UploadState::Cancelled;
}

// Holding one of the queue's slots: started and neither paused nor finished.
inline bool isRunning(UploadState state)
{
    return state != UploadState::Queued && state != UploadState::Paused && !isFinal(state);
}

// What the queue reports about one entry: sent over total bytes and the current rate.
struct UploadStatus
{
    int id = 0;
    UploadState state = UploadState::Queued;
    qint64 sent = 0;
    qint64 total = -1;
    double bytesPerSecond = 0;
    QString digest;  // Done: the blob's, or the pushed manifest's
    QString message; // Done: what happened ("skipped: already there"); Failed: the error
};

} // namespace Berth

Q_DECLARE_METATYPE(Berth::UploadRequest)
Q_DECLARE_METATYPE(Berth::UploadStatus)
