#pragma once

#include "core/result.h"

#include <QFile>
#include <QString>

namespace Berth {

// A download's file: written as PATH.part beside PATH and renamed over PATH only by commit(),
// so nothing partial ever stands under the final name and a file already there stays as it
// was until then. A symbolic link at PATH is followed, as QSaveFile does: its target is what
// gets replaced. The .part is a plain random-access file (a ParallelDownload reads it back to
// hash it). Whatever does not commit, a failure or the object going away, removes the .part.
class PartFile
{
public:
    explicit PartFile(const QString &path);
    ~PartFile(); // removes the .part unless committed
    PartFile(const PartFile &) = delete;
    PartFile &operator=(const PartFile &) = delete;

    // Creates PATH.part, emptied if it was there: IO_ERROR "Cannot write PATH.part: why".
    Result<Done> open();
    QFile *file() { return &m_file; }
    // Flushes and closes the .part, then renames it over PATH in one step; on failure
    // IO_ERROR naming the file that could not be written, the .part removed, PATH untouched.
    Result<Done> commit();
    // Closes and removes the .part; PATH untouched.
    void discard();

private:
    QString m_path; // the final name (a link's target)
    QFile m_file;   // the .part
    bool m_opened = false;
};

} // namespace Berth
