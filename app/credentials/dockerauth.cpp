#include "credentials/dockerauth.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace Berth {

namespace {
constexpr qint64 MaxFileSize = 1 << 20;

// "https://host:port/v1/" -> "host:port", lower case.
QString registryOfKey(QString key)
{
    const qsizetype scheme = key.indexOf(u"://");
    if (scheme >= 0)
        key = key.mid(scheme + 3);
    return key.section(u'/', 0, 0).toLower();
}

std::optional<Credentials> fromEntry(const QJsonObject &entry)
{
    const QByteArray decoded = QByteArray::fromBase64(entry.value(u"auth").toString().toLatin1(),
                                                      QByteArray::AbortOnBase64DecodingErrors);
    const qsizetype colon = decoded.indexOf(':');
    if (colon <= 0)
        return std::nullopt;
    return Credentials::password(QString::fromUtf8(decoded.left(colon)),
                                 QString::fromUtf8(decoded.mid(colon + 1)));
}
} // namespace

QStringList DockerAuth::defaultFiles()
{
    QStringList files;
    const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (!runtime.isEmpty())
        files << QDir(runtime).filePath(QStringLiteral("containers/auth.json"));
    files << QDir::home().filePath(QStringLiteral(".docker/config.json"));
    return files;
}

std::optional<Credentials> DockerAuth::find(const QString &registry, const QStringList &files)
{
    const QString wanted = registry.toLower();
    for (const QString &path : files) {
        QFile file(path);
        if (file.size() > MaxFileSize || !file.open(QIODevice::ReadOnly))
            continue;
        const QJsonObject auths
            = QJsonDocument::fromJson(file.read(MaxFileSize)).object().value(u"auths").toObject();
        for (auto it = auths.begin(); it != auths.end(); ++it) {
            if (registryOfKey(it.key()) != wanted)
                continue;
            if (std::optional<Credentials> found = fromEntry(it.value().toObject()))
                return found;
        }
    }
    return std::nullopt;
}

} // namespace Berth
