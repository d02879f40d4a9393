#pragma once

#include "core/job.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>

namespace Berth {

// Runs one registry job per item, a few at a time (a selection may hold hundreds of tags),
// and ends with exactly one `finished`. The starter starts item i's job, connects its own
// result handler to it (that runs before the batch counts the item) and returns it.
// abort() aborts the running jobs and starts no more; `finished(true)` follows once they
// have ended. Destroying a running batch aborts its jobs without emitting anything.
class JobBatch : public QObject
{
    Q_OBJECT
public:
    using Starter = std::function<RegistryJob *(int index)>;

    explicit JobBatch(QObject *parent = nullptr);
    ~JobBatch() override;

    // Starts `count` items, `parallel` at a time. Ignored while running.
    void run(int count, Starter starter, int parallel = 4);
    void abort();

    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void progress(int finishedItems, int totalItems);
    void finished(bool aborted);

private:
    void startNext();
    void itemFinished(RegistryJob *job);

    Starter m_starter;
    QList<QPointer<RegistryJob>> m_active;
    int m_count = 0;
    int m_started = 0;
    int m_finished = 0;
    bool m_running = false;
    bool m_aborted = false;
};

} // namespace Berth
