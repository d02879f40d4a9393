#include "upload/imagesource.h"

#include "upload/imagesource_p.h"
#include "upload/tarindex.h"
#include "upload/uploadtr.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryFile>

#include <algorithm>

namespace Berth {

namespace {

// isImageSource() reads at most this many tar headers: a docker save archive has a handful
// per layer, and a root file system tar (not an image) should not be walked to its end.
constexpr qsizetype PeekEntries = 4096;

enum class Format { Oci, Docker, Dir };

// The source's files and how to read them: an OCI index.json wins over a docker
// manifest.json (docker 25+ archives hold both; the OCI index keeps the original digests);
// a directory with manifest.json and the dir: transport's "version" file is a dir: copy.
Result<std::pair<ImageSourceDetail::SourceFiles, Format>>
openSource(const QString &path,
           const ReadProgress &onProgress = {},
           const std::shared_ptr<QTemporaryFile> &decompressed = {})
{
    using namespace ImageSourceDetail;
    Result<SourceFiles> files = SourceFiles::open(path, onProgress, decompressed);
    if (!files)
        return std::unexpected(files.error());
    if (files->exists(QStringLiteral("index.json")))
        return std::pair{std::move(*files), Format::Oci};
    if (files->exists(QStringLiteral("manifest.json"))) {
        const bool dir = !files->isArchive() && files->exists(QStringLiteral("version"));
        return std::pair{std::move(*files), dir ? Format::Dir : Format::Docker};
    }
    return std::unexpected(invalidSource(
        files->isArchive()
            ? UploadTr::tr("%1 is not an image archive: it holds neither index.json nor "
                           "manifest.json")
                  .arg(path)
            : UploadTr::tr("%1 is not an OCI image layout: it has no index.json").arg(path)));
}

// A whole compressed archive cannot be peeked into cheaply (its index is at its end): its
// name and first bytes decide.
bool isCompressedTar(const QString &path)
{
    static const QStringList Suffixes
        = {QStringLiteral(".tar.gz"), QStringLiteral(".tgz"), QStringLiteral(".tar.zst"),
           QStringLiteral(".tar.zstd"), QStringLiteral(".tzst")};
    const bool named = std::any_of(Suffixes.begin(), Suffixes.end(), [&path](const QString &s) {
        return path.endsWith(s, Qt::CaseInsensitive);
    });
    if (!named)
        return false;
    const QString compression = ImageSourceDetail::compressionOf(path);
    return compression == u"gzip" || compression == u"zstd";
}

} // namespace

qint64 ImageSource::totalBytes() const
{
    qint64 total = 0;
    for (const BlobSource &blob : blobs)
        total += blob.size;
    for (const ManifestSource &manifest : manifests)
        total += manifest.body.size();
    return total;
}

Result<ImageSource> readImageSource(const QString &path,
                                    const QString &reference,
                                    const ReadProgress &onProgress,
                                    LayerCompression compression,
                                    const std::shared_ptr<QTemporaryFile> &decompressed)
{
    using namespace ImageSourceDetail;
    const auto opened = openSource(path, onProgress, decompressed);
    if (!opened)
        return std::unexpected(opened.error());
    const auto &[files, format] = *opened;
    Result<ImageSource> source
        = format == Format::Oci   ? readOciLayout(files, reference)
          : format == Format::Dir ? readDirectory(files, reference)
                                  : readDockerArchive(files, reference, {compression, onProgress});
    if (!source)
        return source;
    if (files.decompressed())
        source->temporaryFiles.append(files.decompressed());
    if (format == Format::Dir)
        source->kind = UploadTr::tr("image directory (dir:)");
    else if (!files.isArchive() && format == Format::Oci)
        source->kind = UploadTr::tr("OCI image layout");
    else if (files.exists(QStringLiteral("manifest.json")))
        source->kind = UploadTr::tr("docker save archive");
    else
        source->kind = UploadTr::tr("OCI archive");
    return source;
}

Result<ImageListing> listImages(const QString &path, const ReadProgress &onProgress)
{
    using namespace ImageSourceDetail;
    const auto opened = openSource(path, onProgress);
    if (!opened)
        return std::unexpected(opened.error());
    const auto &[files, format] = *opened;
    ImageListing result;
    if (format == Format::Dir) { // one image, named by its manifest digest
        const Result<ImageSource> source = readDirectory(files, {});
        if (!source)
            return std::unexpected(source.error());
        result.names = {source->manifests.last().digest};
    } else {
        const Result<Listing> listing
            = format == Format::Oci ? ociListing(files) : dockerListing(files);
        if (!listing)
            return std::unexpected(listing.error());
        result.names = namesOf(listing->candidates);
    }
    result.decompressed = files.decompressed();
    if (result.decompressed)
        result.decompressed->moveToThread(nullptr); // read and dropped on another thread
    return result;
}

Result<QStringList> imageNames(const QString &path)
{
    Result<ImageListing> listing = listImages(path);
    if (!listing)
        return std::unexpected(listing.error());
    return std::move(listing->names);
}

QString tagOfImageName(const QString &name)
{
    return ImageSourceDetail::tagOf(name);
}

bool isImageSource(const QString &path)
{
    const QFileInfo info(path);
    if (info.isDir()) {
        const QDir dir(path);
        return QFileInfo(dir.filePath(QStringLiteral("oci-layout"))).isFile()
               || (QFileInfo(dir.filePath(QStringLiteral("manifest.json"))).isFile()
                   && QFileInfo(dir.filePath(QStringLiteral("version"))).isFile());
    }
    if (!info.isFile())
        return false;
    if (isCompressedTar(path))
        return true;
    const Result<TarIndex> tar = TarIndex::read(path, PeekEntries);
    return tar
           && (tar->contains(QStringLiteral("manifest.json"))
               || tar->contains(QStringLiteral("index.json")));
}

} // namespace Berth
