// RegistryClient: manifests, blobs and blob uploads on the /v2/ API.

#include "core/mediatypes.h"
#include "core/printable.h"
#include "core/reference.h"
#include "core/sha256.h"
#include "registry/blobdownload.h"
#include "registry/clientsupport.h"
#include "registry/registrytr.h"

#include <QFileDevice>

namespace Berth {

using namespace detail;

RegistryError
detail::digestMismatch(const QString &what, const QString &expected, const QString &actual)
{
    return RegistryError::make(
        ErrorCode::DigestMismatch,
        RegistryTr::tr("%1 has digest %2, expected %3.").arg(what, actual, expected));
}

namespace {

constexpr qint64 MaxManifestSize = 4 << 20; // the OCI distribution spec's suggested limit

// `/v2/<repo>/manifests/<reference>` or `/v2/<repo>/blobs/<digest>` on the registry.
QUrl v2Url(const Connection *connection,
           const QString &repo,
           QStringView kind,
           const QString &reference)
{
    return connection->resolve(u"/v2/" + repo + u'/' + kind + u'/' + reference);
}

QStringList pushScope(const QString &repo)
{
    return repoScope(repo, QStringLiteral("pull,push"));
}

// The Docker-Content-Digest header: empty when absent, else a valid digest or INVALID_RESPONSE.
Result<QString> announcedDigest(const HttpResponse &r)
{
    const QString digest = QString::fromLatin1(r.header("Docker-Content-Digest"));
    if (digest.isEmpty() || isValidDigest(digest))
        return digest;
    return std::unexpected(RegistryError::make(
        ErrorCode::InvalidResponse,
        RegistryTr::tr(
            "The registry answered with a Docker-Content-Digest header that is not a digest: %1.")
            .arg(printableQuoted(digest)),
        r.status));
}

// What the registry says it stored under `digest` (Berth's own hash of what it sent).
Result<QString> storedAs(const HttpResponse &r, const QString &digest, const QString &what)
{
    Result<QString> stored = announcedDigest(r);
    if (!stored)
        return stored;
    if (stored->startsWith(u"sha256:") && *stored != digest)
        return std::unexpected(digestMismatch(what, digest, *stored));
    return digest;
}

// The Location of an upload answer, resolved against where the answer came from.
Result<UploadSession> sessionFrom(const HttpResponse &r)
{
    const QByteArray location = r.header("Location");
    if (location.isEmpty())
        return std::unexpected(RegistryError::make(
            ErrorCode::InvalidResponse,
            RegistryTr::tr("The registry answered the upload without a Location."), r.status));
    UploadSession session;
    session.location = r.url.resolved(QUrl::fromEncoded(location));
    // "Range: 0-<last byte>"; absent or "0-0" before any data.
    const QByteArray range = r.header("Range");
    const qsizetype dash = range.indexOf('-');
    if (dash > 0) {
        bool ok = false;
        const qint64 last = range.mid(dash + 1).trimmed().toLongLong(&ok);
        if (ok && last > 0)
            session.offset = last + 1;
    }
    return session;
}

} // namespace

Job<ManifestContent> *RegistryClient::getManifest(const QString &repo, const QString &reference)
{
    if (auto e = checkRepoReference(repo, reference))
        return failedJob<ManifestContent>(this, *e);
    HttpRequest r = HttpRequest::get(v2Url(m_connection, repo, u"manifests", reference),
                                     repoScope(repo, QStringLiteral("pull")));
    r.headers = {{"Accept", MediaType::manifestAccept()}};
    r.maxBody = MaxManifestSize;
    return mapResponse<ManifestContent>(
        this, request(r), [reference](const HttpResponse &response) -> Result<ManifestContent> {
            ManifestContent content;
            content.body = response.body;
            content.digest = Sha256::digestOf(response.body);
            content.mediaType
                = MediaType::essence(QString::fromLatin1(response.header("Content-Type")));
            const Result<QString> announced = announcedDigest(response);
            if (!announced)
                return std::unexpected(announced.error());
            if (reference.startsWith(u"sha256:") && reference != content.digest)
                return std::unexpected(digestMismatch(RegistryTr::tr("The manifest served"),
                                                      reference, content.digest));
            if (announced->startsWith(u"sha256:") && *announced != content.digest)
                return std::unexpected(digestMismatch(RegistryTr::tr("The manifest served"),
                                                      *announced, content.digest));
            return content;
        });
}

Job<std::optional<ManifestHead>> *RegistryClient::headManifest(const QString &repo,
                                                               const QString &reference)
{
    using Head = std::optional<ManifestHead>;
    if (auto e = checkRepoReference(repo, reference))
        return failedJob<Head>(this, *e);
    HttpRequest r = httpRequest("HEAD", v2Url(m_connection, repo, u"manifests", reference),
                                repoScope(repo, QStringLiteral("pull")));
    r.headers = {{"Accept", MediaType::manifestAccept()}};
    r.accept = {404};
    auto *job = new Job<Head>(this);
    RequestJob *head = request(r);
    job->setInner(head);
    connect(head, &RegistryJob::finished, job, [this, job, head, repo, reference] {
        const Result<HttpResponse> &response = head->result();
        if (!response) {
            job->fail(response.error());
            return;
        }
        if (response->status == 404) {
            job->succeed(std::nullopt);
            return;
        }
        const Result<QString> announced = announcedDigest(*response);
        if (!announced) {
            job->fail(announced.error());
            return;
        }
        ManifestHead m;
        m.digest = *announced;
        m.mediaType = MediaType::essence(QString::fromLatin1(response->header("Content-Type")));
        m.size = response->header("Content-Length").toLongLong();
        if (m.digest.startsWith(u"sha256:")) {
            job->succeed(m);
            return;
        }
        // No digest announced: read the manifest and hash it.
        Job<ManifestContent> *get = getManifest(repo, reference);
        chain(job, get, [](const ManifestContent &c) -> Result<Head> {
            return ManifestHead{c.digest, c.mediaType, c.body.size()};
        });
    });
    return job;
}

Job<QString> *RegistryClient::putManifest(const QString &repo,
                                          const QString &reference,
                                          const QByteArray &body,
                                          const QString &mediaType)
{
    if (auto e = checkRepoReference(repo, reference))
        return failedJob<QString>(this, *e);
    const QString digest = Sha256::digestOf(body);
    if (reference.startsWith(u"sha256:") && reference != digest)
        return failedJob<QString>(
            this, digestMismatch(RegistryTr::tr("The manifest"), reference, digest));
    HttpRequest r
        = httpRequest("PUT", v2Url(m_connection, repo, u"manifests", reference), pushScope(repo));
    r.body = body;
    r.headers = {{"Content-Type", mediaType.toLatin1()}};
    return mapResponse<QString>(this, request(r), [digest](const HttpResponse &response) {
        return storedAs(response, digest, RegistryTr::tr("The registry stored the manifest; it"));
    });
}

Job<Done> *RegistryClient::deleteManifest(const QString &repo, const QString &digest)
{
    return deleteByDigest(repo, u"manifests", digest);
}

Job<std::optional<qint64>> *RegistryClient::headBlob(const QString &repo, const QString &digest)
{
    using Size = std::optional<qint64>;
    if (auto e = checkRepoDigest(repo, digest))
        return failedJob<Size>(this, *e);
    HttpRequest r = httpRequest("HEAD", v2Url(m_connection, repo, u"blobs", digest),
                                repoScope(repo, QStringLiteral("pull")));
    r.accept = {404};
    return mapResponse<Size>(this, request(r), [](const HttpResponse &response) -> Result<Size> {
        if (response.status == 404)
            return std::nullopt;
        return response.header("Content-Length").toLongLong();
    });
}

Job<qint64> *RegistryClient::getBlob(const QString &repo, const QString &digest, QIODevice *sink)
{
    if (auto e = checkRepoDigest(repo, digest))
        return failedJob<qint64>(this, *e);
    return new BlobDownload(m_connection, v2Url(m_connection, repo, u"blobs", digest),
                            repoScope(repo, QStringLiteral("pull")), digest, sink, this);
}

Job<qint64> *RegistryClient::getBlobToFile(const QString &repo,
                                           const QString &digest,
                                           QFileDevice *file,
                                           qint64 size,
                                           const RangedDownloadOptions &options)
{
    if (size < options.threshold || size <= 0)
        return getBlob(repo, digest, file);
    if (auto e = checkRepoDigest(repo, digest))
        return failedJob<qint64>(this, *e);
    const BlobAddress blob{m_connection, v2Url(m_connection, repo, u"blobs", digest),
                           repoScope(repo, QStringLiteral("pull")), digest, size};
    return new ParallelDownload(blob, file, options, this);
}

Job<Done> *RegistryClient::deleteBlob(const QString &repo, const QString &digest)
{
    return deleteByDigest(repo, u"blobs", digest);
}

Job<Done> *
RegistryClient::deleteByDigest(const QString &repo, QStringView kind, const QString &digest)
{
    if (auto e = checkRepoDigest(repo, digest))
        return failedJob<Done>(this, *e);
    HttpRequest r = httpRequest("DELETE", v2Url(m_connection, repo, kind, digest),
                                repoScope(repo, QStringLiteral("delete")));
    return mapResponse<Done>(this, request(r), noContent);
}

Job<MountResult> *
RegistryClient::mountBlob(const QString &repo, const QString &from, const QString &digest)
{
    if (auto e = checkRepo(repo))
        return failedJob<MountResult>(this, *e);
    if (auto e = checkRepo(from))
        return failedJob<MountResult>(this, *e);
    if (auto e = checkDigest(digest))
        return failedJob<MountResult>(this, *e);
    QUrl url = m_connection->resolve(QStringLiteral("/v2/%1/blobs/uploads/").arg(repo));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("mount"), digest);
    query.addQueryItem(QStringLiteral("from"), from);
    url.setQuery(query);
    HttpRequest r
        = httpRequest("POST", url, pushScope(repo) + repoScope(from, QStringLiteral("pull")));
    return mapResponse<MountResult>(this, request(r),
                                    [](const HttpResponse &response) -> Result<MountResult> {
                                        MountResult result;
                                        if (response.status == 201) {
                                            result.mounted = true;
                                            return result;
                                        }
                                        Result<UploadSession> session = sessionFrom(response);
                                        if (!session)
                                            return std::unexpected(session.error());
                                        result.session = *session;
                                        return result;
                                    });
}

Job<UploadSession> *RegistryClient::startUpload(const QString &repo)
{
    if (auto e = checkRepo(repo))
        return failedJob<UploadSession>(this, *e);
    HttpRequest r = httpRequest(
        "POST", m_connection->resolve(QStringLiteral("/v2/%1/blobs/uploads/").arg(repo)),
        pushScope(repo));
    return mapResponse<UploadSession>(this, request(r), sessionFrom);
}

namespace {
// A PATCH of `length` bytes at session.offset; the caller sets the body.
HttpRequest patchRequest(const QString &repo, const UploadSession &session, qint64 length)
{
    HttpRequest r = httpRequest("PATCH", session.location, pushScope(repo));
    const qint64 last = session.offset + length - 1;
    r.headers
        = {{"Content-Type", "application/octet-stream"},
           {"Content-Range", QByteArray::number(session.offset) + '-' + QByteArray::number(last)}};
    return r;
}

// The session after a PATCH that should have brought the registry to `expected` bytes.
auto patchAnswer(qint64 expected)
{
    return [expected](const HttpResponse &response) {
        Result<UploadSession> next = sessionFrom(response);
        if (next && next->offset == 0 && expected > 0)
            next->offset = expected; // registries that omit Range
        return next;
    };
}
} // namespace

Job<UploadSession> *RegistryClient::uploadStream(const QString &repo,
                                                 const UploadSession &session,
                                                 QIODevice *body,
                                                 qint64 length)
{
    if (length < 0)
        length = body->size();
    HttpRequest r = patchRequest(repo, session, length);
    r.bodyDevice = body;
    r.bodyLength = length;
    RequestJob *patch = request(r);
    auto *job = mapResponse<UploadSession>(this, patch, patchAnswer(session.offset + length));
    connect(patch, &RegistryJob::progress, job, &RegistryJob::progress);
    return job;
}

Job<UploadSession> *RegistryClient::uploadStatus(const QString &repo, const UploadSession &session)
{
    return mapResponse<UploadSession>(
        this, request(HttpRequest::get(session.location, pushScope(repo))), sessionFrom);
}

Job<QString> *RegistryClient::completeUpload(const QString &repo,
                                             const UploadSession &session,
                                             const QString &digest,
                                             const QByteArray &lastData)
{
    if (auto e = checkDigest(digest))
        return failedJob<QString>(this, *e);
    // Appended to the query as it is: the registry's own parameters (e.g. _state) must reach
    // it byte for byte.
    QUrl url = session.location;
    const QString existing = url.query(QUrl::FullyEncoded);
    url.setQuery((existing.isEmpty() ? QString() : existing + u'&') + u"digest="
                     + QString::fromLatin1(QUrl::toPercentEncoding(digest)),
                 QUrl::StrictMode);
    HttpRequest r = httpRequest("PUT", url, pushScope(repo));
    r.body = lastData;
    r.headers = {{"Content-Type", "application/octet-stream"}};
    return mapResponse<QString>(this, request(r), [digest](const HttpResponse &response) {
        return storedAs(response, digest, RegistryTr::tr("The registry stored the blob; it"));
    });
}

Job<Done> *RegistryClient::cancelUpload(const QString &repo, const UploadSession &session)
{
    HttpRequest r = httpRequest("DELETE", session.location, pushScope(repo));
    return mapResponse<Done>(this, request(r), noContent);
}

} // namespace Berth
