#pragma once

#include <QTableView>

namespace Berth {

// A table view that says when the user selected all (Ctrl+A, or selectAll()): for a paged
// table that means every row of the repository, loaded or not.
class SelectAllTableView : public QTableView
{
    Q_OBJECT
public:
    using QTableView::QTableView;

    void selectAll() override
    {
        QTableView::selectAll();
        Q_EMIT allSelected();
    }

Q_SIGNALS:
    void allSelected();
};

} // namespace Berth
