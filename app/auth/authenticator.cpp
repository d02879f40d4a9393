#include "auth/authenticator.h"

#include "auth/authtr.h"
#include "auth/realmtrust.h"
#include "core/headervalue.h"
#include "registry/connection.h"
#include "registry/requestjob.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QUrlQuery>

Q_LOGGING_CATEGORY(lcAuth, "berth.auth", QtWarningMsg)

namespace Berth {

namespace {

constexpr qint64 MaxTokenResponse = 1 << 20;

RegistryError unauthorized(const QString &message, int status = 401)
{
    return RegistryError::make(ErrorCode::Unauthorized, message, status);
}

QByteArray formEncode(const QList<std::pair<QString, QString>> &fields)
{
    QByteArray out;
    for (const auto &[name, value] : fields) {
        if (value.isEmpty())
            continue;
        if (!out.isEmpty())
            out += '&';
        out += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
    }
    return out;
}

HttpRequest formPost(const QUrl &url, const QByteArray &form)
{
    HttpRequest request;
    request.method = "POST";
    request.url = url;
    request.body = form;
    request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
    return request;
}
} // namespace

Authenticator::Authenticator(Connection *connection)
    : QObject(connection)
    , m_connection(connection)
{}

QByteArray Authenticator::cachedAuthorization(const QStringList &scopes) const
{
    if (m_mode == Mode::Basic)
        return m_basic;
    if (m_mode == Mode::Bearer) {
        const QByteArray token = m_cache.find(m_service, scopes);
        if (!token.isEmpty())
            return "Bearer " + token;
    }
    return {};
}

void Authenticator::forget(const QStringList &scopes)
{
    if (m_mode == Mode::Bearer)
        m_cache.remove(m_service, scopes);
}

void Authenticator::setKnownChallenge(const AuthChallenge &challenge)
{
    m_known = {};
    if (challenge.scheme != u"bearer" && challenge.scheme != u"basic")
        return;
    m_known.scheme = challenge.scheme;
    if (challenge.scheme != u"bearer")
        return; // Basic's realm names nothing to go to
    for (const QString &name : {QStringLiteral("realm"), QStringLiteral("service")}) {
        if (!challenge.param(name).isEmpty())
            m_known.params.insert(name, challenge.param(name));
    }
}

bool Authenticator::canAuthorizeUpFront(const QStringList &scopes) const
{
    if (!cachedAuthorization(scopes).isEmpty())
        return false;
    if (m_known.scheme == u"bearer")
        return !m_known.realm().isEmpty();
    const Credentials::Kind kind = m_connection->settings().credentials.kind;
    return m_known.scheme == u"basic"
           && (kind == Credentials::Kind::Password || kind == Credentials::Kind::RefreshToken);
}

Job<QByteArray> *Authenticator::authorizeUpFront(const QStringList &scopes)
{
    return authorize({m_known}, scopes);
}

Job<QByteArray> *Authenticator::authorize(const QList<AuthChallenge> &challenges,
                                          const QStringList &scopes)
{
    const Credentials &creds = m_connection->settings().credentials;
    for (const AuthChallenge &c : challenges) {
        if (c.scheme == u"bearer") {
            setKnownChallenge(c);
            return bearer(c, scopes);
        }
    }
    for (const AuthChallenge &c : challenges) {
        if (c.scheme != u"basic")
            continue;
        setKnownChallenge(c);
        m_mode = Mode::Basic;
        if (creds.kind != Credentials::Kind::Password
            && creds.kind != Credentials::Kind::RefreshToken)
            return failedJob<QByteArray>(
                this, unauthorized(AuthTr::tr("The registry asks for a username and password.")));
        if (!m_connection->mayCarrySecrets(m_connection->registry()))
            return failedJob<QByteArray>(
                this,
                RegistryError::make(ErrorCode::InsecureUrl,
                                    AuthTr::tr("Refusing to send a password over plain http.")));
        m_basic = "Basic " + (creds.username + u':' + creds.secret).toUtf8().toBase64();
        auto *job = new Job<QByteArray>(this);
        job->succeed(m_basic);
        return job;
    }
    return failedJob<QByteArray>(
        this,
        unauthorized(challenges.isEmpty()
                         ? AuthTr::tr("The registry refused access and named no way to sign in.")
                         : AuthTr::tr("The registry asks for an unsupported sign-in scheme (%1).")
                               .arg(challenges.first().scheme)));
}

Job<QByteArray> *Authenticator::bearer(const AuthChallenge &challenge, const QStringList &scopes)
{
    m_mode = Mode::Bearer;
    const QUrl realm(challenge.realm(), QUrl::StrictMode);
    if (!isUsableRealm(realm))
        return failedJob<QByteArray>(
            this, unauthorized(AuthTr::tr("The registry's sign-in challenge names no usable token "
                                          "endpoint (realm).")));
    if (std::optional<RegistryError> refused = checkRealm(m_connection->settings(), realm)) {
        if (refused->code == ErrorCode::UntrustedRealm)
            Q_EMIT realmRefused(realmName(realm),
                                refused->detail.toObject().value(u"approvable").toBool());
        return failedJob<QByteArray>(this, *refused);
    }
    m_service = challenge.service();
    QStringList wanted = scopes;
    if (!challenge.scope().isEmpty()) {
        for (const QString &s : challenge.scope().split(u' ', Qt::SkipEmptyParts)) {
            if (!wanted.contains(s))
                wanted << s;
        }
    }
    auto *job = new Job<QByteArray>(this);
    const QString service = m_service;
    Job<Grant> *fetch = sharedTokenFetch(realm, service, wanted, job);
    connect(fetch, &RegistryJob::finished, job, [this, job, fetch, service, scopes] {
        const Result<Grant> &grant = fetch->result();
        if (!grant) {
            job->fail(grant.error());
            return;
        }
        // Cached under the scopes callers will ask for next time.
        m_cache.insert(service, scopes, grant->token,
                       TokenCache::expiryOf(grant->token, grant->expiresIn, grant->issuedAt,
                                            QDateTime::currentDateTimeUtc()));
        job->succeed(QByteArray("Bearer " + grant->token));
    });
    return job;
}

// Requests that need the same token at the same time (the tag and manifest tables of a
// repository just opened) wait for one token request, not one each. The fetch is aborted
// only when every request waiting for it has ended first.
Job<Authenticator::Grant> *Authenticator::sharedTokenFetch(const QUrl &realm,
                                                           const QString &service,
                                                           const QStringList &scopes,
                                                           RegistryJob *waiter)
{
    QStringList sorted = scopes;
    sorted.sort();
    const QString key = realm.toString() + u'\n' + service + u'\n' + sorted.join(u' ');
    PendingFetch &pending = m_fetching[key];
    if (!pending.job) {
        pending = {fetchAccessToken(realm, service, scopes), 0};
        connect(pending.job, &RegistryJob::finished, this, [this, key, job = pending.job.data()] {
            if (m_fetching.value(key).job == job)
                m_fetching.remove(key);
        });
    }
    ++pending.waiters;
    connect(waiter, &RegistryJob::finished, this, [this, key, job = pending.job] {
        auto it = m_fetching.find(key);
        if (!job || job->isFinished() || it == m_fetching.end() || it->job != job)
            return;
        if (--it->waiters == 0)
            job->abort();
    });
    return pending.job;
}

Job<Authenticator::Grant> *Authenticator::fetchAccessToken(const QUrl &realm,
                                                           const QString &service,
                                                           const QStringList &scopes)
{
    const Credentials &creds = m_connection->settings().credentials;
    if (creds.kind == Credentials::Kind::AadToken && m_refreshToken.isEmpty()) {
        auto *job = new Job<Grant>(this);
        Job<Grant> *exchange = exchangeAadToken(service);
        job->setInner(exchange);
        connect(exchange, &RegistryJob::finished, job, [=, this] {
            if (!exchange->result()) {
                job->fail(exchange->result().error());
                return;
            }
            m_refreshToken = exchange->result()->token;
            Job<Grant> *next = fetchAccessToken(realm, service, scopes);
            completeWith(job, next);
        });
        return job;
    }

    if (creds.kind == Credentials::Kind::RefreshToken
        || creds.kind == Credentials::Kind::AadToken) {
        const QString refreshToken = creds.kind == Credentials::Kind::AadToken
                                         ? QString::fromUtf8(m_refreshToken)
                                         : creds.secret;
        return tokenRequest(
            formPost(realm,
                     formEncode({{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                                 {QStringLiteral("service"), service},
                                 {QStringLiteral("scope"), scopes.join(u' ')},
                                 {QStringLiteral("refresh_token"), refreshToken}})),
            QStringLiteral("access_token"));
    }
    QUrl url = realm;
    QUrlQuery query(url);
    if (!service.isEmpty())
        query.addQueryItem(QStringLiteral("service"), service);
    for (const QString &scope : scopes)
        query.addQueryItem(QStringLiteral("scope"), scope);
    url.setQuery(query);
    HttpRequest request = HttpRequest::get(url, {});
    if (creds.kind == Credentials::Kind::Password)
        request.headers = {{"Authorization",
                            "Basic " + (creds.username + u':' + creds.secret).toUtf8().toBase64()}};
    return tokenRequest(std::move(request), QStringLiteral("access_token"));
}

// The exchange goes to the registry's own /oauth2/exchange, never to a host the challenge
// named: the AAD token is valid for Azure Resource Manager too.
Job<Authenticator::Grant> *Authenticator::exchangeAadToken(const QString &service)
{
    const Credentials &creds = m_connection->settings().credentials;
    const QByteArray form
        = formEncode({{QStringLiteral("grant_type"), QStringLiteral("access_token")},
                      {QStringLiteral("service"), service},
                      {QStringLiteral("tenant"), creds.tenant},
                      {QStringLiteral("access_token"), creds.secret}});
    return tokenRequest(formPost(m_connection->resolve(QStringLiteral("/oauth2/exchange")), form),
                        QStringLiteral("refresh_token"));
}

Job<Authenticator::Grant> *Authenticator::tokenRequest(HttpRequest request, const QString &field)
{
    request.authenticate = false;
    request.credentialsBound = true;
    request.maxBody = MaxTokenResponse;
    qCDebug(lcAuth) << request.method << request.url.host() << request.url.path();
    auto *job = new Job<Grant>(this);
    auto *http = new RequestJob(m_connection, std::move(request), job);
    job->setInner(http);
    connect(http, &RegistryJob::finished, job, [this, job, http, field] {
        const Result<HttpResponse> &r = http->result();
        if (r) {
            job->complete(parseGrant(r->body, field, r->status));
            return;
        }
        RegistryError error = r.error();
        if (error.kind() == ErrorKind::Unauthorized || error.kind() == ErrorKind::Permission) {
            error.code = ErrorCode::Unauthorized;
            error.message
                = AuthTr::tr("The registry refused the credentials: %1").arg(error.message);
        }
        job->fail(std::move(error));
    });
    return job;
}

Result<Authenticator::Grant>
Authenticator::parseGrant(const QByteArray &body, const QString &field, int status)
{
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    QString token = object.value(field).toString();
    if (token.isEmpty() && field == u"access_token")
        token = object.value(u"token").toString(); // Docker token-auth spelling
    if (token.isEmpty())
        return std::unexpected(RegistryError::make(
            ErrorCode::InvalidResponse,
            AuthTr::tr("The token endpoint answered without a %1.").arg(field), status));
    Grant grant;
    grant.token = token.toUtf8();
    // Whatever it is, it is secret now: it must not be shown, not even in this refusal.
    m_connection->secrets().add(grant.token);
    if (!isToken68(grant.token))
        return std::unexpected(
            RegistryError::make(ErrorCode::InvalidResponse,
                                AuthTr::tr("The token endpoint answered with a malformed %1 (it "
                                           "holds characters a token may not have).")
                                    .arg(field),
                                status));
    grant.expiresIn = qint64(object.value(u"expires_in").toDouble(0));
    grant.issuedAt = QDateTime::fromString(object.value(u"issued_at").toString(), Qt::ISODate);
    return grant;
}

} // namespace Berth
