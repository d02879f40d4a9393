#pragma once

#include "auth/challenge.h"
#include "auth/tokencache.h"
#include "core/job.h"

#include <QHash>
#include <QObject>
#include <QPointer>

namespace Berth {

class Connection;
struct HttpRequest;

// Answers registry challenges with the connection's credentials:
//   Basic challenge  -> "Basic <user:secret>" for every later request to the registry;
//   Bearer challenge -> an access token for the requested scopes from the challenge's realm,
//     once checkRealm() allows that realm for these credentials:
//     anonymous      GET  realm?service=&scope=            (no credentials)
//     password       GET  realm?service=&scope=            (HTTP Basic)
//     refresh token  POST realm grant_type=refresh_token    (form fields, snake_case)
//     AAD token      POST <registry>/oauth2/exchange grant_type=access_token -> refresh
//                    token (kept in memory), then as a refresh token.
// Token requests are RequestJobs like every other request (header checks, body limits,
// deadlines), never redirected to another origin, their answers at most 1 MiB. A token
// outside the RFC 6750 token68 alphabet is refused (INVALID_RESPONSE): it would otherwise
// end up raw in an Authorization header. Every token obtained joins the connection's
// Secrets. Access tokens are cached per (service, scopes) for the life the server gave
// them (expires_in, or the JWT's exp - iat), measured on the local clock from receipt, so a
// skewed clock neither throws a fresh token away nor keeps a stale one.
class Authenticator : public QObject
{
    Q_OBJECT
public:
    enum class Mode { Unknown, None, Basic, Bearer };

    explicit Authenticator(Connection *connection);

    // The Authorization value to send up front for these scopes, or empty.
    QByteArray cachedAuthorization(const QStringList &scopes) const;
    // Obtains an Authorization value answering `challenges` (a 401's WWW-Authenticate).
    // The challenge's own scope wins over `scopes` when it names one.
    Job<QByteArray> *authorize(const QList<AuthChallenge> &challenges, const QStringList &scopes);
    // Drops what was sent for these scopes after the registry refused it.
    void forget(const QStringList &scopes);

    // The sign-in the registry asked for last: scheme, realm and service, no scope; an empty
    // scheme until it asked. Remembered between runs (RegistryFacts), it lets
    // authorizeUpFront() sign in before the registry asks, saving the 401.
    AuthChallenge knownChallenge() const { return m_known; }
    void setKnownChallenge(const AuthChallenge &challenge);
    // Whether authorizeUpFront() can answer for these scopes: a known challenge, nothing
    // cached for them yet, and (Basic) a username and secret to send.
    bool canAuthorizeUpFront(const QStringList &scopes) const;
    // authorize() answering the known challenge. The same checks apply (realm trust, plain
    // http); a realm that changed since is found by the 401 that follows.
    Job<QByteArray> *authorizeUpFront(const QStringList &scopes);

Q_SIGNALS:
    // A challenge named a token realm these credentials may not go to (the request fails
    // with UNTRUSTED_REALM). `approvable`: the user may allow it (Connection::trustRealm).
    void realmRefused(const QString &realm, bool approvable);

private:
    struct Grant
    {
        QByteArray token;
        qint64 expiresIn = 0;
        QDateTime issuedAt;
    };

    struct PendingFetch
    {
        QPointer<Job<Grant>> job;
        int waiters = 0;
    };

    Job<QByteArray> *bearer(const AuthChallenge &challenge, const QStringList &scopes);
    Job<Grant> *sharedTokenFetch(const QUrl &realm,
                                 const QString &service,
                                 const QStringList &scopes,
                                 RegistryJob *waiter);
    Job<Grant> *
    fetchAccessToken(const QUrl &realm, const QString &service, const QStringList &scopes);
    Job<Grant> *exchangeAadToken(const QString &service);
    Job<Grant> *tokenRequest(HttpRequest request, const QString &field);
    Result<Grant> parseGrant(const QByteArray &body, const QString &field, int status);

    Connection *m_connection;
    Mode m_mode = Mode::Unknown;
    AuthChallenge m_known;
    QString m_service;
    TokenCache m_cache;
    QHash<QString, PendingFetch> m_fetching; // token requests on their way, by realm+scopes
    QByteArray m_basic;                      // set once the registry asked for Basic
    QByteArray m_refreshToken;               // from the AAD exchange
};

} // namespace Berth
