// RegistryClient: ACR's /acr/v1/ attributes of repositories, tags and manifests.

#include "core/reference.h"
#include "registry/clientsupport.h"
#include "registry/registrytr.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace Berth {

using namespace detail;

namespace {

RegistryError needsAcr(const QString &what)
{
    return RegistryError::make(ErrorCode::Unsupported,
                               RegistryTr::tr("%1 needs Azure Container Registry's metadata API "
                                              "(/acr/v1/), which this registry does not offer.")
                                   .arg(what));
}

HttpRequest
patch(const QUrl &url, const QStringList &scopes, const ChangeableAttributes &attributes)
{
    HttpRequest r = httpRequest("PATCH", url, scopes);
    r.body = attributesBody(attributes);
    r.headers = {{"Content-Type", "application/json"}};
    return r;
}

// Where a registry lacks /acr/v1/: a HEAD of `reference`, its answer made into a T by
// `info`; `missing` when there is no such manifest.
template<typename T, typename F>
Job<T> *fromHead(RegistryClient *client,
                 const QString &repo,
                 const QString &reference,
                 const RegistryError &missing,
                 F info)
{
    auto *job = new Job<T>(client);
    chain(job, client->headManifest(repo, reference),
          [missing, info](const std::optional<ManifestHead> &head) -> Result<T> {
              if (!head)
                  return std::unexpected(missing);
              return info(*head);
          });
    return job;
}

} // namespace

template<typename T, typename Plain>
Job<T> *RegistryClient::readAttributes(const QString &repo,
                                       const QString &path,
                                       Result<T> (*parse)(const QByteArray &),
                                       Plain plain)
{
    return withCapabilities<T>([=, this](const Capabilities &caps) -> Job<T> * {
        if (!caps.acr)
            return plain();
        return mapResponse<T>(
            this,
            request(HttpRequest::get(m_connection->resolve(path),
                                     repoScope(repo, QStringLiteral("metadata_read")))),
            [parse](const HttpResponse &r) { return parse(r.body); });
    });
}

template<typename T>
Job<T> *RegistryClient::changeAttributes(const QString &repo,
                                         const QString &path,
                                         const ChangeableAttributes &attributes,
                                         Result<T> (*parse)(const QByteArray &))
{
    return withCapabilities<T>([=, this](const Capabilities &caps) -> Job<T> * {
        if (!caps.acr)
            return failedJob<T>(this, needsAcr(RegistryTr::tr("Changing lock attributes")));
        return mapResponse<T>(
            this,
            request(patch(m_connection->resolve(path),
                          repoScope(repo, QStringLiteral("metadata_write")), attributes)),
            [parse](const HttpResponse &r) { return parse(r.body); });
    });
}

Job<RepositoryInfo> *RegistryClient::getRepository(const QString &repo)
{
    if (auto e = checkRepo(repo))
        return failedJob<RepositoryInfo>(this, *e);
    return readAttributes<RepositoryInfo>(
        repo, QStringLiteral("/acr/v1/%1").arg(repo), parseRepositoryAttributes, [=, this] {
            // What a plain registry can say: the name and how many tags it has.
            auto *job = new Job<RepositoryInfo>(this);
            chain(job, listTags(repo),
                  [this, repo](const QList<TagInfo> &tags) -> Result<RepositoryInfo> {
                      RepositoryInfo info;
                      info.registry = registryHost();
                      info.name = repo;
                      info.tagCount = int(tags.size());
                      info.json = {{QStringLiteral("registry"), info.registry},
                                   {QStringLiteral("imageName"), repo},
                                   {QStringLiteral("tagCount"), info.tagCount}};
                      return info;
                  });
            return job;
        });
}

Job<RepositoryInfo> *RegistryClient::updateRepository(const QString &repo,
                                                      const ChangeableAttributes &attributes)
{
    if (auto e = checkRepo(repo))
        return failedJob<RepositoryInfo>(this, *e);
    return changeAttributes<RepositoryInfo>(repo, QStringLiteral("/acr/v1/%1").arg(repo),
                                            attributes, parseRepositoryAttributes);
}

Job<QJsonObject> *RegistryClient::deleteRepository(const QString &repo)
{
    if (auto e = checkRepo(repo))
        return failedJob<QJsonObject>(this, *e);
    return withCapabilities<QJsonObject>([=, this](const Capabilities &caps) -> Job<QJsonObject> * {
        if (!caps.acr)
            return failedJob<QJsonObject>(this,
                                          needsAcr(RegistryTr::tr("Deleting a whole repository")));
        return mapResponse<QJsonObject>(
            this,
            request(httpRequest("DELETE",
                                m_connection->resolve(QStringLiteral("/acr/v1/%1").arg(repo)),
                                repoScope(repo, QStringLiteral("delete")))),
            [](const HttpResponse &r) -> Result<QJsonObject> {
                return QJsonDocument::fromJson(r.body).object(); // the lists of what went
            });
    });
}

Job<TagInfo> *RegistryClient::getTag(const QString &repo, const QString &tag)
{
    if (auto e = checkRepoTag(repo, tag))
        return failedJob<TagInfo>(this, *e);
    return readAttributes<TagInfo>(
        repo, QStringLiteral("/acr/v1/%1/_tags/%2").arg(repo, tag), parseTagAttributes, [=, this] {
            return fromHead<TagInfo>(
                this, repo, tag,
                RegistryError::make(ErrorCode::TagUnknown,
                                    RegistryTr::tr("%1 has no tag %2.").arg(repo, tag), 404),
                [tag](const ManifestHead &head) {
                    TagInfo info;
                    info.name = tag;
                    info.digest = head.digest;
                    info.json
                        = {{QStringLiteral("name"), tag}, {QStringLiteral("digest"), head.digest}};
                    return info;
                });
        });
}

Job<TagInfo> *RegistryClient::updateTag(const QString &repo,
                                        const QString &tag,
                                        const ChangeableAttributes &attributes)
{
    if (auto e = checkRepoTag(repo, tag))
        return failedJob<TagInfo>(this, *e);
    return changeAttributes<TagInfo>(repo, QStringLiteral("/acr/v1/%1/_tags/%2").arg(repo, tag),
                                     attributes, parseTagAttributes);
}

Job<Done> *RegistryClient::deleteTag(const QString &repo, const QString &tag)
{
    if (auto e = checkRepoTag(repo, tag))
        return failedJob<Done>(this, *e);
    return withCapabilities<Done>([=, this](const Capabilities &caps) {
        // Plain registries have no tag delete of their own; OCI 1.1 allows DELETE by tag.
        const QString path = caps.acr ? QStringLiteral("/acr/v1/%1/_tags/%2").arg(repo, tag)
                                      : QStringLiteral("/v2/%1/manifests/%2").arg(repo, tag);
        auto *job = new Job<Done>(this);
        RequestJob *r = request(httpRequest("DELETE", m_connection->resolve(path),
                                            repoScope(repo, QStringLiteral("delete"))));
        job->setInner(r);
        connect(r, &RegistryJob::finished, job, [=, this] {
            const Result<HttpResponse> &response = r->result();
            // OCI: a registry that does not delete tags answers 400 or 405.
            const int status = response ? 0 : response.error().httpStatus;
            if (!caps.acr && (status == 400 || status == 405)) {
                Job<Done> *explained = untagRefused(repo, tag, response.error());
                completeWith(job, explained);
                return;
            }
            if (!response)
                job->fail(response.error());
            else
                job->succeed(Done{});
        });
        return job;
    });
}

Job<ManifestInfo> *RegistryClient::getManifestInfo(const QString &repo, const QString &digest)
{
    if (auto e = checkRepoDigest(repo, digest))
        return failedJob<ManifestInfo>(this, *e);
    return readAttributes<ManifestInfo>(
        repo, QStringLiteral("/acr/v1/%1/_manifests/%2").arg(repo, digest), parseManifestAttributes,
        [=, this] {
            return fromHead<ManifestInfo>(
                this, repo, digest,
                RegistryError::make(ErrorCode::ManifestUnknown,
                                    RegistryTr::tr("%1 has no manifest %2.").arg(repo, digest),
                                    404),
                [](const ManifestHead &head) {
                    ManifestInfo info;
                    info.digest = head.digest;
                    info.mediaType = head.mediaType;
                    info.imageSize = head.size;
                    info.json = {{QStringLiteral("digest"), info.digest},
                                 {QStringLiteral("mediaType"), info.mediaType}};
                    return info;
                });
        });
}

Job<ManifestInfo> *RegistryClient::updateManifestInfo(const QString &repo,
                                                      const QString &digest,
                                                      const ChangeableAttributes &attributes)
{
    if (auto e = checkRepoDigest(repo, digest))
        return failedJob<ManifestInfo>(this, *e);
    return changeAttributes<ManifestInfo>(
        repo, QStringLiteral("/acr/v1/%1/_manifests/%2").arg(repo, digest), attributes,
        parseManifestAttributes);
}

} // namespace Berth
