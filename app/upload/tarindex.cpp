#include "upload/tarindex.h"

#include "upload/uploadtr.h"

#include <QFile>
#include <QFileInfo>
#include <QStringList>

#include <algorithm>
#include <cstring>
#include <limits>
#include <optional>

namespace Berth {

namespace {

constexpr qint64 BlockSize = 512;
constexpr int MaxLinkHops = 8;
constexpr qint64 MaxMetadataSize = 1 << 20; // a GNU long name or a PAX header

// Header layout (POSIX.1-1988 ustar; GNU and PAX reuse it).
constexpr int NameAt = 0, NameLength = 100;
constexpr int SizeAt = 124, SizeLength = 12;
constexpr int ChecksumAt = 148, ChecksumLength = 8;
constexpr int TypeAt = 156;
constexpr int LinkAt = 157, LinkLength = 100;
constexpr int MagicAt = 257;
constexpr int PrefixAt = 345, PrefixLength = 155;

RegistryError invalid(const QString &message)
{
    return RegistryError::make(ErrorCode::InvalidArgument, message);
}

// A text field: the bytes before the first NUL.
QByteArrayView textField(const QByteArray &block, int at, int length)
{
    const QByteArrayView view(block.constData() + at, length);
    const qsizetype nul = view.indexOf('\0');
    return nul < 0 ? view : view.first(nul);
}

// An octal number (space or NUL padded), or GNU base-256 when the top bit of the first byte
// is set. Empty when malformed, negative or beyond qint64.
std::optional<qint64> numberField(QByteArrayView raw)
{
    constexpr quint64 Max = quint64(std::numeric_limits<qint64>::max());
    if (!raw.isEmpty() && (quint8(raw.front()) & 0x80)) {
        if (quint8(raw.front()) == 0xff)
            return std::nullopt; // negative
        quint64 value = quint8(raw.front()) & 0x7f;
        for (qsizetype i = 1; i < raw.size(); ++i) {
            if (value > (Max >> 8))
                return std::nullopt;
            value = (value << 8) | quint8(raw[i]);
        }
        return qint64(value);
    }
    qsizetype i = 0;
    while (i < raw.size() && (raw[i] == ' ' || raw[i] == '\0'))
        ++i;
    quint64 value = 0;
    for (; i < raw.size() && raw[i] >= '0' && raw[i] <= '7'; ++i) {
        if (value > (Max >> 3))
            return std::nullopt;
        value = value * 8 + quint64(raw[i] - '0');
    }
    for (; i < raw.size(); ++i) {
        if (raw[i] != ' ' && raw[i] != '\0')
            return std::nullopt;
    }
    return qint64(value);
}

bool checksumMatches(const QByteArray &block)
{
    const auto stored = numberField(QByteArrayView(block).sliced(ChecksumAt, ChecksumLength));
    if (!stored)
        return false;
    qint64 unsignedSum = 0;
    qint64 signedSum = 0; // some old tars summed signed chars
    for (qsizetype i = 0; i < BlockSize; ++i) {
        const char c = (i >= ChecksumAt && i < ChecksumAt + ChecksumLength) ? ' ' : block[i];
        unsignedSum += quint8(c);
        signedSum += qint8(c);
    }
    return *stored == unsignedSum || *stored == signedSum;
}

bool isZeroBlock(const QByteArray &block)
{
    return std::all_of(block.cbegin(), block.cend(), [](char c) { return c == '\0'; });
}

// Attributes carried over from PAX 'x' and GNU 'L'/'K' headers to the next member.
struct Pending
{
    std::optional<QString> path;
    std::optional<QString> linkPath;
    std::optional<qint64> size;
};

// PAX records: "<length> <key>=<value>\n", length counting the whole record.
bool parsePax(QByteArrayView data, Pending &pending)
{
    qsizetype pos = 0;
    while (pos < data.size() && data[pos] != '\0') {
        const qsizetype space = data.indexOf(' ', pos);
        if (space < 0)
            return false;
        bool ok = false;
        const qint64 length = data.sliced(pos, space - pos).toLongLong(&ok);
        if (!ok || length <= space - pos + 1 || length > data.size() - pos
            || data[pos + length - 1] != '\n') {
            return false;
        }
        const QByteArrayView record = data.sliced(space + 1, pos + length - space - 2);
        const qsizetype equals = record.indexOf('=');
        if (equals < 0)
            return false;
        const QByteArrayView key = record.first(equals);
        const QByteArrayView value = record.sliced(equals + 1);
        if (key == "path") {
            pending.path = QString::fromUtf8(value);
        } else if (key == "linkpath") {
            pending.linkPath = QString::fromUtf8(value);
        } else if (key == "size") {
            const qint64 size = value.toLongLong(&ok);
            if (!ok || size < 0)
                return false;
            pending.size = size;
        }
        pos += length;
    }
    return true;
}

TarEntry::Type typeOf(char flag)
{
    switch (flag) {
    case '0':
    case '\0':
    case '7': // contiguous file
        return TarEntry::Type::File;
    case '1':
        return TarEntry::Type::Hardlink;
    case '2':
        return TarEntry::Type::Symlink;
    case '5':
        return TarEntry::Type::Directory;
    default:
        return TarEntry::Type::Other;
    }
}

// Links, devices, directories and FIFOs store no data, whatever their size field says.
bool storesNoData(char flag)
{
    return flag >= '1' && flag <= '6';
}

} // namespace

QString TarIndex::normalizeName(QStringView name)
{
    QString out;
    out.reserve(name.size());
    for (const QStringView part : name.tokenize(u'/', Qt::SkipEmptyParts)) {
        if (part == u".")
            continue;
        if (!out.isEmpty())
            out += u'/';
        out += part;
    }
    return out;
}

QString TarIndex::compressionOf(QByteArrayView head)
{
    if (head.startsWith("\x1f\x8b"))
        return QStringLiteral("gzip");
    if (head.startsWith("\x28\xb5\x2f\xfd"))
        return QStringLiteral("zstd");
    if (head.startsWith("\xfd\x37\x7a\x58\x5a"))
        return QStringLiteral("xz");
    if (head.startsWith("BZh"))
        return QStringLiteral("bzip2");
    return {};
}

Result<TarIndex> TarIndex::read(const QString &path, qsizetype maxEntries)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return std::unexpected(RegistryError::make(
            ErrorCode::Io, UploadTr::tr("Cannot read %1: %2").arg(path, file.errorString())));
    }
    const qint64 fileSize = file.size();
    const auto readError = [&] {
        return RegistryError::make(
            ErrorCode::Io, UploadTr::tr("Cannot read %1: %2").arg(path, file.errorString()));
    };
    const auto readAt = [&](qint64 offset, qint64 length) -> std::optional<QByteArray> {
        if (!file.seek(offset))
            return std::nullopt;
        QByteArray bytes = file.read(length);
        if (bytes.size() != length && file.error() != QFileDevice::NoError)
            return std::nullopt;
        return bytes;
    };

    TarIndex index;
    index.m_path = QFileInfo(path).absoluteFilePath();
    if (fileSize == 0)
        return std::unexpected(
            invalid(UploadTr::tr("%1 is not a tar archive: the file is empty").arg(path)));

    Pending pending;
    bool first = true;
    for (qint64 offset = 0; offset < fileSize;) {
        const std::optional<QByteArray> block = readAt(offset, BlockSize);
        if (!block)
            return std::unexpected(readError());
        if (first) {
            const QString compression = compressionOf(*block);
            if (!compression.isEmpty()) {
                const QString tool = compression == u"gzip"    ? QStringLiteral("gunzip")
                                     : compression == u"zstd"  ? QStringLiteral("unzstd")
                                     : compression == u"bzip2" ? QStringLiteral("bunzip2")
                                                               : QStringLiteral("unxz");
                return std::unexpected(invalid(
                    UploadTr::tr("%1 is a compressed archive (%2); decompress it first (e.g. %3)")
                        .arg(path, compression, tool)));
            }
        }
        if (isZeroBlock(*block))
            break; // the end-of-archive marker (a short zero tail counts as one too)
        if (block->size() < BlockSize || !checksumMatches(*block)) {
            if (first)
                return std::unexpected(invalid(UploadTr::tr("%1 is not a tar archive").arg(path)));
            if (block->size() < BlockSize)
                return std::unexpected(invalid(
                    UploadTr::tr("%1 is truncated: it ends inside the tar header at byte %2")
                        .arg(path)
                        .arg(offset)));
            return std::unexpected(
                invalid(UploadTr::tr("%1 is damaged: bad tar header checksum at byte %2")
                            .arg(path)
                            .arg(offset)));
        }
        first = false;

        const char flag = block->at(TypeAt);
        const std::optional<qint64> headerSize
            = numberField(QByteArrayView(*block).sliced(SizeAt, SizeLength));
        if (!headerSize) {
            return std::unexpected(
                invalid(UploadTr::tr("%1 is damaged: invalid size in the tar header at byte %2")
                            .arg(path)
                            .arg(offset)));
        }
        const bool metadata = flag == 'L' || flag == 'K' || flag == 'x' || flag == 'g';
        qint64 size = *headerSize;
        if (!metadata && pending.size)
            size = *pending.size;
        const qint64 stored = (!metadata && storesNoData(flag)) ? 0 : size;
        const qint64 dataOffset = offset + BlockSize;

        QString name = QString::fromUtf8(textField(*block, NameAt, NameLength));
        if (std::memcmp(block->constData() + MagicAt, "ustar\0", 6) == 0) { // POSIX, not GNU
            const QByteArrayView prefix = textField(*block, PrefixAt, PrefixLength);
            if (!prefix.isEmpty())
                name = QString::fromUtf8(prefix) + u'/' + name;
        }
        if (stored > fileSize - dataOffset) {
            return std::unexpected(
                invalid(UploadTr::tr("%1 is truncated: member \"%2\" ends past the end of the file")
                            .arg(path, pending.path.value_or(name))));
        }

        if (flag == 'L' || flag == 'K' || flag == 'x') {
            if (size > MaxMetadataSize) {
                return std::unexpected(
                    invalid(UploadTr::tr("%1 is damaged: oversized tar extension header at byte %2")
                                .arg(path)
                                .arg(offset)));
            }
            const std::optional<QByteArray> data = readAt(dataOffset, size);
            if (!data)
                return std::unexpected(readError());
            if (flag == 'x') {
                if (!parsePax(*data, pending)) {
                    return std::unexpected(
                        invalid(UploadTr::tr("%1 is damaged: invalid PAX header at byte %2")
                                    .arg(path)
                                    .arg(offset)));
                }
            } else {
                const qsizetype nul = data->indexOf('\0');
                const QString text = QString::fromUtf8(nul < 0 ? *data : data->first(nul));
                (flag == 'L' ? pending.path : pending.linkPath) = text;
            }
        } else if (flag != 'g') {
            TarEntry entry;
            entry.type = typeOf(flag);
            if (entry.type == TarEntry::Type::File && name.endsWith(u'/'))
                entry.type = TarEntry::Type::Directory; // old v7 archives mark directories so
            entry.name = normalizeName(pending.path.value_or(name));
            entry.dataOffset = dataOffset;
            entry.size = stored;
            entry.linkTarget = pending.linkPath.value_or(
                QString::fromUtf8(textField(*block, LinkAt, LinkLength)));
            index.m_byName.insert(entry.name, index.m_entries.size());
            index.m_entries.append(entry);
            pending = {};
            if (maxEntries > 0 && index.m_entries.size() >= maxEntries)
                break;
        }
        offset = dataOffset + (stored + BlockSize - 1) / BlockSize * BlockSize;
    }
    return index;
}

namespace {

// Applies ".." parts; empty when the path climbs above the archive's root.
std::optional<QString> collapsePath(QStringView path)
{
    QStringList parts;
    for (const QStringView part : path.tokenize(u'/', Qt::SkipEmptyParts)) {
        if (part == u".")
            continue;
        if (part != u"..")
            parts.append(part.toString());
        else if (parts.isEmpty())
            return std::nullopt;
        else
            parts.removeLast();
    }
    return parts.join(u'/');
}

} // namespace

Result<TarEntry> TarIndex::file(const QString &name) const
{
    std::optional<QString> current = collapsePath(name);
    if (!current)
        return std::unexpected(
            invalid(UploadTr::tr("%1: \"%2\" leaves the archive").arg(m_path, name)));
    const TarEntry *link = nullptr; // the last link followed, for messages
    for (int hop = 0;; ++hop) {
        const TarEntry *found = entry(*current);
        if (!found && !link)
            return std::unexpected(
                invalid(UploadTr::tr("%1 has no member \"%2\"").arg(m_path, name)));
        if (!found) {
            return std::unexpected(invalid(
                UploadTr::tr("%1: link \"%2\" points to \"%3\", which is not in the archive")
                    .arg(m_path, link->name, *current)));
        }
        if (found->type == TarEntry::Type::File)
            return *found;
        if (found->type != TarEntry::Type::Symlink && found->type != TarEntry::Type::Hardlink) {
            return std::unexpected(
                invalid(UploadTr::tr("%1: \"%2\" is not a regular file").arg(m_path, found->name)));
        }
        if (hop == MaxLinkHops) {
            return std::unexpected(invalid(
                UploadTr::tr("%1: too many links from \"%2\" (a link loop?)").arg(m_path, name)));
        }
        link = found;
        if (found->type == TarEntry::Type::Hardlink) {
            current = collapsePath(found->linkTarget); // names a member from the archive root
        } else if (found->linkTarget.startsWith(u'/')) {
            current.reset(); // absolute: the host's file system, not the archive
        } else {
            const qsizetype slash = found->name.lastIndexOf(u'/');
            const QString joined = QStringView(found->name).first(qMax<qsizetype>(slash, 0)) + u'/'
                                   + found->linkTarget;
            current = collapsePath(joined);
        }
        if (!current) {
            return std::unexpected(
                invalid(UploadTr::tr("%1: link \"%2\" -> \"%3\" leaves the archive")
                            .arg(m_path, found->name, found->linkTarget)));
        }
    }
}

const TarEntry *TarIndex::entry(const QString &name) const
{
    const auto it = m_byName.constFind(normalizeName(name));
    return it == m_byName.cend() ? nullptr : &m_entries.at(*it);
}

} // namespace Berth
