#pragma once

#include "core/retrypolicy.h"
#include "registry/registryclient.h"
#include "upload/blobsource.h"

#include <QDateTime>
#include <QPointer>
#include <QStringList>

namespace Berth {

class FileHasher;

struct BlobUploadResult
{
    enum class Outcome { Uploaded, Skipped, Mounted };
    QString digest;
    qint64 size = 0;
    Outcome outcome = Outcome::Uploaded;
    QString mountedFrom; // the repository it was mounted from
};

struct BlobUploadOptions
{
    // Bytes per PATCH; 0 (the default) sends the rest of the blob in one PATCH. Every PATCH
    // is streamed from the file, so this changes the registry's per-request cost, not memory.
    // Measured with distribution 2.8 (bench/run-upload.sh, two runs): one PATCH 0.97-0.98x a
    // monolithic PUT, 64 MiB chunks 0.75-0.90x, 16 MiB 0.71-0.73x. A cut resumes at the
    // registry's offset either way.
    qint64 chunkSize = 0;
    QStringList mountFrom; // repositories to mount the blob from when the repository lacks it
    // Which faults are retried, how often in a row without progress, and the waits between.
    RetryPolicy retry = RetryPolicy::forUpload();
};

// Pushes one blob to a repository and finishes with its digest and what happened.
//
//   digest known? --no--> Hashing (pool thread) ---------------------+
//        |                   | (large blob: sending starts at once)  |
//        v                   v                                       v
//     Checking: HEAD (skip), mounts  ...  Sending: POST, then PATCH slices, each streamed
//        |  (has it: Skipped/Mounted,        from the file, following each Location
//        |   the session is deleted)            |  fault (cut, 5xx, timeout, 416)
//        |                                      v
//        |                                   Resyncing: back-off, GET <location> -> Range,
//        |                                      go on from there; session gone (404): a
//        |                                      fresh session from byte 0
//        v                                      |
//     Committing: PUT ?digest= once all bytes are sent and the checks are done; the
//        registry's Docker-Content-Digest must match. A cut PUT is settled with a HEAD.
//
// Pause aborts the request in flight and keeps the session; resume asks the registry where
// it is. Cancel (abort) stops at once and DELETEs the session. The file changing (size or
// modification time) fails the job. Nothing is reported done unless the registry holds a
// blob with the file's digest.
class BlobUpload : public Job<BlobUploadResult>
{
    Q_OBJECT
public:
    enum class Phase { Hashing, Checking, Sending, Resyncing, Committing, Paused };
    Q_ENUM(Phase)

    BlobUpload(RegistryClient *client,
               const QString &repo,
               const BlobSource &source,
               const BlobUploadOptions &options = {},
               QObject *parent = nullptr);

    void pause();
    void resume();
    Phase phase() const { return m_phase; }
    qint64 size() const { return m_source.size; }
    QString digest() const { return m_source.digest; }

Q_SIGNALS:
    void phaseChanged(Berth::BlobUpload::Phase phase);

private:
    void begin();
    void check();
    void mountNext(int index);
    void checked();
    void openSession();
    void sendNext();
    void onSendFailed(const RegistryError &error);
    void resync(const RegistryError &cause);
    bool isRealProgress(qint64 gained) const;
    void askStatus();
    void restartSession();
    void commit();
    void settleCommit(const RegistryError &error);
    void finishWith(BlobUploadResult::Outcome outcome, const QString &from = {});
    void failAndCancel(const RegistryError &error);
    void dropSession();
    void stopInner();
    void releaseStart();
    void releaseMount();
    // Lets `post` (which may have opened a session) answer, then deletes the session that
    // `sessionOf(result)` names; the client is the context, so this outlives the upload.
    template<typename T, typename F>
    void cancelOpenedSession(Job<T> *post, F sessionOf);
    void setPhase(Phase phase);
    void reportProgress(qint64 inFlight);
    std::optional<RegistryError> fileChanged() const;
    void onAbort() override;

    RegistryClient *m_client;
    QString m_repo;
    BlobSource m_source;
    BlobUploadOptions m_options;
    qint64 m_fileSize = -1;
    QDateTime m_modified;

    Phase m_phase = Phase::Checking;
    bool m_paused = false;
    bool m_checked = false; // HEAD and mounts done: the blob must be sent
    bool m_sessionOpen = false;
    UploadSession m_session;
    int m_failures = 0;         // consecutive, reset by progress
    qint64 m_lastChunk = 0;     // bytes the last PATCH tried to send
    qint64 m_progressFloor = 0; // the highest progress reported since the last resync
    QPointer<FileHasher> m_hasher;
    QPointer<RegistryJob> m_check;
    QPointer<RegistryJob> m_send;         // POST, PATCH, GET status or PUT: one at a time
    QPointer<Job<UploadSession>> m_start; // the POST that opens a session, while in flight
    QPointer<Job<MountResult>> m_mount;   // a mount POST, while in flight
};

} // namespace Berth
