#pragma once

#include "core/registryerror.h"

#include <QStringList>
#include <QUrl>

#include <optional>

namespace Berth {

struct ConnectionSettings;

// Where a registry's sign-in may go. A Bearer challenge names a token endpoint (the realm)
// chosen by the server, so a hostile or compromised registry could name any host. The rules:
//  - anonymous sign-in sends nothing secret: any realm, subject to the scheme rule;
//  - ACR refresh tokens and Azure AD tokens (the latter valid for Azure Resource Manager)
//    go only to the registry's own origin (scheme, host and port), whatever the user trusts;
//  - a username and password go to the registry's own host, to a token service documented
//    for that registry (registry-1.docker.io -> auth.docker.io, ...), or to a host the user
//    approved for this registry (ConnectionSettings::trustedRealms, kept in the profile);
//  - an https registry sends nothing to an http realm, loopback included, unless plain
//    http was allowed for it; an http registry (loopback or allowed) may use an http realm
//    on loopback.
// Returns the refusal (UNTRUSTED_REALM or INSECURE_URL), or nothing when the realm may be used.
std::optional<RegistryError> checkRealm(const ConnectionSettings &settings, const QUrl &realm);

// Whether `realm` can name a token endpoint at all: a valid http(s) URL with a host and no
// user info. Checked before checkRealm(), and for a remembered realm (SavedFacts).
bool isUsableRealm(const QUrl &realm);

// "host" or "host:port", the way trustedRealms and UNTRUSTED_REALM's detail name a realm.
QString realmName(const QUrl &realm);

} // namespace Berth
