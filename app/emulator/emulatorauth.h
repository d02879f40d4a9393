#pragma once

// Identities and tokens of the ACR emulator. Access and refresh tokens are JWT-shaped
// (base64url header.payload.signature, HMAC-SHA256 with a random per-instance key) and
// carry the claims ACR documents (Azure/acr docs/AAD-OAuth.md): jti, sub, nbf, exp, iat,
// iss, aud, version, access[{type,name,actions}] (access tokens) or permissions (refresh).

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Berth::Emu {

struct Scope
{
    QString type; // "repository", "registry"
    QString name; // "team/app/api", "catalog"
    QStringList actions;

    QString toString() const;
    // Accepts repeated scope parameters and space-separated scopes inside one.
    static QList<Scope> parse(const QStringList &values);
};

using Access = Scope; // a granted scope

struct Principal
{
    QString subject;
    QStringList actions; // "*" = every action
    QString tenant;

    bool has(const QString &action) const;
    bool allows(const QString &type, const QString &name, const QString &action) const;
    Access grant(const Scope &requested) const;
};

class Auth
{
public:
    static constexpr auto RefreshTokenUser = "00000000-0000-0000-0000-000000000000";

    Auth();

    void addUser(const QString &user, const QString &password, const QStringList &actions);
    void addAadToken(const QString &token, const QString &tenant);
    void setAnonymousActions(const QStringList &actions) { m_anonymousActions = actions; }
    void setTokenLifetime(int seconds) { m_lifetime = std::max(1, seconds); }
    void revokeAllAccessTokens() { m_liveAccessTokens.clear(); }
    // Moves the clock that issues and checks tokens forward, so tests see expiry at once.
    void advanceClock(qint64 seconds) { m_clockSkew += seconds; }

    // User/password, or the null GUID with an ACR refresh token as password.
    std::optional<Principal>
    passwordLogin(const QString &user, const QString &password, const QString &service) const;
    std::optional<Principal> refreshLogin(const QString &refreshToken,
                                          const QString &service) const;
    // nullopt when the AAD token is unknown or its tenant differs from a given one.
    std::optional<Principal> aadLogin(const QString &aadToken, const QString &tenant) const;
    Principal anonymous() const;
    Principal userPrincipal(const QString &user) const; // for issueRefreshToken()

    QString issueAccessToken(const Principal &principal,
                             const QList<Scope> &requested,
                             const QString &service);
    QString issueRefreshToken(const Principal &principal, const QString &service) const;

    // The granted access of a valid, unexpired, unrevoked access token for `service`.
    std::optional<QList<Access>> verifyAccessToken(const QString &token, const QString &service);
    static bool grants(const QList<Access> &access,
                       const QString &type,
                       const QString &name,
                       const QString &action);

private:
    QString sign(const QJsonObject &payload) const;
    std::optional<QJsonObject> verified(const QString &token) const;
    QJsonObject
    baseClaims(const Principal &principal, const QString &service, qint64 lifetime) const;

    struct User
    {
        QString password;
        QStringList actions;
    };

    QByteArray m_key;
    QHash<QString, User> m_users;
    QHash<QString, QString> m_aadTokens; // AAD access token -> tenant ("" = any)
    QStringList m_anonymousActions;
    int m_lifetime = 3600;
    QHash<QString, qint64> m_liveAccessTokens; // jti -> exp; revocation empties it
    qint64 m_clockSkew = 0;                    // seconds added to the real clock

    qint64 now() const;
};

} // namespace Berth::Emu
