#pragma once

#include "core/result.h"

#include <QObject>
#include <QPointer>

#include <functional>

namespace Berth {

// Base of every asynchronous registry operation. A job emits `finished` exactly once —
// on success, error and abort alike — always from the event loop (never inside the call
// that created it), and deletes itself afterwards. Read the result inside the slot.
//
// A job destroyed before it finished (its parent, usually the RegistryClient, went away)
// still emits `finished`, from its destructor, with ABORTED (even if a result was set but not
// delivered yet): whoever waits on it is never left waiting. Only receivers still alive get it (Qt
// has already disconnected a parent that is being destroyed), and `result()` is valid in the slot;
// the job itself is going away, so the slot must not delete it or call it otherwise.
class RegistryJob : public QObject
{
    Q_OBJECT
public:
    explicit RegistryJob(QObject *parent = nullptr);

    static RegistryError abortedError();

    bool isFinished() const { return m_finished; }
    // Ends the job with ErrorCode::Aborted (and stops whatever it was waiting for).
    void abort();

Q_SIGNALS:
    void finished();
    // For long transfers: bytes done and total (-1 when unknown).
    void progress(qint64 done, qint64 total);

protected:
    // Emits `finished` on the next event-loop turn, once; later calls are ignored.
    void finishLater();
    // From Job<T>'s destructor (the result still exists there): emits `finished` now unless
    // it was emitted already.
    void finishOnDestruction();
    // Called by abort(); stop inner work here (inner jobs, replies).
    virtual void onAbort() {}
    virtual void setAbortError() = 0;

private:
    bool m_finished = false;
    bool m_finishQueued = false;
};

// A job that produces a value of type T.
template<typename T>
class Job : public RegistryJob
{
public:
    explicit Job(QObject *parent = nullptr)
        : RegistryJob(parent)
    {}
    ~Job() override
    {
        if (isFinished())
            return;
        // Even a result set but not delivered yet: a receiver that went on with it would
        // touch a parent that is being destroyed.
        m_set = true;
        m_result = std::unexpected(abortedError());
        finishOnDestruction();
    }

    const Result<T> &result() const { return m_result; }
    // True once a result is set (it is delivered with `finished` on the next turn).
    bool hasResult() const { return m_set; }

    void succeed(T value)
    {
        if (!isFinished() && !m_set) {
            m_set = true;
            m_result = std::move(value);
            finishLater();
        }
    }
    void fail(RegistryError error)
    {
        if (!isFinished() && !m_set) {
            m_set = true;
            m_result = std::unexpected(std::move(error));
            finishLater();
        }
    }
    void complete(Result<T> result)
    {
        if (result)
            succeed(std::move(*result));
        else
            fail(std::move(result.error()));
    }
    // Stops `inner` when this job is aborted.
    void setInner(RegistryJob *inner) { m_inner = inner; }

protected:
    void onAbort() override
    {
        if (m_inner)
            m_inner->abort();
    }
    void setAbortError() override { fail(abortedError()); }

private:
    Result<T> m_result = std::unexpected(
        RegistryError::make(ErrorCode::Unknown, QStringLiteral("The operation has not finished.")));
    bool m_set = false;
    QPointer<RegistryJob> m_inner;
};

// Runs `then(result)` when `job` finishes, with `context` as the receiver: if `context`
// dies first, nothing runs.
template<typename T, typename F>
void onFinished(Job<T> *job, QObject *context, F &&then)
{
    QObject::connect(job, &RegistryJob::finished, context,
                     [job, fn = std::forward<F>(then)]() mutable { fn(job->result()); });
}

// A job that has failed with `error` already; it still finishes from the event loop.
template<typename T>
Job<T> *failedJob(QObject *parent, RegistryError error)
{
    auto *job = new Job<T>(parent);
    job->fail(std::move(error));
    return job;
}

// `outer` ends as `inner` ends, value or error. Aborting `outer` aborts `inner`.
template<typename T>
void completeWith(Job<T> *outer, Job<T> *inner)
{
    outer->setInner(inner);
    QObject::connect(inner, &RegistryJob::finished, outer,
                     [outer, inner] { outer->complete(inner->result()); });
}

// Chains: when `inner` finishes, `outer` completes with `map(inner result)` (map returns
// Result<U>), or with inner's error. Aborting `outer` aborts `inner`.
template<typename U, typename T, typename F>
void chain(Job<U> *outer, Job<T> *inner, F &&map)
{
    outer->setInner(inner);
    QObject::connect(inner, &RegistryJob::finished, outer,
                     [outer, inner, fn = std::forward<F>(map)]() mutable {
                         const Result<T> &r = inner->result();
                         if (!r)
                             outer->fail(r.error());
                         else
                             outer->complete(fn(*r));
                     });
}

} // namespace Berth
