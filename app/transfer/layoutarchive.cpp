#include "transfer/layoutarchive.h"

#include "core/job.h"
#include "core/manifest.h"
#include "transfer/transfertr.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <cstring>

namespace Berth {

RegistryError writeError(const QString &path, const QString &why)
{
    return RegistryError::make(ErrorCode::Io, TransferTr::tr("Cannot write %1: %2").arg(path, why));
}

namespace {

constexpr qint64 TarBlock = 512;
constexpr qint64 SliceBytes = qint64(1) << 20;

// A ustar writer: regular files and directories, names under 100 bytes (a layout's longest,
// "blobs/sha256/<64 hex>", has 77), sizes under 8 GiB (11 octal digits).
class TarWriter
{
public:
    TarWriter(QIODevice *out, const std::atomic<bool> *cancelled)
        : m_out(out)
        , m_cancelled(cancelled)
    {}

    bool isCancelled() const { return m_cancelled && m_cancelled->load(); }

    bool addDirectory(const QByteArray &name) { return header(name, 0, '5'); }
    bool addBytes(const QByteArray &name, const QByteArray &bytes)
    {
        return header(name, bytes.size(), '0') && write(bytes.constData(), bytes.size())
               && pad(bytes.size());
    }
    bool addFile(const QByteArray &name, const QString &path, QString *why)
    {
        QFile in(path);
        if (!in.open(QIODevice::ReadOnly)) {
            *why = in.errorString();
            return false;
        }
        const qint64 size = in.size();
        if (!header(name, size, '0'))
            return false;
        QByteArray slice(SliceBytes, Qt::Uninitialized);
        qint64 left = size;
        while (left > 0) {
            if (isCancelled())
                return false;
            const qint64 n = in.read(slice.data(), qMin(left, SliceBytes));
            if (n <= 0) {
                *why = in.errorString();
                return false;
            }
            if (!write(slice.constData(), n))
                return false;
            left -= n;
        }
        return pad(size);
    }
    bool finish()
    {
        const QByteArray zeros(TarBlock * 2, '\0');
        return write(zeros.constData(), zeros.size());
    }

private:
    bool header(const QByteArray &name, qint64 size, char type)
    {
        if (name.size() >= 100 || size >= (qint64(1) << 33))
            return false;
        QByteArray h(TarBlock, '\0');
        auto field = [&h](int at, int width, const QByteArray &value) {
            std::memcpy(h.data() + at, value.constData(),
                        size_t(qMin<qsizetype>(value.size(), width)));
        };
        auto octal = [](qint64 v, int digits) {
            return QByteArray::number(v, 8).rightJustified(digits, '0');
        };
        field(0, 100, name);
        field(100, 8, octal(type == '5' ? 0755 : 0644, 7));
        field(108, 8, octal(0, 7));
        field(116, 8, octal(0, 7));
        field(124, 12, octal(size, 11));
        field(136, 12, octal(0, 11));
        h[156] = type;
        field(257, 6, QByteArray("ustar", 6));
        field(263, 2, "00");
        std::memset(h.data() + 148, ' ', 8);
        unsigned sum = 0;
        for (const char c : std::as_const(h))
            sum += static_cast<unsigned char>(c);
        field(148, 8, octal(sum, 6) + '\0' + ' ');
        return write(h.constData(), h.size());
    }
    bool pad(qint64 size)
    {
        const qint64 rest = size % TarBlock;
        if (rest == 0)
            return true;
        const QByteArray zeros(TarBlock - rest, '\0');
        return write(zeros.constData(), zeros.size());
    }
    bool write(const char *data, qint64 size) { return m_out->write(data, size) == size; }

    QIODevice *m_out;
    const std::atomic<bool> *m_cancelled;
};

// Opens `archivePath` for writing under a temporary name, runs `fill`, and renames it.
// A set `cancelled` stops it between two slices, and removes the temporary file.
template<typename F>
Result<Done> writeArchive(const QString &archivePath, const std::atomic<bool> *cancelled, F &&fill)
{
    QSaveFile out(archivePath);
    if (!out.open(QIODevice::WriteOnly))
        return std::unexpected(writeError(archivePath, out.errorString()));
    TarWriter tar(&out, cancelled);
    QString why;
    if (!fill(tar, &why) || tar.isCancelled() || !tar.finish()) {
        const QString reason = why.isEmpty() ? out.errorString() : why;
        out.cancelWriting();
        if (tar.isCancelled())
            return std::unexpected(RegistryJob::abortedError());
        return std::unexpected(writeError(archivePath, reason));
    }
    if (!out.commit())
        return std::unexpected(writeError(archivePath, out.errorString()));
    return Done{};
}

QString blobFile(const QString &layoutDir, const QString &digest)
{
    return layoutDir + QStringLiteral("/blobs/sha256/") + digest.mid(7);
}

} // namespace

Result<Done> writeOciArchive(const QString &layoutDir,
                             const QString &archivePath,
                             const std::atomic<bool> *cancelled)
{
    return writeArchive(archivePath, cancelled, [&layoutDir](TarWriter &tar, QString *why) {
        if (!tar.addFile("oci-layout", layoutDir + QStringLiteral("/oci-layout"), why)
            || !tar.addFile("index.json", layoutDir + QStringLiteral("/index.json"), why)
            || !tar.addDirectory("blobs/") || !tar.addDirectory("blobs/sha256/"))
            return false;
        const QDir blobs(layoutDir + QStringLiteral("/blobs/sha256"));
        for (const QString &name : blobs.entryList(QDir::Files, QDir::Name)) {
            if (name.endsWith(u".part"))
                continue; // a blob that never finished
            if (!tar.addFile("blobs/sha256/" + name.toLatin1(), blobs.filePath(name), why))
                return false;
        }
        return true;
    });
}

Result<Done> writeDockerArchive(const QString &layoutDir,
                                const QString &manifestDigest,
                                const QString &repoTag,
                                const QString &archivePath,
                                const std::atomic<bool> *cancelled)
{
    QFile manifestFile(blobFile(layoutDir, manifestDigest));
    if (!manifestFile.open(QIODevice::ReadOnly))
        return std::unexpected(writeError(archivePath, manifestFile.errorString()));
    const Result<Manifest> manifest = parseManifest(manifestFile.readAll(), QString());
    if (!manifest)
        return std::unexpected(manifest.error());
    if (manifest->kind != Manifest::Kind::Image)
        return std::unexpected(RegistryError::make(
            ErrorCode::Unsupported,
            TransferTr::tr("A docker archive holds one image: choose a platform of the index "
                           "with --platform.")));
    return writeArchive(archivePath, cancelled, [&](TarWriter &tar, QString *why) {
        const QString configName = manifest->config.digest.mid(7) + QStringLiteral(".json");
        if (!tar.addFile(configName.toLatin1(), blobFile(layoutDir, manifest->config.digest), why))
            return false;
        QJsonArray layers;
        QStringList written;
        for (const Descriptor &layer : manifest->layers) {
            const QString name = layer.digest.mid(7) + QStringLiteral(".tar");
            layers.append(name);
            if (written.contains(name))
                continue;
            written.append(name);
            if (!tar.addFile(name.toLatin1(), blobFile(layoutDir, layer.digest), why))
                return false;
        }
        QJsonObject image{{QStringLiteral("Config"), configName},
                          {QStringLiteral("Layers"), layers}};
        if (!repoTag.isEmpty())
            image.insert(QStringLiteral("RepoTags"), QJsonArray{repoTag});
        return tar.addBytes("manifest.json",
                            QJsonDocument(QJsonArray{image}).toJson(QJsonDocument::Compact));
    });
}

} // namespace Berth
