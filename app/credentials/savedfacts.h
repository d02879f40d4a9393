#pragma once

#include "registry/registryclient.h"

class QSettings;

namespace Berth::SavedFacts {

// RegistryFacts as kept in QSettings (the window and berth-cli share them): group
// "registryFacts", one subgroup per registry (its RegistryProfile::keyFor(), percent-encoded)
// holding "acr" (absent: not known), "authScheme" ("basic" or "bearer"), "realm" and
// "service". Values that cannot be facts (another scheme, a realm that is no http(s) URL)
// load as unknown; the realm still passes realm trust when used (auth/realmtrust.h).
RegistryFacts load(const QSettings &settings, const QUrl &registry);
// Writes `facts` for `registry`; nothing when they equal what is stored already.
void save(QSettings &settings, const QUrl &registry, const RegistryFacts &facts);

} // namespace Berth::SavedFacts
