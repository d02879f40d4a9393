// The distribution (/v2/) side of the emulator: catalog, tag list, manifests and blobs.

#include "emulator/emulatorhandler.h"
#include "emulator/emulatormanifest.h"
#include "emulator/emulatormediatypes.h"

#include <QJsonArray>

namespace Berth::Emu {

namespace {

bool isOci(const QString &mediaType)
{
    return mediaType == MediaType::OciManifest || mediaType == MediaType::OciIndex;
}

bool acceptsExactly(const QByteArray &accept, const QString &mediaType)
{
    for (const QByteArray &entry : accept.split(',')) {
        if (QString::fromLatin1(entry.split(';').first().trimmed()) == mediaType)
            return true;
    }
    return false;
}

// The page of a /v2/ listing: the names in `map` (sorted) after `last` whose item is
// listed, `n` at most; `more` when another listed name follows.
template<typename Map, typename Listed>
QJsonArray namesAfter(const Map &map, const QString &last, int n, Listed listed, bool &more)
{
    QJsonArray names;
    more = false;
    for (auto it = last.isEmpty() ? map.constBegin() : map.upperBound(last); it != map.constEnd();
         ++it) {
        if (!listed(*it))
            continue;
        if (names.size() == n) {
            more = true;
            break;
        }
        names.append(it.key());
    }
    return names;
}

} // namespace

bool Handler::canWriteTag(const Repository &repository, const QString &tag)
{
    const auto it = repository.tags.constFind(tag);
    return it == repository.tags.constEnd() || it->attributes.writeEnabled;
}

bool Handler::canDeleteManifest(const Repository &repository, const ManifestRecord &manifest)
{
    auto open = [](const Attributes &a) {
        return a.deleteEnabled && a.writeEnabled;
    };
    if (!open(repository.attributes) || !open(manifest.attributes))
        return false;
    for (const TagRecord &tag : repository.tags) {
        if (tag.digest == manifest.digest && !open(tag.attributes))
            return false;
    }
    return true;
}

Response Handler::catalog(const Request &request)
{
    if (auto refused
        = authorize({{QStringLiteral("registry"), QStringLiteral("catalog"), QStringLiteral("*")}},
                    {QStringLiteral("registry:catalog:*")})) {
        return *refused;
    }
    Page page;
    if (auto bad = parsePage(request, page))
        return *bad;
    bool more = false;
    const QJsonArray names = namesAfter(
        m_store.repositories(), page.last, page.n,
        [](const Repository &r) { return r.visible && r.attributes.listEnabled; }, more);
    Response response = jsonResponse(200, {{QStringLiteral("repositories"), names}});
    if (more)
        addNextLink(response, request, page, names.last().toString());
    return response;
}

Response Handler::tagsList(const Request &request, const QString &name)
{
    const auto listed = listing(request, name, "pull");
    if (!listed)
        return listed.error();
    const auto [repository, page] = *listed;
    bool more = false;
    const QJsonArray tags = namesAfter(
        repository->tags, page.last, page.n,
        [](const TagRecord &t) { return t.attributes.listEnabled; }, more);
    Response response
        = jsonResponse(200, {{QStringLiteral("name"), name}, {QStringLiteral("tags"), tags}});
    if (more)
        addNextLink(response, request, page, tags.last().toString());
    return response;
}

Response Handler::manifest(const Request &request, const QString &name, const QString &reference)
{
    if (request.method == "GET" || request.method == "HEAD")
        return getManifest(request, name, reference);
    if (request.method == "PUT")
        return putManifest(request, name, reference);
    if (request.method == "DELETE")
        return deleteManifest(name, reference);
    return unsupported();
}

Response Handler::getManifest(const Request &request, const QString &name, const QString &reference)
{
    const auto found = repositoryFor(name, "pull");
    if (!found)
        return found.error();
    Repository *repository = *found;
    const bool byDigest = reference.contains(u':');
    if (byDigest && !Store::isValidDigest(reference))
        return digestInvalid(QStringLiteral("provided digest did not match uploaded content"));
    const ManifestRecord *manifest = Store::resolve(*repository, reference);
    if (!manifest)
        return manifestUnknown();
    const bool tagReadable = byDigest || repository->tags.value(reference).attributes.readEnabled;
    if (!repository->attributes.readEnabled || !manifest->attributes.readEnabled || !tagReadable)
        return disallowed();
    // ACR serves an OCI manifest only to a client that names its media type in Accept; even
    // "*/*" is not enough (Azure/acr pull request #764 quotes the service's answer).
    if (isOci(manifest->mediaType)
        && !acceptsExactly(request.header("accept"), manifest->mediaType)) {
        const bool index = manifest->mediaType == MediaType::OciIndex;
        return errorResponse(
            404, QStringLiteral("MANIFEST_UNKNOWN"),
            index
                ? QStringLiteral("OCI index found, but accept header does not support OCI indexes")
                : QStringLiteral(
                    "OCI manifest found, but accept header does not support OCI manifests"));
    }
    Response response;
    response.setHeader("Content-Type", manifest->mediaType.toLatin1());
    response.setHeader("Docker-Content-Digest", manifest->digest.toLatin1());
    response.setHeader("ETag", '"' + manifest->digest.toLatin1() + '"');
    response.body = manifest->body;
    return response;
}

Response Handler::putManifest(const Request &request, const QString &name, const QString &reference)
{
    if (auto refused = authorize({{QStringLiteral("repository"), name, QStringLiteral("push")}},
                                 {u"repository:" + name + u":pull,push"})) {
        return *refused;
    }
    if (!Store::isValidRepositoryName(name))
        return errorResponse(400, QStringLiteral("NAME_INVALID"),
                             QStringLiteral("invalid repository name"));
    const bool byDigest = reference.contains(u':');
    if (byDigest && !Store::isValidDigest(reference))
        return digestInvalid(QStringLiteral("provided digest did not match uploaded content"));
    if (!byDigest && !Store::isValidTag(reference))
        return errorResponse(400, QStringLiteral("TAG_INVALID"),
                             QStringLiteral("manifest tag did not match URI"));
    if (const Repository *existing = m_store.repository(name)) {
        if (!existing->attributes.writeEnabled || (!byDigest && !canWriteTag(*existing, reference)))
            return disallowed();
    }
    ManifestCheck check
        = analyseManifest(m_store, name, request.body, request.header("content-type"));
    if (!check.ok)
        return check.error;
    const QString digest = check.record.digest;
    if (byDigest && digest != reference)
        return digestInvalid(QStringLiteral("provided digest did not match uploaded content"));
    Repository &repository = m_store.ensureRepository(name);
    const auto existing = repository.manifests.constFind(digest);
    if (byDigest && existing != repository.manifests.constEnd()
        && !existing->attributes.writeEnabled)
        return disallowed();
    m_store.storeManifest(repository, std::move(check.record), byDigest ? QString() : reference);
    Response response = emptyResponse(201);
    response.setHeader("Docker-Content-Digest", digest.toLatin1());
    response.setHeader("Location", (u"/v2/" + name + u"/manifests/" + digest).toUtf8());
    return response;
}

Response Handler::deleteManifest(const QString &name, const QString &reference)
{
    const auto found = repositoryFor(name, "delete");
    if (!found)
        return found.error();
    Repository *repository = *found;
    // "A manifest can _only_ be deleted by digest" (the 2021-07-01 spec's DeleteManifest).
    if (!reference.contains(u':')) {
        return errorResponse(400, QStringLiteral("UNSUPPORTED"),
                             QStringLiteral("The operation is unsupported."));
    }
    if (!Store::isValidDigest(reference))
        return digestInvalid(QStringLiteral("provided digest did not match uploaded content"));
    const auto it = repository->manifests.constFind(reference);
    if (it == repository->manifests.constEnd())
        return manifestUnknown();
    if (!canDeleteManifest(*repository, *it))
        return disallowed();
    m_store.removeManifest(*repository, reference);
    return emptyResponse(202);
}

Response Handler::blob(const Request &request, const QString &name, const QString &digest)
{
    const bool read = request.method == "GET" || request.method == "HEAD";
    if (!read && request.method != "DELETE")
        return unsupported();
    const QString action = read ? QStringLiteral("pull") : QStringLiteral("delete");
    if (auto refused = authorize({{QStringLiteral("repository"), name, action}},
                                 {u"repository:" + name + u':' + action})) {
        return *refused;
    }
    if (!Store::isValidDigest(digest))
        return digestInvalid(QStringLiteral("invalid digest"));
    if (!m_store.isLinked(name, digest))
        return blobUnknown(digest);
    const Repository *repository = m_store.repository(name);
    if (!read) {
        if (!repository->attributes.deleteEnabled || !repository->attributes.writeEnabled)
            return disallowed();
        m_store.unlink(name, digest);
        Response response = emptyResponse(202);
        response.setHeader("Docker-Content-Digest", digest.toLatin1());
        return response;
    }
    if (!repository->attributes.readEnabled)
        return disallowed();
    if (request.method == "GET" && m_config.blobRedirect) {
        // As recorded from ACR: 307 to a storage URL on another host, a small HTML body.
        const QString location = storageLocation(digest);
        Response response = emptyResponse(307);
        response.setHeader("Content-Type", "text/html; charset=utf-8");
        response.setHeader("Docker-Content-Digest", digest.toLatin1());
        response.setHeader("Location", location.toUtf8());
        response.body = "<a href=\"" + location.toUtf8().replace("&", "&amp;")
                        + "\">Temporary Redirect</a>.\n\n";
        return response;
    }
    return blobContent(request, *m_store.blobData(digest), digest);
}

// 200 with the whole blob, or 206 for one "bytes=a-b" range (GetBlobChunk.json: Range
// bytes=0-299 -> 206, Content-Range "bytes 0-299/5635").
Response
Handler::blobContent(const Request &request, const QByteArray &data, const QString &digest) const
{
    Response response;
    response.setHeader("Content-Type", "application/octet-stream");
    response.setHeader("Docker-Content-Digest", digest.toLatin1());
    response.setHeader("ETag", '"' + digest.toLatin1() + '"');
    response.setHeader("Accept-Ranges", "bytes");
    const QByteArray range = request.header("range").trimmed();
    if (!m_config.honourRanges || !range.startsWith("bytes=") || range.contains(',')) {
        response.body = data;
        return response;
    }
    const qint64 total = data.size();
    const QByteArray spec = range.mid(6).trimmed();
    const qsizetype dash = spec.indexOf('-');
    bool startOk = false;
    bool endOk = false;
    qint64 start = spec.left(dash).toLongLong(&startOk);
    qint64 end = spec.mid(dash + 1).toLongLong(&endOk);
    if (dash < 0 || (!startOk && !endOk)) {
        response.body = data;
        return response;
    }
    if (!startOk) { // "bytes=-N": the last N bytes
        start = std::max<qint64>(0, total - end);
        end = total - 1;
    } else if (!endOk) {
        end = total - 1;
    }
    end = std::min(end, total - 1);
    if (start < 0 || start >= total || end < start) {
        Response refused = emptyResponse(416);
        refused.setHeader("Content-Range", "bytes */" + QByteArray::number(total));
        return refused;
    }
    response.status = 206;
    response.setHeader("Content-Range", "bytes " + QByteArray::number(start) + '-'
                                            + QByteArray::number(end) + '/'
                                            + QByteArray::number(total));
    response.body = data.mid(start, end - start + 1);
    return response;
}

} // namespace Berth::Emu
