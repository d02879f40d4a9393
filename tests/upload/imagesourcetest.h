#pragma once

// Shared by the image source and tar index tests: reading slices back, writing files,
// hand-made tar members and legacy docker save archives.

#include "core/sha256.h"
#include "fixtures/ocilayout.h"
#include "fixtures/processrunner.h"
#include "fixtures/skopeo.h"
#include "fixtures/testutil.h"
#include "upload/imagesource.h"
#include "upload/tarindex.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

namespace Berth::Test {

inline const QString kRefName = QStringLiteral("org.opencontainers.image.ref.name");

inline QByteArray readSlice(const QString &path, qint64 offset, qint64 size)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || !file.seek(offset))
        return {};
    return file.read(size);
}

inline QByteArray readAll(const QString &path)
{
    return readSlice(path, 0, QFileInfo(path).size());
}

inline bool writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate)
           && file.write(bytes) == bytes.size();
}

// Empty when the bytes at every blob's (path, offset, size) hash to its digest.
inline QString misplacedBlobs(const ImageSource &source)
{
    QStringList bad;
    for (const BlobSource &blob : source.blobs) {
        const QByteArray bytes = readSlice(blob.path, blob.offset, blob.size);
        if (bytes.size() != blob.size || Sha256::digestOf(bytes) != blob.digest)
            bad << blob.digest + QStringLiteral(" at ") + blob.path + u'@'
                       + QString::number(blob.offset);
    }
    return bad.join(u", ");
}

inline QStringList digestsOf(const ImageSource &source)
{
    QStringList digests;
    for (const BlobSource &blob : source.blobs)
        digests << blob.digest;
    return digests;
}

template<typename T>
inline QString errorOf(const Result<T> &result)
{
    return result ? QString() : result.error().message;
}

// One ustar member; type '0' file, '1' hardlink, '2' symlink, '5' directory. `size` replaces
// the octal size field (12 bytes) when given.
inline QByteArray tarMember(const QByteArray &name,
                            const QByteArray &content = {},
                            char type = '0',
                            const QByteArray &link = {},
                            const QByteArray &size = {})
{
    QByteArray header(512, '\0');
    const auto put = [&](int at, const QByteArray &bytes) {
        header.replace(at, bytes.size(), bytes);
    };
    const auto octal = [&](int at, int width, qint64 value) {
        put(at, QByteArray::number(value, 8).rightJustified(width - 1, '0'));
    };
    put(0, name.left(100));
    octal(100, 8, 0644);
    octal(108, 8, 0);
    octal(116, 8, 0);
    if (size.isEmpty())
        octal(124, 12, content.size());
    else
        put(124, size);
    octal(136, 12, 1704067200);
    header[156] = type;
    put(157, link.left(100));
    put(257, QByteArray("ustar", 6) + "00"); // POSIX magic (with its NUL) and version
    put(148, QByteArray(8, ' '));
    unsigned sum = 0;
    for (const char byte : std::as_const(header))
        sum += quint8(byte);
    octal(148, 7, sum);
    return header + content + QByteArray((512 - content.size() % 512) % 512, '\0');
}

inline const QByteArray kTarEnd(1024, '\0');

inline QString runTar(const QStringList &arguments, const QString &directory)
{
    ProcessSpec spec;
    spec.program = findExecutable(QStringLiteral("tar"));
    spec.arguments = arguments;
    spec.workingDirectory = directory;
    spec.timeoutMs = 60000;
    const ProcessResult result = runProcess(spec);
    return result.ok() ? QString() : result.describe();
}

inline QByteArray configWithDiffIds(const QStringList &diffIds)
{
    const QJsonObject config{
        {QStringLiteral("architecture"), QStringLiteral("amd64")},
        {QStringLiteral("os"), QStringLiteral("linux")},
        {QStringLiteral("rootfs"),
         QJsonObject{{QStringLiteral("type"), QStringLiteral("layers")},
                     {QStringLiteral("diff_ids"), QJsonArray::fromStringList(diffIds)}}}};
    return QJsonDocument(config).toJson(QJsonDocument::Compact);
}

inline QJsonObject legacyImage(const QStringList &layers,
                               const QStringList &tags = {QStringLiteral("example/app:v1")})
{
    return {{QStringLiteral("Config"), QStringLiteral("config.json")},
            {QStringLiteral("RepoTags"), QJsonArray::fromStringList(tags)},
            {QStringLiteral("Layers"), QJsonArray::fromStringList(layers)}};
}

// A legacy docker save archive: manifest.json, config.json, then `members`.
inline QByteArray
legacyArchive(const QJsonArray &manifest, const QByteArray &config, const QByteArray &members)
{
    return tarMember("manifest.json", QJsonDocument(manifest).toJson(QJsonDocument::Compact))
           + tarMember("config.json", config) + members + kTarEnd;
}

enum class Damage {
    MissingLayer,
    LayerSizeChanged,
    ManifestBytesChanged,
    MissingIndexChild,
    IndexNotJson,
    IndexSchemaVersion3,
    DigestClimbsOut,
    Sha512Digest,
    LayoutFileNotJson,
};

} // namespace Berth::Test
