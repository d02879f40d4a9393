#pragma once

// Shared by the client's integration tests: make a client, wait for a job.

#include "registry/registryclient.h"

#include <QEventLoop>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <memory>

namespace Berth::Test {

// Waits (bounded) for a job and returns a copy of its result. A job always finishes from
// the event loop, so connecting after creating it never misses the signal.
template<typename T>
Result<T> await(Job<T> *job, int timeoutMs = 20000)
{
    Result<T> result = std::unexpected(
        RegistryError::make(ErrorCode::Timeout, QStringLiteral("test: job did not finish")));
    QEventLoop loop;
    QObject::connect(job, &RegistryJob::finished, &loop, [&result, &loop, job] {
        result = job->result();
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    return result;
}

inline std::unique_ptr<RegistryClient> makeClient(const QUrl &registry,
                                                  const Credentials &credentials = {},
                                                  const QString &caFile = {},
                                                  int timeoutMs = 10000)
{
    ConnectionSettings settings;
    settings.registry = *normalizeRegistryUrl(registry.toString(), false);
    settings.credentials = credentials;
    settings.caFile = caFile;
    settings.timeoutMs = timeoutMs;
    Result<RegistryClient *> client = RegistryClient::create(settings);
    if (!client)
        qFatal("cannot create client: %s", qPrintable(client.error().message));
    return std::unique_ptr<RegistryClient>(*client);
}

} // namespace Berth::Test

// Evaluates `expr` once (it is often an await()) and fails with the error's code and message.
#define BERTH_VERIFY_OK(expr)                                                                      \
    do {                                                                                           \
        const auto &berthResult_ = (expr);                                                         \
        QVERIFY2(bool(berthResult_), berthResult_ ? ""                                             \
                                                  : qPrintable(berthResult_.error().code + u": "   \
                                                               + berthResult_.error().message));   \
    } while (false)
