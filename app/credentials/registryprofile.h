#pragma once

#include "core/result.h"

#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace Berth {

struct ConnectionSettings;
struct Credentials;

// One registry the user saved: where it is and how to sign in, but never the secret (that
// lives in a CredentialStore under registryKey() and account()). A plain value.
struct RegistryProfile
{
    enum class AuthKind {
        Anonymous,
        Password,     // username + password (admin user, service principal, scoped token)
        RefreshToken, // an ACR refresh token; the username is always 00000000-…
        AadToken,     // an Azure AD access token, exchanged at /oauth2/exchange
    };

    QUrl url; // normalized: scheme://host[:port], see normalizeRegistryUrl
    QString displayName;
    AuthKind authKind = AuthKind::Anonymous;
    QString username;
    QString tenant; // AadToken only, optional
    QString caFile;
    bool allowPlainHttp = false;
    // Token servers on other hosts the user allowed to receive the password ("host" or
    // "host:port"), see checkRealm().
    QStringList trustedRealms;

    // A profile for `text` ("myreg.azurecr.io", "https://…", "127.0.0.1:5000"), with its URL
    // normalized; fails like normalizeRegistryUrl.
    static Result<RegistryProfile> forUrl(const QString &text, bool allowPlainHttp = false);

    // The normalized URL as text, without a default port: the profile's identity, and the
    // first half of its keychain entry.
    QString registryKey() const { return keyFor(url); }
    // How to connect to it with these credentials: its URL, CA file, plain-http permission
    // and trusted token realms.
    ConnectionSettings connectionSettings(const Credentials &credentials) const;
    static QString keyFor(const QUrl &registry);
    // The keychain entry's second half: the username, "aad-token" for an AAD token, or
    // empty (no secret) for anonymous.
    QString account() const;
    bool needsSecret() const { return authKind != AuthKind::Anonymous; }
    // The display name, or the host with its port when it has one ("127.0.0.1:5000").
    QString title() const
    {
        if (!displayName.isEmpty())
            return displayName;
        if (url.port() > 0)
            return url.host() + u':' + QString::number(url.port());
        return url.host();
    }

    static QString
    authKindName(AuthKind kind); // "anonymous", "password", "refresh-token", "aad-token"
    static std::optional<AuthKind> authKindFromName(const QString &name);

    friend bool operator==(const RegistryProfile &, const RegistryProfile &) = default;
};

} // namespace Berth
