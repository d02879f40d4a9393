#include "registry/registryclient.h"

#include "core/errorbody.h"
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

bool isMissingAcrApi(const RegistryError &error)
{
    return error.httpStatus == 404 && error.code == u"NOT_FOUND";
}

} // namespace detail

QString Capabilities::authName() const
{
    static const char *const names[] = {"unknown", "none", "basic", "bearer"}; // Mode's order
    static_assert(int(Authenticator::Mode::Bearer) == 3);
    return QString::fromLatin1(names[int(auth)]);
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

RegistryFacts RegistryClient::facts() const
{
    RegistryFacts facts;
    facts.acr = m_capabilities ? std::optional<bool>(m_capabilities->acr) : m_assumedAcr;
    facts.challenge = m_connection->authenticator()->knownChallenge();
    return facts;
}

void RegistryClient::assumeFacts(const RegistryFacts &facts)
{
    m_assumedAcr = facts.acr;
    m_connection->authenticator()->setKnownChallenge(facts.challenge);
}

void RegistryClient::learnAcr(bool acr)
{
    if (m_capabilities)
        return;
    Capabilities learnt;
    learnt.acr = acr;
    learnt.auth = Authenticator::Mode::Unknown;
    m_capabilities = learnt;
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
        const bool signIn = !m_connection->settings().credentials.isAnonymous()
                            && caps->auth != Authenticator::Mode::None;
        if (!signIn) {
            probeAcr(job, caps, false);
            return;
        }
        // Signing in for real proves the credentials; then look for ACR's metadata API.
        RequestJob *signedIn
            = request(HttpRequest::get(m_connection->resolve(QStringLiteral("/v2/")), {}));
        job->setInner(signedIn);
        connect(signedIn, &RegistryJob::finished, job, [this, job, signedIn, caps] {
            if (!signedIn->result()) {
                job->fail(signedIn->result().error());
                return;
            }
            probeAcr(job, caps, true);
        });
    });
    return job;
}

void RegistryClient::probeAcr(Job<Capabilities> *job,
                              const std::shared_ptr<Capabilities> &caps,
                              bool signedIn)
{
    HttpRequest acr = HttpRequest::get(
        m_connection->resolve(QStringLiteral("/acr/v1/_catalog?n=1")), catalogScope());
    acr.authenticate = signedIn;
    acr.accept = signedIn ? QList<int>{404} : QList<int>{401, 403, 404};
    RequestJob *probe = request(acr);
    job->setInner(probe);
    connect(probe, &RegistryJob::finished, job, [this, job, probe, caps] {
        const Result<HttpResponse> &r = probe->result();
        if (r) {
            caps->acr
                = r->status != 404
                  || !isMissingAcrApi(parseErrorBody(404, r->body, r->header("Content-Type")));
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
}

} // namespace Berth
