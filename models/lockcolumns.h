#pragma once

#include "core/attributes.h"

#include <QIcon>
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
// The same for an item of a repository: where the repository has the attribute off (see
// inheritsLock), the cell shows that inherited lock distinctly (a greyed lock, a tooltip
// naming the repository, InheritedLock true) whatever the item's own value; LockState stays
// the item's own value.
QVariant lockData(const ChangeableAttributes &attributes,
                  const ChangeableAttributes &repository,
                  Lock lock,
                  int role);
// A repository with write, delete or read off locks that for every tag and manifest in it
// (listEnabled off only hides the repository itself from the catalog).
bool inheritsLock(const ChangeableAttributes &repository, Lock lock);
// The repository's own locks, for people: "write, delete" (empty: none).
QString repositoryLocksText(const ChangeableAttributes &repository);
// The lock icons of the tables (built once): enabled, disabled (locked).
const QIcon &lockIcon(bool enabled);
// Header data for a lock column: the name (`compact`: its first letter, for a narrow
// window), and what it means as the tooltip.
QVariant lockHeaderData(Lock lock, int role, bool compact = false);
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
    InheritedLock,                  // bool: the item's repository locks this attribute
};
}

} // namespace Berth
