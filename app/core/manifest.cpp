#include "core/manifest.h"

#include "core/jsonfields.h"
#include "core/mediatypes.h"

#include <QCoreApplication>

#include <climits>
#include <limits>

namespace Berth {

using Json::FieldReader;

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Berth::Manifest)
};

constexpr qint64 MaxSize = std::numeric_limits<qint64>::max();

bool isSchema1(const QString &mediaType)
{
    return mediaType == QLatin1String("application/vnd.docker.distribution.manifest.v1+json")
           || mediaType
                  == QLatin1String("application/vnd.docker.distribution.manifest.v1+prettyjws");
}

RegistryError unsupported(const QString &message)
{
    return RegistryError::make(ErrorCode::Unsupported, message);
}

Result<Platform> platformAt(const QJsonValue &value, const QString &path)
{
    return Json::readOptionalObject(value, path, [](FieldReader &r) {
        Platform platform;
        platform.architecture = r.string(QLatin1String("architecture"));
        platform.os = r.string(QLatin1String("os"));
        platform.variant = r.string(QLatin1String("variant"));
        platform.osVersion = r.string(QLatin1String("os.version"));
        r.strings(QLatin1String("os.features"));
        r.strings(QLatin1String("features"));
        return platform;
    });
}

Result<Descriptor> descriptorAt(const QJsonValue &value, const QString &path)
{
    return Json::readObject(value, path, [](FieldReader &r) {
        Descriptor descriptor;
        descriptor.mediaType = r.string(QLatin1String("mediaType"));
        r.require(QLatin1String("digest"));
        descriptor.digest = r.digest(QLatin1String("digest"));
        r.require(QLatin1String("size"));
        descriptor.size = r.integer(QLatin1String("size"), -1, 0, MaxSize);
        descriptor.artifactType = r.string(QLatin1String("artifactType"));
        descriptor.urls = r.strings(QLatin1String("urls"));
        descriptor.annotations = r.stringMap(QLatin1String("annotations"));
        descriptor.platform = r.parsed<Platform>(QLatin1String("platform"), platformAt);
        return descriptor;
    });
}

Result<QList<Descriptor>> descriptorsAt(FieldReader &r, QLatin1String key)
{
    r.require(key);
    QList<Descriptor> descriptors = r.objects<Descriptor>(key, descriptorAt);
    if (!r.ok())
        return std::unexpected(r.error());
    return descriptors;
}

// The kind from the media type, else from the fields present.
Result<Manifest::Kind> kindOf(const QJsonObject &root, const QString &mediaType)
{
    if (MediaType::isIndex(mediaType))
        return Manifest::Kind::Index;
    if (MediaType::isImageManifest(mediaType))
        return Manifest::Kind::Image;
    const bool generic = mediaType.isEmpty() || mediaType == QLatin1String("application/json");
    if (root.contains(QLatin1String("manifests")) && !root.contains(QLatin1String("config")))
        return Manifest::Kind::Index;
    if (root.contains(QLatin1String("config")) && !root.contains(QLatin1String("manifests")))
        return Manifest::Kind::Image;
    if (!generic)
        return std::unexpected(
            unsupported(Tr::tr("Manifests of type \"%1\" are not supported.").arg(mediaType)));
    return std::unexpected(Json::valueError(QStringLiteral("mediaType"),
                                            Tr::tr("is missing and the body is not clearly an "
                                                   "image manifest or an index")));
}

qint64 saturatingAdd(qint64 a, qint64 b)
{
    return b > 0 && a > MaxSize - b ? MaxSize : a + b;
}

} // namespace

QString Platform::toString() const
{
    QString text = os + u'/' + architecture;
    if (!variant.isEmpty())
        text += u'/' + variant;
    return isEmpty() ? QString() : text;
}

qint64 Manifest::totalSize() const
{
    qint64 total = 0;
    const auto add = [&total](const Descriptor &d) {
        if (d.size > 0)
            total = saturatingAdd(total, d.size);
    };
    if (kind == Kind::Index) {
        for (const Descriptor &d : manifests)
            add(d);
        return total;
    }
    add(config);
    for (const Descriptor &d : layers)
        add(d);
    return total;
}

Result<Manifest> parseManifest(const QByteArray &body, const QString &contentType)
{
    Result<QJsonObject> root = Json::parseObject(body);
    if (!root)
        return std::unexpected(root.error());
    FieldReader r(*root, QString());
    Manifest manifest;
    const QString bodyType = r.string(QLatin1String("mediaType"));
    manifest.mediaType = bodyType.isEmpty() ? MediaType::essence(contentType) : bodyType;
    if (isSchema1(MediaType::essence(manifest.mediaType)))
        return std::unexpected(unsupported(Tr::tr("Docker schema 1 manifests are not supported.")));
    r.require(QLatin1String("schemaVersion"));
    manifest.schemaVersion = int(r.integer(QLatin1String("schemaVersion"), 0, 0, INT_MAX));
    if (!r.ok())
        return std::unexpected(r.error());
    if (manifest.schemaVersion == 1)
        return std::unexpected(unsupported(Tr::tr("Docker schema 1 manifests are not supported.")));
    if (manifest.schemaVersion != 2)
        return std::unexpected(
            unsupported(Tr::tr("Manifests with schemaVersion %1 are not supported.")
                            .arg(manifest.schemaVersion)));

    Result<Manifest::Kind> kind = kindOf(*root, MediaType::essence(manifest.mediaType));
    if (!kind)
        return std::unexpected(kind.error());
    manifest.kind = *kind;
    manifest.artifactType = r.string(QLatin1String("artifactType"));
    manifest.annotations = r.stringMap(QLatin1String("annotations"));
    if (!r.ok())
        return std::unexpected(r.error());

    if (manifest.kind == Manifest::Kind::Index) {
        Result<QList<Descriptor>> entries = descriptorsAt(r, QLatin1String("manifests"));
        if (!entries)
            return std::unexpected(entries.error());
        manifest.manifests = *entries;
    } else {
        r.require(QLatin1String("config"));
        if (!r.ok())
            return std::unexpected(r.error());
        Result<Descriptor> config
            = descriptorAt(root->value(QLatin1String("config")), QStringLiteral("config"));
        if (!config)
            return std::unexpected(config.error());
        manifest.config = *config;
        Result<QList<Descriptor>> layers = descriptorsAt(r, QLatin1String("layers"));
        if (!layers)
            return std::unexpected(layers.error());
        manifest.layers = *layers;
    }
    if (r.has(QLatin1String("subject"))) {
        Result<Descriptor> subject
            = descriptorAt(root->value(QLatin1String("subject")), QStringLiteral("subject"));
        if (!subject)
            return std::unexpected(subject.error());
        manifest.subject = *subject;
    }
    return manifest;
}

} // namespace Berth
