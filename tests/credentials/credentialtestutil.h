#pragma once

// Waiting for credential jobs in tests, and reading back what they wrote.

#include "core/job.h"

#include <QFile>
#include <QObject>
#include <QTest>

#include <optional>

namespace Berth::Test {

// The bytes of the file at `path` (empty when it cannot be read).
inline QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Waits (bounded) for `job` and returns its result; a job that never finishes gives a
// TIMEOUT error. The result is copied inside the slot: the job deletes itself afterwards.
template<typename T>
Result<T> awaitJob(Job<T> *job, int timeoutMs = 30000)
{
    QObject context;
    std::optional<Result<T>> result;
    QObject::connect(job, &RegistryJob::finished, &context,
                     [job, &result] { result = job->result(); });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, timeoutMs)) {
        return std::unexpected(RegistryError::make(
            ErrorCode::Timeout, QStringLiteral("The job did not finish within the test's limit.")));
    }
    return *result;
}

// The error code of a result, or an empty string when it succeeded.
template<typename T>
QString errorCode(const Result<T> &result)
{
    return result ? QString() : result.error().code;
}

// The error message of a result, or an empty string when it succeeded.
template<typename T>
QString errorMessage(const Result<T> &result)
{
    return result ? QString() : result.error().message;
}

} // namespace Berth::Test
