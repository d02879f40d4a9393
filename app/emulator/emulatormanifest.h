#pragma once

// Validation of a pushed manifest, the way CNCF distribution (and so ACR) does it, and
// extraction of the metadata ACR reports for it (platform, size, config media type,
// referenced platforms of an index).

#include "emulator/emulatorhttp.h"
#include "emulator/emulatorstore.h"

namespace Berth::Emu {

struct ManifestCheck
{
    bool ok = false;
    Response error; // set when !ok
    ManifestRecord record;
};

// `contentType` is the request's Content-Type (may be empty). Blobs must be linked into
// `repositoryName`; the children of an index must be manifests of that repository.
ManifestCheck analyseManifest(Store &store,
                              const QString &repositoryName,
                              const QByteArray &body,
                              const QByteArray &contentType);

} // namespace Berth::Emu
