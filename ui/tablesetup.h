#pragma once

class QAbstractItemModel;
class QTableView;

namespace Berth {

// How the window sets up a tag or manifest table (RepositoryPane), and so what the browse
// bench measures: whole rows, several at once, one line each, in the server's order until
// a header is clicked; the four lock columns from `firstLockColumn` on are icons and stay
// as narrow as their contents.
void setUpItemTable(QTableView *view, QAbstractItemModel *model, int firstLockColumn);

} // namespace Berth
