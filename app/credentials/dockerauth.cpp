#include "credentials/dockerauth.h"

#include "credentials/credentialhelper.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace Berth {

namespace {
constexpr qint64 MaxFileSize = 1 << 20;

const QString DockerHub = QStringLiteral("docker.io");

// A registry as the files name it: Docker Hub's hosts are one ("docker.io").
QString canonical(const QString &registry)
{
    QString host = registry.toLower();
    if (host == u"index.docker.io" || host == u"registry-1.docker.io")
        return DockerHub;
    return host;
}

// "https://host:port/v1/" -> "host:port", lower case.
QString registryOfKey(QString key)
{
    const qsizetype scheme = key.indexOf(u"://");
    if (scheme >= 0)
        key = key.mid(scheme + 3);
    return canonical(key.section(u'/', 0, 0));
}

// What a helper is asked for: docker's own key for Docker Hub, else "host[:port]".
QString serverUrl(const QString &registry)
{
    return registry == DockerHub ? QStringLiteral("https://index.docker.io/v1/") : registry;
}

std::optional<Credentials> fromEntry(const QJsonObject &entry)
{
    if (const QString token = entry.value(u"identitytoken").toString(); !token.isEmpty())
        return Credentials::password(Credentials::RefreshTokenUser, token);
    const QByteArray decoded = QByteArray::fromBase64(entry.value(u"auth").toString().toLatin1(),
                                                      QByteArray::AbortOnBase64DecodingErrors);
    const qsizetype colon = decoded.indexOf(':');
    if (colon <= 0)
        return std::nullopt;
    return Credentials::password(QString::fromUtf8(decoded.left(colon)),
                                 QString::fromUtf8(decoded.mid(colon + 1)));
}

// Each readable file's JSON object, in order (empty for the unreadable and oversized).
QList<QJsonObject> readFiles(const QStringList &files)
{
    QList<QJsonObject> objects;
    for (const QString &path : files) {
        QFile file(path);
        if (file.size() > MaxFileSize || !file.open(QIODevice::ReadOnly))
            continue;
        objects << QJsonDocument::fromJson(file.read(MaxFileSize)).object();
    }
    return objects;
}

// The values under the keys of `object` that name `registry`.
QList<QJsonValue> valuesFor(const QJsonObject &object, const QString &registry)
{
    QList<QJsonValue> values;
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (registryOfKey(it.key()) == registry)
            values << it.value();
    }
    return values;
}

void askHelpers(Job<std::optional<Credentials>> *outer,
                QStringList helpers,
                const QString &registry,
                int timeoutMs)
{
    if (helpers.isEmpty())
        return outer->succeed(std::nullopt);
    auto *ask = new CredentialHelperJob(helpers.takeFirst(), registry, timeoutMs, outer);
    outer->setInner(ask);
    onFinished(ask, outer,
               [outer, helpers, registry, timeoutMs](const Result<std::optional<Credentials>> &r) {
                   if (!r || r->has_value())
                       return outer->complete(r);
                   askHelpers(outer, helpers, registry, timeoutMs);
               });
}
} // namespace

QStringList DockerAuth::defaultFiles()
{
    QStringList files;
    const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (!runtime.isEmpty())
        files << QDir(runtime).filePath(QStringLiteral("containers/auth.json"));
    const QString dockerConfig = qEnvironmentVariable("DOCKER_CONFIG");
    files << (dockerConfig.isEmpty() ? QDir::home().filePath(QStringLiteral(".docker/config.json"))
                                     : QDir(dockerConfig).filePath(QStringLiteral("config.json")));
    return files;
}

std::optional<Credentials> DockerAuth::find(const QString &registry, const QStringList &files)
{
    for (const QJsonObject &config : readFiles(files)) {
        for (const QJsonValue &entry :
             valuesFor(config.value(u"auths").toObject(), canonical(registry))) {
            if (std::optional<Credentials> found = fromEntry(entry.toObject()))
                return found;
        }
    }
    return std::nullopt;
}

QStringList DockerAuth::helpers(const QString &registry, const QStringList &files)
{
    const QList<QJsonObject> configs = readFiles(files);
    QStringList names;
    for (const QJsonObject &config : configs) {
        for (const QJsonValue &name :
             valuesFor(config.value(u"credHelpers").toObject(), canonical(registry)))
            names << name.toString();
    }
    for (const QJsonObject &config : configs)
        names << config.value(u"credsStore").toString();
    names.removeAll(QString());
    names.removeDuplicates();
    return names;
}

QStringList DockerAuth::registries(const QStringList &files)
{
    QStringList hosts;
    for (const QJsonObject &config : readFiles(files)) {
        for (const char16_t *group : {u"auths", u"credHelpers"}) {
            const QJsonObject entries = config.value(QStringView(group)).toObject();
            for (auto it = entries.begin(); it != entries.end(); ++it) {
                const QString registry = registryOfKey(it.key());
                hosts << (registry == DockerHub ? QStringLiteral("registry-1.docker.io")
                                                : registry);
            }
        }
    }
    hosts.removeAll(QString());
    hosts.removeDuplicates();
    hosts.sort();
    return hosts;
}

Job<std::optional<Credentials>> *DockerAuth::resolve(const QString &registry,
                                                     const QStringList &files,
                                                     int helperTimeoutMs,
                                                     QObject *parent)
{
    auto *job = new Job<std::optional<Credentials>>(parent);
    if (std::optional<Credentials> plain = find(registry, files))
        job->succeed(std::move(plain));
    else
        askHelpers(job, helpers(registry, files), serverUrl(canonical(registry)), helperTimeoutMs);
    return job;
}

} // namespace Berth
