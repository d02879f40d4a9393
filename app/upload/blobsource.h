#pragma once

#include <QFileInfo>
#include <QString>

namespace Berth {

// Where a blob's bytes are: a whole file, or a slice of one (a layer inside a tar archive).
struct BlobSource
{
    QString path;      // the file holding the bytes (a blob file, or the archive)
    qint64 offset = 0; // where the blob starts in that file
    qint64 size = 0;
    QString digest;    // "sha256:<64 hex>"; empty: computed while uploading
    QString mediaType; // from the descriptor that names it, if any

    static BlobSource wholeFile(const QString &path)
    {
        return {path, 0, QFileInfo(path).size(), {}, {}};
    }
};

} // namespace Berth
