// JobBatch's promises: at most `parallel` jobs at once, every item started once, one
// `finished` from the event loop (also for an empty batch), abort starts nothing more and
// still ends once, and a destroyed batch aborts its jobs and says nothing.

#include "registry/jobbatch.h"

#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace Berth;

namespace {
// Hands out jobs that the test finishes by hand, and remembers how many ran at once.
struct Jobs
{
    QObject owner;
    QList<QPointer<Job<int>>> started;
    int running = 0;
    int peak = 0;

    JobBatch::Starter starter()
    {
        return [this](int index) -> RegistryJob * {
            auto *job = new Job<int>(&owner);
            started << job;
            peak = qMax(peak, ++running);
            QObject::connect(job, &RegistryJob::finished, &owner, [this] { --running; });
            Q_UNUSED(index);
            return job;
        };
    }
    // Finishes every started job that is still open.
    void finishOpen()
    {
        for (const QPointer<Job<int>> &job : started) {
            if (job && !job->hasResult())
                job->succeed(1);
        }
    }
};
} // namespace

class tst_JobBatch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void runsAtMostParallelAndEveryItemOnce()
    {
        Jobs jobs;
        JobBatch batch;
        QSignalSpy finished(&batch, &JobBatch::finished);
        QSignalSpy progress(&batch, &JobBatch::progress);
        batch.run(10, jobs.starter(), 3);
        QCOMPARE(jobs.started.size(), 3);
        for (int turn = 0; turn < 10 && jobs.started.size() < 10; ++turn) {
            const qsizetype before = jobs.started.size();
            jobs.finishOpen();
            QTRY_VERIFY(jobs.started.size() > before); // the freed slots start the next items
        }
        QVERIFY(finished.isEmpty());
        jobs.finishOpen();
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        QCOMPARE(jobs.started.size(), 10);
        QCOMPARE(jobs.peak, 3);
        QCOMPARE(progress.last().at(0).toInt(), 10);
        QCOMPARE(progress.last().at(1).toInt(), 10);
        QVERIFY(!batch.isRunning());
    }

    void emptyBatchFinishesFromTheEventLoop()
    {
        Jobs jobs;
        JobBatch batch;
        QSignalSpy finished(&batch, &JobBatch::finished);
        batch.run(0, jobs.starter());
        QVERIFY(finished.isEmpty()); // never inside run()
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.size(), 1);
        QVERIFY(jobs.started.isEmpty());
    }

    void abortStartsNothingMoreAndEndsOnce()
    {
        Jobs jobs;
        JobBatch batch;
        QSignalSpy finished(&batch, &JobBatch::finished);
        batch.run(10, jobs.starter(), 2);
        batch.abort();
        batch.abort(); // twice: still one end
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.at(0).at(0).toBool(), true);
        QCOMPARE(jobs.started.size(), 2); // the running ones, none after
        for (const QPointer<Job<int>> &job : jobs.started) {
            if (job) // finished jobs delete themselves; one still here must be aborted
                QCOMPARE(job->result().error().code, ErrorCode::Aborted);
        }
        QCoreApplication::processEvents();
        QCOMPARE(finished.size(), 1);
    }

    void runWhileRunningIsIgnored()
    {
        Jobs jobs;
        JobBatch batch;
        QSignalSpy finished(&batch, &JobBatch::finished);
        batch.run(2, jobs.starter(), 2);
        batch.run(5, jobs.starter(), 5);
        QCOMPARE(jobs.started.size(), 2);
        jobs.finishOpen();
        QVERIFY(finished.wait(5000));
        QCOMPARE(jobs.started.size(), 2);
    }

    void destroyedBatchAbortsItsJobsAndSaysNothing()
    {
        Jobs jobs;
        auto batch = std::make_unique<JobBatch>();
        QSignalSpy finished(batch.get(), &JobBatch::finished);
        batch->run(4, jobs.starter(), 2);
        QList<QPointer<Job<int>>> running = jobs.started;
        batch.reset();
        QCOMPARE(finished.size(), 0);
        for (const QPointer<Job<int>> &job : running)
            QCOMPARE(job->result().error().code, ErrorCode::Aborted);
        QTRY_VERIFY(std::all_of(running.cbegin(), running.cend(),
                                [](const QPointer<Job<int>> &job) { return job.isNull(); }));
        QCOMPARE(jobs.started.size(), 2);
    }
};

QTEST_GUILESS_MAIN(tst_JobBatch)
#include "tst_jobbatch.moc"
