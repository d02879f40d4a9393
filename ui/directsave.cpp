#include "ui/directsave.h"

#include <QDir>
#include <QFileInfo>
#include <QSysInfo>
#include <QUrl>

#include <algorithm>

namespace Berth {

namespace {
bool isSafe(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9')
           || c == u'.' || c == u'-' || c == u'_';
}

QString safePart(const QString &text)
{
    QString safe = text;
    for (QChar &c : safe) {
        if (!isSafe(c))
            c = u'_';
    }
    return safe;
}

bool hasControlCharacter(const QString &text)
{
    return std::any_of(text.cbegin(), text.cend(), [](QChar c) {
        return c.category() == QChar::Other_Control || c.category() == QChar::Other_Format;
    });
}

bool isLocalHost(const QString &host)
{
    return host.isEmpty() || host.compare(u"localhost", Qt::CaseInsensitive) == 0
           || host.compare(QSysInfo::machineHostName(), Qt::CaseInsensitive) == 0;
}

bool existsOrIsLink(const QString &path)
{
    const QFileInfo info(path);
    return info.exists() || info.isSymLink(); // a dangling link is not overwritten either
}

// `path`, or "name (2).ext" … beside it when that exists: empty when all are taken.
QString freePath(const QString &path)
{
    if (!existsOrIsLink(path))
        return path;
    const QFileInfo info(path);
    const QString suffix = info.suffix().isEmpty() ? QString() : u'.' + info.suffix();
    const QString base = info.fileName().chopped(suffix.size());
    for (int n = 2; n <= DirectSave::MaxCopies; ++n) {
        QString candidate = info.dir().filePath(base + QStringLiteral(" (%1)").arg(n) + suffix);
        if (!existsOrIsLink(candidate))
            return candidate;
    }
    return {};
}
} // namespace

QString DirectSave::fileName(const QString &repo, const QString &tag)
{
    QString name = safePart(repo) + u'-' + safePart(tag);
    if (repo.isEmpty() || tag.isEmpty())
        name = QStringLiteral("image");
    name.truncate(MaxNameLength);
    if (name.startsWith(u'.') || name.startsWith(u'-'))
        name[0] = u'_'; // no hidden file, no option
    return name + QStringLiteral(".tar");
}

DirectSave::Target DirectSave::target(const QByteArray &uri)
{
    QByteArray text = uri.trimmed();
    while (text.endsWith('\0'))
        text.chop(1);
    const QUrl url = QUrl::fromEncoded(text, QUrl::StrictMode);
    if (!url.isValid() || url.scheme() != u"file" || !isLocalHost(url.host()))
        return {'F', {}, tr("Only a folder on this computer can take an image.")};
    const QString path = url.path(QUrl::FullyDecoded); // (toLocalFile() keeps a host as //host)
    const QString name = QFileInfo(path).fileName();
    if (!QDir::isAbsolutePath(path) || QDir::cleanPath(path) != path || name.isEmpty()
        || name == u"." || name == u".." || hasControlCharacter(path))
        return {'E', {}, tr("The file manager named no usable file (%1).").arg(url.toString())};
    const QFileInfo folder(QFileInfo(path).absolutePath());
    if (!folder.isDir())
        return {'E', {}, tr("The folder %1 does not exist.").arg(folder.filePath())};
    if (!folder.isWritable())
        return {'E', {}, tr("The folder %1 cannot be written to.").arg(folder.filePath())};
    const QString free = freePath(path);
    if (free.isEmpty())
        return {'E', {}, tr("%1 and %2 copies of it exist already.").arg(path).arg(MaxCopies - 1)};
    return {'S', free, {}};
}

} // namespace Berth
