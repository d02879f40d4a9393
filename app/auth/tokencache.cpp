#include "auth/tokencache.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace Berth {

namespace {
constexpr qint64 SafetyMarginSecs = 30;
constexpr qint64 DefaultLifetimeSecs = 60;

struct JwtTimes
{
    qint64 exp = 0;
    qint64 iat = 0;
};

JwtTimes jwtTimes(const QByteArray &token)
{
    const QList<QByteArray> parts = token.split('.');
    if (parts.size() != 3)
        return {};
    const QByteArray payload = QByteArray::fromBase64(
        parts.at(1), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    const QJsonObject claims = QJsonDocument::fromJson(payload).object();
    auto seconds = [&claims](QStringView name) {
        const QJsonValue v = claims.value(name);
        return v.isDouble() ? static_cast<qint64>(v.toDouble()) : 0;
    };
    return {seconds(u"exp"), seconds(u"iat")};
}

// The token's life in seconds as the server meant it, or 0 when it did not say.
qint64 lifetimeOf(const QByteArray &token,
                  qint64 expiresIn,
                  const QDateTime &issuedAt,
                  const QDateTime &now)
{
    if (expiresIn > 0)
        return expiresIn;
    const JwtTimes jwt = jwtTimes(token);
    if (jwt.exp <= 0)
        return 0;
    if (jwt.iat > 0)
        return qMax<qint64>(0, jwt.exp - jwt.iat);
    if (issuedAt.isValid())
        return qMax<qint64>(0, jwt.exp - issuedAt.toSecsSinceEpoch());
    return qMax<qint64>(0, jwt.exp - now.toSecsSinceEpoch());
}
} // namespace

QString TokenCache::key(const QString &service, const QStringList &scopes)
{
    QStringList sorted = scopes;
    sorted.sort();
    return service + u'\n' + sorted.join(u' ');
}

QByteArray TokenCache::find(const QString &service, const QStringList &scopes) const
{
    const auto it = m_tokens.constFind(key(service, scopes));
    if (it == m_tokens.cend() || it->expiry <= QDateTime::currentDateTimeUtc())
        return {};
    return it->token;
}

void TokenCache::insert(const QString &service,
                        const QStringList &scopes,
                        const QByteArray &token,
                        const QDateTime &expiry)
{
    m_tokens.insert(key(service, scopes), Entry{token, expiry});
}

void TokenCache::remove(const QString &service, const QStringList &scopes)
{
    m_tokens.remove(key(service, scopes));
}

QDateTime TokenCache::expiryOf(const QByteArray &token,
                               qint64 expiresIn,
                               const QDateTime &issuedAt,
                               const QDateTime &now)
{
    const qint64 life = lifetimeOf(token, expiresIn, issuedAt, now);
    const qint64 secs = life > 0 ? life : DefaultLifetimeSecs;
    // Short-lived tokens keep at least half their life.
    const qint64 margin = qMin(SafetyMarginSecs, secs / 2);
    return now.addSecs(secs - margin);
}

} // namespace Berth
