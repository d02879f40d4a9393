#include "credentials/registryprofile.h"

#include "auth/credentials.h"
#include "registry/connection.h"

#include <utility>

namespace Berth {

Result<RegistryProfile> RegistryProfile::forUrl(const QString &text, bool allowPlainHttp)
{
    Result<QUrl> url = normalizeRegistryUrl(text, allowPlainHttp);
    if (!url)
        return std::unexpected(url.error());
    RegistryProfile profile;
    profile.url = QUrl(keyFor(*url)); // no default port: url and key always agree
    profile.allowPlainHttp = allowPlainHttp;
    return profile;
}

ConnectionSettings RegistryProfile::connectionSettings(const Credentials &credentials) const
{
    ConnectionSettings settings;
    settings.registry = url;
    settings.credentials = credentials;
    settings.caFile = caFile;
    settings.allowPlainHttp = allowPlainHttp;
    settings.trustedRealms = trustedRealms;
    return settings;
}

QString RegistryProfile::keyFor(const QUrl &registry)
{
    QUrl url;
    url.setScheme(registry.scheme().toLower());
    url.setHost(registry.host().toLower());
    const int defaultPort = url.scheme() == u"https" ? 443 : url.scheme() == u"http" ? 80 : -1;
    if (registry.port() != defaultPort)
        url.setPort(registry.port());
    return url.toString();
}

QString RegistryProfile::account() const
{
    switch (authKind) {
    case AuthKind::Anonymous:
        return {};
    case AuthKind::Password:
        return username;
    case AuthKind::RefreshToken:
        return Credentials::RefreshTokenUser;
    case AuthKind::AadToken:
        return QStringLiteral("aad-token");
    }
    return {};
}

namespace {
// The names the settings file stores the authentication kinds under.
constexpr std::pair<RegistryProfile::AuthKind, QLatin1StringView> AuthKindNames[] = {
    {RegistryProfile::AuthKind::Anonymous, QLatin1StringView("anonymous")},
    {RegistryProfile::AuthKind::Password, QLatin1StringView("password")},
    {RegistryProfile::AuthKind::RefreshToken, QLatin1StringView("refresh-token")},
    {RegistryProfile::AuthKind::AadToken, QLatin1StringView("aad-token")},
};
} // namespace

QString RegistryProfile::authKindName(AuthKind kind)
{
    for (const auto &[known, name] : AuthKindNames) {
        if (known == kind)
            return name;
    }
    return {};
}

std::optional<RegistryProfile::AuthKind> RegistryProfile::authKindFromName(const QString &name)
{
    for (const auto &[kind, known] : AuthKindNames) {
        if (name == known)
            return kind;
    }
    return std::nullopt;
}

} // namespace Berth
