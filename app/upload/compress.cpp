#include "upload/compress.h"

#include "core/sha256.h"
#include "upload/uploadtr.h"

#include <QDir>
#include <QFile>
#include <QTemporaryFile>

#include <zlib.h>
#include <zstd.h>

namespace Berth {

namespace {

constexpr qint64 ReadSize = 1 << 20;

RegistryError ioError(const QString &format, const QFileDevice &file)
{
    return RegistryError::make(ErrorCode::Io, format.arg(file.fileName(), file.errorString()));
}

// Writes compressed output to the file and the hash.
struct Sink
{
    QTemporaryFile &file;
    Sha256 &hash;
    bool put(const char *data, qint64 size)
    {
        hash.addData(QByteArrayView(data, size));
        return size == 0 || file.write(data, size) == size;
    }
};

// One chunk through the encoder; `last` ends the stream. False when the output cannot be
// written.
bool gzipChunk(z_stream &stream, const QByteArray &in, bool last, Sink &sink)
{
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in.constData()));
    stream.avail_in = uInt(in.size());
    QByteArray buffer(ReadSize, Qt::Uninitialized);
    int status = Z_OK;
    do {
        stream.next_out = reinterpret_cast<Bytef *>(buffer.data());
        stream.avail_out = uInt(buffer.size());
        status = deflate(&stream, last ? Z_FINISH : Z_NO_FLUSH);
        if (!sink.put(buffer.constData(), buffer.size() - qint64(stream.avail_out)))
            return false;
    } while (stream.avail_out == 0 || (last && status != Z_STREAM_END));
    return true;
}

bool zstdChunk(ZSTD_CCtx *context, const QByteArray &in, bool last, Sink &sink)
{
    ZSTD_inBuffer input{in.constData(), size_t(in.size()), 0};
    QByteArray buffer(qint64(ZSTD_CStreamOutSize()), Qt::Uninitialized);
    size_t remaining = 0;
    do {
        ZSTD_outBuffer output{buffer.data(), size_t(buffer.size()), 0};
        remaining
            = ZSTD_compressStream2(context, &output, &input, last ? ZSTD_e_end : ZSTD_e_continue);
        if (ZSTD_isError(remaining) || !sink.put(buffer.constData(), qint64(output.pos)))
            return false;
    } while (last ? remaining != 0 : input.pos < input.size);
    return true;
}

} // namespace

QString layerCompressionName(LayerCompression compression)
{
    if (compression == LayerCompression::None)
        return QStringLiteral("none");
    return compression == LayerCompression::Zstd ? QStringLiteral("zstd") : QStringLiteral("gzip");
}

LayerCompression layerCompressionFromName(const QString &name)
{
    if (name == u"none")
        return LayerCompression::None;
    return name == u"zstd" ? LayerCompression::Zstd : LayerCompression::Gzip;
}

Result<CompressedFile> compressToTemporaryFile(const QString &path,
                                               qint64 offset,
                                               qint64 size,
                                               LayerCompression compression,
                                               const std::function<void(qint64 done)> &onProgress)
{
    if (compression == LayerCompression::None)
        return std::unexpected(RegistryError::make(ErrorCode::InvalidArgument,
                                                   QStringLiteral("no compression chosen")));
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly) || !in.seek(offset))
        return std::unexpected(ioError(UploadTr::tr("Cannot read %1: %2"), in));
    auto out = std::make_shared<QTemporaryFile>(
        QDir::temp().filePath(QStringLiteral("berth-layer-XXXXXX")));
    if (!out->open())
        return std::unexpected(ioError(UploadTr::tr("Cannot write %1: %2"), *out));

    Sha256 hash;
    Sink sink{*out, hash};
    z_stream gzip{};
    std::unique_ptr<ZSTD_CCtx, size_t (*)(ZSTD_CCtx *)> zstd(nullptr, ZSTD_freeCCtx);
    if (compression == LayerCompression::Gzip) {
        deflateInit2(&gzip, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    } else {
        zstd.reset(ZSTD_createCCtx());
        ZSTD_CCtx_setParameter(zstd.get(), ZSTD_c_compressionLevel, ZSTD_CLEVEL_DEFAULT);
    }
    qint64 done = 0;
    bool ok = true;
    do {
        const QByteArray chunk = in.read(qMin(ReadSize, size - done));
        if (chunk.isEmpty() && done < size) {
            ok = false;
            break;
        }
        done += chunk.size();
        const bool last = done >= size;
        if (!(zstd ? zstdChunk(zstd.get(), chunk, last, sink)
                   : gzipChunk(gzip, chunk, last, sink))) {
            deflateEnd(&gzip);
            return std::unexpected(ioError(UploadTr::tr("Cannot write %1: %2"), *out));
        }
        if (onProgress)
            onProgress(done);
    } while (done < size);
    deflateEnd(&gzip);
    if (!ok)
        return std::unexpected(ioError(UploadTr::tr("Cannot read %1: %2"), in));
    if (!out->flush())
        return std::unexpected(ioError(UploadTr::tr("Cannot write %1: %2"), *out));
    return CompressedFile{out, hash.digest(), out->size()};
}

} // namespace Berth
