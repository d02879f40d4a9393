#pragma once

#include <QIcon>
#include <QString>

namespace Berth::Icons {

// An icon by Berth's name for it (registry, folder, repository, locked, unlocked, refresh,
// copy, delete, lock, error, manifest, tag, ...): the desktop theme's icon when the theme
// has one, else the bundled ":/berth/icons/<name>.svg".
QIcon icon(const QString &name);

} // namespace Berth::Icons
