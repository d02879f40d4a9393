#pragma once

#include <QString>

namespace Berth {

// How Berth signs in to one registry. The secret lives only in memory (and, if the user
// asks, in the system keychain); it is never logged, written to settings, or put in an error.
struct Credentials
{
    enum class Kind {
        Anonymous,
        Password,     // admin user, service principal, repository-scoped token: username + secret
        RefreshToken, // an ACR refresh token (username 00000000-0000-0000-0000-000000000000)
        AadToken,     // an Azure AD access token, exchanged at /oauth2/exchange
    };

    Kind kind = Kind::Anonymous;
    QString username;
    QString secret;
    QString tenant; // AadToken only, optional

    static const QString RefreshTokenUser;

    static Credentials anonymous() { return {}; }
    // The well-known all-zero username turns a password into an ACR refresh token.
    static Credentials password(const QString &user, const QString &secret);
    static Credentials aadToken(const QString &token, const QString &tenant = {});

    bool isAnonymous() const { return kind == Kind::Anonymous; }
};

} // namespace Berth
