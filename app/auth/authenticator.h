#pragma once

#include "auth/challenge.h"
#include "auth/tokencache.h"
#include "registry/job.h"

#include <QObject>

namespace Berth {

class Connection;

// Answers registry challenges with the connection's credentials:
//   Basic challenge  -> "Basic <user:secret>" for every later request;
//   Bearer challenge -> an access token for the requested scopes from the challenge's realm:
//     anonymous      GET  realm?service=&scope=            (no credentials)
//     password       GET  realm?service=&scope=            (HTTP Basic)
//     refresh token  POST realm grant_type=refresh_token    (form fields, snake_case)
//     AAD token      POST <realm host>/oauth2/exchange grant_type=access_token -> refresh
//                    token (kept in memory), then as a refresh token.
// Access tokens are cached per (service, scopes) until they expire. The `service` sent is
// the one the challenge names, not necessarily the registry host.
class Authenticator : public QObject
{
    Q_OBJECT
public:
    enum class Mode { Unknown, None, Basic, Bearer };

    explicit Authenticator(Connection *connection);

    Mode mode() const { return m_mode; }
    void setMode(Mode mode) { m_mode = mode; }

    // The Authorization value to send up front for these scopes, or empty.
    QByteArray cachedAuthorization(const QStringList &scopes) const;
    // Obtains an Authorization value answering `challenges` (a 401's WWW-Authenticate).
    // The challenge's own scope wins over `scopes` when it names one.
    Job<QByteArray> *authorize(const QList<AuthChallenge> &challenges, const QStringList &scopes);
    // Drops what was sent for these scopes after the registry refused it.
    void forget(const QStringList &scopes);

private:
    Job<QByteArray> *bearer(const AuthChallenge &challenge, const QStringList &scopes);
    // The raw access token for `scopes`.
    Job<QByteArray> *
    fetchAccessToken(const QUrl &realm, const QString &service, const QStringList &scopes);
    Job<QByteArray> *exchangeAadToken(const QUrl &realm, const QString &service);
    Job<QByteArray> *tokenRequest(const QByteArray &method,
                                  const QUrl &url,
                                  const QByteArray &form,
                                  const QByteArray &basic,
                                  const QString &field);

    Connection *m_connection;
    Mode m_mode = Mode::Unknown;
    QString m_service;
    TokenCache m_cache;
    QByteArray m_basic;        // set once the registry asked for Basic
    QByteArray m_refreshToken; // from the AAD exchange
};

} // namespace Berth
