#pragma once

// Internals of readImageSource(), shared by imagesource*.cpp; not API.

#include "upload/imagesource.h"
#include "upload/tarindex.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QStringList>

#include <memory>
#include <optional>

namespace Berth::ImageSourceDetail {

// Where a file's bytes are: a whole file, or a member's bytes inside an archive.
struct Slice
{
    QString path;
    qint64 offset = 0;
    qint64 size = 0;
};

// The files of an image source: a directory's files, or an uncompressed tar's regular
// members (symlinks and hardlinks followed, never out of the archive). Names are relative
// ("index.json", "blobs/sha256/<hex>"); names that climb out with ".." are refused.
class SourceFiles
{
public:
    // A gzip or zstd archive is decompressed into a temporary file first (onProgress: the
    // compressed bytes read), unless `decompressed` is that file already; the slices then
    // point into that file.
    static Result<SourceFiles> open(const QString &path,
                                    const ReadProgress &onProgress = {},
                                    const std::shared_ptr<QTemporaryFile> &decompressed = {});

    bool isArchive() const { return m_tar.has_value(); }
    // The decompressed copy of a compressed archive, else null: keep it while pushing.
    std::shared_ptr<QTemporaryFile> decompressed() const { return m_decompressed; }
    QString path() const { return m_path; }
    bool exists(const QString &name) const;          // of any type (a link counts, even dangling)
    Result<Slice> locate(const QString &name) const; // a regular file
    Result<QByteArray> read(const QString &name, qint64 maxSize) const;
    Result<QJsonValue> readJson(const QString &name, qint64 maxSize) const; // read + parseJson
    Result<QByteArray> head(const Slice &slice, qint64 length) const;       // the first bytes
    Result<QString> sha256(const Slice &slice) const; // streams in 1 MiB reads
    QString describe(const QString &name) const;      // "<dir>/<name>" or "<name>" in <archive>

private:
    QString m_path; // absolute
    std::optional<TarIndex> m_tar;
    std::shared_ptr<QTemporaryFile> m_decompressed;
};

// "gzip", "zstd", another compression's name, or empty: from the file's first bytes.
QString compressionOf(const QString &path);

// Candidate images of a source, for picking one by reference.
struct Candidate
{
    QStringList names; // ref.name annotations or RepoTags, as written
    QString key;       // candidates with the same key are the same image
};

struct Choice
{
    qsizetype index = 0;
    QString tag; // the tag part of the name that matched (or the first name), may be empty
};

Result<Choice>
chooseImage(const QList<Candidate> &candidates, const QString &reference, const QString &where);
// Every candidate's names (its key when it has none), without duplicates: what to choose from.
QStringList namesOf(const QList<Candidate> &candidates);

// The images a source lists: its index.json's or manifest.json's entries, one candidate each.
struct Listing
{
    QJsonArray entries;
    QList<Candidate> candidates;
};

// "example/app:v1" -> "v1"; "v1" -> "v1"; "localhost:5000/app" -> ""; empty unless a valid tag.
QString tagOf(const QString &name);
// Relative, non-empty, without ".." parts: cannot leave the source.
bool isSafeRelativePath(const QString &name);
// A "sha256:<64 lowercase hex>" digest, or an error naming `where` (UNSUPPORTED for other
// algorithms).
Result<QString> checkDigest(const QString &digest, const QString &where);
Result<QJsonValue> parseJson(const QByteArray &bytes, const QString &where);
RegistryError invalidSource(const QString &message);

Result<Listing> ociListing(const SourceFiles &files);
Result<Listing> dockerListing(const SourceFiles &files);
Result<ImageSource> readOciLayout(const SourceFiles &files, const QString &reference);
struct LayerOptions
{
    LayerCompression compression = LayerCompression::None;
    ReadProgress onProgress;
};
Result<ImageSource> readDockerArchive(const SourceFiles &files,
                                      const QString &reference,
                                      const LayerOptions &layers = {});
// The dir: transport's directory (skopeo copy … dir:, podman save --format docker-dir).
Result<ImageSource> readDirectory(const SourceFiles &files, const QString &reference);

} // namespace Berth::ImageSourceDetail
