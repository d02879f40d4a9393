#pragma once

#include "core/result.h"

#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringView>

namespace Berth {

// One member of a tar archive, as its header(s) describe it.
struct TarEntry
{
    enum class Type { File, Directory, Symlink, Hardlink, Other };

    QString name;          // normalized: no leading "./" or "/", no trailing "/", no "." parts
    qint64 dataOffset = 0; // where the member's bytes start in the archive file
    qint64 size = 0;       // 0 for links, directories and devices
    Type type = Type::Other;
    // Symlink: as stored, relative to the link's directory. Hardlink: an archive member name.
    QString linkTarget;
};

// The table of contents of an uncompressed tar archive (POSIX ustar, GNU, PAX, old v7),
// read from the 512-byte headers alone: member data is seeked over, never read, so indexing
// a multi-gigabyte `docker save` archive costs a few reads per member.
//
// Understood: ustar prefix + name; GNU 'L'/'K' long names and links; PAX 'x' records
// (path, linkpath, size; 'g' global headers are skipped); base-256 numeric fields;
// header checksums. The archive ends at a zero block or at the end of the file.
//
//   const Result<TarIndex> tar = TarIndex::read(path);
//   if (tar) {
//       const Result<TarEntry> manifest = tar->file(u"manifest.json"_s); // follows links
//       ... read manifest->size bytes at manifest->dataOffset of tar->path()
//   }
class TarIndex
{
public:
    // Reads the headers of `path`. With maxEntries > 0, stops quietly after that many members
    // (a cheap peek). Errors: not a tar (INVALID_ARGUMENT), a compressed file (INVALID_ARGUMENT,
    // saying how to decompress), a damaged header or member data cut short (INVALID_ARGUMENT),
    // a file that cannot be read (IO_ERROR).
    static Result<TarIndex> read(const QString &path, qsizetype maxEntries = 0);

    QString path() const { return m_path; } // absolute
    const QList<TarEntry> &entries() const { return m_entries; }

    // The member stored under `name` (normalized first), of any type, links not followed.
    // When a name occurs twice, the later member wins, as when extracting.
    const TarEntry *entry(const QString &name) const;
    bool contains(const QString &name) const { return entry(name) != nullptr; }

    // The regular file `name` names, following symlinks (relative to the link's directory)
    // and hardlinks, at most 8 hops. Errors (INVALID_ARGUMENT) for a missing member, a member
    // that is not a regular file, a link that leaves the archive, and a link loop.
    Result<TarEntry> file(const QString &name) const;

    // "a/./b//c/" -> "a/b/c"; "./x" -> "x"; "/x" -> "x". ".." parts are kept.
    static QString normalizeName(QStringView name);
    // "gzip", "zstd", "xz" or "bzip2" when the bytes begin with that format's magic, else empty.
    static QString compressionOf(QByteArrayView firstBytes);

private:
    QString m_path;
    QList<TarEntry> m_entries;
    QHash<QString, qsizetype> m_byName; // index into m_entries of each name's last member
};

} // namespace Berth
