#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

namespace Berth {

// One challenge of a WWW-Authenticate header (RFC 7235 section 4.1).
struct AuthChallenge
{
    QString scheme;                 // lower case: "bearer", "basic", ...
    QHash<QString, QString> params; // keys lower case, values unquoted and unescaped
    QString token68;                // the rare token68 form, else empty

    QString param(const QString &name) const { return params.value(name); }
    QString realm() const { return param(QStringLiteral("realm")); }
    QString service() const { return param(QStringLiteral("service")); }
    QString scope() const { return param(QStringLiteral("scope")); }
    QString error() const { return param(QStringLiteral("error")); }
};

// Parses a WWW-Authenticate value that may hold several challenges (Qt joins repeated
// headers with ", "). Quoted strings may contain commas, '=' and backslash escapes.
// Malformed input yields the challenges that could be read, never a crash.
QList<AuthChallenge> parseChallenges(const QByteArray &headerValue);

} // namespace Berth
