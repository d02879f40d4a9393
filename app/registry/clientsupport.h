#pragma once

// Private to RegistryClient's implementation files.

#include "registry/registryclient.h"
#include "registry/requestjob.h"

#include <QUrlQuery>

namespace Berth::detail {

inline QStringList repoScope(const QString &repo, const QString &actions)
{
    return {QStringLiteral("repository:%1:%2").arg(repo, actions)};
}

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

// One entry per digest, their tags merged (on /v2/ a manifest may come on several tag pages).
QList<ManifestInfo> mergedByDigest(const QList<ManifestInfo> &manifests);

} // namespace Berth::detail

namespace Berth {

// Runs `then(capabilities)` (returning Job<T>*) once the registry's capabilities are known,
// probing with check() first if they are not.
template<typename T, typename F>
Job<T> *RegistryClient::withCapabilities(F &&then)
{
    if (m_capabilities)
        return then(*m_capabilities);
    auto *job = new Job<T>(this);
    Job<Capabilities> *probe = check();
    job->setInner(probe);
    connect(probe, &RegistryJob::finished, job, [job, probe, fn = std::forward<F>(then)]() mutable {
        if (!probe->result()) {
            job->fail(probe->result().error());
            return;
        }
        Job<T> *inner = fn(*probe->result());
        completeWith(job, inner);
    });
    return job;
}

} // namespace Berth
