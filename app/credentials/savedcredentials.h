#pragma once

#include "auth/credentials.h"
#include "credentials/credentialstore.h"
#include "credentials/registryprofile.h"

namespace Berth {

// The Credentials a saved profile signs in with: its kind and username, plus the secret
// from `store`. An anonymous profile answers without touching the store. A secret that
// is not in the store fails with UNAUTHORIZED ("No saved secret for …; sign in again");
// keychain failures pass through as KEYCHAIN_ERROR. Finishes once, from the event loop.
Job<Credentials> *resolveSavedCredentials(CredentialStore *store, const RegistryProfile &profile);

} // namespace Berth
