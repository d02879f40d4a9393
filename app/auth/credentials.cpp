#include "auth/credentials.h"

namespace Berth {

const QString Credentials::RefreshTokenUser
    = QStringLiteral("00000000-0000-0000-0000-000000000000");

Credentials Credentials::password(const QString &user, const QString &secret)
{
    Credentials c;
    c.kind = user == RefreshTokenUser ? Kind::RefreshToken : Kind::Password;
    c.username = user;
    c.secret = secret;
    return c;
}

Credentials Credentials::aadToken(const QString &token, const QString &tenant)
{
    Credentials c;
    c.kind = Kind::AadToken;
    c.secret = token;
    c.tenant = tenant;
    return c;
}

} // namespace Berth
