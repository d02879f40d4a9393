#include "ui/icons.h"

#include <QFile>
#include <QHash>

namespace Berth::Icons {

QIcon icon(const QString &name)
{
    // freedesktop.org icon names for Berth's names.
    static const QHash<QString, QString> themeNames{
        {QStringLiteral("registry"), QStringLiteral("network-server")},
        {QStringLiteral("folder"), QStringLiteral("folder")},
        {QStringLiteral("repository"), QStringLiteral("package-x-generic")},
        {QStringLiteral("locked"), QStringLiteral("object-locked")},
        {QStringLiteral("unlocked"), QStringLiteral("object-unlocked")},
        {QStringLiteral("refresh"), QStringLiteral("view-refresh")},
        {QStringLiteral("copy"), QStringLiteral("edit-copy")},
        {QStringLiteral("delete"), QStringLiteral("edit-delete")},
        {QStringLiteral("lock"), QStringLiteral("object-locked")},
        {QStringLiteral("error"), QStringLiteral("dialog-error")},
        {QStringLiteral("manifest"), QStringLiteral("text-x-generic")},
        {QStringLiteral("tag"), QStringLiteral("tag")},
        {QStringLiteral("add"), QStringLiteral("list-add")},
        {QStringLiteral("remove"), QStringLiteral("list-remove")},
        {QStringLiteral("find"), QStringLiteral("edit-find")},
        {QStringLiteral("back"), QStringLiteral("go-previous")},
        {QStringLiteral("close"), QStringLiteral("window-close")},
        {QStringLiteral("retry"), QStringLiteral("view-refresh")},
        {QStringLiteral("quit"), QStringLiteral("application-exit")},
    };
    // Built once per name (resolving the theme and reading the fallback file is not cheap)
    // on the GUI thread, and never destroyed: an icon must not outlive the application.
    static auto *const cache = new QHash<QString, QIcon>;
    auto it = cache->constFind(name);
    if (it == cache->cend()) {
        // Only names that are bundled get a fallback (no warnings about missing files).
        const QString file = QStringLiteral(":/berth/icons/%1.svg").arg(name);
        const QIcon fallback = QFile::exists(file) ? QIcon(file) : QIcon();
        it = cache->insert(name, QIcon::fromTheme(themeNames.value(name, name), fallback));
    }
    return *it;
}

} // namespace Berth::Icons
