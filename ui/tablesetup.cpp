#include "ui/tablesetup.h"

#include <QHeaderView>
#include <QTableView>

namespace Berth {

void setUpItemTable(QTableView *view, QAbstractItemModel *model, int firstLockColumn)
{
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->setTabKeyNavigation(false); // Tab goes to the next pane, not the next cell
    view->setTextElideMode(Qt::ElideMiddle);
    view->verticalHeader()->hide();
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->horizontalHeader()->setHighlightSections(false);
    view->horizontalHeader()->setStretchLastSection(false);
    view->horizontalHeader()->setSortIndicatorShown(true);
    view->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder); // server order
    view->setSortingEnabled(true);
    // The lock columns fit what is on screen: measuring up to 1,000 rows of each after every
    // page was a quarter of the cost of loading 20,000 tags (bench/README.md).
    view->horizontalHeader()->setResizeContentsPrecision(0);
    for (int column = firstLockColumn; column < firstLockColumn + 4; ++column)
        view->horizontalHeader()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
}

} // namespace Berth
