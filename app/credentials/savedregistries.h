#pragma once

#include "core/job.h"
#include "credentials/registryprofile.h"

class QSettings;

namespace Berth {

class CredentialStore;

// The two halves of remembering a registry, kept together: the profile in QSettings and
// its secret in a CredentialStore. Used by ConnectionDialog.
namespace SavedRegistries {

// Adds `profile` to `settings` or replaces the saved one with its URL, and syncs. If the
// replaced profile kept a secret under another account, that secret is deleted from
// `store` (its outcome is not waited for). Never writes a secret.
void saveProfile(QSettings &settings, CredentialStore *store, const RegistryProfile &profile);

// Removes the profile for `profile.url` from `settings` (synced at once) and deletes the
// secrets of `profile` and of the saved profile from `store`, one after the other. The job
// fails with the keychain's error if a delete fails; a secret that was not there is fine.
Job<Done> *forget(QSettings &settings, CredentialStore *store, const RegistryProfile &profile);

} // namespace SavedRegistries

} // namespace Berth
