#include "transfer/partfile.h"

#include "transfer/transfertr.h"

#include <QFileInfo>

#include <filesystem>
#include <system_error>

namespace Berth {

namespace {
// `path`, or where the chain of links at `path` ends (QSaveFile's rule: a chain of more than
// 128 links is left as it is).
QString linkTarget(const QString &path)
{
    QFileInfo info(path);
    for (int depth = 0; depth < 128; ++depth) {
        if (!info.isSymLink())
            return info.filePath();
        info.setFile(info.symLinkTarget());
    }
    return path;
}
} // namespace

PartFile::PartFile(const QString &path)
    : m_path(linkTarget(path))
    , m_file(m_path + QStringLiteral(".part"))
{}

PartFile::~PartFile()
{
    discard();
}

Result<Done> PartFile::open()
{
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return std::unexpected(writeError(m_file.fileName(), m_file.errorString()));
    m_opened = true;
    return Done{};
}

Result<Done> PartFile::commit()
{
    const bool flushed = m_file.flush();
    const QString why = m_file.errorString();
    m_file.close();
    if (!flushed) {
        discard();
        return std::unexpected(writeError(m_file.fileName(), why));
    }
    // QFile::rename refuses an existing target; rename(2) replaces it in one step.
    std::error_code error;
    std::filesystem::rename(QFileInfo(m_file.fileName()).filesystemFilePath(),
                            QFileInfo(m_path).filesystemFilePath(), error);
    if (error) {
        discard();
        return std::unexpected(writeError(m_path, QString::fromStdString(error.message())));
    }
    m_opened = false; // the .part is PATH now
    return Done{};
}

void PartFile::discard()
{
    if (!m_opened)
        return;
    m_file.close();
    m_file.remove();
    m_opened = false;
}

} // namespace Berth
