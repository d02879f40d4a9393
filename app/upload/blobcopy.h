#pragma once

#include "core/retrypolicy.h"
#include "core/sha256.h"
#include "registry/registryclient.h"
#include "upload/blobupload.h"

#include <QPointer>

namespace Berth {

class SpillBuffer;

struct BlobCopyOptions
{
    // Bytes per Range GET, each PATCHed on: what a copy holds in memory per blob.
    qint64 chunkSize = qint64(16) << 20;
    // Which faults are retried, how often in a row without progress, and the waits between.
    RetryPolicy retry = RetryPolicy::forUpload();
};

// Copies one blob from a repository of one registry to a repository of another (or the same)
// registry, never holding more than a chunk of it in memory and writing nothing to disk.
//
// Finishes as BlobUpload does: Uploaded (copied), Skipped or Mounted.
//
//   Checking: HEAD at the destination --has it--> Skipped
//      |  same client: POST ?mount=&from= --201--> Mounted; 202: its session is used below
//      v
//   Opening: POST (a fresh upload session)
//      v
//   Fetching: GET Range: bytes=a-b of the source (206) into a buffer of chunkSize bytes;
//      |      hashed as it is passed on
//      v
//   Sending: PATCH of that buffer at offset a --more left--> Fetching
//      v
//   Committing: the whole stream's digest must be the blob's; PUT ?digest=
//
// A source that ignores Range answers 200 with the whole blob: it lands in a temporary file
// (SpillBuffer) and goes up as one PATCH; there it cannot be bounded in memory without a
// file, and a copy from such a registry needs the disk space of its largest blob.
// Faults: a failed GET is asked again (the destination's session is unchanged); a failed
// PATCH, or a session the registry lost, starts the blob over in a fresh session
// (distribution drops a session whose PATCH was cut). Both as `retry` says, counting attempts in a
// row without progress. Abort or failure DELETEs the session.
class BlobCopy : public Job<BlobUploadResult>
{
    Q_OBJECT
public:
    BlobCopy(RegistryClient *source,
             const QString &sourceRepo,
             RegistryClient *destination,
             const QString &destinationRepo,
             const QString &digest,
             qint64 size,
             const BlobCopyOptions &options = {},
             QObject *parent = nullptr);

private:
    void check();
    void mount();
    void open();
    void fetch();
    void send(SpillBuffer *chunk);
    void commit();
    // Another attempt after `cause` as the retry policy allows (false: it does not).
    bool retryLater(const RegistryError &cause, void (BlobCopy::*step)());
    void restart();
    void failAndDrop(const RegistryError &error);
    void done(BlobUploadResult::Outcome outcome);
    void dropSession();
    void onAbort() override;

    RegistryClient *m_source;
    QString m_sourceRepo;
    RegistryClient *m_destination;
    QString m_destinationRepo;
    QString m_digest;
    qint64 m_size;
    BlobCopyOptions m_options;
    std::optional<UploadSession> m_session;
    qint64 m_offset = 0; // bytes sent and hashed
    Sha256 m_hash;
    int m_failures = 0; // in a row, reset by progress
};

} // namespace Berth
