#include "emulator/emulatormanifest.h"

#include "emulator/emulatormediatypes.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Berth::Emu {

namespace {

// ACR's answer to a manifest it cannot accept (recorded in Azure/azure-sdk-for-js: a body
// whose mediaType disagrees with Content-Type gets exactly this).
ManifestCheck invalid()
{
    ManifestCheck check;
    check.error
        = errorResponse(400, QStringLiteral("MANIFEST_INVALID"), QStringLiteral("manifest invalid"),
                        QJsonObject{{QStringLiteral("Reason"), QJsonObject{}}});
    return check;
}

ManifestCheck blobUnknownIn(const QString &digest)
{
    ManifestCheck check;
    check.error = errorResponse(400, QStringLiteral("MANIFEST_BLOB_UNKNOWN"),
                                QStringLiteral("blob unknown to registry"), digest);
    return check;
}

bool isKnownManifestType(const QString &type)
{
    return type == MediaType::DockerManifest || type == MediaType::DockerManifestList
           || type == MediaType::OciManifest || type == MediaType::OciIndex;
}

bool isDescriptor(const QJsonValue &value)
{
    const QJsonObject object = value.toObject();
    return value.isObject() && Store::isValidDigest(object.value(u"digest").toString())
           && object.value(u"size").isDouble() && object.value(u"size").toDouble() >= 0;
}

// Reads architecture/os from an image config blob, when it is one.
void readConfig(const Store &store, const QString &digest, ManifestRecord &record)
{
    const QByteArray *data = store.blobData(digest);
    if (!data)
        return;
    const QJsonObject config = QJsonDocument::fromJson(*data).object();
    record.architecture = config.value(u"architecture").toString();
    record.os = config.value(u"os").toString();
}

} // namespace

ManifestCheck analyseManifest(Store &store,
                              const QString &repositoryName,
                              const QByteArray &body,
                              const QByteArray &contentType)
{
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return invalid();
    const QJsonObject manifest = document.object();
    if (manifest.value(u"schemaVersion").toInt() != 2)
        return invalid();

    const QString declared = QString::fromLatin1(contentType.split(';').first().trimmed());
    const QString inBody = manifest.value(u"mediaType").toString();
    QString mediaType = declared;
    if (mediaType.isEmpty() || mediaType == u"application/json"
        || mediaType == u"application/octet-stream") {
        mediaType = inBody;
    }
    if (mediaType.isEmpty())
        mediaType = manifest.contains(u"manifests") ? MediaType::OciIndex : MediaType::OciManifest;
    if (!isKnownManifestType(mediaType) || (!inBody.isEmpty() && inBody != mediaType))
        return invalid();

    const Repository *repository = store.repository(repositoryName);
    ManifestCheck check;
    ManifestRecord &record = check.record;
    record.body = body;
    record.digest = Store::digestOf(body);
    record.mediaType = mediaType;

    if (mediaType == MediaType::OciIndex || mediaType == MediaType::DockerManifestList) {
        const QJsonValue children = manifest.value(u"manifests");
        if (!children.isArray())
            return invalid();
        for (const QJsonValue child : children.toArray()) {
            if (!isDescriptor(child))
                return invalid();
            const QJsonObject descriptor = child.toObject();
            const QString digest = descriptor.value(u"digest").toString();
            if (!repository || !repository->manifests.contains(digest))
                return blobUnknownIn(digest);
            const auto known = repository->manifests.constFind(digest);
            const QJsonObject platform = descriptor.value(u"platform").toObject();
            Platform reference;
            reference.digest = digest;
            reference.architecture = platform.value(u"architecture").toString(known->architecture);
            reference.os = platform.value(u"os").toString(known->os);
            record.references.append(reference);
            record.imageSize += qint64(descriptor.value(u"size").toDouble());
        }
        check.ok = true;
        return check;
    }

    const QJsonValue config = manifest.value(u"config");
    const QJsonValue layers = manifest.value(u"layers");
    if (!isDescriptor(config) || (!layers.isArray() && !layers.isUndefined()))
        return invalid();
    const QString configDigest = config.toObject().value(u"digest").toString();
    if (!repository || !repository->blobs.contains(configDigest)
        || !store.hasBlobData(configDigest))
        return blobUnknownIn(configDigest);
    record.configMediaType = config.toObject().value(u"mediaType").toString();
    record.imageSize = qint64(config.toObject().value(u"size").toDouble());
    for (const QJsonValue layer : layers.toArray()) {
        if (!isDescriptor(layer))
            return invalid();
        const QString digest = layer.toObject().value(u"digest").toString();
        if (!repository->blobs.contains(digest) || !store.hasBlobData(digest))
            return blobUnknownIn(digest);
        record.imageSize += qint64(layer.toObject().value(u"size").toDouble());
    }
    if (record.configMediaType == MediaType::DockerConfig
        || record.configMediaType == MediaType::OciConfig)
        readConfig(store, configDigest, record);
    check.ok = true;
    return check;
}

} // namespace Berth::Emu
