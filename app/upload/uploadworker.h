#pragma once

#include "registry/connection.h"
#include "upload/uploadrequest.h"

#include <QHash>
#include <QObject>

class QThread;

namespace Berth {

class UploadEngine;

// The background upload queue as the UI thread sees it. Owns a QThread on which an
// UploadEngine (with its own network manager) runs the uploads; calls are forwarded to it
// as queued calls and its statuses come back as signals on this object's thread.
//
// Destroying the worker never blocks the calling (GUI) thread: it cancels what is still
// running on the engine's thread (each session is deleted), lets that thread's loop send the
// DELETEs for a moment, and the thread then stops and deletes itself and the engine. At the
// application's exit, threads still stopping are waited for (bounded: waitForStopped()).
class UploadWorker : public QObject
{
    Q_OBJECT
public:
    explicit UploadWorker(const ConnectionSettings &settings,
                          int maxConcurrent = 3,
                          QObject *parent = nullptr);
    ~UploadWorker() override;

    QUrl registry() const { return m_registry; }
    // Returns the entry's id; its statuses follow through statusChanged.
    int enqueue(const UploadRequest &request);
    void cancel(int id);
    void pause(int id);
    void resume(int id);
    void retry(int id);
    void setMaxConcurrent(int count);

    // Entries not finished yet (queued, running or paused), as last reported.
    int activeCount() const;

    // Waits, at most `timeoutMs`, until the threads of destroyed workers have stopped; true
    // when they all have. Runs by itself when the QCoreApplication goes away.
    static bool waitForStopped(int timeoutMs);
    // Threads of destroyed workers still stopping (for tests).
    static int stoppingCount();
    UploadRequest request(int id) const { return m_requests.value(id); }

Q_SIGNALS:
    void added(int id, const Berth::UploadRequest &request);
    void statusChanged(const Berth::UploadStatus &status);
    // Once per attempt, when an entry reaches Done, Failed or Cancelled.
    void finished(const Berth::UploadStatus &status);

private:
    void onStatus(const UploadStatus &status);

    QUrl m_registry;
    QThread *m_thread;
    UploadEngine *m_engine;
    int m_nextId = 1;
    QHash<int, UploadRequest> m_requests;
    QHash<int, UploadState> m_states;
};

} // namespace Berth
