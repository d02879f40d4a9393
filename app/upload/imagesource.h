#pragma once

#include "core/result.h"
#include "upload/blobsource.h"
#include "upload/compress.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>
#include <memory>

class QTemporaryFile;

namespace Berth {

// Bytes done of total, while a compressed archive is decompressed before reading, and again
// while a legacy archive's layers are compressed.
using ReadProgress = std::function<void(qint64 done, qint64 total)>;

// One manifest or image index to push, with its exact bytes.
struct ManifestSource
{
    QString digest; // sha256 of body
    QString mediaType;
    QByteArray body; // exact bytes (their digest must stay what the layout says)
};

// Everything needed to push one image (or one multi-platform index) to a registry.
struct ImageSource
{
    // Translated: "OCI image layout" (a directory), "OCI archive" (an OCI layout in a tar),
    // "docker save archive" (a tar with manifest.json; docker 25+ archives, which also hold
    // index.json, are read through their OCI index but still called so).
    QString kind;
    // Every config and layer blob, deduplicated by digest, in a stable order.
    QList<BlobSource> blobs;
    // Children of an index first, the top-level manifest/index LAST.
    QList<ManifestSource> manifests;
    // From org.opencontainers.image.ref.name or the archive's RepoTags (the tag part only),
    // may be empty.
    QString suggestedTag;
    // A gzip or zstd archive decompressed, layers compressed: blobs point into these
    // temporary files, which go with the last copy of the source.
    QList<std::shared_ptr<QTemporaryFile>> temporaryFiles;
    qint64 totalBytes() const; // sum of blob sizes + manifest sizes
};

// `path`: a directory holding an OCI image layout (oci-layout + index.json + blobs/) or what the
// dir: transport writes (skopeo's dir:, podman save --format docker-dir: manifest.json, version,
// blobs named by hex digest; the manifest kept byte for byte), or a tar file (docker save legacy
// format with manifest.json; docker 25+ / podman OCI-in-tar with index.json; skopeo's
// docker-archive: and oci-archive: outputs). `reference` picks one image when the source
// holds several: matched against ref.name annotations or RepoTags (full "name:tag" or just "tag");
// empty = the only one (error listing the available names if there are several). Docker Hub's
// and podman's prefixes do not matter ("docker.io/library/busybox:latest" is "busybox",
// "localhost/app:v1" is "app:v1"), a name without a tag
// means ":latest", and a manifest digest picks an OCI index.json entry.
//
// OCI sources keep their manifests byte for byte; every manifest is checked against its
// digest and every blob against its descriptor's size. A legacy docker save archive gets an
// OCI image manifest built from its config and layers (compact JSON, keys in the order
// schemaVersion, mediaType, config, layers; each descriptor mediaType, digest, size), so the
// same archive always gives the same manifest digest. Its uncompressed layers take their
// digests from the config's rootfs.diff_ids (never hashed); gzip and zstd layers are hashed.
// Layers with `urls` (foreign, non-distributable) are left out of `blobs`.
//
// Reads headers, JSON files and (for gzip layers of docker archives) layer bytes: run it off
// the GUI thread. Errors name the file or archive member at fault.
//
// A tar compressed whole with gzip or zstd (`docker save | gzip`) is first decompressed as a
// stream into a temporary file (decompressToTemporaryFile(), upload/decompress.h), reporting
// `onProgress`; the ImageSource keeps that file alive.
//
// `compression`: a legacy archive's uncompressed layers are compressed into temporary files
// first (podman pushes them gzip-compressed; None sends them as they are). The manifest then
// names the compressed digests and sizes; the config, and its diff_ids, stay as they are.
//
// `decompressed`: what listImages() gave for this path (a compressed archive's decompressed
// copy), read instead of decompressing the archive again; null: decompressed here if need be.
Result<ImageSource> readImageSource(const QString &path,
                                    const QString &reference = {},
                                    const ReadProgress &onProgress = {},
                                    LayerCompression compression = LayerCompression::None,
                                    const std::shared_ptr<QTemporaryFile> &decompressed = {});

// The names of the images `path` holds, for choosing one as readImageSource()'s `reference`:
// each image's ref.name annotations or RepoTags as written (an unnamed image by its manifest
// digest in an OCI layout, its config file in a docker archive). Reads only the index.
Result<QStringList> imageNames(const QString &path);

// imageNames() and, for a compressed archive, the decompressed copy it read (else null), to
// hand to readImageSource() so that a push does not decompress the archive a second time. The
// copy belongs to no thread (any thread may read it and drop the last reference).
struct ImageListing
{
    QStringList names;
    std::shared_ptr<QTemporaryFile> decompressed;
};
Result<ImageListing> listImages(const QString &path, const ReadProgress &onProgress = {});

// The tag part of one of imageNames() ("example/app:v1" -> "v1", a bare "v1" -> "v1"), empty
// when it names none that is a valid tag.
QString tagOfImageName(const QString &name);

// True when `path` looks like something readImageSource understands (a directory with an
// oci-layout file, or with manifest.json and version, or a file whose first tar header is valid and
// holds manifest.json or index.json, or a gzip- or zstd-compressed file named like a compressed
// tar: .tar.gz, .tgz, .tar.zst, .tar.zstd, .tzst; its contents are read only when it is pushed).
// Cheap: for UI drops deciding between "push as an image" and "push as a plain blob".
bool isImageSource(const QString &path);

} // namespace Berth
