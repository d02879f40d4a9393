// Core of the emulator's request handling: caller identification, the Bearer challenge,
// paging parameters and Link headers, and routing by hand.

#include "emulator/emulatorhandler.h"

#include <QDateTime>
#include <QJsonArray>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>

namespace Berth::Emu {

QString Config::service() const
{
    return loginServer.isEmpty() ? QStringLiteral("127.0.0.1:%1").arg(port) : loginServer;
}

QString Config::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(port);
}

QString Config::storageUrl() const
{
    return QStringLiteral("http://localhost:%1").arg(port);
}

Handler::Handler(Store &store, Auth &auth, Config &config)
    : m_store(store)
    , m_auth(auth)
    , m_config(config)
{
    m_stateKey.resize(32);
    for (qsizetype i = 0; i < m_stateKey.size(); ++i)
        m_stateKey[i] = char(QRandomGenerator::system()->bounded(256));
}

bool Handler::Caller::can(const QString &type, const QString &name, const QString &action) const
{
    if (kind == Kind::Token)
        return Auth::grants(access, type, name, action);
    if (kind == Kind::Basic)
        return principal.allows(type, name, action);
    return false;
}

Response Handler::handle(const Request &request)
{
    m_caller = identify(request);
    const QString root = request.segments.value(0);
    Response response;
    if (root == u"v2")
        response = routeV2(request);
    else if (root == u"acr" && request.segments.value(1) == u"v1")
        response = routeAcr(request);
    else if (root == u"oauth2")
        response = routeOAuth(request);
    else if (root == u"_storage")
        response = routeStorage(request);
    else
        response = notFoundRoute();
    if (root == u"v2" || root == u"acr")
        response.setHeader("Docker-Distribution-Api-Version", "registry/2.0");
    m_caller = {};
    return response;
}

Handler::Caller Handler::identify(const Request &request)
{
    Caller caller;
    const QByteArray header = request.header("authorization").trimmed();
    if (header.isEmpty())
        return caller;
    const qsizetype space = header.indexOf(' ');
    const QByteArray scheme = header.left(space).toLower();
    const QByteArray credentials = space < 0 ? QByteArray() : header.mid(space + 1).trimmed();
    if (scheme == "bearer") {
        const auto access
            = m_auth.verifyAccessToken(QString::fromLatin1(credentials), m_config.service());
        caller.kind = access ? Caller::Kind::Token : Caller::Kind::InvalidToken;
        if (access)
            caller.access = *access;
        return caller;
    }
    if (scheme == "basic") {
        // ACR also takes Basic credentials on its API directly (Azure/acr docs/AAD-OAuth.md,
        // "Catalog listing using SP/Admin with Basic Auth").
        const QString decoded = QString::fromUtf8(QByteArray::fromBase64(credentials));
        const qsizetype colon = decoded.indexOf(u':');
        const auto principal
            = colon < 0 ? std::nullopt
                        : m_auth.passwordLogin(decoded.left(colon), decoded.mid(colon + 1),
                                               m_config.service());
        caller.kind = principal ? Caller::Kind::Basic : Caller::Kind::BadCredentials;
        if (principal)
            caller.principal = *principal;
        return caller;
    }
    caller.kind = Caller::Kind::InvalidToken;
    return caller;
}

std::expected<Repository *, Response> Handler::repositoryFor(const QString &name,
                                                             const char *action)
{
    if (auto refused = authorize({{QStringLiteral("repository"), name, QLatin1String(action)}},
                                 {u"repository:" + name + u':' + QLatin1String(action)}))
        return std::unexpected(*refused);
    Repository *repository = m_store.visibleRepository(name);
    if (!repository)
        return std::unexpected(nameUnknown(name));
    return repository;
}

std::expected<Handler::Listing, Response>
Handler::listing(const Request &request, const QString &name, const char *action)
{
    const auto found = repositoryFor(name, action);
    if (!found)
        return std::unexpected(found.error());
    Page page;
    if (auto bad = parsePage(request, page))
        return std::unexpected(*bad);
    return Listing{*found, page};
}

std::optional<Response> Handler::authorize(const QList<Needed> &needed,
                                           const QStringList &challengeScopes) const
{
    switch (m_caller.kind) {
    case Caller::Kind::None:
    case Caller::Kind::BadCredentials:
        return challenge(challengeScopes, {});
    case Caller::Kind::InvalidToken:
        return challenge(challengeScopes, QStringLiteral("invalid_token"));
    case Caller::Kind::Token:
    case Caller::Kind::Basic:
        break;
    }
    for (const Needed &need : needed) {
        if (!m_caller.can(need.type, need.name, need.action))
            return challenge(challengeScopes, QStringLiteral("insufficient_scope"));
    }
    return std::nullopt;
}

// The challenge and body exactly as recorded from ACR (Azure/azure-sdk-for-js recordings):
//   Www-Authenticate: Bearer realm="https://r.azurecr.io/oauth2/token",service="r.azurecr.io",
//                     scope="repository:library/busybox:delete"[,error="insufficient_scope"]
//   {"errors":[{"code":"UNAUTHORIZED","message":"authentication required, visit
//     https://aka.ms/acr/authorization for more information.","detail":[{"Type":"repository",
//     "Name":"library/busybox","Action":"delete"}]}]}
Response Handler::challenge(const QStringList &scopes, const QString &error) const
{
    QString value = u"Bearer realm=\"" + m_config.baseUrl() + u"/oauth2/token\",service=\""
                    + m_config.service() + u'"';
    if (!scopes.isEmpty())
        value += u",scope=\"" + scopes.join(u' ') + u'"';
    if (!error.isEmpty())
        value += u",error=\"" + error + u'"';
    QJsonArray detail;
    for (const Scope &scope : Scope::parse(scopes)) {
        for (const QString &action : scope.actions) {
            detail.append(QJsonObject{{QStringLiteral("Type"), scope.type},
                                      {QStringLiteral("Name"), scope.name},
                                      {QStringLiteral("Action"), action}});
        }
    }
    Response response
        = errorResponse(401, QStringLiteral("UNAUTHORIZED"),
                        QStringLiteral("authentication required, visit "
                                       "https://aka.ms/acr/authorization for more information."),
                        detail.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(detail));
    response.setHeader("WWW-Authenticate", value.toUtf8());
    return response;
}

std::optional<Response> Handler::parsePage(const Request &request, Page &page) const
{
    if (request.hasQuery(QStringLiteral("n"))) {
        bool ok = false;
        const int n = request.queryValue(QStringLiteral("n")).toInt(&ok);
        if (!ok || n < 0) {
            return errorResponse(400, QStringLiteral("PAGINATION_NUMBER_INVALID"),
                                 QStringLiteral("invalid number of results requested"));
        }
        if (n > 0)
            page.n = n;
    }
    page.last = request.queryValue(QStringLiteral("last"));
    page.orderby = request.queryValue(QStringLiteral("orderby"));
    return std::nullopt;
}

// ACR's Link: the request's own path (a %2F in the name stays), then last, n and orderby
// (empty when not sorting) — `</acr/v1/library%2Fhello-world/_tags?last=latest&n=1&orderby=>;
// rel="next"` in the recordings. A digest filter is carried along too.
void Handler::addNextLink(Response &response,
                          const Request &request,
                          const Page &page,
                          const QString &lastItem,
                          const QString &digestFilter) const
{
    QByteArray link = '<' + request.encodedPath.toUtf8() + "?last=" + encodeQueryValue(lastItem)
                      + "&n=" + QByteArray::number(page.n)
                      + "&orderby=" + encodeQueryValue(page.orderby);
    if (!digestFilter.isEmpty())
        link += "&digest=" + encodeQueryValue(digestFilter);
    response.setHeader("Link", link + ">; rel=\"next\"");
}

Response Handler::routeV2(const Request &request)
{
    const QStringList s = request.segments.mid(1);
    const qsizetype n = s.size();
    const bool read = request.method == "GET" || request.method == "HEAD";
    if (n == 0 || (n == 1 && s[0].isEmpty())) {
        if (!read)
            return unsupported();
        if (auto refused = authorize({}, {}))
            return *refused;
        return jsonResponse(200, {});
    }
    if (n == 1 && s[0] == u"_catalog")
        return read ? catalog(request) : unsupported();

    auto nameOf = [&s](qsizetype count) {
        const QStringList parts = s.mid(0, count);
        return parts.contains(QString()) ? QString() : parts.join(u'/');
    };
    QString name;
    if (n >= 3 && s[n - 2] == u"tags" && s[n - 1] == u"list") {
        if (!(name = nameOf(n - 2)).isEmpty())
            return read ? tagsList(request, name) : unsupported();
    } else if (n >= 4 && s[n - 3] == u"blobs" && s[n - 2] == u"uploads") {
        if (!(name = nameOf(n - 3)).isEmpty())
            return uploads(request, name, s[n - 1]);
    } else if (n >= 3 && s[n - 2] == u"blobs" && s[n - 1] == u"uploads") {
        if (!(name = nameOf(n - 2)).isEmpty())
            return uploads(request, name, {});
    } else if (n >= 3 && s[n - 2] == u"manifests") {
        if (!(name = nameOf(n - 2)).isEmpty())
            return manifest(request, name, s[n - 1]);
    } else if (n >= 3 && s[n - 2] == u"blobs") {
        if (!(name = nameOf(n - 2)).isEmpty())
            return blob(request, name, s[n - 1]);
    }
    return notFoundRoute();
}

Response Handler::routeAcr(const Request &request)
{
    QStringList s = request.segments.mid(2);
    if (!s.isEmpty() && s.last().isEmpty())
        s.removeLast(); // a trailing slash
    if (s.isEmpty())
        return notFoundRoute();
    if (s.size() == 1 && s[0] == u"_catalog")
        return request.method == "GET" || request.method == "HEAD" ? catalog(request)
                                                                   : unsupported();
    qsizetype marker = -1;
    for (qsizetype i = 1; i < s.size() && marker < 0; ++i) {
        if (s[i] == u"_tags" || s[i] == u"_manifests")
            marker = i;
    }
    const QStringList nameParts = marker < 0 ? s : s.mid(0, marker);
    if (nameParts.contains(QString()))
        return notFoundRoute();
    const QString name = nameParts.join(u'/');
    if (marker < 0)
        return acrRepository(request, name);
    const QStringList rest = s.mid(marker + 1);
    const bool tags = s[marker] == u"_tags";
    if (rest.isEmpty()) {
        if (request.method != "GET" && request.method != "HEAD")
            return unsupported();
        return tags ? acrTags(request, name) : acrManifests(request, name);
    }
    if (rest.size() == 1)
        return tags ? acrTag(request, name, rest[0]) : acrManifest(request, name, rest[0]);
    return notFoundRoute();
}

Response Handler::routeOAuth(const Request &request)
{
    // Both endpoints answer an unsupported method with 404 (Azure/acr issue #166).
    const QString endpoint = request.segments.mid(1).join(u'/');
    if (endpoint == u"token" && (request.method == "GET" || request.method == "POST"))
        return token(request);
    if (endpoint == u"exchange" && request.method == "POST")
        return exchange(request);
    return notFoundRoute();
}

// The storage side of blob redirects: /_storage/docker/registry/v2/blobs/<alg>/<xx>/<hex>/data
// ?se=<expiry>&sig=<signature>. Like a SAS URL it is authorised by its query alone, and like
// Azure Storage it refuses a request that also carries an Authorization header.
Response Handler::routeStorage(const Request &request)
{
    auto storageError = [](int status, const char *code, const char *message) {
        Response response;
        response.status = status;
        response.setHeader("Content-Type", "application/xml");
        response.body = QByteArray("<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>") + code
                        + "</Code><Message>" + message + "</Message></Error>";
        return response;
    };
    const QStringList s = request.segments;
    if (s.size() != 9 || s[4] != u"blobs" || s[8] != u"data")
        return storageError(404, "BlobNotFound", "The specified blob does not exist.");
    if (request.method != "GET" && request.method != "HEAD")
        return storageError(405, "UnsupportedHttpVerb",
                            "The resource doesn't support the specified HTTP verb.");
    if (!request.header("authorization").isEmpty()) {
        return storageError(403, "AuthenticationFailed",
                            "Server failed to authenticate the request. A SAS URL must not be sent "
                            "with an Authorization header.");
    }
    const QString digest = s[5] + u':' + s[7];
    const QString expiry = request.queryValue(QStringLiteral("se"));
    const QByteArray expected
        = QMessageAuthenticationCode::hash((digest + u'\n' + expiry).toUtf8(), m_stateKey,
                                           QCryptographicHash::Sha256)
              .toBase64();
    const QDateTime expires = QDateTime::fromString(expiry, Qt::ISODate);
    if (request.queryValue(QStringLiteral("sig")).toLatin1() != expected || !expires.isValid()
        || expires < QDateTime::currentDateTimeUtc()) {
        return storageError(
            403, "AuthenticationFailed",
            "Server failed to authenticate the request. Signature did not match or expired.");
    }
    const QByteArray *data = m_store.blobData(digest);
    if (!data)
        return storageError(404, "BlobNotFound", "The specified blob does not exist.");
    Response response = blobContent(request, *data, digest);
    response.headers.removeIf([](const auto &h) { return h.first == "Docker-Content-Digest"; });
    response.setHeader("x-ms-blob-type", "BlockBlob");
    return response;
}

QString Handler::storageLocation(const QString &digest) const
{
    const QString algorithm = digest.section(u':', 0, 0);
    const QString hex = digest.section(u':', 1);
    const QString expiry
        = QDateTime::currentDateTimeUtc().addSecs(qint64(20) * 60).toString(Qt::ISODate);
    const QByteArray signature
        = QMessageAuthenticationCode::hash((digest + u'\n' + expiry).toUtf8(), m_stateKey,
                                           QCryptographicHash::Sha256)
              .toBase64();
    return m_config.storageUrl() + u"/_storage/docker/registry/v2/blobs/" + algorithm + u'/'
           + hex.left(2) + u'/' + hex + u"/data?se=" + QString::fromLatin1(encodeQueryValue(expiry))
           + u"&sig=" + QString::fromLatin1(QUrl::toPercentEncoding(QString::fromLatin1(signature)))
           + u"&sp=r&sr=b&sv=2016-05-31";
}

} // namespace Berth::Emu
