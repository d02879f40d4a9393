#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QString>
#include <QStringList>

namespace Berth {

// Access tokens per (service, scopes), kept until shortly before they expire.
class TokenCache
{
public:
    QByteArray find(const QString &service, const QStringList &scopes) const;
    void insert(const QString &service,
                const QStringList &scopes,
                const QByteArray &token,
                const QDateTime &expiry);
    void remove(const QString &service, const QStringList &scopes);

    // When a token stops being usable, on the local clock. Its life is what the server said:
    // `expiresIn` seconds when given, else the JWT's `exp - iat` (or `exp - issuedAt`, the
    // token answer's issued_at), counted from `now` (its receipt), so a local clock that is
    // off does not shorten or stretch it. Only a JWT with `exp` alone is measured against
    // the local clock, and when that says it is already over, the Docker default (60 s)
    // applies instead: the registry, not a skewed clock, decides. A margin (30 s, or half
    // the life of a short-lived token) is taken off so a token is never sent at the edge.
    static QDateTime expiryOf(const QByteArray &token,
                              qint64 expiresIn,
                              const QDateTime &issuedAt,
                              const QDateTime &now);

private:
    static QString key(const QString &service, const QStringList &scopes);
    struct Entry
    {
        QByteArray token;
        QDateTime expiry;
    };
    QHash<QString, Entry> m_tokens;
};

} // namespace Berth
