#pragma once

// Images and indexes put straight into the ACR emulator for the clean-up tests: each image has
// its own config and the layers given (the same bytes in two images are one shared blob).

#include "emulator/acremulator.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Berth::Test {

struct PushedImage
{
    QString digest;
    qint64 size = 0; // of the manifest body
    qint64 configSize = 0;
};

inline QJsonObject descriptor(const QString &mediaType, const QString &digest, qint64 size)
{
    return {{QStringLiteral("mediaType"), mediaType},
            {QStringLiteral("digest"), digest},
            {QStringLiteral("size"), size}};
}

// An OCI image whose config names `name` (so every image is distinct), tagged `tag` if given.
inline PushedImage pushImage(AcrEmulator &emu,
                             const QString &repo,
                             const QString &name,
                             const QList<QByteArray> &layers,
                             const QString &tag = {},
                             const QString &architecture = QStringLiteral("amd64"))
{
    PushedImage image;
    const QByteArray config
        = QJsonDocument(QJsonObject{{QStringLiteral("architecture"), architecture},
                                    {QStringLiteral("os"), QStringLiteral("linux")},
                                    {QStringLiteral("author"), name}})
              .toJson(QJsonDocument::Compact);
    const QString configDigest = emu.putBlob(repo, config);
    image.configSize = config.size();
    QJsonArray layerList;
    for (const QByteArray &layer : layers) {
        const QString d = emu.putBlob(repo, layer);
        layerList.append(descriptor(QStringLiteral("application/vnd.oci.image.layer.v1.tar+gzip"),
                                    d, layer.size()));
    }
    const QByteArray body
        = QJsonDocument(
              QJsonObject{{QStringLiteral("schemaVersion"), 2},
                          {QStringLiteral("mediaType"),
                           QStringLiteral("application/vnd.oci.image.manifest.v1+json")},
                          {QStringLiteral("config"),
                           descriptor(QStringLiteral("application/vnd.oci.image.config.v1+json"),
                                      configDigest, config.size())},
                          {QStringLiteral("layers"), layerList}})
              .toJson(QJsonDocument::Compact);
    image.size = body.size();
    image.digest = emu.putManifest(repo, tag, body,
                                   QStringLiteral("application/vnd.oci.image.manifest.v1+json"));
    return image;
}

// An OCI index of `platforms` (pushed untagged before), tagged `tag`.
inline QString pushIndex(AcrEmulator &emu,
                         const QString &repo,
                         const QList<PushedImage> &platforms,
                         const QString &tag)
{
    QJsonArray manifests;
    for (const PushedImage &p : platforms) {
        QJsonObject d = descriptor(QStringLiteral("application/vnd.oci.image.manifest.v1+json"),
                                   p.digest, p.size);
        d.insert(QStringLiteral("platform"),
                 QJsonObject{{QStringLiteral("architecture"), QStringLiteral("amd64")},
                             {QStringLiteral("os"), QStringLiteral("linux")}});
        manifests.append(d);
    }
    const QByteArray body
        = QJsonDocument(QJsonObject{{QStringLiteral("schemaVersion"), 2},
                                    {QStringLiteral("mediaType"),
                                     QStringLiteral("application/vnd.oci.image.index.v1+json")},
                                    {QStringLiteral("manifests"), manifests}})
              .toJson(QJsonDocument::Compact);
    return emu.putManifest(repo, tag, body,
                           QStringLiteral("application/vnd.oci.image.index.v1+json"));
}

} // namespace Berth::Test
