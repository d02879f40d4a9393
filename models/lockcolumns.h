#pragma once

#include "core/attributes.h"

#include <QVariant>

namespace Berth {

// The four lock attributes as table columns, shared by the tag and manifest tables.
enum class Lock { Write, Delete, Read, List };

// Header text, e.g. "Write".
QString lockHeader(Lock lock);
// What the attribute means, for header tooltips and the lock dialog.
QString lockMeaning(Lock lock);
std::optional<bool> lockValue(const ChangeableAttributes &attributes, Lock lock);
void setLockValue(ChangeableAttributes &attributes, Lock lock, bool enabled);
// Data for a lock cell: DisplayRole "" (the view draws an icon), DecorationRole an icon,
// ToolTipRole "Write: enabled", LockStateRole the bool (or invalid when unknown).
QVariant lockData(const ChangeableAttributes &attributes, Lock lock, int role);
// Header data for a lock column: the name, and what it means as the tooltip.
QVariant lockHeaderData(Lock lock, int role);
// Tables keep the four lock columns together, Write first at `firstLockColumn`.
std::optional<Lock> lockAtColumn(int column, int firstLockColumn);

namespace Roles {
enum : int {
    LockState = Qt::UserRole + 100, // bool, invalid when the registry did not say
    Digest,                         // full digest of the row
    Name,                           // tag name / repository path
    Busy,                           // bool: data for this item is on its way
    Error,                          // QString: why loading this item failed
    Kind,                           // RepositoryModel: Registry, Folder or Repository
};
}

} // namespace Berth
