#pragma once

#include "core/job.h"
#include "registry/connection.h"

class QSettings;

namespace Berth::Cli {

// How berth-cli signs in to `settings.registry` when no credentials were given (flags, stdin,
// environment): with the registry Berth saved (its CA file, plain http and approved realms too;
// the secret from the keychain), else with what podman, skopeo or docker keep for it
// (DockerAuth: a plain entry, then credHelpers, then credsStore; read, never copied), else
// anonymously. A keychain or credential helper failure fails the job. `stored` is read at
// once; the job is `parent`'s.
Job<ConnectionSettings> *
savedSignIn(ConnectionSettings settings, QSettings &stored, QObject *parent);

} // namespace Berth::Cli
