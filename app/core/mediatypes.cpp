#include "core/mediatypes.h"

namespace Berth::MediaType {

QByteArray manifestAccept()
{
    const QString accept = OciManifest + QLatin1String(", ") + OciIndex + QLatin1String(", ")
                           + DockerManifest + QLatin1String(", ") + DockerManifestList;
    return accept.toLatin1();
}

QString essence(QStringView contentType)
{
    const qsizetype semicolon = contentType.indexOf(u';');
    const QStringView type = semicolon < 0 ? contentType : contentType.left(semicolon);
    return type.trimmed().toString().toLower();
}

bool isIndex(QStringView mediaType)
{
    const QString type = essence(mediaType);
    return type == OciIndex || type == DockerManifestList;
}

bool isImageManifest(QStringView mediaType)
{
    const QString type = essence(mediaType);
    return type == OciManifest || type == DockerManifest;
}

bool isManifest(QStringView mediaType)
{
    return isIndex(mediaType) || isImageManifest(mediaType);
}

} // namespace Berth::MediaType
