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
    void clear() { m_tokens.clear(); }

    // When a token stops being usable: the JWT `exp` claim if the token is a JWT, else
    // now + `expiresIn` seconds if the server said so, else now + 60 s (the Docker default).
    // A margin (30 s, or half the life of a short-lived token) is taken off so a token is
    // never sent at the edge of its life.
    static QDateTime expiryOf(const QByteArray &token, qint64 expiresIn, const QDateTime &now);

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
