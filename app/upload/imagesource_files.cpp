// SourceFiles and the helpers readImageSource()'s readers share.

#include "upload/decompress.h"
#include "upload/filehasher.h"
#include "upload/imagesource_p.h"
#include "upload/uploadtr.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>
#include <QTemporaryFile>

#include <algorithm>

namespace Berth::ImageSourceDetail {

namespace {

RegistryError readError(const QString &path, const QString &why)
{
    return RegistryError::make(ErrorCode::Io, UploadTr::tr("Cannot read %1: %2").arg(path, why));
}

// Without the prefixes a short name stands for: Docker Hub's, and podman's "localhost/" for
// images it built.
QString shortName(QString name)
{
    for (const QString &registry :
         {QStringLiteral("docker.io/"), QStringLiteral("index.docker.io/"),
          QStringLiteral("localhost/")}) {
        if (name.startsWith(registry)) {
            name.remove(0, registry.size());
            break;
        }
    }
    if (name.startsWith(u"library/"))
        name.remove(0, 8);
    return name;
}

bool isValidTag(QStringView tag)
{
    if (tag.isEmpty() || tag.size() > 128 || tag.front() == u'.' || tag.front() == u'-')
        return false;
    return std::all_of(tag.begin(), tag.end(), [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9')
               || c == u'_' || c == u'.' || c == u'-';
    });
}

// "v1" matches "example/app:v1"; "example/app:v1" matches a bare "v1" (an OCI ref.name) and
// "docker.io/example/app:v1"; "busybox" matches "busybox:latest".
bool referenceMatches(const QString &name, const QString &reference)
{
    const QString ours = shortName(name);
    QString theirs = shortName(reference);
    if (ours == theirs)
        return true;
    const QString tag = tagOf(name);
    if (!tag.isEmpty() && (reference == tag || name == tagOf(reference)))
        return true;
    if (tagOf(theirs).isEmpty() && !theirs.contains(u'@'))
        theirs += QStringLiteral(":latest");
    return ours == theirs;
}

} // namespace

RegistryError invalidSource(const QString &message)
{
    return RegistryError::make(ErrorCode::InvalidArgument, message);
}

QString tagOf(const QString &name)
{
    const QStringView withoutDigest = QStringView(name).left(name.indexOf(u'@'));
    const qsizetype colon = withoutDigest.lastIndexOf(u':');
    const qsizetype slash = withoutDigest.lastIndexOf(u'/');
    QStringView tag;
    if (colon < 0 && slash < 0)
        tag = withoutDigest; // a bare tag, as OCI ref.name annotations usually are
    else if (colon > slash)
        tag = withoutDigest.sliced(colon + 1);
    return isValidTag(tag) ? tag.toString() : QString();
}

bool isSafeRelativePath(const QString &name)
{
    if (name.isEmpty() || name.startsWith(u'/') || name.contains(u'\\'))
        return false;
    for (const QStringView part : QStringView(name).tokenize(u'/')) {
        if (part == u"..")
            return false;
    }
    return true;
}

Result<QString> checkDigest(const QString &digest, const QString &where)
{
    const QString shown = digest.left(80);
    const qsizetype colon = digest.indexOf(u':');
    if (colon > 0 && digest.left(colon) != u"sha256" && !digest.contains(u'/')) {
        return std::unexpected(RegistryError::make(
            ErrorCode::Unsupported,
            UploadTr::tr(
                "%1: digest \"%2\" uses an unsupported algorithm; only sha256 is supported")
                .arg(where, shown)));
    }
    const QStringView hex = QStringView(digest).sliced(qMax<qsizetype>(colon + 1, 0));
    const bool valid
        = colon == 6 && hex.size() == 64 && std::all_of(hex.begin(), hex.end(), [](QChar c) {
              return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f');
          });
    if (!valid) {
        return std::unexpected(invalidSource(
            UploadTr::tr("%1: invalid digest \"%2\" (expected sha256: and 64 lowercase hex digits)")
                .arg(where, shown)));
    }
    return digest;
}

Result<QJsonValue> parseJson(const QByteArray &bytes, const QString &where)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError) {
        return std::unexpected(invalidSource(UploadTr::tr("%1 is not valid JSON: %2 (at byte %3)")
                                                 .arg(where, error.errorString())
                                                 .arg(error.offset)));
    }
    if (document.isArray())
        return QJsonValue(document.array());
    return QJsonValue(document.object());
}

QStringList namesOf(const QList<Candidate> &candidates)
{
    QStringList names;
    for (const Candidate &candidate : candidates)
        names += candidate.names.isEmpty() ? QStringList{candidate.key} : candidate.names;
    names.removeDuplicates();
    return names;
}

Result<Choice>
chooseImage(const QList<Candidate> &candidates, const QString &reference, const QString &where)
{
    const QStringList available = namesOf(candidates);
    if (candidates.isEmpty())
        return std::unexpected(invalidSource(UploadTr::tr("%1 lists no images").arg(where)));

    QList<qsizetype> matches;
    QSet<QString> keys;
    QString tag;
    for (qsizetype i = 0; i < candidates.size(); ++i) {
        const Candidate &candidate = candidates[i];
        bool matched = reference.isEmpty() || reference == candidate.key; // key: a digest
        QString matchedTag = candidate.names.isEmpty() ? QString() : tagOf(candidate.names.first());
        for (const QString &name : candidate.names) {
            if (!reference.isEmpty() && referenceMatches(name, reference)) {
                matched = true;
                matchedTag = tagOf(name);
                break;
            }
        }
        if (!matched)
            continue;
        if (matches.isEmpty())
            tag = matchedTag;
        matches.append(i);
        keys.insert(candidate.key);
    }
    if (matches.isEmpty()) {
        return std::unexpected(
            invalidSource(UploadTr::tr("%1 holds no image named \"%2\"; available: %3")
                              .arg(where, reference, available.join(u", "))));
    }
    if (keys.size() > 1 && reference.isEmpty()) {
        return std::unexpected(
            invalidSource(UploadTr::tr("%1 holds several images; choose one of: %2")
                              .arg(where, available.join(u", "))));
    }
    if (keys.size() > 1) {
        return std::unexpected(
            invalidSource(UploadTr::tr("\"%1\" matches several images in %2; available: %3")
                              .arg(reference, where, available.join(u", "))));
    }
    return Choice{matches.first(), tag};
}

QString compressionOf(const QString &path)
{
    QFile file(path);
    return TarIndex::compressionOf(file.open(QIODevice::ReadOnly) ? file.read(8) : QByteArray());
}

Result<SourceFiles> SourceFiles::open(const QString &path,
                                      const ReadProgress &onProgress,
                                      const std::shared_ptr<QTemporaryFile> &decompressed)
{
    const QFileInfo info(path);
    SourceFiles files;
    files.m_path = info.absoluteFilePath();
    QString tarPath = path;
    if (decompressed) { // listImages() read `path` already: its copy, whatever `path` is now
        files.m_decompressed = decompressed;
        tarPath = decompressed->fileName();
    } else if (info.isDir()) {
        return files;
    } else if (!info.exists()) {
        return std::unexpected(readError(path, UploadTr::tr("no such file or directory")));
    } else if (!info.isFile()) { // a FIFO would block the open, a device never end
        return std::unexpected(readError(path, UploadTr::tr("not a regular file or directory")));
    } else if (const QString compression = compressionOf(path);
               compression == u"gzip" || compression == u"zstd") { // else TarIndex names the tool
        Result<std::shared_ptr<QTemporaryFile>> tar
            = decompressToTemporaryFile(path, compression, onProgress);
        if (!tar)
            return std::unexpected(tar.error());
        files.m_decompressed = *tar;
        tarPath = files.m_decompressed->fileName();
    }
    Result<TarIndex> tar = TarIndex::read(tarPath);
    if (!tar)
        return std::unexpected(tar.error());
    files.m_tar = std::move(*tar);
    return files;
}

bool SourceFiles::exists(const QString &name) const
{
    if (m_tar)
        return m_tar->contains(name);
    return isSafeRelativePath(name) && QFileInfo::exists(QDir(m_path).filePath(name));
}

QString SourceFiles::describe(const QString &name) const
{
    if (m_tar)
        return UploadTr::tr("\"%1\" in %2").arg(name, m_path);
    return QDir(m_path).filePath(name);
}

Result<Slice> SourceFiles::locate(const QString &name) const
{
    if (!isSafeRelativePath(name)) {
        return std::unexpected(
            invalidSource(UploadTr::tr("%1: the path \"%2\" leaves the image source")
                              .arg(m_path, name.left(200))));
    }
    if (m_tar) {
        const Result<TarEntry> entry = m_tar->file(name);
        if (!entry)
            return std::unexpected(entry.error());
        return Slice{m_tar->path(), entry->dataOffset, entry->size};
    }
    const QFileInfo info(QDir(m_path).filePath(name));
    if (!info.isFile()) {
        return std::unexpected(readError(info.filePath(), info.exists()
                                                              ? UploadTr::tr("not a file")
                                                              : UploadTr::tr("no such file")));
    }
    return Slice{info.absoluteFilePath(), 0, info.size()};
}

Result<QJsonValue> SourceFiles::readJson(const QString &name, qint64 maxSize) const
{
    const Result<QByteArray> bytes = read(name, maxSize);
    if (!bytes)
        return std::unexpected(bytes.error());
    return parseJson(*bytes, describe(name));
}

Result<QByteArray> SourceFiles::read(const QString &name, qint64 maxSize) const
{
    const Result<Slice> slice = locate(name);
    if (!slice)
        return std::unexpected(slice.error());
    if (slice->size > maxSize) {
        return std::unexpected(
            invalidSource(UploadTr::tr("%1 is too large (%2 bytes; at most %3 expected)")
                              .arg(describe(name))
                              .arg(slice->size)
                              .arg(maxSize)));
    }
    return head(*slice, slice->size);
}

Result<QByteArray> SourceFiles::head(const Slice &slice, qint64 length) const
{
    QFile file(slice.path);
    length = qMin(length, slice.size);
    if (!file.open(QIODevice::ReadOnly) || !file.seek(slice.offset))
        return std::unexpected(readError(slice.path, file.errorString()));
    QByteArray bytes = file.read(length);
    if (bytes.size() != length) {
        return std::unexpected(
            readError(slice.path, file.error() != QFileDevice::NoError
                                      ? file.errorString()
                                      : UploadTr::tr("the file is shorter than expected")));
    }
    return bytes;
}

Result<QString> SourceFiles::sha256(const Slice &slice) const
{
    return sha256OfFileSlice(slice.path, slice.offset, slice.size);
}

} // namespace Berth::ImageSourceDetail
