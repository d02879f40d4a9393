#include "registry/registryclient.h"

#include "core/reference.h"
#include "registry/clientsupport.h"
#include "registry/registrytr.h"

#include <QJsonDocument>

namespace Berth {

using namespace detail;

namespace detail {

std::optional<RegistryError> checkRepo(const QString &repo)
{
    if (isValidRepositoryName(repo))
        return std::nullopt;
    return badArgument(RegistryTr::tr("\"%1\" is not a valid repository name (lower-case letters, "
                                      "digits and separators, namespaces split by '/').")
                           .arg(repo));
}

std::optional<RegistryError> checkDigest(const QString &digest)
{
    if (isValidDigest(digest))
        return std::nullopt;
    return badArgument(
        RegistryTr::tr("\"%1\" is not a valid digest (expected sha256:<64 hex digits>).")
            .arg(digest));
}

std::optional<RegistryError> checkReference(const QString &reference)
{
    if (isValidTag(reference) || isValidDigest(reference))
        return std::nullopt;
    return badArgument(
        RegistryTr::tr("\"%1\" is neither a valid tag nor a digest.").arg(reference));
}

std::optional<RegistryError> checkRepoDigest(const QString &repo, const QString &digest)
{
    if (auto e = checkRepo(repo))
        return e;
    return checkDigest(digest);
}

std::optional<RegistryError> checkRepoTag(const QString &repo, const QString &tag)
{
    if (auto e = checkRepo(repo))
        return e;
    if (isValidTag(tag))
        return std::nullopt;
    return badArgument(RegistryTr::tr("\"%1\" is not a valid tag.").arg(tag));
}

std::optional<RegistryError> checkRepoReference(const QString &repo, const QString &reference)
{
    if (auto e = checkRepo(repo))
        return e;
    return checkReference(reference);
}

QByteArray attributesBody(const ChangeableAttributes &attributes)
{
    return QJsonDocument(attributes.toJson()).toJson(QJsonDocument::Compact);
}

} // namespace detail

QString Capabilities::authName() const
{
    switch (auth) {
    case Authenticator::Mode::Bearer:
        return QStringLiteral("bearer");
    case Authenticator::Mode::Basic:
        return QStringLiteral("basic");
    default:
        return QStringLiteral("none");
    }
}

Result<RegistryClient *> RegistryClient::create(const ConnectionSettings &settings, QObject *parent)
{
    Result<Connection *> connection = Connection::create(settings);
    if (!connection)
        return std::unexpected(connection.error());
    return new RegistryClient(*connection, parent);
}

RegistryClient::RegistryClient(Connection *connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
{
    m_connection->setParent(this);
}

QString RegistryClient::registryHost() const
{
    const QUrl url = registry();
    return url.port() > 0 ? QStringLiteral("%1:%2").arg(url.host()).arg(url.port()) : url.host();
}

RequestJob *RegistryClient::request(HttpRequest request)
{
    return new RequestJob(m_connection, std::move(request), this);
}

Job<Capabilities> *RegistryClient::check()
{
    auto *job = new Job<Capabilities>(this);
    HttpRequest probe = HttpRequest::get(m_connection->resolve(QStringLiteral("/v2/")), {});
    probe.authenticate = false;
    probe.accept = {401};
    RequestJob *first = request(probe);
    job->setInner(first);
    connect(first, &RegistryJob::finished, job, [this, job, first] {
        if (!first->result()) {
            job->fail(first->result().error());
            return;
        }
        auto caps = std::make_shared<Capabilities>();
        const QByteArray challenge
            = first->result()->header("WWW-Authenticate").trimmed().toLower();
        caps->auth = first->result()->status != 401  ? Authenticator::Mode::None
                     : challenge.startsWith("basic") ? Authenticator::Mode::Basic
                                                     : Authenticator::Mode::Bearer;
        // Signing in for real proves the credentials; then look for ACR's metadata API.
        RequestJob *signIn
            = request(HttpRequest::get(m_connection->resolve(QStringLiteral("/v2/")), {}));
        job->setInner(signIn);
        connect(signIn, &RegistryJob::finished, job, [this, job, signIn, caps] {
            if (!signIn->result()) {
                job->fail(signIn->result().error());
                return;
            }
            HttpRequest acr = HttpRequest::get(
                m_connection->resolve(QStringLiteral("/acr/v1/_catalog?n=1")), catalogScope());
            acr.accept = {404};
            RequestJob *probeAcr = request(acr);
            job->setInner(probeAcr);
            connect(probeAcr, &RegistryJob::finished, job, [this, job, probeAcr, caps] {
                const Result<HttpResponse> &r = probeAcr->result();
                if (r) {
                    caps->acr = r->status != 404;
                } else if (r.error().kind() == ErrorKind::Unauthorized
                           || r.error().kind() == ErrorKind::Permission) {
                    caps->acr = true; // it exists; these credentials may not list the catalog
                } else {
                    job->fail(r.error());
                    return;
                }
                m_capabilities = *caps;
                job->succeed(*caps);
            });
        });
    });
    return job;
}

} // namespace Berth
