// Job's promise: exactly one `finished`, on success, error, abort — and when the job is
// destroyed with its parent before it finished, then with ABORTED.

#include "core/job.h"
#include "fixtures/datatable.h"

#include <QTest>

#include <memory>

using namespace Berth;
using namespace Berth::Test;

namespace {
// What the waiters saw: one entry per `finished`, the error code or "ok".
struct Waiter
{
    QStringList seen;
    void watch(Job<int> *job, QObject *context)
    {
        QObject::connect(job, &RegistryJob::finished, context, [this, job] {
            seen << (job->result() ? QStringLiteral("ok") : job->result().error().code);
        });
    }
};
} // namespace

class tst_Job : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void finishesOnceFromTheEventLoop()
    {
        QObject context;
        Waiter waiter;
        auto *job = new Job<int>;
        waiter.watch(job, &context);
        job->succeed(1);
        job->fail(RegistryError::make(ErrorCode::Network, QStringLiteral("late")));
        QVERIFY(waiter.seen.isEmpty()); // never inside the call
        QPointer<Job<int>> alive(job);
        QTRY_VERIFY(alive.isNull()); // deletes itself after finishing
        QCOMPARE(waiter.seen, QStringList{QStringLiteral("ok")});
    }

    // The parent goes away while the job waits: the waiter hears ABORTED, once.
    void destroyedWithItsParentFinishesAborted_data()
    {
        addBoolRows("resultSet", "still running", "result set, not delivered yet");
    }
    void destroyedWithItsParentFinishesAborted()
    {
        QFETCH(bool, resultSet);
        QObject context;
        Waiter waiter;
        auto parent = std::make_unique<QObject>();
        auto *job = new Job<int>(parent.get());
        waiter.watch(job, &context);
        if (resultSet)
            job->succeed(1);
        parent.reset();
        QCOMPARE(waiter.seen, QStringList{ErrorCode::Aborted});
        QCoreApplication::processEvents(); // a queued emission, if any, must not follow
        QCOMPARE(waiter.seen, QStringList{ErrorCode::Aborted});
    }

    // A job that already finished says nothing more when it is destroyed.
    void destroyedAfterFinishingSaysNothingMore()
    {
        QObject context;
        Waiter waiter;
        auto parent = std::make_unique<QObject>();
        auto *job = new Job<int>(parent.get());
        waiter.watch(job, &context);
        job->succeed(1);
        QTRY_COMPARE(waiter.seen, QStringList{QStringLiteral("ok")});
        parent.reset(); // the job may still be waiting for its deleteLater
        QCOMPARE(waiter.seen, QStringList{QStringLiteral("ok")});
    }

    // A chained job whose inner job dies with their common parent also ends ABORTED.
    void chainedJobsEndAbortedWithTheirParent()
    {
        QObject context;
        Waiter waiter;
        auto parent = std::make_unique<QObject>();
        auto *inner = new Job<int>(parent.get());
        auto *outer = new Job<int>(parent.get());
        chain(outer, inner, [](int v) -> Result<int> { return v + 1; });
        waiter.watch(outer, &context);
        parent.reset();
        QCOMPARE(waiter.seen, QStringList{ErrorCode::Aborted});
    }

    // failedJob: the error, still delivered from the event loop, once.
    void aFailedJobFinishesLaterWithItsError()
    {
        QObject context;
        Waiter waiter;
        Job<int> *job = failedJob<int>(
            &context, RegistryError::make(ErrorCode::InvalidArgument, QStringLiteral("bad")));
        waiter.watch(job, &context);
        QVERIFY(waiter.seen.isEmpty());
        QTRY_COMPARE(waiter.seen, QStringList{ErrorCode::InvalidArgument});
    }

    // completeWith: the outer job ends as the inner one does, value or error; aborting the
    // outer one aborts the inner one.
    void completeWithPassesTheInnerResultOn()
    {
        QObject context;
        Waiter waiter;
        auto forwarded = [&context, &waiter] {
            auto *inner = new Job<int>(&context);
            auto *outer = new Job<int>(&context);
            completeWith(outer, inner);
            waiter.watch(outer, &context);
            return inner;
        };
        forwarded()->succeed(7);
        forwarded()->fail(RegistryError::make(ErrorCode::NameUnknown, QStringLiteral("gone")));
        QTRY_COMPARE(waiter.seen, (QStringList{QStringLiteral("ok"), ErrorCode::NameUnknown}));
    }
    void abortingTheOuterJobAbortsTheInnerOne()
    {
        QObject context;
        Waiter inners;
        auto *inner = new Job<int>(&context);
        auto *outer = new Job<int>(&context);
        completeWith(outer, inner);
        inners.watch(inner, &context);
        outer->abort();
        QTRY_COMPARE(inners.seen, QStringList{ErrorCode::Aborted});
    }

    // A waiter that dies first hears nothing (its connection is gone).
    void aDeadWaiterHearsNothing()
    {
        Waiter waiter;
        auto context = std::make_unique<QObject>();
        auto parent = std::make_unique<QObject>();
        auto *job = new Job<int>(parent.get());
        waiter.watch(job, context.get());
        context.reset();
        parent.reset();
        QVERIFY(waiter.seen.isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_Job)
#include "tst_job.moc"
