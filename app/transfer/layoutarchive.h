#pragma once

#include "core/result.h"

#include <QString>

#include <atomic>

namespace Berth {

// Packs an OCI image layout directory (as ImagePull writes it) into a tar archive at
// `archivePath`, written under a temporary name and renamed when complete. Files are
// streamed in 1 MiB slices: memory does not depend on the layers' sizes. `cancelled`
// (optional, may be set from another thread) is checked before every slice: once it is
// true, the temporary file goes, nothing is left under `archivePath`, and the error is
// ABORTED.

// oci-archive: the layout as it is (oci-layout, index.json, blobs/sha256/...), as
// `skopeo copy ... oci-archive:` and `podman save --format oci-archive` write it.
Result<Done> writeOciArchive(const QString &layoutDir,
                             const QString &archivePath,
                             const std::atomic<bool> *cancelled = nullptr);

// docker-archive of the one image `manifestDigest` in the layout (an image manifest, not an
// index): manifest.json [{Config, RepoTags: [repoTag], Layers}], the config as <hex>.json and
// each layer as <hex>.tar, as `podman load` / `docker load` read it. The layers stay as the
// registry serves them (compressed, usually); loaders detect that.
Result<Done> writeDockerArchive(const QString &layoutDir,
                                const QString &manifestDigest,
                                const QString &repoTag,
                                const QString &archivePath,
                                const std::atomic<bool> *cancelled = nullptr);

} // namespace Berth
