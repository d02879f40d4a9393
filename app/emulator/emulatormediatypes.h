#pragma once

#include <QString>

namespace Berth::Emu::MediaType {

inline const QString DockerManifest
    = QStringLiteral("application/vnd.docker.distribution.manifest.v2+json");
inline const QString DockerManifestList
    = QStringLiteral("application/vnd.docker.distribution.manifest.list.v2+json");
inline const QString DockerConfig
    = QStringLiteral("application/vnd.docker.container.image.v1+json");
inline const QString DockerLayer
    = QStringLiteral("application/vnd.docker.image.rootfs.diff.tar.gzip");
inline const QString OciManifest = QStringLiteral("application/vnd.oci.image.manifest.v1+json");
inline const QString OciIndex = QStringLiteral("application/vnd.oci.image.index.v1+json");
inline const QString OciConfig = QStringLiteral("application/vnd.oci.image.config.v1+json");
inline const QString OciLayer = QStringLiteral("application/vnd.oci.image.layer.v1.tar+gzip");

} // namespace Berth::Emu::MediaType
