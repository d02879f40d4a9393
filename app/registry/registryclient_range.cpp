// RegistryClient: a part of a blob (GET with Range), for copies that stream a blob from one
// registry to another a bounded piece at a time.

#include "registry/clientsupport.h"
#include "registry/registrytr.h"

namespace Berth {

using namespace detail;

Job<int> *RegistryClient::getBlobRange(
    const QString &repo, const QString &digest, qint64 offset, qint64 length, QIODevice *sink)
{
    if (auto e = checkRepoDigest(repo, digest))
        return failedJob<int>(this, *e);
    if (offset < 0 || length <= 0)
        return failedJob<int>(this, badArgument(RegistryTr::tr("An empty or negative range.")));
    HttpRequest r = HttpRequest::get(
        m_connection->resolve(QStringLiteral("/v2/%1/blobs/%2").arg(repo, digest)),
        repoScope(repo, QStringLiteral("pull")));
    r.headers = {{"Range", "bytes=" + QByteArray::number(offset) + '-'
                               + QByteArray::number(offset + length - 1)}};
    r.sink = sink;
    RequestJob *get = request(r);
    auto *job = new Job<int>(this);
    connect(get, &RegistryJob::progress, job, &RegistryJob::progress);
    chain(job, get, [](const HttpResponse &response) -> Result<int> { return response.status; });
    return job;
}

} // namespace Berth
