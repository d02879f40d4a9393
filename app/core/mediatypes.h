#pragma once

#include <QByteArray>
#include <QString>
#include <QStringView>

namespace Berth::MediaType {

inline const QString DockerManifest
    = QStringLiteral("application/vnd.docker.distribution.manifest.v2+json");
inline const QString DockerManifestList
    = QStringLiteral("application/vnd.docker.distribution.manifest.list.v2+json");
inline const QString OciManifest = QStringLiteral("application/vnd.oci.image.manifest.v1+json");
inline const QString OciIndex = QStringLiteral("application/vnd.oci.image.index.v1+json");
inline const QString DockerConfig
    = QStringLiteral("application/vnd.docker.container.image.v1+json");
inline const QString OciConfig = QStringLiteral("application/vnd.oci.image.config.v1+json");
inline const QString OciEmpty = QStringLiteral("application/vnd.oci.empty.v1+json");
inline const QString DockerLayer
    = QStringLiteral("application/vnd.docker.image.rootfs.diff.tar.gzip");
inline const QString OciLayer = QStringLiteral("application/vnd.oci.image.layer.v1.tar+gzip");
inline const QString OctetStream = QStringLiteral("application/octet-stream");

// The Accept header for manifest GETs: the four manifest kinds, preferred first.
QByteArray manifestAccept();

// Drops parameters and case: "Application/JSON; charset=utf-8" -> "application/json".
QString essence(QStringView contentType);

// These compare the essence, so parameters and case do not matter.
bool isIndex(QStringView mediaType);         // OCI index or Docker manifest list
bool isImageManifest(QStringView mediaType); // OCI image manifest or Docker v2 manifest
bool isManifest(QStringView mediaType);      // either of the above

} // namespace Berth::MediaType
