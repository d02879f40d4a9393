#pragma once

#include <QList>

#include <functional>

class QAbstractItemModel;
class QTableView;

namespace Berth {

// How the window sets up a tag or manifest table (RepositoryPane), and so what the browse
// bench measures: whole rows, several at once, one line each, in the server's order until
// a header is clicked; the four lock columns from `firstLockColumn` on are icons and stay
// as narrow as their contents.
void setUpItemTable(QTableView *view, QAbstractItemModel *model, int firstLockColumn);

// Keeps every column of `view` on screen, down to a window of 1024×640: the `stretch` columns
// (names, platforms) share what the others leave, eliding in the middle with all of the text
// on hover; when that leaves them less than `minStretchWidth` each, `compactLocks(true)` asks
// for one-letter lock column titles, so that those columns narrow to their icons.
void keepColumnsOnScreen(QTableView *view,
                         const QList<int> &stretch,
                         int firstLockColumn,
                         int minStretchWidth,
                         std::function<void(bool)> compactLocks);

} // namespace Berth
