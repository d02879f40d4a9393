#include "auth/authenticator.h"

#include "core/errorbody.h"
#include "registry/connection.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUrlQuery>

Q_LOGGING_CATEGORY(lcAuth, "berth.auth", QtWarningMsg)

namespace Berth {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Berth::Auth)
};

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

Job<QByteArray> *failedJob(QObject *parent, RegistryError error)
{
    auto *job = new Job<QByteArray>(parent);
    job->fail(std::move(error));
    return job;
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

Job<QByteArray> *Authenticator::authorize(const QList<AuthChallenge> &challenges,
                                          const QStringList &scopes)
{
    const Credentials &creds = m_connection->settings().credentials;
    for (const AuthChallenge &c : challenges) {
        if (c.scheme == u"bearer")
            return bearer(c, scopes);
    }
    for (const AuthChallenge &c : challenges) {
        if (c.scheme != u"basic")
            continue;
        m_mode = Mode::Basic;
        if (creds.kind != Credentials::Kind::Password
            && creds.kind != Credentials::Kind::RefreshToken)
            return failedJob(
                this, unauthorized(Tr::tr("The registry asks for a username and password.")));
        if (!m_connection->mayCarrySecrets(m_connection->registry()))
            return failedJob(
                this, RegistryError::make(ErrorCode::InsecureUrl,
                                          Tr::tr("Refusing to send a password over plain http.")));
        m_basic = "Basic " + (creds.username + u':' + creds.secret).toUtf8().toBase64();
        auto *job = new Job<QByteArray>(this);
        job->succeed(m_basic);
        return job;
    }
    return failedJob(
        this, unauthorized(challenges.isEmpty()
                               ? Tr::tr("The registry refused access and named no way to sign in.")
                               : Tr::tr("The registry asks for an unsupported sign-in scheme (%1).")
                                     .arg(challenges.first().scheme)));
}

Job<QByteArray> *Authenticator::bearer(const AuthChallenge &challenge, const QStringList &scopes)
{
    m_mode = Mode::Bearer;
    const QUrl realm(challenge.realm());
    if (!realm.isValid() || realm.host().isEmpty()
        || (realm.scheme() != u"https" && realm.scheme() != u"http"))
        return failedJob(
            this, unauthorized(Tr::tr("The registry's sign-in challenge names no usable token "
                                      "endpoint (realm).")));
    if (!m_connection->mayCarrySecrets(realm))
        return failedJob(
            this,
            RegistryError::make(
                ErrorCode::InsecureUrl,
                Tr::tr("Refusing to ask for a token over plain http at %1.").arg(realm.host())));
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
    chain(job, fetchAccessToken(realm, service, wanted),
          [this, service, scopes](const QByteArray &token) -> Result<QByteArray> {
              // Cached under the scopes callers will ask for next time.
              m_cache.insert(service, scopes, token,
                             TokenCache::expiryOf(token, 0, QDateTime::currentDateTimeUtc()));
              return QByteArray("Bearer " + token);
          });
    return job;
}

Job<QByteArray> *Authenticator::fetchAccessToken(const QUrl &realm,
                                                 const QString &service,
                                                 const QStringList &scopes)
{
    const Credentials &creds = m_connection->settings().credentials;
    QByteArray method = "GET";
    QByteArray basic;
    QByteArray form;
    QUrl url = realm;
    QString refreshToken = creds.secret;

    if (creds.kind == Credentials::Kind::AadToken && m_refreshToken.isEmpty()) {
        auto *job = new Job<QByteArray>(this);
        Job<QByteArray> *exchange = exchangeAadToken(realm, service);
        job->setInner(exchange);
        connect(exchange, &RegistryJob::finished, job, [=, this] {
            if (!exchange->result()) {
                job->fail(exchange->result().error());
                return;
            }
            m_refreshToken = *exchange->result();
            Job<QByteArray> *next = fetchAccessToken(realm, service, scopes);
            job->setInner(next);
            connect(next, &RegistryJob::finished, job,
                    [job, next] { job->complete(next->result()); });
        });
        return job;
    }
    if (creds.kind == Credentials::Kind::AadToken)
        refreshToken = QString::fromUtf8(m_refreshToken);

    if (creds.kind == Credentials::Kind::RefreshToken
        || creds.kind == Credentials::Kind::AadToken) {
        method = "POST";
        form = formEncode({{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                           {QStringLiteral("service"), service},
                           {QStringLiteral("scope"), scopes.join(u' ')},
                           {QStringLiteral("refresh_token"), refreshToken}});
    } else {
        QUrlQuery query(url);
        if (!service.isEmpty())
            query.addQueryItem(QStringLiteral("service"), service);
        for (const QString &scope : scopes)
            query.addQueryItem(QStringLiteral("scope"), scope);
        url.setQuery(query);
        if (creds.kind == Credentials::Kind::Password)
            basic = "Basic " + (creds.username + u':' + creds.secret).toUtf8().toBase64();
    }
    return tokenRequest(method, url, form, basic, QStringLiteral("access_token"));
}

Job<QByteArray> *Authenticator::exchangeAadToken(const QUrl &realm, const QString &service)
{
    const Credentials &creds = m_connection->settings().credentials;
    QUrl url = realm;
    url.setPath(QStringLiteral("/oauth2/exchange"));
    url.setQuery(QString());
    const QByteArray form
        = formEncode({{QStringLiteral("grant_type"), QStringLiteral("access_token")},
                      {QStringLiteral("service"), service},
                      {QStringLiteral("tenant"), creds.tenant},
                      {QStringLiteral("access_token"), creds.secret}});
    return tokenRequest("POST", url, form, {}, QStringLiteral("refresh_token"));
}

Job<QByteArray> *Authenticator::tokenRequest(const QByteArray &method,
                                             const QUrl &url,
                                             const QByteArray &form,
                                             const QByteArray &basic,
                                             const QString &field)
{
    auto *job = new Job<QByteArray>(this);
    QNetworkRequest request = m_connection->makeRequest(url);
    if (!basic.isEmpty())
        request.setRawHeader("Authorization", basic);
    if (method == "POST")
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/x-www-form-urlencoded"));
    qCDebug(lcAuth) << method << url.host() << url.path();
    QNetworkReply *reply = m_connection->network()->sendCustomRequest(request, method, form);
    connect(reply, &QNetworkReply::downloadProgress, reply, [reply](qint64 received, qint64) {
        if (received > MaxTokenResponse)
            reply->abort();
    });
    connect(job, &QObject::destroyed, reply, [reply] { reply->abort(); });
    connect(reply, &QNetworkReply::finished, job, [job, reply, field] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->readAll();
        if (status == 0) {
            job->fail(RegistryError::make(reply->error() == QNetworkReply::OperationCanceledError
                                              ? ErrorCode::Timeout
                                              : ErrorCode::Network,
                                          Tr::tr("Could not reach the token endpoint %1: %2")
                                              .arg(reply->url().host(), reply->errorString())));
            return;
        }
        if (status < 200 || status > 299) {
            RegistryError error = parseErrorBody(status, body, reply->rawHeader("Content-Type"));
            if (status == 401 || status == 403) {
                error.code = ErrorCode::Unauthorized;
                error.message
                    = Tr::tr("The registry refused the credentials: %1").arg(error.message);
            }
            job->fail(error);
            return;
        }
        const QJsonObject object = QJsonDocument::fromJson(body).object();
        QString token = object.value(field).toString();
        if (token.isEmpty() && field == u"access_token")
            token = object.value(u"token").toString(); // Docker token-auth spelling
        if (token.isEmpty()) {
            job->fail(RegistryError::make(
                ErrorCode::InvalidResponse,
                Tr::tr("The token endpoint answered without a %1.").arg(field), status));
            return;
        }
        job->succeed(token.toUtf8());
    });
    return job;
}

} // namespace Berth
