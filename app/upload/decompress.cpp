#include "upload/decompress.h"

#include "upload/uploadtr.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryFile>

#include <zlib.h>
#include <zstd.h>

namespace Berth {

namespace {

constexpr qint64 ReadSize = 1 << 20;

RegistryError damaged(const QString &path, const QString &compression, const QString &why)
{
    return RegistryError::make(
        ErrorCode::InvalidArgument,
        UploadTr::tr("Cannot decompress %1 (%2): %3").arg(path, compression, why));
}

// One streaming decoder: feed() takes compressed bytes and writes what they give to `out`;
// finished() tells whether the data ended at the end of a member or frame.
class Decoder
{
public:
    virtual ~Decoder() = default;
    virtual Result<Done> feed(const QByteArray &in, QFile &out) = 0;
    virtual bool finished() const = 0;
};

Result<Done> write(QFile &out, const char *data, qint64 size)
{
    if (size > 0 && out.write(data, size) != size) {
        return std::unexpected(RegistryError::make(
            ErrorCode::Io,
            UploadTr::tr("Cannot write %1: %2").arg(out.fileName(), out.errorString())));
    }
    return Done{};
}

class GzipDecoder : public Decoder
{
public:
    explicit GzipDecoder(const QString &path)
        : m_path(path)
    {
        m_ok = inflateInit2(&m_stream, 15 + 16) == Z_OK; // gzip framing only
    }
    ~GzipDecoder() override { inflateEnd(&m_stream); }

    Result<Done> feed(const QByteArray &in, QFile &out) override
    {
        if (!m_ok)
            return std::unexpected(
                damaged(m_path, QStringLiteral("gzip"), UploadTr::tr("out of memory")));
        m_stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in.constData()));
        m_stream.avail_in = uInt(in.size());
        QByteArray buffer(ReadSize, Qt::Uninitialized);
        while (m_stream.avail_in > 0) {
            if (m_ended) { // another member follows, as in a concatenation
                inflateReset(&m_stream);
                m_ended = false;
            }
            m_stream.next_out = reinterpret_cast<Bytef *>(buffer.data());
            m_stream.avail_out = uInt(buffer.size());
            const int status = inflate(&m_stream, Z_NO_FLUSH);
            if (status != Z_OK && status != Z_STREAM_END && status != Z_BUF_ERROR) {
                return std::unexpected(damaged(m_path, QStringLiteral("gzip"),
                                               m_stream.msg ? QString::fromUtf8(m_stream.msg)
                                                            : QString::number(status)));
            }
            if (Result<Done> written
                = write(out, buffer.constData(), buffer.size() - qint64(m_stream.avail_out));
                !written)
                return written;
            m_ended = status == Z_STREAM_END;
        }
        return Done{};
    }
    bool finished() const override { return m_ended; }

private:
    QString m_path;
    z_stream m_stream{};
    bool m_ok = false;
    bool m_ended = false;
};

class ZstdDecoder : public Decoder
{
public:
    explicit ZstdDecoder(const QString &path)
        : m_path(path)
        , m_stream(ZSTD_createDStream())
    {}
    ~ZstdDecoder() override { ZSTD_freeDStream(m_stream); }

    Result<Done> feed(const QByteArray &in, QFile &out) override
    {
        if (!m_stream)
            return std::unexpected(
                damaged(m_path, QStringLiteral("zstd"), UploadTr::tr("out of memory")));
        ZSTD_inBuffer input{in.constData(), size_t(in.size()), 0};
        QByteArray buffer(qint64(ZSTD_DStreamOutSize()), Qt::Uninitialized);
        while (input.pos < input.size) {
            ZSTD_outBuffer output{buffer.data(), size_t(buffer.size()), 0};
            const size_t status = ZSTD_decompressStream(m_stream, &output, &input);
            if (ZSTD_isError(status)) {
                return std::unexpected(damaged(m_path, QStringLiteral("zstd"),
                                               QString::fromUtf8(ZSTD_getErrorName(status))));
            }
            if (Result<Done> written = write(out, buffer.constData(), qint64(output.pos)); !written)
                return written;
            m_ended = status == 0; // a frame ended and was flushed whole
        }
        return Done{};
    }
    bool finished() const override { return m_ended; }

private:
    QString m_path;
    ZSTD_DStream *m_stream;
    bool m_ended = false;
};

} // namespace

Result<std::shared_ptr<QTemporaryFile>>
decompressToTemporaryFile(const QString &path,
                          const QString &compression,
                          const std::function<void(qint64 done, qint64 total)> &onProgress)
{
    std::unique_ptr<Decoder> decoder;
    if (compression == u"gzip")
        decoder = std::make_unique<GzipDecoder>(path);
    else if (compression == u"zstd")
        decoder = std::make_unique<ZstdDecoder>(path);
    else
        return std::unexpected(RegistryError::make(
            ErrorCode::Unsupported,
            UploadTr::tr("%1 is %2-compressed; only gzip and zstd archives can be read")
                .arg(path, compression)));

    QFile in(path);
    if (!in.open(QIODevice::ReadOnly)) {
        return std::unexpected(RegistryError::make(
            ErrorCode::Io, UploadTr::tr("Cannot read %1: %2").arg(path, in.errorString())));
    }
    auto out = std::make_shared<QTemporaryFile>(QDir::temp().filePath(
        QStringLiteral("berth-") + QFileInfo(path).fileName() + QStringLiteral("-XXXXXX.tar")));
    if (!out->open()) {
        return std::unexpected(RegistryError::make(
            ErrorCode::Io,
            UploadTr::tr("Cannot write %1: %2").arg(out->fileTemplate(), out->errorString())));
    }
    const qint64 total = in.size();
    qint64 done = 0;
    while (!in.atEnd()) {
        const QByteArray chunk = in.read(ReadSize);
        if (chunk.isEmpty() && in.error() != QFileDevice::NoError) {
            return std::unexpected(RegistryError::make(
                ErrorCode::Io, UploadTr::tr("Cannot read %1: %2").arg(path, in.errorString())));
        }
        if (Result<Done> fed = decoder->feed(chunk, *out); !fed)
            return std::unexpected(fed.error());
        done += chunk.size();
        if (onProgress)
            onProgress(done, total);
    }
    if (!decoder->finished()) {
        return std::unexpected(
            damaged(path, compression, UploadTr::tr("the data ends in the middle")));
    }
    if (!out->flush()) {
        return std::unexpected(RegistryError::make(
            ErrorCode::Io,
            UploadTr::tr("Cannot write %1: %2").arg(out->fileName(), out->errorString())));
    }
    return out;
}

} // namespace Berth
