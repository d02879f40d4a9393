#include "auth/tokencache.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace Berth {

namespace {
constexpr qint64 SafetyMarginSecs = 30;
constexpr qint64 DefaultLifetimeSecs = 60;

qint64 jwtExpiry(const QByteArray &token)
{
    const QList<QByteArray> parts = token.split('.');
    if (parts.size() != 3)
        return 0;
    const QByteArray payload = QByteArray::fromBase64(
        parts.at(1), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    const QJsonValue exp = QJsonDocument::fromJson(payload).object().value(u"exp");
    return exp.isDouble() ? static_cast<qint64>(exp.toDouble()) : 0;
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

QDateTime TokenCache::expiryOf(const QByteArray &token, qint64 expiresIn, const QDateTime &now)
{
    QDateTime expiry;
    if (const qint64 exp = jwtExpiry(token); exp > 0)
        expiry = QDateTime::fromSecsSinceEpoch(exp, Qt::UTC);
    else
        expiry = now.addSecs(expiresIn > 0 ? expiresIn : DefaultLifetimeSecs);
    // Short-lived tokens keep at least half their life.
    const qint64 margin = qMin(SafetyMarginSecs, qMax<qint64>(0, now.secsTo(expiry) / 2));
    return expiry.addSecs(-margin);
}

} // namespace Berth
