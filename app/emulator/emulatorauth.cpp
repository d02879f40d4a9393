#include "emulator/emulatorauth.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QUuid>

namespace Berth::Emu {

namespace {

const QStringList RepositoryActions
    = {QStringLiteral("pull"), QStringLiteral("push"), QStringLiteral("delete"),
       QStringLiteral("metadata_read"), QStringLiteral("metadata_write")};

constexpr qint64 RefreshTokenLifetime = qint64(3) * 3600; // ACR refresh tokens last three hours

QByteArray base64Url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

bool equalConstantTime(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

QJsonArray toJson(const QList<Access> &access)
{
    QJsonArray array;
    for (const Access &entry : access) {
        array.append(
            QJsonObject{{QStringLiteral("type"), entry.type},
                        {QStringLiteral("name"), entry.name},
                        {QStringLiteral("actions"), QJsonArray::fromStringList(entry.actions)}});
    }
    return array;
}

} // namespace

QString Scope::toString() const
{
    return type + u':' + name + u':' + actions.join(u',');
}

QList<Scope> Scope::parse(const QStringList &values)
{
    QList<Scope> scopes;
    for (const QString &value : values) {
        for (const QString &text : value.split(u' ', Qt::SkipEmptyParts)) {
            const qsizetype first = text.indexOf(u':');
            const qsizetype last = text.lastIndexOf(u':');
            if (first <= 0 || last <= first + 1)
                continue;
            Scope scope;
            scope.type = text.left(first);
            scope.name = text.mid(first + 1, last - first - 1);
            scope.actions = text.mid(last + 1).split(u',', Qt::SkipEmptyParts);
            scopes.append(scope);
        }
    }
    return scopes;
}

bool Principal::has(const QString &action) const
{
    return actions.contains(u"*") || actions.contains(action);
}

bool Principal::allows(const QString &type, const QString &name, const QString &action) const
{
    Q_UNUSED(name)
    if (type == u"registry") {
        // The catalog is open to whoever may read something (ACR's anonymous pull lists
        // repositories too).
        return has(QStringLiteral("catalog")) || has(QStringLiteral("pull"))
               || has(QStringLiteral("metadata_read"));
    }
    return type == u"repository" && has(action);
}

Access Principal::grant(const Scope &requested) const
{
    Access granted{requested.type, requested.name, {}};
    for (const QString &action : requested.actions) {
        if (requested.type == u"repository" && action == u"*") {
            for (const QString &each : RepositoryActions) {
                if (has(each) && !granted.actions.contains(each))
                    granted.actions.append(each);
            }
        } else if (allows(requested.type, requested.name, action)
                   && !granted.actions.contains(action)) {
            granted.actions.append(action);
        }
    }
    return granted;
}

Auth::Auth()
{
    m_key.resize(32);
    for (qsizetype i = 0; i < m_key.size(); ++i)
        m_key[i] = char(QRandomGenerator::system()->bounded(256));
}

void Auth::addUser(const QString &user, const QString &password, const QStringList &actions)
{
    m_users.insert(user,
                   {password, actions.isEmpty() ? QStringList{QStringLiteral("*")} : actions});
}

void Auth::addAadToken(const QString &token, const QString &tenant)
{
    m_aadTokens.insert(token, tenant);
}

std::optional<Principal>
Auth::passwordLogin(const QString &user, const QString &password, const QString &service) const
{
    if (user == QLatin1String(RefreshTokenUser))
        return refreshLogin(password, service);
    const auto it = m_users.constFind(user);
    if (it == m_users.constEnd() || !equalConstantTime(it->password.toUtf8(), password.toUtf8()))
        return std::nullopt;
    return Principal{user, it->actions, {}};
}

std::optional<Principal> Auth::refreshLogin(const QString &refreshToken,
                                            const QString &service) const
{
    const std::optional<QJsonObject> claims = verified(refreshToken);
    if (!claims || claims->value(u"grant_type").toString() != u"refresh_token"
        || claims->value(u"aud").toString() != service) {
        return std::nullopt;
    }
    Principal principal;
    principal.subject = claims->value(u"sub").toString();
    principal.tenant = claims->value(u"tenant").toString();
    for (const QJsonValue action :
         claims->value(u"permissions").toObject().value(u"actions").toArray())
        principal.actions.append(action.toString());
    return principal;
}

std::optional<Principal> Auth::aadLogin(const QString &aadToken, const QString &tenant) const
{
    const auto it = m_aadTokens.constFind(aadToken);
    if (aadToken.isEmpty() || it == m_aadTokens.constEnd())
        return std::nullopt;
    if (!tenant.isEmpty() && !it->isEmpty() && tenant != *it)
        return std::nullopt;
    return Principal{QStringLiteral("aad-user@emulator"),
                     {QStringLiteral("*")},
                     tenant.isEmpty() ? *it : tenant};
}

Principal Auth::anonymous() const
{
    return Principal{QStringLiteral("anonymous"), m_anonymousActions, {}};
}

Principal Auth::userPrincipal(const QString &user) const
{
    const auto it = m_users.constFind(user);
    if (it == m_users.constEnd())
        return Principal{
            user.isEmpty() ? QStringLiteral("emulator-admin") : user, {QStringLiteral("*")}, {}};
    return Principal{user, it->actions, {}};
}

QJsonObject
Auth::baseClaims(const Principal &principal, const QString &service, qint64 lifetime) const
{
    const qint64 now = this->now();
    return {{QStringLiteral("jti"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
            {QStringLiteral("sub"), principal.subject},
            {QStringLiteral("nbf"), now - 5},
            {QStringLiteral("exp"), now + lifetime},
            {QStringLiteral("iat"), now},
            {QStringLiteral("iss"), QStringLiteral("Azure Container Registry")},
            {QStringLiteral("aud"), service},
            {QStringLiteral("version"), QStringLiteral("1.0")},
            {QStringLiteral("roles"), QJsonArray()}};
}

QString Auth::issueAccessToken(const Principal &principal,
                               const QList<Scope> &requested,
                               const QString &service)
{
    QList<Access> granted;
    for (const Scope &scope : requested) {
        const Access access = principal.grant(scope);
        if (!access.actions.isEmpty())
            granted.append(access);
    }
    QJsonObject claims = baseClaims(principal, service, m_lifetime);
    claims.insert(QStringLiteral("access"), toJson(granted));
    claims.insert(QStringLiteral("grant_type"), QStringLiteral("access_token"));
    // Forget expired tokens now and then so the set stays small.
    const qint64 now = this->now();
    for (auto it = m_liveAccessTokens.begin(); it != m_liveAccessTokens.end();)
        it = it.value() < now ? m_liveAccessTokens.erase(it) : std::next(it);
    m_liveAccessTokens.insert(claims.value(u"jti").toString(), claims.value(u"exp").toInteger());
    return sign(claims);
}

QString Auth::issueRefreshToken(const Principal &principal, const QString &service) const
{
    QJsonObject claims
        = baseClaims(principal, service, std::max<qint64>(RefreshTokenLifetime, m_lifetime));
    claims.insert(QStringLiteral("grant_type"), QStringLiteral("refresh_token"));
    if (!principal.tenant.isEmpty())
        claims.insert(QStringLiteral("tenant"), principal.tenant);
    claims.insert(
        QStringLiteral("permissions"),
        QJsonObject{{QStringLiteral("actions"), QJsonArray::fromStringList(principal.actions)},
                    {QStringLiteral("notActions"), QJsonArray()}});
    return sign(claims);
}

std::optional<QList<Access>> Auth::verifyAccessToken(const QString &token, const QString &service)
{
    const std::optional<QJsonObject> claims = verified(token);
    if (!claims || claims->value(u"grant_type").toString() != u"access_token"
        || claims->value(u"aud").toString() != service
        || !m_liveAccessTokens.contains(claims->value(u"jti").toString())) {
        return std::nullopt;
    }
    QList<Access> access;
    for (const QJsonValue value : claims->value(u"access").toArray()) {
        const QJsonObject entry = value.toObject();
        Access granted{entry.value(u"type").toString(), entry.value(u"name").toString(), {}};
        for (const QJsonValue action : entry.value(u"actions").toArray())
            granted.actions.append(action.toString());
        access.append(granted);
    }
    return access;
}

bool Auth::grants(const QList<Access> &access,
                  const QString &type,
                  const QString &name,
                  const QString &action)
{
    for (const Access &entry : access) {
        if (entry.type == type && entry.name == name
            && (entry.actions.contains(action) || entry.actions.contains(u"*"))) {
            return true;
        }
    }
    return false;
}

qint64 Auth::now() const
{
    return QDateTime::currentSecsSinceEpoch() + m_clockSkew;
}

QString Auth::sign(const QJsonObject &payload) const
{
    const QByteArray header = base64Url(R"({"alg":"HS256","typ":"JWT"})");
    const QByteArray body = base64Url(QJsonDocument(payload).toJson(QJsonDocument::Compact));
    const QByteArray signingInput = header + '.' + body;
    const QByteArray signature
        = QMessageAuthenticationCode::hash(signingInput, m_key, QCryptographicHash::Sha256);
    return QString::fromLatin1(signingInput + '.' + base64Url(signature));
}

std::optional<QJsonObject> Auth::verified(const QString &token) const
{
    const QByteArray raw = token.toLatin1();
    const QList<QByteArray> parts = raw.split('.');
    if (parts.size() != 3)
        return std::nullopt;
    const QByteArray expected = base64Url(QMessageAuthenticationCode::hash(
        parts[0] + '.' + parts[1], m_key, QCryptographicHash::Sha256));
    if (!equalConstantTime(expected, parts[2]))
        return std::nullopt;
    const auto decoded = QByteArray::fromBase64Encoding(parts[1], QByteArray::Base64UrlEncoding);
    if (!decoded)
        return std::nullopt;
    const QJsonObject claims = QJsonDocument::fromJson(*decoded).object();
    const qint64 now = this->now();
    if (claims.value(u"exp").toInteger() <= now || claims.value(u"nbf").toInteger() > now)
        return std::nullopt;
    return claims;
}

} // namespace Berth::Emu
