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
//   auto *uploads = new UploadWorker(settings, window);
//   connect(uploads, &UploadWorker::statusChanged, model, &UploadQueueModel::update);
//   const int id = uploads->enqueue({.kind = UploadRequest::Kind::Blob, .repository = "app",
//                                    .path = "/tmp/layer.tar"});
//
// Destroying the worker cancels what is still running (each session is deleted) and joins
// the thread.
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
