#pragma once

// Private to RegistryClient's implementation files.

#include "core/retrypolicy.h"
#include "registry/registryclient.h"
#include "registry/requestjob.h"

#include <QTimer>
#include <QUrlQuery>

namespace Berth::detail {

inline QStringList repoScope(const QString &repo, const QString &actions)
{
    return {QStringLiteral("repository:%1:%2").arg(repo, actions)};
}

// DIGEST_MISMATCH: "<what> has digest <actual>, expected <expected>."
RegistryError digestMismatch(const QString &what, const QString &expected, const QString &actual);

inline QStringList catalogScope()
{
    return {QStringLiteral("registry:catalog:*")};
}

// Runs `request` and completes a Job<T> with `parse(response)` (returning Result<T>).
template<typename T, typename F>
Job<T> *mapResponse(QObject *parent, RequestJob *request, F &&parse)
{
    auto *job = new Job<T>(parent);
    chain(job, request, std::forward<F>(parse));
    return job;
}

inline RegistryError badArgument(const QString &message)
{
    return RegistryError::make(ErrorCode::InvalidArgument, message);
}

// Validation shared by the operations; an empty optional means valid.
std::optional<RegistryError> checkRepo(const QString &repo);
std::optional<RegistryError> checkDigest(const QString &digest);
std::optional<RegistryError> checkReference(const QString &reference); // tag or digest
std::optional<RegistryError> checkRepoDigest(const QString &repo, const QString &digest);
std::optional<RegistryError> checkRepoTag(const QString &repo, const QString &tag);
std::optional<RegistryError> checkRepoReference(const QString &repo, const QString &reference);

// A request of `method` (GET, HEAD, PUT, ...) to `url` with the token scopes it needs.
inline HttpRequest httpRequest(const QByteArray &method, const QUrl &url, const QStringList &scopes)
{
    HttpRequest r = HttpRequest::get(url, scopes);
    r.method = method;
    return r;
}

// For operations whose answer carries nothing but success.
inline Result<Done> noContent(const HttpResponse &)
{
    return Done{};
}

QByteArray attributesBody(const ChangeableAttributes &attributes);

// A 404 that is no registry's answer about a repository, tag or manifest (those say
// NAME_UNKNOWN, TAG_UNKNOWN, ...): the path does not exist there. Asked of /acr/v1/, it says the
// registry has no ACR metadata API (CNCF distribution answers "404 page not found").
bool isMissingAcrApi(const RegistryError &error);

// A download going on after `error` (BlobDownload, RangeFetch): calls `attempt` after the
// delay RetryPolicy::forDownload gives, counting it in *retries (reset first when the failed
// attempt made progress), unless `job` has finished by then; or fails `job` with `error`
// when that is not worth another attempt or the budget is spent.
template<typename T, typename F>
void retryDownload(
    Job<T> *job, int *retries, bool progressed, const RegistryError &error, F attempt)
{
    const RetryPolicy policy = RetryPolicy::forDownload();
    if (progressed)
        *retries = 0;
    if (!policy.isRetryable(error) || !policy.allows(*retries + 1)) {
        job->fail(error);
        return;
    }
    QTimer::singleShot(policy.delayMs(++*retries, error), job, [job, attempt] {
        if (!job->isFinished() && !job->hasResult())
            attempt();
    });
}

// One entry per digest, their tags merged (on /v2/ a manifest may come on several tag pages).
QList<ManifestInfo> mergedByDigest(const QList<ManifestInfo> &manifests);

} // namespace Berth::detail

namespace Berth {

// Runs `then(capabilities)` (returning Job<T>*) with the registry's capabilities. Not known
// yet, it asks nothing first: `then` runs the ACR way (or the way assumeFacts() remembered),
// and its answer tells. A 404 that is no registry's "unknown" (see isMissingAcrApi) means
// there is no /acr/v1/: remembered, and `then` runs again the /v2/ way; so it does when a
// call inside `then` found that out (a composite operation's answer, half ACR and half /v2/,
// would be wrong: indexesReferencing would find no index). A success the ACR way means ACR's
// API is there.
template<typename T, typename F>
Job<T> *RegistryClient::withCapabilities(F &&then)
{
    if (m_capabilities)
        return then(*m_capabilities);
    auto fn = std::make_shared<std::decay_t<F>>(std::forward<F>(then));
    Capabilities assumed;
    assumed.acr = m_assumedAcr.value_or(true);
    assumed.auth = Authenticator::Mode::Unknown;
    Job<T> *first = (*fn)(assumed);
    if (!assumed.acr)
        return first; // remembered as plain OCI: nothing to learn from the answer
    auto *job = new Job<T>(this);
    job->setInner(first);
    connect(first, &RegistryJob::finished, job, [this, job, first, fn] {
        const Result<T> &answer = first->result();
        if (!answer && detail::isMissingAcrApi(answer.error()))
            learnAcr(false);
        else if (answer)
            learnAcr(true);
        if (!m_capabilities || m_capabilities->acr) {
            job->complete(answer);
            return;
        }
        completeWith(job, (*fn)(*m_capabilities));
    });
    return job;
}

} // namespace Berth
