#pragma once

#include "registry/connection.h"
#include "upload/ratemeter.h"
#include "upload/uploadrequest.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>

namespace Berth {

class RegistryClient;
class RegistryJob;

// The upload queue itself. Lives on the worker's thread (see UploadWorker) with its own
// RegistryClient, so its network manager and jobs never touch the UI thread. Runs at most
// maxConcurrent entries at once (paused ones do not count), in the order they were added.
// Every entry ends with exactly one final status (Done, Failed or Cancelled) per attempt;
// retry() starts a new attempt of a Failed or Cancelled entry.
class UploadEngine : public QObject
{
    Q_OBJECT
public:
    explicit UploadEngine(const ConnectionSettings &settings, QObject *parent = nullptr);
    ~UploadEngine() override;

public Q_SLOTS:
    void enqueue(int id, const Berth::UploadRequest &request);
    void cancel(int id);
    void pause(int id);
    void resume(int id);
    void retry(int id);
    void setMaxConcurrent(int count);
    void cancelAll();

Q_SIGNALS:
    void statusChanged(const Berth::UploadStatus &status);

private:
    struct Entry
    {
        UploadRequest request;
        UploadStatus status;
        QPointer<RegistryJob> job;
        std::function<void(bool paused)> setPaused; // pauses or resumes `job`, whatever it is
        RateMeter rate;
        QElapsedTimer lastReport;
    };

    void schedule();
    void start(int id);
    void resumeJob(Entry &entry);
    void startBlob(Entry &entry);
    void startImage(Entry &entry);
    void startArtifact(Entry &entry);
    template<typename J>
    void watch(int id, J *job);
    void onProgress(int id, qint64 sent, qint64 total);
    void finish(int id, UploadState state, const QString &digest, const QString &message);
    void report(Entry &entry, bool force);

    ConnectionSettings m_settings;
    RegistryClient *m_client = nullptr;
    QStringList m_pushedTo; // repositories pushed to, most recent first: mount sources
    QHash<int, Entry> m_entries;
    QList<int> m_order;
    int m_maxConcurrent = 3;
};

} // namespace Berth
