#include "emulator/acremulator.h"

#include "emulator/emulatorauth.h"
#include "emulator/emulatorhandler.h"
#include "emulator/emulatormanifest.h"
#include "emulator/emulatorseed.h"
#include "emulator/emulatorserver.h"
#include "emulator/emulatorstore.h"

#include <QHostAddress>

namespace Berth {

namespace {
constexpr qsizetype MaxRecordedRequests = 200000;
}

AcrEmulator::AcrEmulator(QObject *parent)
    : QObject(parent)
    , m_store(std::make_unique<Emu::Store>())
    , m_auth(std::make_unique<Emu::Auth>())
    , m_config(std::make_unique<Emu::Config>())
    , m_handler(std::make_unique<Emu::Handler>(*m_store, *m_auth, *m_config))
    , m_server(
          new Emu::Server([this](const Emu::Request &request) { return serve(request); }, this))
{}

AcrEmulator::~AcrEmulator()
{
    delete m_server; // before the handler it calls into
    m_server = nullptr;
}

bool AcrEmulator::listen(quint16 port)
{
    const quint16 bound = m_server->listen(QHostAddress(QHostAddress::LocalHost), port);
    if (bound == 0) {
        qCWarning(lcEmulator) << "cannot listen on 127.0.0.1 port" << port;
        return false;
    }
    m_config->port = bound;
    qCDebug(lcEmulator) << "listening on" << url().toString();
    return true;
}

quint16 AcrEmulator::port() const
{
    return m_config->port;
}

QUrl AcrEmulator::url() const
{
    return QUrl(m_config->baseUrl());
}

QString AcrEmulator::loginServer() const
{
    return m_config->service();
}

void AcrEmulator::setLoginServer(const QString &loginServer)
{
    m_config->loginServer = loginServer;
}

void AcrEmulator::addUser(const QString &user, const QString &password, const QStringList &actions)
{
    m_auth->addUser(user, password, actions);
}

void AcrEmulator::addAadToken(const QString &aadAccessToken, const QString &tenant)
{
    m_auth->addAadToken(aadAccessToken, tenant);
}

QString AcrEmulator::issueRefreshToken(const QString &user)
{
    return m_auth->issueRefreshToken(m_auth->userPrincipal(user), m_config->service());
}

void AcrEmulator::setAnonymousActions(const QStringList &actions)
{
    m_auth->setAnonymousActions(actions);
}

void AcrEmulator::setTokenLifetime(int seconds)
{
    m_auth->setTokenLifetime(seconds);
}

void AcrEmulator::revokeAllAccessTokens()
{
    m_auth->revokeAllAccessTokens();
}

void AcrEmulator::advanceClock(int seconds)
{
    m_auth->advanceClock(seconds);
}

void AcrEmulator::setBlobRedirect(bool on)
{
    m_config->blobRedirect = on;
}

void AcrEmulator::setMountBlobs(bool on)
{
    m_config->mountBlobs = on;
}

void AcrEmulator::setHonourRanges(bool on)
{
    m_config->honourRanges = on;
}

QString AcrEmulator::putBlob(const QString &repo, const QByteArray &data)
{
    return m_store->addBlob(repo, data);
}

QString AcrEmulator::putManifest(const QString &repo,
                                 const QString &tag,
                                 const QByteArray &body,
                                 const QString &mediaType)
{
    Emu::ManifestCheck check = Emu::analyseManifest(*m_store, repo, body, mediaType.toLatin1());
    if (!check.ok) {
        qCWarning(lcEmulator) << "putManifest: refused for" << repo << check.error.body.trimmed();
        return {};
    }
    QString digest = check.record.digest;
    m_store->storeManifest(m_store->ensureRepository(repo), std::move(check.record), tag);
    return digest;
}

void AcrEmulator::setRepositoryAttributes(const QString &repo, const QJsonObject &changeable)
{
    if (Emu::Repository *repository = m_store->repository(repo))
        repository->attributes.apply(changeable);
    else
        qCWarning(lcEmulator) << "setRepositoryAttributes: no repository" << repo;
}

namespace {
// Applies `changeable` to the attributes of item `key` of `repo`'s `items` (tags or
// manifests); a warning starting with `missing` when there is no such item.
template<typename Items>
void applyTo(Emu::Store &store,
             const QString &repo,
             Items Emu::Repository::*items,
             const QString &key,
             const QJsonObject &changeable,
             const char *missing)
{
    if (Emu::Repository *repository = store.repository(repo)) {
        const auto it = (repository->*items).find(key);
        if (it != (repository->*items).end()) {
            it->attributes.apply(changeable);
            return;
        }
    }
    qCWarning(lcEmulator) << missing << key << "in" << repo;
}
} // namespace

void AcrEmulator::setTagAttributes(const QString &repo,
                                   const QString &tag,
                                   const QJsonObject &changeable)
{
    applyTo(*m_store, repo, &Emu::Repository::tags, tag, changeable, "setTagAttributes: no tag");
}

void AcrEmulator::setTagUpdated(const QString &repo, const QString &tag, const QString &utc)
{
    Emu::Repository *r = m_store->repository(repo);
    if (!r || !r->tags.contains(tag)) {
        qCWarning(lcEmulator) << "setTagUpdated: no tag" << tag << "in" << repo;
        return;
    }
    r->tags[tag].updated = Emu::Store::ticksFromIso(utc);
}

void AcrEmulator::setManifestAttributes(const QString &repo,
                                        const QString &digest,
                                        const QJsonObject &changeable)
{
    applyTo(*m_store, repo, &Emu::Repository::manifests, digest, changeable,
            "setManifestAttributes: no manifest");
}

void AcrEmulator::seedDemo()
{
    Emu::seedDemo(*m_store);
}

void AcrEmulator::seedBulk(int repositories, const QString &repoWithManyTags, int tags)
{
    Emu::seedBulk(*m_store, repositories, repoWithManyTags, tags);
}

Emu::Response AcrEmulator::serve(const Emu::Request &request)
{
    Emu::Response response = m_handler->handle(request);
    // Paths only: queries may carry a storage signature; bodies and headers carry secrets.
    qCDebug(lcEmulator).noquote() << request.method << request.decodedPath << response.status;
    RecordedRequest record;
    record.method = request.method;
    record.path = request.decodedPath;
    record.query = QUrl::fromPercentEncoding(request.encodedQuery.toLatin1());
    record.host = QString::fromLatin1(request.header("host"));
    record.hadAuthorization = !request.header("authorization").isEmpty();
    record.bodySize = request.body.size();
    record.status = response.status;
    if (m_requests.size() >= MaxRecordedRequests)
        m_requests.removeFirst();
    m_requests.append(record);
    Q_EMIT served(record.path);
    return response;
}

} // namespace Berth
