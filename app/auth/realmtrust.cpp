#include "auth/realmtrust.h"

#include "auth/authtr.h"
#include "registry/connection.h"

#include <QJsonObject>

namespace Berth {

namespace {

// Token services that registries document as their own, on another host.
struct KnownTokenService
{
    const char *registry;
    const char *realm;
};
constexpr KnownTokenService KnownTokenServices[] = {
    {"registry-1.docker.io", "auth.docker.io"},
    {"index.docker.io", "auth.docker.io"},
    {"docker.io", "auth.docker.io"},
    {"registry.gitlab.com", "gitlab.com"},
    {"nvcr.io", "authn.nvidia.com"},
};

bool sameHost(const QUrl &a, const QUrl &b)
{
    return a.host().compare(b.host(), Qt::CaseInsensitive) == 0;
}

bool isKnownTokenService(const QUrl &registry, const QUrl &realm)
{
    for (const KnownTokenService &known : KnownTokenServices) {
        if (registry.host().compare(QLatin1String(known.registry), Qt::CaseInsensitive) == 0
            && realm.host().compare(QLatin1String(known.realm), Qt::CaseInsensitive) == 0
            && realm.scheme() == u"https")
            return true;
    }
    return false;
}

bool isApproved(const QStringList &trusted, const QUrl &realm)
{
    for (const QString &entry : trusted) {
        if (entry.compare(realm.host(), Qt::CaseInsensitive) == 0
            || entry.compare(realmName(realm), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

RegistryError untrusted(const QString &message, const QUrl &realm, bool approvable)
{
    RegistryError error = RegistryError::make(ErrorCode::UntrustedRealm, message);
    error.detail = QJsonObject{{QStringLiteral("realm"), realmName(realm)},
                               {QStringLiteral("approvable"), approvable}};
    return error;
}

} // namespace

bool isUsableRealm(const QUrl &realm)
{
    return realm.isValid() && !realm.host().isEmpty() && realm.userInfo().isEmpty()
           && (realm.scheme() == u"https" || realm.scheme() == u"http");
}

QString realmName(const QUrl &realm)
{
    const QString host = realm.host().toLower();
    const int standard = realm.scheme() == u"https" ? 443 : 80;
    return realm.port() > 0 && realm.port() != standard
               ? host + u':' + QString::number(realm.port())
               : host;
}

std::optional<RegistryError> checkRealm(const ConnectionSettings &settings, const QUrl &realm)
{
    const QUrl &registry = settings.registry;
    const bool plainRealm = realm.scheme() == u"http";
    const bool plainAllowed = registry.scheme() == u"https"
                                  ? settings.allowPlainHttp
                                  : settings.allowPlainHttp || isLoopbackHost(realm.host());
    if (plainRealm && !plainAllowed)
        return RegistryError::make(
            ErrorCode::InsecureUrl,
            AuthTr::tr("Refusing to ask for a token over plain http at %1.").arg(realmName(realm)));

    const Credentials &credentials = settings.credentials;
    switch (credentials.kind) {
    case Credentials::Kind::Anonymous:
        return std::nullopt;
    case Credentials::Kind::RefreshToken:
    case Credentials::Kind::AadToken:
        if (isSameOrigin(registry, realm))
            return std::nullopt;
        return untrusted(
            AuthTr::tr("The registry sends sign-in to another server, %1. Azure tokens "
                       "go only to the registry itself; not sending it.")
                .arg(realmName(realm)),
            realm, false);
    case Credentials::Kind::Password:
        if (sameHost(registry, realm) || isKnownTokenService(registry, realm)
            || isApproved(settings.trustedRealms, realm))
            return std::nullopt;
        return untrusted(AuthTr::tr("The registry sends sign-in to another server, %1. Berth sends "
                                    "your password there only once you trust that server for "
                                    "this registry.")
                             .arg(realmName(realm)),
                         realm, true);
    }
    return std::nullopt;
}

} // namespace Berth
