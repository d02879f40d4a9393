#pragma once

#include "core/job.h"

#include <QString>

namespace Berth {

class RegistryClient;

// Puts the manifest `reference` (a tag or digest) of `repo` under `newTag` as well: GET its
// bytes, PUT them unchanged with their own media type, so the digest stays the same. Finishes
// with that digest. A lock that refuses the write (ACR's writeEnabled=false on the repository
// or on a tag being moved) fails with a Locked error that names the tag; other failures pass
// through as the registry gave them.
Job<QString> *
retag(RegistryClient *client, const QString &repo, const QString &reference, const QString &newTag);

} // namespace Berth
