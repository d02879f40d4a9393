#pragma once

#include "core/retrypolicy.h"
#include "registry/registryclient.h"
#include "upload/blobupload.h"

#include <QPointer>

namespace Berth {

class StreamPipe;

struct BlobCopyOptions
{
    // Bytes per PATCH; 0 (the default) sends the blob in one PATCH, as BlobUpload does (with
    // distribution, chunks cost: see BlobUploadOptions). Memory does not depend on it.
    qint64 chunkSize = 0;
    // Which faults are retried, how often in a row without progress, and the waits between.
    RetryPolicy retry = RetryPolicy::forUpload();
};

// Copies one blob from a repository of one registry to a repository of another (or the same)
// registry, never holding more than a few MiB of it in memory and writing nothing to disk.
//
// Finishes as BlobUpload does: Uploaded (copied), Skipped or Mounted.
//
//   Checking: HEAD at the destination --has it--> Skipped
//      |  same client: POST ?mount=&from= --201--> Mounted; 202: its session is used below
//      v
//   Opening: POST (a fresh upload session)
//      v
//   Streaming: one GET of the source (getBlob: it verifies the digest, and resumes with
//      |       Range by itself after a cut) writes into a StreamPipe while the PATCH of the
//      |       destination (one, or one per chunkSize) reads from it, at once: the GET
//      |       waits while the pipe holds 1 MiB, so memory stays bounded
//      v
//   Committing: once both are done (the GET's digest matched, every byte sent): PUT ?digest=
//
// Faults: a failed GET or PATCH stops the other and starts the blob over in a fresh session
// (distribution drops a session whose PATCH was cut), as `retry` says, counting attempts in a
// row that got no further than the best one. Abort or failure DELETEs the session.
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
    void stream();
    void sendNext();
    // The GET and the PATCHes of this attempt: both done -> commit().
    void commitWhenStreamed();
    void attemptFailed(const RegistryError &error);
    void stopAttempt();
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
    QPointer<StreamPipe> m_pipe;
    QPointer<Job<qint64>> m_get;
    QPointer<Job<UploadSession>> m_patch;
    bool m_gotAll = false;   // this attempt's GET is done, digest verified
    bool m_sentAll = false;  // this attempt's PATCH is done
    qint64 m_sent = 0;       // bytes this attempt's finished PATCHes sent
    qint64 m_best = 0;       // the most any attempt sent
    qint64 m_bestBefore = 0; // m_best when this attempt began
    int m_failures = 0;      // in a row, reset by an attempt that got further
};

} // namespace Berth
