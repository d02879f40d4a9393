// Blob uploads: start (plain, monolithic, cross-repository mount), chunked PATCH with
// Content-Range, status, completion with digest check, cancel. Locations and headers as in
// StartBlobUpload.json / GetBlobStatus.json / EndBlobUpload.json and the ACR recordings:
//   Location: /v2/<name>/blobs/uploads/<uuid>?_nouploadcache=false&_state=<opaque>
//   Range: 0-<last byte> ("0-0" before the first byte), Docker-Upload-UUID: <uuid>

#include "emulator/emulatorhandler.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>

namespace Berth::Emu {

namespace {

QByteArray rangeOf(const UploadSession &session)
{
    return session.data.isEmpty() ? QByteArray("0-0")
                                  : "0-" + QByteArray::number(session.data.size() - 1);
}

Response blobUploadInvalid()
{
    return errorResponse(400, QStringLiteral("BLOB_UPLOAD_INVALID"),
                         QStringLiteral("blob upload invalid"));
}

} // namespace

Response Handler::uploads(const Request &request, const QString &name, const QString &uuid)
{
    if (uuid.isEmpty()) {
        if (request.method != "POST")
            return unsupported();
        return startUpload(request, name);
    }
    if (auto refused = authorize({{QStringLiteral("repository"), name, QStringLiteral("push")}},
                                 {u"repository:" + name + u":pull,push"})) {
        return *refused;
    }
    UploadSession *session = m_store.upload(uuid);
    if (!session || session->repository != name)
        return blobUploadUnknown();
    if (request.method == "GET" || request.method == "HEAD")
        return uploadSessionResponse(emptyResponse(204), *session);
    if (request.method == "DELETE") {
        m_store.removeUpload(uuid);
        return emptyResponse(204);
    }
    if (request.method != "PATCH" && request.method != "PUT")
        return unsupported();
    if (auto refused = checkState(request, *session))
        return *refused;
    if (request.method == "PATCH") {
        if (auto refused = appendChunk(request, *session))
            return *refused;
        return uploadSessionResponse(emptyResponse(202), *session);
    }
    const QString digest = request.queryValue(QStringLiteral("digest"));
    if (!Store::isValidDigest(digest))
        return digestInvalid(QStringLiteral("invalid digest"));
    if (!request.body.isEmpty() || !request.header("content-range").isEmpty()) {
        if (auto refused = appendChunk(request, *session))
            return *refused;
    }
    const QByteArray data = session->data;
    m_store.removeUpload(uuid); // distribution cancels the upload when the commit fails
    if (Store::digestOf(data, digest.section(u':', 0, 0)) != digest)
        return digestInvalid(QStringLiteral("provided digest did not match uploaded content"));
    m_store.addBlob(name, data, digest);
    return blobCreated(name, digest);
}

Response Handler::startUpload(const Request &request, const QString &name)
{
    const QString from = request.queryValue(QStringLiteral("from"));
    const QString mount = request.queryValue(QStringLiteral("mount"));
    const bool mounting = !from.isEmpty() && !mount.isEmpty();
    QStringList scopes{u"repository:" + name + u":pull,push"};
    if (mounting && from != name)
        scopes.append(u"repository:" + from + u":pull");
    if (auto refused
        = authorize({{QStringLiteral("repository"), name, QStringLiteral("push")}}, scopes))
        return *refused;
    if (!Store::isValidRepositoryName(name))
        return errorResponse(400, QStringLiteral("NAME_INVALID"),
                             QStringLiteral("invalid repository name"));

    if (mounting) {
        // Mounted when the blob is in `from` and the caller may pull from there; otherwise
        // the registry quietly opens an ordinary upload session (202), as distribution does.
        const Repository *source = m_store.repository(from);
        if (m_config.mountBlobs && Store::isValidDigest(mount)
            && m_caller.can(QStringLiteral("repository"), from, QStringLiteral("pull"))
            && m_store.isLinked(from, mount) && source->attributes.readEnabled) {
            m_store.link(name, mount);
            return blobCreated(name, mount);
        }
    } else if (request.hasQuery(QStringLiteral("digest"))) {
        // Monolithic upload: the whole blob in the POST body.
        const QString digest = request.queryValue(QStringLiteral("digest"));
        if (!Store::isValidDigest(digest))
            return digestInvalid(QStringLiteral("invalid digest"));
        if (Store::digestOf(request.body, digest.section(u':', 0, 0)) != digest)
            return digestInvalid(QStringLiteral("provided digest did not match uploaded content"));
        m_store.addBlob(name, request.body, digest);
        return blobCreated(name, digest);
    }
    m_store.ensureRepository(name);
    return uploadSessionResponse(emptyResponse(202), m_store.createUpload(name));
}

Response Handler::uploadSessionResponse(Response response, const UploadSession &session) const
{
    response.setHeader("Location", uploadLocation(session).toUtf8());
    response.setHeader("Range", rangeOf(session));
    response.setHeader("Docker-Upload-UUID", session.uuid.toLatin1());
    return response;
}

Response Handler::rangeInvalid(const UploadSession &session) const
{
    return uploadSessionResponse(errorResponse(416, QStringLiteral("RANGE_INVALID"),
                                               QStringLiteral("invalid content range")),
                                 session);
}

// `_state` is what distribution (and ACR) put there: a MAC followed by the JSON
// {"Name","UUID","Offset","StartedAt"}, base64url with padding, then percent-encoded.
QString Handler::uploadLocation(const UploadSession &session) const
{
    const QJsonObject state{
        {QStringLiteral("Name"), session.repository},
        {QStringLiteral("UUID"), session.uuid},
        {QStringLiteral("Offset"), session.data.size()},
        {QStringLiteral("StartedAt"), Store::formatTime(session.started)},
    };
    const QByteArray json = QJsonDocument(state).toJson(QJsonDocument::Compact);
    const QByteArray mac
        = QMessageAuthenticationCode::hash(json, m_stateKey, QCryptographicHash::Sha256);
    const QByteArray token = QByteArray(mac + json).toBase64(QByteArray::Base64UrlEncoding);
    return u"/v2/" + session.repository + u"/blobs/uploads/" + session.uuid
           + u"?_nouploadcache=false&_state="
           + QString::fromLatin1(QUrl::toPercentEncoding(QString::fromLatin1(token)));
}

// A Location that is not the latest one the registry gave out (its offset is stale) is
// refused like a chunk at the wrong offset: 416 with the current Range.
std::optional<Response> Handler::checkState(const Request &request,
                                            const UploadSession &session) const
{
    if (!request.hasQuery(QStringLiteral("_state")))
        return std::nullopt;
    const auto decoded = QByteArray::fromBase64Encoding(
        request.queryValue(QStringLiteral("_state")).toLatin1(), QByteArray::Base64UrlEncoding);
    if (!decoded || decoded.decoded.size() <= 32)
        return blobUploadInvalid();
    const QByteArray mac = decoded.decoded.left(32);
    const QByteArray json = decoded.decoded.mid(32);
    if (QMessageAuthenticationCode::hash(json, m_stateKey, QCryptographicHash::Sha256) != mac)
        return blobUploadInvalid();
    const QJsonObject state = QJsonDocument::fromJson(json).object();
    if (state.value(u"Name").toString() != session.repository
        || state.value(u"UUID").toString() != session.uuid)
        return blobUploadInvalid();
    if (state.value(u"Offset").toInteger(-1) != session.data.size()) {
        return rangeInvalid(session);
    }
    return std::nullopt;
}

// Content-Range "<start>-<end>" (optionally "bytes " and "/<total>"): start must be the
// current offset (else 416 with the current Range) and the body must fill the range
// exactly. Without Content-Range the body is appended (a streamed upload).
std::optional<Response> Handler::appendChunk(const Request &request, UploadSession &session) const
{
    QByteArray range = request.header("content-range").trimmed();
    if (!range.isEmpty()) {
        if (range.startsWith("bytes"))
            range = range.mid(5).trimmed();
        range = range.split('/').first().trimmed();
        const qsizetype dash = range.indexOf('-');
        bool startOk = false;
        bool endOk = false;
        const qint64 start = range.left(dash).toLongLong(&startOk);
        const qint64 end = range.mid(dash + 1).toLongLong(&endOk);
        if (dash <= 0 || !startOk || !endOk || start != session.data.size() || end < start) {
            return rangeInvalid(session);
        }
        if (end - start + 1 != request.body.size()) {
            return errorResponse(400, QStringLiteral("SIZE_INVALID"),
                                 QStringLiteral("provided length did not match content length"));
        }
    }
    session.data.append(request.body);
    return std::nullopt;
}

Response Handler::blobCreated(const QString &name, const QString &digest) const
{
    Response response = emptyResponse(201);
    response.setHeader("Location", (u"/v2/" + name + u"/blobs/" + digest).toUtf8());
    response.setHeader("Docker-Content-Digest", digest.toLatin1());
    return response;
}

} // namespace Berth::Emu
